package org.switchboard.fakeasterisk;

import java.util.List;
import java.util.Optional;

/**
 * A bridged {@code Dial(...,g)}, as Asterisk 20 ends it: when the CALLED party hangs up,
 * the calling channel goes on to the next priority (the shipped dialplan's
 * {@code dial-result}); when the calling channel hangs up, the dialplan stops and only
 * its context's {@code h} extension runs.
 */
public final class AnsweredDial {

	private final FakeDialplan dialplan;

	private final FakeDialplan.LiveChannel calling;

	private final FakeChannel called;

	private final String bridge;

	AnsweredDial(FakeDialplan dialplan, FakeDialplan.LiveChannel calling, FakeChannel called, String bridge) {
		this.dialplan = dialplan;
		this.calling = calling;
		this.called = called;
		this.bridge = bridge;
	}

	/**
	 * The called party hangs up: the calling channel goes on with
	 * {@code AGI(dial-result,${DIALSTATUS},${SB_CALL})}, not yet started.
	 */
	public FakeAgi calledHangsUp(int agiPort) {
		this.dialplan.unbridge(this.calling, this.called, this.bridge);
		FakeChannel now = this.calling.channel;
		String callId = this.calling.variables.getOrDefault("SB_CALL", "");
		return FakeAgi.call("127.0.0.1", agiPort, "dial-result")
			.observer(this.dialplan)
			.channel(now.name())
			.uniqueId(now.uniqueid())
			.callerId(now.callerIdNum())
			.context(now.context())
			.extension(now.exten())
			.args(List.of("ANSWER", callId).toArray(String[]::new));
	}

	/**
	 * The calling channel hangs up: the bridge ends, and the {@code h} extension's AGI
	 * runs in dead mode if the shipped dialplan has one there.
	 */
	public Optional<FakeAgiCall> callingHangsUp(int agiPort) {
		this.dialplan.unbridge(this.calling, this.called, this.bridge);
		return this.dialplan.hangUpToH(this.calling, "127.0.0.1", agiPort);
	}

}
