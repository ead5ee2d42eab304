/**
 * Asterisk at the edge: the FastAGI server, the AMI link, its events as values, and call
 * control.
 */
package org.switchboard.telephony;
