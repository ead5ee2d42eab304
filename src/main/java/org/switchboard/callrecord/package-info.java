/** The life of one call, its outcome and durations, KPIs and meters. */
package org.switchboard.callrecord;
