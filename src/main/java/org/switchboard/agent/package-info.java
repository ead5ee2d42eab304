/** Agents, their skills and proficiency, presence and state. */
package org.switchboard.agent;
