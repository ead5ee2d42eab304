package org.switchboard.fakeasterisk;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Asterisk as Switchboard sees it: one AMI server and the FastAGI calls it places, kept
 * consistent as one channel per call. A caller's hang-up, an AMI Redirect or Hangup reach
 * the script as Asterisk 20 delivers them, and the AMI events follow only once the script
 * closed its socket.
 */
public final class FakeAsterisk implements AutoCloseable {

	private final FakeAmiServer ami;

	private final FakeDialplan dialplan;

	private FakeAsterisk(FakeAmiServer ami) {
		this.ami = ami;
		this.dialplan = new FakeDialplan(ami);
		ami.control(this.dialplan);
	}

	/** Starts the AMI server on a free port. */
	public static FakeAsterisk start(String username, String secret) {
		return start(0, username, secret);
	}

	public static FakeAsterisk start(int amiPort, String username, String secret) {
		return new FakeAsterisk(FakeAmiServer.start(amiPort, username, secret));
	}

	public FakeAmiServer ami() {
		return this.ami;
	}

	/**
	 * A new call whose dialplan runs {@code AGI(agi://127.0.0.1:agiPort/script)}; its
	 * channel appears on AMI.
	 */
	public FakeAgi call(int agiPort, String script) {
		return FakeAgi.call("127.0.0.1", agiPort, script).observer(this.dialplan);
	}

	/**
	 * The next FastAGI session of a channel already in the dialplan, e.g. after a
	 * Redirect: same channel, uniqueid, caller id and dnid, the channel's current context
	 * and extension, and the variables set on it so far.
	 */
	public FakeAgi resume(FakeChannel channel, int agiPort, String script) {
		FakeDialplan.LiveChannel live = this.dialplan.live(channel.name())
			.orElseThrow(() -> new IllegalArgumentException("no such channel: " + channel.name()));
		FakeChannel now = live.channel;
		return FakeAgi.call("127.0.0.1", agiPort, script)
			.observer(this.dialplan)
			.channel(now.name())
			.uniqueId(now.uniqueid())
			.callerId(now.callerIdNum())
			.callerIdName(now.callerIdName())
			.dnid(live.dnid)
			.context(now.context())
			.extension(now.exten())
			.priority(now.priority());
	}

	/**
	 * Runs after an AMI Redirect moved a channel: for a channel that was in AGI, once its
	 * script closed the socket and before that session's awaitEnd returns; for a channel
	 * waiting in the dialplan, on its own thread right after the Redirect response.
	 */
	public void onRedirect(RedirectHook hook) {
		this.dialplan.onRedirect(hook);
	}

	/**
	 * Hears how long Switchboard took for each AGI turn: from the environment block or a
	 * reply going out to its next command coming in, in nanoseconds.
	 */
	public void onTurnaround(LongConsumer nanos) {
		this.dialplan.onTurnaround(nanos);
	}

	/**
	 * Puts the channel into MusicOnHold in the dialplan, outside AGI, so a Redirect moves
	 * it at once.
	 */
	public void park(FakeChannel channel) {
		this.dialplan.park(channel);
	}

	/**
	 * {@code Dial(...,g)} from {@code calling} (in the dialplan at its context, with
	 * these variables, e.g. SB_CALL) that {@code called} answered: they are bridged now.
	 * Then, as Asterisk does with option g, either party's hang-up decides what runs
	 * next.
	 */
	public AnsweredDial answeredDial(FakeChannel calling, FakeChannel called, Map<String, String> variables) {
		return this.dialplan.answeredDial(calling, called, variables);
	}

	/**
	 * The channel goes to the shipped switchboard-voicemail (its SB_MAILBOX set by
	 * Switchboard) and the caller speaks for {@code spoke} (zero: hangs up before the
	 * beep), then hangs up; answers the data VoiceMail ran with, e.g.
	 * {@code 1000@switchboard,u}.
	 */
	public String voicemail(String channel, java.time.Duration spoke) {
		FakeDialplan.LiveChannel live = this.dialplan.live(channel)
			.orElseThrow(() -> new IllegalArgumentException("no such channel: " + channel));
		return this.dialplan.voicemail(live, spoke);
	}

	/**
	 * The channel goes to switchboard-fallback, as the dialplan sends it when an AGI
	 * fails ({@code agiStatus} FAILURE) or names no next step.
	 */
	public void fallsBack(String channel, String agiStatus) {
		this.dialplan.live(channel).ifPresent((live) -> this.dialplan.fallback(live, agiStatus));
	}

	/** The channel as it is now, while it lives. */
	public Optional<FakeChannel> channel(String name) {
		return this.dialplan.live(name).map((live) -> live.channel);
	}

	/**
	 * The value of a channel variable, however it was set (AGI, AMI Setvar, the call's
	 * setup), or null.
	 */
	public String variable(String channel, String name) {
		return this.dialplan.live(channel).map((live) -> live.variables.get(name)).orElse(null);
	}

	/** The caller of this channel hangs up, in AGI or waiting in the dialplan. */
	public void callerHangsUp(String channel) {
		this.dialplan.live(channel).ifPresent(this.dialplan::callerHangsUp);
	}

	/**
	 * An agent's phone registers, as Asterisk 20 with chan_pjsip reports it (qualify on):
	 * PeerStatus Reachable, DeviceStateChange NOT_INUSE, ContactStatus NonQualified then
	 * Reachable, all in the same millisecond.
	 */
	public void phoneRegisters(String endpoint, String contactUri) {
		this.ami.push(AmiEvents.peerStatus("PJSIP/" + endpoint, "Reachable"));
		this.ami.push(AmiEvents.deviceStateChange("PJSIP/" + endpoint, DeviceState.NOT_INUSE));
		this.ami.push(AmiEvents.contactStatus(contactUri, "NonQualified", endpoint, endpoint, 0));
		this.ami.push(AmiEvents.contactStatus(contactUri, "Reachable", endpoint, endpoint, 480));
	}

	/**
	 * Drops running FastAGI sessions and stops the AMI server; fails if a redirect hook
	 * failed.
	 */
	@Override
	public void close() {
		this.dialplan.sessions().forEach(FakeAgiCall::close);
		this.ami.stop();
		List<Throwable> failures = this.dialplan.hookFailures();
		if (!failures.isEmpty()) {
			AssertionError failed = new AssertionError("redirect hook failed", failures.get(0));
			failures.stream().skip(1).forEach(failed::addSuppressed);
			throw failed;
		}
	}

	/** Continues a call after an AMI Redirect moved its channel. */
	@FunctionalInterface
	public interface RedirectHook {

		void redirected(FakeChannel channel, String context, String exten);

	}

}
