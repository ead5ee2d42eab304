/**
 * Country of a call, schedule evaluation, the routing decision, the waiting line and
 * agent claims.
 */
package org.switchboard.routing;
