/**
 * A stand-in for Asterisk 20 that speaks the real FastAGI and AMI wire protocols, so
 * tests exercise Switchboard as a real Asterisk would.
 */
package org.switchboard.fakeasterisk;
