package org.switchboard.callrecord.web;

import java.time.Duration;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.switchboard.callrecord.CallRecord;

/**
 * One call record as a CSV row (RFC 4180); durations in seconds, the agents rung who did
 * not answer as a count.
 */
final class CallCsv {

	static final String HEADER = "call_id,arrived,line,caller,country,flow,queue,agent,outcome,short_abandon,csat,"
			+ "ivr_s,wait_s,ring_s,talk_s,hold_s,wrap_up_s,handle_s,answered,caller_hung_up,ivr_path,ring_no_answer";

	private CallCsv() {
	}

	static String row(CallRecord call) {
		CallRecord.Durations d = call.durations();
		CallRecord.Times t = call.times();
		return Stream
			.of(call.callId(), t.arrived(), call.line(), call.caller(), call.country(), call.flow(), call.queue(),
					call.agentId(), call.outcome().wire(), call.shortAbandon(), call.csat(), seconds(d.ivr()),
					seconds(d.queueWait()), seconds(d.ring()), seconds(d.talk()), seconds(d.hold()),
					seconds(d.wrapUp()), seconds(d.handle()), t.answered(), t.callerHungUp(),
					String.join(">", call.ivrPath()), call.ringNoAnswer().size())
			.map(CallCsv::field)
			.collect(Collectors.joining(","));
	}

	private static String seconds(Duration duration) {
		return (duration == null) ? null : String.valueOf(duration.toMillis() / 1000.0);
	}

	private static String field(Object value) {
		String text = Objects.toString(value, "");
		// a leading = + - @ would be a formula in a spreadsheet (a masked +49… too)
		if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

}
