/** The few helpers more than one feature needs. */
package org.switchboard.common;
