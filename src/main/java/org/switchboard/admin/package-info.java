/** The admin REST API, the web UI and who may use them. */
package org.switchboard.admin;
