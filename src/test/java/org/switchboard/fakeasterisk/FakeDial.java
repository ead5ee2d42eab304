package org.switchboard.fakeasterisk;

import java.util.Optional;
import java.util.UUID;

/**
 * One {@code Dial(PJSIP/<endpoint>,<timeout>,g)} of the fake dialplan, on AMI as Asterisk
 * 20.20.1 with chan_pjsip sends it (rule 21, sections 9c and 9d). A phone without a
 * Reachable or NonQualified contact fails at once: DIALSTATUS CHANUNAVAIL, HANGUPCAUSE 3,
 * no channel, no DialBegin or DialEnd. Otherwise the phone rings on a channel of its own
 * (Newchannel, DialBegin with DialString {@code 1001}, Newstate Ringing,
 * DeviceStateChange RINGING, DialState RINGING) until the test answers it (DialEnd
 * ANSWER, BridgeCreate, two BridgeEnter) or lets it ring out (DialEnd NOANSWER). After
 * the agent hangs up (HangupRequest cause 16, BridgeLeave, Hangup, BridgeLeave,
 * BridgeDestroy) the caller goes on in the dialplan with DIALSTATUS set, as option g
 * does.
 */
public final class FakeDial {

	private final FakeDialplan dialplan;

	private final FakeDialplan.LiveChannel caller;

	private final String endpoint;

	private final String bridgeId = UUID.randomUUID().toString();

	private FakeDialplan.LiveChannel callee;

	private boolean bridged;

	private String status;

	FakeDial(FakeDialplan dialplan, FakeDialplan.LiveChannel caller, String endpoint) {
		this.dialplan = dialplan;
		this.caller = caller;
		this.endpoint = endpoint;
	}

	/**
	 * DIALSTATUS once the Dial is over (CHANUNAVAIL, NOANSWER, ANSWER ...), else null.
	 */
	public synchronized String status() {
		return this.status;
	}

	/** The channel that dials, as it is now. */
	public FakeChannel caller() {
		return this.caller.channel;
	}

	/** The channel of the agent's phone while it rings or talks. */
	public synchronized Optional<FakeChannel> agentLeg() {
		return Optional.ofNullable(this.callee).map((live) -> live.channel);
	}

	/** The ringing phone answers: the two channels are bridged. */
	public synchronized FakeDial answer() {
		requireRinging("answer");
		FakeAmiServer ami = this.dialplan.ami();
		FakeDialplan.LiveChannel agent = this.callee;
		agent.channel = agent.channel.withState(FakeChannel.State.UP);
		ami.push(AmiEvents.newstate(agent.channel));
		ami.deviceChannels(this.endpoint, 0, DeviceState.INUSE);
		ami.push(AmiEvents.varSet(this.caller.channel, "DIALSTATUS", "ANSWER"));
		ami.push(AmiEvents.dialEnd(this.caller.channel, agent.channel, "ANSWER"));
		this.caller.channel = this.caller.channel.connectedTo(agent.channel);
		ami.push(AmiEvents.bridgeCreate(this.bridgeId));
		ami.push(AmiEvents.bridgeEnter(this.bridgeId, 1, agent.channel));
		ami.push(AmiEvents.bridgeEnter(this.bridgeId, 2, this.caller.channel));
		this.bridged = true;
		return this;
	}

	/**
	 * The agent hangs up the bridged call (BYE): their channel goes, the bridge is
	 * destroyed, and the caller goes on with DIALSTATUS ANSWER.
	 */
	public synchronized FakeDial agentHangsUp() {
		if (!this.bridged) {
			throw new IllegalStateException("the phone of " + this.endpoint + " is not on the call");
		}
		FakeAmiServer ami = this.dialplan.ami();
		FakeDialplan.LiveChannel agent = this.callee;
		ami.push(AmiEvents.hangupRequest(agent.channel, 16));
		ami.push(AmiEvents.bridgeLeave(this.bridgeId, 1, agent.channel));
		agentGone(16);
		ami.push(AmiEvents.bridgeLeave(this.bridgeId, 0, this.caller.channel));
		ami.push(AmiEvents.bridgeDestroy(this.bridgeId));
		this.bridged = false;
		over("ANSWER");
		return this;
	}

	/**
	 * The phone rang out (the Dial's timeout): DialEnd NOANSWER, the agent's channel hung
	 * up with cause 16 (a CANCEL), the caller goes on with DIALSTATUS NOANSWER.
	 */
	public synchronized FakeDial noAnswer() {
		requireRinging("ring out");
		this.dialplan.ami().push(AmiEvents.dialEnd(this.caller.channel, this.callee.channel, "NOANSWER"));
		agentGone(16);
		over("NOANSWER");
		return this;
	}

	/** Starts the Dial: the phone rings, or the Dial is over at once. */
	synchronized FakeDial start(String appData) {
		FakeAmiServer ami = this.dialplan.ami();
		this.caller.dial = this;
		this.caller.application = "Dial";
		this.caller.applicationData = appData;
		ami.push(AmiEvents.newexten(this.caller.channel, "Dial", appData));
		ami.push(AmiEvents.varSet(this.caller.channel, "DIALSTATUS", ""));
		boolean reachable = ami.endpoint(this.endpoint).map(FakeEndpoint::reachable).orElse(false);
		if (!reachable) {
			this.caller.variables.put("HANGUPCAUSE", "3");
			over("CHANUNAVAIL");
			return this;
		}
		FakeChannel caller = this.caller.channel;
		String uniqueid = FakeChannel.nextUniqueid();
		FakeChannel agent = new FakeChannel(FakeChannel.nextName("PJSIP/" + this.endpoint), uniqueid, caller.linkedid(),
				this.endpoint, this.endpoint, caller.callerIdNum(), caller.callerIdName(), "switchboard-agents", "s", 1,
				FakeChannel.State.DOWN);
		this.callee = this.dialplan.open(agent, this.endpoint);
		this.callee.application = "AppDial";
		this.callee.applicationData = "(Outgoing Line)";
		this.callee.dial = this;
		ami.push(AmiEvents.newchannel(agent));
		ami.push(AmiEvents.dialBegin(caller, agent, this.endpoint));
		this.callee.channel = agent.withState(FakeChannel.State.RINGING);
		ami.push(AmiEvents.newstate(this.callee.channel));
		ami.deviceChannels(this.endpoint, 1, DeviceState.RINGING);
		ami.push(AmiEvents.dialState(caller, this.callee.channel, "RINGING"));
		return this;
	}

	/**
	 * The caller went away while the Dial ran (a BYE, or else an AMI Hangup): a ringing
	 * phone stops (DialEnd CANCEL), a bridged agent is hung up; the caller's channel ends
	 * afterwards.
	 */
	synchronized void callerGone(boolean bye) {
		FakeAmiServer ami = this.dialplan.ami();
		if (bye) {
			ami.push(this.bridged ? AmiEvents.hangupRequest(this.caller.channel, 16)
					: AmiEvents.hangupRequest(this.caller.channel));
		}
		if (this.bridged) {
			ami.push(AmiEvents.bridgeLeave(this.bridgeId, 1, this.caller.channel));
			ami.push(AmiEvents.bridgeLeave(this.bridgeId, 0, this.callee.channel));
			ami.push(AmiEvents.bridgeDestroy(this.bridgeId));
			this.bridged = false;
		}
		else if (this.callee != null) {
			ami.push(AmiEvents.dialEnd(this.caller.channel, this.callee.channel, "CANCEL"));
		}
		if (this.callee != null) {
			agentGone(16);
		}
		this.status = (this.status != null) ? this.status : "CANCEL";
		this.caller.dial = null;
	}

	/** The agent's channel was hung up by an AMI Hangup action. */
	synchronized void agentHungUpByManager(int cause) {
		FakeAmiServer ami = this.dialplan.ami();
		ami.push(AmiEvents.softHangupRequest(this.callee.channel, 16));
		if (this.bridged) {
			ami.push(AmiEvents.bridgeLeave(this.bridgeId, 1, this.callee.channel));
			agentGone(cause);
			ami.push(AmiEvents.bridgeLeave(this.bridgeId, 0, this.caller.channel));
			ami.push(AmiEvents.bridgeDestroy(this.bridgeId));
			this.bridged = false;
			over("ANSWER");
			return;
		}
		ami.push(AmiEvents.dialEnd(this.caller.channel, this.callee.channel, "NOANSWER"));
		agentGone(cause);
		over("NOANSWER");
	}

	private void agentGone(int cause) {
		FakeDialplan.LiveChannel agent = this.callee;
		this.dialplan.close(agent);
		this.dialplan.ami().push(AmiEvents.hangup(agent.channel, cause));
		this.dialplan.ami().deviceChannels(this.endpoint, -1, null);
		this.callee = null;
	}

	private void over(String dialStatus) {
		this.status = dialStatus;
		this.caller.variables.put("DIALSTATUS", dialStatus);
		this.dialplan.ami().push(AmiEvents.varSet(this.caller.channel, "DIALSTATUS", dialStatus));
		this.caller.dial = null;
		this.caller.application = null;
		this.dialplan.dialOver(this.caller);
	}

	private void requireRinging(String what) {
		if (this.callee == null || this.bridged) {
			throw new IllegalStateException("cannot " + what + ": the phone of " + this.endpoint + " is not ringing");
		}
	}

}
