/** The caller's IVR: flows, their state machines and prompts in the caller's language. */
package org.switchboard.ivr;
