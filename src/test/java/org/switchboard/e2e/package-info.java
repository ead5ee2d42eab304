/**
 * The end-to-end suite: a real Asterisk with the project's configuration, SIPp callers
 * and phones, Switchboard.
 */
package org.switchboard.e2e;
