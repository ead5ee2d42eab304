package org.switchboard.fakeasterisk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.switchboard.fakeasterisk.FakeAgiCall.Hangup;

/**
 * Keeps each channel one channel on both sides: a FastAGI session and the AMI events,
 * Setvar, Redirect and Hangup that concern it, with the timing rules of Asterisk 20
 * (events of a hang-up or redirect in AGI only after the script closed the socket).
 */
final class FakeDialplan implements ChannelControl, AgiCallObserver {

	private final FakeAmiServer ami;

	private final Map<String, LiveChannel> channels = new ConcurrentHashMap<>();

	private final Map<String, LiveChannel> dialling = new ConcurrentHashMap<>();

	private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();

	private final List<Throwable> hookFailures = new CopyOnWriteArrayList<>();

	private volatile FakeAsterisk.RedirectHook onRedirect = (channel, context, exten) -> {
	};

	private volatile LongConsumer turnarounds = (nanos) -> {
	};

	FakeDialplan(FakeAmiServer ami) {
		this.ami = ami;
	}

	FakeAmiServer ami() {
		return this.ami;
	}

	/**
	 * The next FastAGI session of this new channel is a channel of this device's phone
	 * (counted in its device state) and goes on in the dialplan with {@code afterAgi}
	 * once its script closed the socket.
	 */
	void prepare(String channel, String device, Consumer<LiveChannel> afterAgi) {
		this.prepared.put(channel, new Prepared(device, afterAgi));
	}

	/**
	 * Runs {@code Dial(dialString)} for a channel waiting in the dialplan; only
	 * {@code PJSIP/<endpoint>} is dialled.
	 */
	FakeDial dial(LiveChannel caller, String dialString, String appData) {
		if (!dialString.startsWith("PJSIP/") || dialString.contains("&") || dialString.contains("@")) {
			throw new IllegalArgumentException("the fake dials one PJSIP endpoint only, not " + dialString);
		}
		if (caller.agi != null || caller.dial != null) {
			throw new IllegalStateException(caller.channel.name() + " is busy in AGI or another Dial");
		}
		return new FakeDial(this, caller, dialString.substring("PJSIP/".length())).start(appData);
	}

	/** A channel the dialplan opened outside AGI, e.g. the phone a Dial rings. */
	LiveChannel open(FakeChannel channel, String device) {
		LiveChannel live = new LiveChannel(channel, "unknown");
		live.device = device;
		this.channels.put(channel.name(), live);
		return live;
	}

	/** The channel is gone; its events are the caller's to push. */
	void close(LiveChannel live) {
		this.channels.remove(live.channel.name());
	}

	/** The caller's Dial is over: the dialplan goes on at its next priority. */
	void dialOver(LiveChannel caller) {
		Consumer<LiveChannel> next = caller.afterDial;
		if (next != null) {
			caller.afterDial = null;
			next.accept(caller);
		}
	}

	void onRedirect(FakeAsterisk.RedirectHook hook) {
		this.onRedirect = hook;
	}

	void onTurnaround(LongConsumer turnarounds) {
		this.turnarounds = turnarounds;
	}

	@Override
	public void turnaround(FakeAgiCall call, long nanos) {
		this.turnarounds.accept(nanos);
	}

	List<Throwable> hookFailures() {
		return List.copyOf(this.hookFailures);
	}

	Optional<LiveChannel> live(String name) {
		return Optional.ofNullable(this.channels.get(name));
	}

	List<FakeAgiCall> sessions() {
		return this.channels.values().stream().map((live) -> live.agi).filter(Objects::nonNull).toList();
	}

	/**
	 * Puts a channel into MusicOnHold in the dialplan, outside any AGI, registering it if
	 * it is new.
	 */
	void park(FakeChannel channel) {
		LiveChannel live = this.channels.computeIfAbsent(channel.name(), (name) -> new LiveChannel(channel, "unknown"));
		live.parked = true;
		this.ami.push(AmiEvents.newexten(live.channel, "MusicOnHold", ""));
		this.ami.push(AmiEvents.musicOnHoldStart(live.channel));
	}

	AnsweredDial answeredDial(FakeChannel calling, FakeChannel called, Map<String, String> variables) {
		LiveChannel live = this.channels.computeIfAbsent(calling.name(), (name) -> new LiveChannel(calling, "unknown"));
		live.channel = live.channel.at(calling.context(), calling.exten(), calling.priority());
		live.variables.putAll(variables);
		live.variables.put("DIALSTATUS", "ANSWER");
		String bridge = "bridge-" + calling.uniqueid();
		this.ami.push(AmiEvents.dialBegin(live.channel, called, called.name()));
		this.ami.push(AmiEvents.dialEnd(live.channel, called, "ANSWER"));
		this.ami.push(AmiEvents.bridgeEnter(bridge, 1, called));
		this.ami.push(AmiEvents.bridgeEnter(bridge, 2, live.channel));
		return new AnsweredDial(this, live, called, bridge);
	}

	/** The bridge ends: both leave it, and the called channel is gone. */
	void unbridge(LiveChannel live, FakeChannel called, String bridge) {
		this.ami.push(AmiEvents.bridgeLeave(bridge, 1, called));
		this.ami.push(AmiEvents.bridgeLeave(bridge, 0, live.channel));
		this.ami.push(AmiEvents.hangup(called, 16));
	}

	/**
	 * The channel that ran the dialplan hung up: only its context's {@code h} extension
	 * runs (an AGI there in dead mode), then the channel is gone.
	 */
	Optional<FakeAgiCall> hangUpToH(LiveChannel live, String host, int agiPort) {
		this.ami.push(AmiEvents.hangupRequest(live.channel));
		Optional<ShippedDialplan.HangupAgi> h = ShippedDialplan.hangupAgi(live.channel.context(), live.variables);
		if (h.isEmpty()) {
			end(live, 16, false);
			return Optional.empty();
		}
		FakeChannel now = live.channel;
		return Optional.of(FakeAgi.call(host, agiPort, h.get().script())
			.observer(this)
			.channel(now.name())
			.uniqueId(now.uniqueid())
			.callerId(now.callerIdNum())
			.dnid(live.dnid)
			.context(now.context())
			.extension("h")
			.args(h.get().args().toArray(String[]::new))
			.onDeadChannel()
			.start());
	}

	/**
	 * The shipped switchboard-voicemail: {@code VoiceMail(<SB_MAILBOX or the fallback
	 * mailbox>@switchboard,u)} with a hang-up handler that raises UserEvent
	 * SwitchboardVoicemail with VMSTATUS. A mailbox voicemail.conf lacks fails at once
	 * ("No entry in voicemail config file"); else the caller speaks, then hangs up, and a
	 * message is saved when they spoke for minsecs (2 s) or more.
	 */
	String voicemail(LiveChannel live, Duration spoke) {
		String mailbox = live.variables.getOrDefault("SB_MAILBOX", "");
		String data = (mailbox.isEmpty() ? ShippedDialplan.global("SB_FALLBACK_MAILBOX") : mailbox) + "@switchboard,u";
		live.channel = live.channel.at("switchboard-voicemail", "s", 3);
		this.ami.push(AmiEvents.newexten(live.channel, "VoiceMail", data));
		boolean known = ShippedDialplan.mailboxes().contains(data.substring(0, data.indexOf('@')));
		boolean saved = known && spoke.compareTo(Duration.ofSeconds(2)) >= 0;
		if (known) {
			this.ami.push(AmiEvents.hangupRequest(live.channel));
		}
		this.ami
			.push(AmiEvents.userEvent(live.channel, "SwitchboardVoicemail", "Status", saved ? "SUCCESS" : "FAILED"));
		end(live, known ? 0 : 16, false);
		return data;
	}

	/** The shipped switchboard-fallback's first step: UserEvent SwitchboardFallback. */
	void fallback(LiveChannel live, String agiStatus) {
		if (live.parked) {
			this.ami.push(AmiEvents.musicOnHoldStop(live.channel));
			live.parked = false;
		}
		live.channel = live.channel.at("switchboard-fallback", "s", 1);
		this.ami.push(AmiEvents.userEvent(live.channel, "SwitchboardFallback", "AgiStatus", agiStatus));
	}

	/**
	 * The caller hangs up: in AGI as a scripted caller would, in the dialplan at once.
	 */
	void callerHangsUp(LiveChannel live) {
		FakeAgiCall agi = live.agi;
		if (agi != null) {
			agi.hangUpNow();
			return;
		}
		FakeDial dial = live.dial;
		if (dial != null) {
			dial.callerGone(true);
			end(live, 16, false);
			return;
		}
		this.ami.push(AmiEvents.hangupRequest(live.channel));
		end(live, 16, true);
	}

	@Override
	public Map<String, String> dialling(AgiEnv env, Map<String, String> variables) {
		LiveChannel live = this.channels.get(env.channel());
		if (live == null) {
			live = new LiveChannel(new FakeChannel(env.channel(), env.uniqueId(), env.uniqueId(), env.callerId(),
					env.callerIdName(), "<unknown>", "<unknown>", env.context(), env.extension(), env.priority(),
					FakeChannel.State.UP), env.dnid());
			Prepared prepared = this.prepared.remove(env.channel());
			if (prepared != null) {
				live.device = prepared.device();
				live.afterAgi = prepared.afterAgi();
			}
		}
		live.channel = live.channel.at(env.context(), env.extension(), env.priority());
		live.variables.putAll(variables);
		List<String> agiArgs = new ArrayList<>(List.of(env.request()));
		agiArgs.addAll(env.args());
		live.agiData = String.join(",", agiArgs);
		this.dialling.put(env.channel(), live);
		return live.variables;
	}

	@Override
	public void started(FakeAgiCall call) {
		LiveChannel live = this.dialling.remove(call.channel());
		live.agi = call;
		if (this.channels.putIfAbsent(call.channel(), live) == null) {
			this.ami.push(AmiEvents.newchannel(live.channel.withState(FakeChannel.State.DOWN)));
			this.ami.push(AmiEvents.newstate(live.channel));
			if (live.device != null) {
				this.ami.deviceChannels(live.device, 1, null);
			}
		}
		this.ami.push(AmiEvents.newexten(live.channel, "AGI", live.agiData));
	}

	@Override
	public void hungUp(FakeAgiCall call, Hangup hangup) {
		live(call.channel()).ifPresent((live) -> {
			if (hangup == Hangup.CALLER) {
				this.ami.push(AmiEvents.hangupRequest(live.channel));
			}
			else if (hangup == Hangup.SCRIPT) {
				this.ami.push(AmiEvents.softHangupRequest(live.channel, 32));
			}
		});
	}

	@Override
	public void variableSet(FakeAgiCall call, String name, String value) {
		live(call.channel()).ifPresent((live) -> this.ami.push(AmiEvents.varSet(live.channel, name, value)));
	}

	@Override
	public void ended(FakeAgiCall call, AgiTranscript transcript, Hangup hangup) {
		LiveChannel live = this.channels.get(call.channel());
		if (live == null) {
			return;
		}
		live.agi = null;
		String status = (hangup != null) ? "HANGUP" : transcript.agiStatus();
		live.variables.put("AGISTATUS", status);
		this.ami.push(AmiEvents.varSet(live.channel, "AGISTATUS", status));
		if (hangup == Hangup.REDIRECT) {
			move(live, live.redirectTo);
			runHook(live);
		}
		else if (hangup == Hangup.MANAGER) {
			end(live, live.hangupCause, false);
		}
		else if (hangup != null) {
			end(live, 0, false);
		}
		else if (live.afterAgi != null) {
			live.afterAgi.accept(live);
		}
	}

	@Override
	public List<ListedChannel> channels() {
		List<ListedChannel> listed = new ArrayList<>();
		this.channels.values()
			.forEach((live) -> listed.add((live.agi != null) ? new ListedChannel(live.channel, "AGI", live.agiData)
					: (live.application != null)
							? new ListedChannel(live.channel, live.application, live.applicationData)
							: new ListedChannel(live.channel, live.parked ? "MusicOnHold" : "Wait", "")));
		listed.addAll(this.ami.listed().channels());
		return listed;
	}

	@Override
	public Optional<FakeChannel> find(String name) {
		return live(name).map((live) -> live.channel).or(() -> this.ami.listed().find(name));
	}

	@Override
	public void setVariable(FakeChannel channel, String name, String value) {
		live(channel.name()).ifPresentOrElse((live) -> live.variables.put(name, value),
				() -> this.ami.listed().setVariable(channel, name, value));
	}

	@Override
	public void redirect(FakeChannel channel, String context, String exten, int priority) {
		LiveChannel live = this.channels.get(channel.name());
		if (live == null) {
			this.ami.listed().redirect(channel, context, exten, priority);
			return;
		}
		Target target = new Target(context, exten, priority);
		FakeAgiCall agi = live.agi;
		if (agi != null) {
			live.redirectTo = target;
			if (agi.interrupt(Hangup.REDIRECT) || live.agi != null) {
				return;
			}
		}
		move(live, target);
		Thread.ofVirtual().name("fake-asterisk-redirect").start(() -> runHook(live));
	}

	@Override
	public void hangUp(FakeChannel channel, int cause) {
		LiveChannel live = this.channels.get(channel.name());
		if (live == null) {
			this.ami.listed().hangUp(channel, cause);
			return;
		}
		FakeAgiCall agi = live.agi;
		if (agi != null) {
			live.hangupCause = cause;
			if (agi.interrupt(Hangup.MANAGER) || live.agi != null) {
				return;
			}
		}
		FakeDial dial = live.dial;
		if (dial != null && dial.agentLeg().map((leg) -> leg.name().equals(channel.name())).orElse(false)) {
			dial.agentHungUpByManager(cause);
			return;
		}
		if (dial != null) {
			dial.callerGone(false);
		}
		end(live, cause, true);
	}

	private void move(LiveChannel live, Target target) {
		if (live.parked) {
			this.ami.push(AmiEvents.musicOnHoldStop(live.channel));
			live.parked = false;
		}
		live.channel = live.channel.at(target.context(), target.exten(), target.priority());
		this.ami.push(AmiEvents.newexten(live.channel, "NoOp", ""));
	}

	private void runHook(LiveChannel live) {
		try {
			this.onRedirect.redirected(live.channel, live.channel.context(), live.channel.exten());
		}
		catch (RuntimeException | AssertionError ex) {
			this.hookFailures.add(ex);
		}
	}

	/**
	 * The channel's last events: SoftHangupRequest (the dialplan run ended), then Hangup
	 * with the Q.850 cause.
	 */
	void end(LiveChannel live, int cause, boolean leavesMusicOnHold) {
		this.channels.remove(live.channel.name());
		if (leavesMusicOnHold && live.parked) {
			this.ami.push(AmiEvents.musicOnHoldStop(live.channel));
		}
		this.ami.push(AmiEvents.softHangupRequest(live.channel, 16));
		this.ami.push(AmiEvents.hangup(live.channel, cause));
		if (live.device != null) {
			this.ami.deviceChannels(live.device, -1, null);
		}
	}

	/** What a new channel of a phone is and does after its AGI. */
	private record Prepared(String device, Consumer<LiveChannel> afterAgi) {

	}

	/** Where a Redirect sends a channel. */
	private record Target(String context, String exten, int priority) {

	}

	/**
	 * One channel the fake Asterisk runs, across the FastAGI sessions it goes through.
	 */
	static final class LiveChannel {

		final Map<String, String> variables = new ConcurrentHashMap<>();

		final String dnid;

		volatile FakeChannel channel;

		volatile FakeAgiCall agi;

		volatile String agiData = "";

		volatile boolean parked;

		volatile Target redirectTo;

		volatile int hangupCause = 16;

		/**
		 * The endpoint whose phone this channel belongs to, e.g. 1001; null for callers.
		 */
		volatile String device;

		/** The application it runs outside AGI, e.g. Dial or AppDial, or null. */
		volatile String application;

		volatile String applicationData = "";

		/** The Dial this channel is a leg of, while it runs. */
		volatile FakeDial dial;

		/** What the dialplan does once the AGI ended on its own, or null to wait. */
		volatile Consumer<LiveChannel> afterAgi;

		/** What the dialplan does once a Dial is over, or null to wait. */
		volatile Consumer<LiveChannel> afterDial;

		LiveChannel(FakeChannel channel, String dnid) {
			this.channel = channel;
			this.dnid = dnid;
		}

	}

}
