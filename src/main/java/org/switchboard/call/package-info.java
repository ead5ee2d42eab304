/**
 * The one API of a call: the dialplan contract, the ports a feature uses to run a call,
 * and Asterisk's facts as our own values.
 */
package org.switchboard.call;
