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
	 * Asterisk ends this channel because it stops or restarts now
	 * ({@code core stop now}): a SoftHangupRequest with the shutdown reason (4), then the
	 * hang-up, as a real Asterisk 20 does for each of its channels. Its Shutdown event
	 * may never reach a client: a real one refused a Ping while shutting down and the
	 * link went first.
	 */
	public void endsChannelStoppingNow(String channel) {
		channel(channel).ifPresent((live) -> this.ami.push(AmiEvents.softHangupRequest(live, 4)));
		callerHangsUp(channel);
	}

	/**
	 * An agent's phone registers from this contact, as Asterisk 20 with chan_pjsip
	 * reports it (qualify on): PeerStatus Reachable, DeviceStateChange NOT_INUSE,
	 * ContactStatus NonQualified then Reachable, all in the same millisecond. From now on
	 * PJSIPShowEndpoint(s) list the contact and a Dial reaches the phone.
	 */
	public void phoneRegisters(String endpoint, String contactUri) {
		this.ami.phoneRegisters(endpoint, contactUri);
	}

	/** The phone unregisters: ContactStatus Removed; a Dial to it is CHANUNAVAIL. */
	public void phoneUnregisters(String endpoint) {
		this.ami.phoneUnregisters(endpoint);
	}

	/**
	 * The phone died and the qualify noticed: ContactStatus Unreachable; a Dial to it is
	 * CHANUNAVAIL.
	 */
	public void phoneDies(String endpoint) {
		this.ami.phoneDies(endpoint);
	}

	/**
	 * The Dial of the shipped {@code switchboard-connect}:
	 * {@code Dial(${SB_TARGET},${SB_RING_TIMEOUT},g)} with the variables the connect
	 * script set on the caller's channel. The caller waits in the dialplan until the Dial
	 * is over, then its next AGI ({@code dial-result}) is the test's to {@link #resume}.
	 */
	public FakeDial dialTarget(FakeChannel caller) {
		FakeDialplan.LiveChannel live = this.dialplan.live(caller.name())
			.orElseThrow(() -> new IllegalArgumentException("no such channel: " + caller.name()));
		String target = live.variables.get("SB_TARGET");
		if (target == null || target.isEmpty()) {
			throw new IllegalStateException("no SB_TARGET on " + caller.name() + " to dial");
		}
		String timeout = live.variables.getOrDefault("SB_RING_TIMEOUT", "20");
		return this.dialplan.dial(live, target, target + "," + timeout + ",g");
	}

	/**
	 * {@code Dial(dialString,20,g)} from a channel waiting in the dialplan, e.g. one the
	 * test declares here, parked (it leaves MusicOnHold) or after an AGI.
	 */
	public FakeDial dial(FakeChannel caller, String dialString) {
		FakeDialplan.LiveChannel live = this.dialplan.live(caller.name())
			.orElseGet(() -> this.dialplan.open(caller, null));
		if (live.parked) {
			this.ami.push(AmiEvents.musicOnHoldStop(live.channel));
			live.parked = false;
		}
		return this.dialplan.dial(live, dialString, dialString + ",20,g");
	}

	/**
	 * The agent's phone calls another phone, {@code _1XXX} of the shipped
	 * {@code switchboard-agents}, on a line of its own whatever its other lines do: a new
	 * channel {@code PJSIP/<endpoint>-…} with its own uniqueid runs
	 * {@code Dial(PJSIP/<exten>,30)}, then Hangup once the Dial is over.
	 */
	public FakeDial phoneCalls(String endpoint, String exten) {
		if (!exten.matches("1\\d{3}")) {
			throw new IllegalArgumentException("no internal extension " + exten + " in switchboard-agents");
		}
		String uniqueid = FakeChannel.nextUniqueid();
		FakeChannel line = new FakeChannel(FakeChannel.nextName("PJSIP/" + endpoint), uniqueid, uniqueid, endpoint,
				endpoint, "<unknown>", "<unknown>", "switchboard-agents", exten, 1, FakeChannel.State.DOWN);
		FakeDialplan.LiveChannel live = this.dialplan.open(line, endpoint);
		this.ami.push(AmiEvents.newchannel(line));
		this.ami.deviceChannels(endpoint, 1, null);
		live.channel = line.withState(FakeChannel.State.RING);
		this.ami.push(AmiEvents.newexten(live.channel, "NoOp", "Internal call " + endpoint + " -> " + exten));
		live.channel = live.channel.at("switchboard-agents", exten, 2);
		live.afterDial = (caller) -> {
			caller.channel = caller.channel.at("switchboard-agents", exten, 3);
			this.ami.push(AmiEvents.newexten(caller.channel, "Hangup", ""));
			this.dialplan.end(caller, 16, false);
		};
		return this.dialplan.dial(live, "PJSIP/" + exten, "PJSIP/" + exten + ",30");
	}

	/**
	 * The agent's phone places a call to an agent feature code of the shipped
	 * {@code switchboard-agents} ({@code *50} ready, {@code *51} pause, {@code *52} log
	 * out, {@code *53} log in) on a line of its own, whatever its other lines do: a new
	 * channel {@code PJSIP/<endpoint>-…} with its own uniqueid runs
	 * {@code AGI(agi://…/agent,<action>)}, then the confirmation Playback and Hangup
	 * (cause 16) once the script closed the socket. The phone's device state counts the
	 * channel: INUSE while it lives, unchanged when the phone was in use already.
	 */
	public FakeAgiCall phoneDials(String endpoint, String featureCode, int agiPort) {
		FeatureCode code = FeatureCode.of(featureCode);
		String channel = FakeChannel.nextName("PJSIP/" + endpoint);
		this.dialplan.prepare(channel, endpoint, (live) -> {
			boolean done = "SUCCESS".equals(live.variables.get("AGISTATUS"))
					&& !live.variables.getOrDefault("SB_NEXT", "").isEmpty();
			live.channel = live.channel.at(live.channel.context(), live.channel.exten(), live.channel.priority() + 2);
			this.ami.push(AmiEvents.newexten(live.channel, "Playback", done ? code.confirmation : "beeperr"));
			live.channel = live.channel.at(live.channel.context(), live.channel.exten(), live.channel.priority() + 1);
			this.ami.push(AmiEvents.newexten(live.channel, "Hangup", ""));
			this.dialplan.end(live, 16, false);
		});
		return FakeAgi.call("127.0.0.1", agiPort, "agent")
			.observer(this.dialplan)
			.channel(channel)
			.callerId(endpoint)
			.callerIdName(endpoint)
			.context("switchboard-agents")
			.extension(featureCode)
			.dnid(featureCode)
			.priority(4)
			.args(code.action)
			.start();
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

	/** The agent feature codes of the shipped dialplan and their confirmation prompts. */
	private enum FeatureCode {

		READY("*50", "ready", "activated"), PAUSE("*51", "pause", "de-activated"),
		LOGOUT("*52", "logout", "agent-loggedoff"), LOGIN("*53", "login", "agent-loginok");

		private final String code;

		private final String action;

		private final String confirmation;

		FeatureCode(String code, String action, String confirmation) {
			this.code = code;
			this.action = action;
			this.confirmation = confirmation;
		}

		static FeatureCode of(String code) {
			for (FeatureCode known : values()) {
				if (known.code.equals(code)) {
					return known;
				}
			}
			throw new IllegalArgumentException("no agent feature code " + code + " in switchboard-agents");
		}

	}

	/** Continues a call after an AMI Redirect moved its channel. */
	@FunctionalInterface
	public interface RedirectHook {

		void redirected(FakeChannel channel, String context, String exten);

	}

}
