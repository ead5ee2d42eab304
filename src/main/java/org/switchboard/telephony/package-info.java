/**
 * Asterisk at the edge: the FastAGI server, the AMI link and call control, which turn
 * Asterisk's facts into the values of {@code org.switchboard.call} and hide behind its
 * ports.
 */
package org.switchboard.telephony;
