package org.switchboard.fakeasterisk;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel as Asterisk's AMI events describe it; the event factories in
 * {@link AmiEvents} take their standard channel fields from it.
 *
 * @param name e.g. PJSIP/carrier-00000001
 * @param uniqueid e.g. 1795335526.0
 * @param linkedid the uniqueid of the call's first channel
 * @param callerIdNum the caller id number
 * @param callerIdName the caller id name
 * @param connectedLineNum the other party's number, {@code <unknown>} until connected
 * @param connectedLineName the other party's name, {@code <unknown>} until connected
 * @param context the dialplan context
 * @param exten the dialplan extension
 * @param priority the dialplan priority
 * @param state the channel state
 */
public record FakeChannel(String name, String uniqueid, String linkedid, String callerIdNum, String callerIdName,
		String connectedLineNum, String connectedLineName, String context, String exten, int priority, State state) {

	private static final long EPOCH = Instant.now().getEpochSecond();

	private static final AtomicInteger UNIQUEIDS = new AtomicInteger();

	private static final AtomicInteger NAMES = new AtomicInteger(0x100);

	/**
	 * An answered channel with a fresh uniqueid, starting a call of its own, at priority
	 * 1 of context default, s.
	 */
	public static FakeChannel of(String name, String callerIdNum, String callerIdName) {
		String uniqueid = nextUniqueid();
		return new FakeChannel(name, uniqueid, uniqueid, callerIdNum, callerIdName, "<unknown>", "<unknown>", "default",
				"s", 1, State.UP);
	}

	/** A fresh channel name for a technology and endpoint, e.g. PJSIP/1001-00000101. */
	public static String nextName(String device) {
		return String.format("%s-%08x", device, NAMES.incrementAndGet());
	}

	/** A fresh uniqueid in Asterisk's epoch.sequence form. */
	public static String nextUniqueid() {
		return EPOCH + "." + UNIQUEIDS.getAndIncrement();
	}

	public FakeChannel withState(State state) {
		return new FakeChannel(this.name, this.uniqueid, this.linkedid, this.callerIdNum, this.callerIdName,
				this.connectedLineNum, this.connectedLineName, this.context, this.exten, this.priority, state);
	}

	/** The channel at this place in the dialplan. */
	public FakeChannel at(String context, String exten, int priority) {
		return new FakeChannel(this.name, this.uniqueid, this.linkedid, this.callerIdNum, this.callerIdName,
				this.connectedLineNum, this.connectedLineName, context, exten, priority, this.state);
	}

	/**
	 * The channel connected to the other party, whose caller id becomes this one's
	 * connected line.
	 */
	public FakeChannel connectedTo(FakeChannel other) {
		return new FakeChannel(this.name, this.uniqueid, this.linkedid, this.callerIdNum, this.callerIdName,
				other.callerIdNum, other.callerIdName, this.context, this.exten, this.priority, this.state);
	}

	/** The channel as part of the call the other channel started (same linkedid). */
	public FakeChannel linkedTo(FakeChannel other) {
		return new FakeChannel(this.name, this.uniqueid, other.linkedid, this.callerIdNum, this.callerIdName,
				this.connectedLineNum, this.connectedLineName, this.context, this.exten, this.priority, this.state);
	}

	/**
	 * Channel states with the code and text AMI reports in ChannelState and
	 * ChannelStateDesc.
	 */
	public enum State {

		DOWN(0, "Down"), RESERVED(1, "Rsrvd"), OFF_HOOK(2, "OffHook"), DIALING(3, "Dialing"), RING(4, "Ring"),
		RINGING(5, "Ringing"), UP(6, "Up"), BUSY(7, "Busy");

		private final int code;

		private final String text;

		State(int code, String text) {
			this.code = code;
			this.text = text;
		}

		public int code() {
			return this.code;
		}

		public String text() {
			return this.text;
		}

	}

}
