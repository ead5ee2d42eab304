package org.switchboard.telephony;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.event.UserEvent;

/**
 * The dialplan's own AMI markers ({@code UserEvent(SwitchboardFallback,...)} and
 * {@code UserEvent(SwitchboardVoicemail,Status: ...)} in dialplans/extensions.conf), as
 * Asterisk-Java beans: it drops a user event whose class was not registered. Public only
 * because Asterisk-Java builds them by reflection.
 */
public final class AmiUserEvents {

	private AmiUserEvents() {
	}

	static void registerOn(ManagerConnection connection) {
		connection.registerUserEventClass(SwitchboardFallbackEvent.class);
		connection.registerUserEventClass(SwitchboardVoicemailEvent.class);
	}

	/** A channel entered switchboard-fallback. */
	@AsteriskMapping("SwitchboardFallback")
	public static final class SwitchboardFallbackEvent extends UserEvent {

		private static final long serialVersionUID = 1L;

		private String linkedId;

		private String agiStatus;

		public SwitchboardFallbackEvent(Object source) {
			super(source);
		}

		public String getLinkedId() {
			return this.linkedId;
		}

		public void setLinkedId(String linkedId) {
			this.linkedId = linkedId;
		}

		public String getAgiStatus() {
			return this.agiStatus;
		}

		public void setAgiStatus(String agiStatus) {
			this.agiStatus = agiStatus;
		}

	}

	/** A channel left VoiceMail, with its VMSTATUS. */
	@AsteriskMapping("SwitchboardVoicemail")
	public static final class SwitchboardVoicemailEvent extends UserEvent {

		private static final long serialVersionUID = 1L;

		private String linkedId;

		private String status;

		public SwitchboardVoicemailEvent(Object source) {
			super(source);
		}

		public String getLinkedId() {
			return this.linkedId;
		}

		public void setLinkedId(String linkedId) {
			this.linkedId = linkedId;
		}

		public String getStatus() {
			return this.status;
		}

		public void setStatus(String status) {
			this.status = status;
		}

	}

}
