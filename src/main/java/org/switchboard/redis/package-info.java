/** The shared Redis client, the site's key namespace and Lua scripts run by SHA. */
package org.switchboard.redis;
