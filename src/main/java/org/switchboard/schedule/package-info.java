/**
 * Country schedules: when each country's line is open, to which team, and what widens or
 * replaces it; the document admins edit, its checks, and its evaluation at an instant.
 */
package org.switchboard.schedule;
