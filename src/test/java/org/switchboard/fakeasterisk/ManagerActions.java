package org.switchboard.fakeasterisk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.switchboard.fakeasterisk.ChannelControl.ListedChannel;

/**
 * The AMI actions the fake answers, each with the response text and follow-up events of
 * Asterisk 20.20.1.
 */
final class ManagerActions {

	private static final Set<String> BEFORE_LOGIN = Set.of("challenge", "login", "logoff");

	private static final String VERSION_OUTPUT = "Asterisk " + AgiEnv.VERSION
			+ " built by root @ vm on a x86_64 running Linux on 2026-11-22 08:11:54 UTC";

	private final FakeAmiServer server;

	ManagerActions(FakeAmiServer server) {
		this.server = server;
	}

	/** Answers one action; false when the connection must close afterwards. */
	boolean answer(AmiSession session, AmiAction action) {
		String name = action.name().toLowerCase(Locale.ROOT);
		if (name.isEmpty()) {
			session.send(AmiResponse.error(action, "Missing action in request"));
			return true;
		}
		if (!session.loggedIn() && !BEFORE_LOGIN.contains(name)) {
			session.send(AmiResponse.error(action, "Permission denied"));
			return true;
		}
		switch (name) {
			case "login" -> {
				return login(session, action);
			}
			case "logoff" -> {
				session.send(AmiResponse.of("Goodbye", action).with("Message", "Thanks for all the fish."));
				return false;
			}
			case "challenge" -> challenge(session, action);
			case "ping" ->
				session.send(AmiResponse.success(action).with("Ping", "Pong").with("Timestamp", AmiEvents.timestamp()));
			case "coresettings" -> session.send(coreSettings(action));
			case "command" -> session.send(command(action));
			case "events" -> events(session, action);
			case "setvar" -> setvar(session, action);
			case "redirect" -> redirect(session, action);
			case "hangup" -> hangup(session, action);
			case "originate" -> originate(session, action);
			case "coreshowchannels" -> coreShowChannels(session, action);
			case "status" -> status(session, action);
			case "pjsipshowendpoints" -> pjsipShowEndpoints(session, action);
			case "pjsipshowendpoint" -> pjsipShowEndpoint(session, action);
			default -> session.send(AmiResponse.error(action, "Invalid/unknown command: " + action.name()
					+ ". Use Action: ListCommands to show available commands."));
		}
		return true;
	}

	private void challenge(AmiSession session, AmiAction action) {
		if (!"MD5".equalsIgnoreCase(action.get("AuthType"))) {
			session.send(AmiResponse.error(action, "Must specify AuthType"));
			return;
		}
		session.challenge(String.valueOf(ThreadLocalRandom.current().nextInt(100_000_000, 1_000_000_000)));
		session.send(AmiResponse.success(action).with("Challenge", session.challenge()));
	}

	private boolean login(AmiSession session, AmiAction action) {
		if (!authenticated(session, action)) {
			session.send(AmiResponse.error(action, "Authentication failed"));
			return false;
		}
		session.loggedIn(!"off".equalsIgnoreCase(action.get("Events")));
		session.send(AmiResponse.success(action).with("Message", "Authentication accepted"));
		if (this.server.wanted(AmiEvents.fullyBooted())) {
			session.deliver(AmiEvents.fullyBooted());
		}
		this.server.loggedIn();
		return true;
	}

	private boolean authenticated(AmiSession session, AmiAction action) {
		if (!this.server.username().equalsIgnoreCase(String.valueOf(action.get("Username")))) {
			return false;
		}
		if (action.get("Key") != null) {
			return "MD5".equalsIgnoreCase(action.get("AuthType")) && session.challenge() != null
					&& md5Hex(session.challenge() + this.server.secret()).equalsIgnoreCase(action.get("Key"));
		}
		return this.server.secret().equals(action.get("Secret"));
	}

	private static AmiResponse coreSettings(AmiAction action) {
		return AmiResponse.success(action)
			.with("AMIversion", "9.0.0")
			.with("AsteriskVersion", AgiEnv.VERSION)
			.with("SystemName", "")
			.with("CoreMaxCalls", "0")
			.with("CoreMaxLoadAvg", "0.000000")
			.with("CoreRunUser", "")
			.with("CoreRunGroup", "")
			.with("CoreMaxFilehandles", "0")
			.with("CoreRealTimeEnabled", "No")
			.with("CoreCDRenabled", "Yes")
			.with("CoreHTTPenabled", "No")
			.with("SoundsSearchCustomDir", "No");
	}

	private static AmiResponse command(AmiAction action) {
		String command = String.valueOf(action.get("Command")).trim();
		if (command.equalsIgnoreCase("core show version")) {
			return AmiResponse.success(action).with("Message", "Command output follows").with("Output", VERSION_OUTPUT);
		}
		return AmiResponse.error(action, "Command output follows")
			.with("Output", "No such command '" + command + "' (type 'core show help " + command
					+ "' for other possible commands)");
	}

	private static void events(AmiSession session, AmiAction action) {
		boolean on = !"off".equalsIgnoreCase(action.get("EventMask"));
		session.events(on);
		session.send(AmiResponse.success(action).with("Events", on ? "On" : "Off"));
	}

	private void setvar(AmiSession session, AmiAction action) {
		String variable = action.get("Variable");
		if (variable == null || variable.isEmpty()) {
			session.send(AmiResponse.error(action, "No variable specified"));
			return;
		}
		String value = Optional.ofNullable(action.get("Value")).orElse("");
		String name = action.get("Channel");
		if (name == null || name.isEmpty()) {
			session.send(AmiResponse.success(action).with("Message", "Variable Set"));
			return;
		}
		Optional<FakeChannel> channel = control().find(name);
		if (channel.isEmpty()) {
			session.send(AmiResponse.error(action, "No such channel"));
			return;
		}
		control().setVariable(channel.get(), variable, value);
		session.send(AmiResponse.success(action).with("Message", "Variable Set"));
		this.server.push(AmiEvents.varSet(channel.get(), variable, value));
	}

	private void redirect(AmiSession session, AmiAction action) {
		String name = action.get("Channel");
		String priority = action.get("Priority");
		String missing = (name == null || name.isEmpty()) ? "Channel not specified"
				: empty(action.get("Context")) ? "Context not specified" : empty(action.get("Exten"))
						? "Exten not specified" : empty(priority) ? "Priority not specified" : null;
		if (missing != null) {
			session.send(AmiResponse.error(action, missing));
			return;
		}
		if (!priority.trim().matches("\\d+") || Integer.parseInt(priority.trim()) < 1) {
			session.send(AmiResponse.error(action, "Priority is invalid"));
			return;
		}
		Optional<FakeChannel> channel = control().find(name);
		if (channel.isEmpty()) {
			session.send(AmiResponse.error(action, "Channel does not exist: " + name));
			return;
		}
		session.send(AmiResponse.success(action).with("Message", "Redirect successful"));
		control().redirect(channel.get(), action.get("Context"), action.get("Exten"),
				Integer.parseInt(priority.trim()));
	}

	private void hangup(AmiSession session, AmiAction action) {
		String name = action.get("Channel");
		if (empty(name)) {
			session.send(AmiResponse.error(action, "No channel specified"));
			return;
		}
		Optional<FakeChannel> channel = control().find(name);
		if (channel.isEmpty()) {
			session.send(AmiResponse.error(action, "No such channel"));
			return;
		}
		String cause = action.get("Cause");
		session.send(AmiResponse.success(action).with("Message", "Channel Hungup"));
		control().hangUp(channel.get(),
				(cause != null && cause.trim().matches("\\d+")) ? Integer.parseInt(cause.trim()) : 16);
	}

	private void originate(AmiSession session, AmiAction action) {
		if (empty(action.get("Channel"))) {
			session.send(AmiResponse.error(action, "Channel not specified"));
			return;
		}
		boolean async = Set.of("yes", "true", "y", "t", "1", "on")
			.contains(String.valueOf(action.get("Async")).trim().toLowerCase(Locale.ROOT));
		if (async) {
			session.send(AmiResponse.success(action).with("Message", "Originate successfully queued"));
			this.server.push(AmiEvents.originateResponse(action, this.server.originate(action)));
			return;
		}
		OriginateOutcome outcome = this.server.originate(action);
		session.send((outcome instanceof OriginateOutcome.Answered)
				? AmiResponse.success(action).with("Message", "Originate successfully queued")
				: AmiResponse.error(action, "Originate failed"));
	}

	private void coreShowChannels(AmiSession session, AmiAction action) {
		List<ListedChannel> channels = control().channels();
		session.send(listStart(action, "Channels will follow"));
		for (ListedChannel listed : channels) {
			AmiEvent item = AmiEvents.channelFields(withActionId(AmiEvent.of("CoreShowChannel"), action), "",
					listed.channel());
			session.send(item.with("Application", listed.application())
				.with("ApplicationData", listed.applicationData())
				.with("Duration", "00:00:01")
				.with("BridgeId", "")
				.wire());
		}
		session.send(listComplete("CoreShowChannelsComplete", action, channels.size()).wire());
	}

	private void status(AmiSession session, AmiAction action) {
		String only = action.get("Channel");
		List<ListedChannel> channels = control().channels()
			.stream()
			.filter((listed) -> empty(only) || listed.channel().name().equals(only))
			.toList();
		session.send(listStart(action, "Channel status will follow"));
		for (ListedChannel listed : channels) {
			AmiEvent item = AmiEvents.channelFields(AmiEvent.of("Status").with("Privilege", "Call"), "",
					listed.channel());
			item = item.with("Type", listed.channel().name().split("/")[0])
				.with("DNID", "")
				.with("EffectiveConnectedLineNum", listed.channel().connectedLineNum())
				.with("EffectiveConnectedLineName", listed.channel().connectedLineName())
				.with("TimeToHangup", "0")
				.with("BridgeID", "")
				.with("Application", listed.application())
				.with("Data", listed.applicationData())
				.with("Nativeformats", "(ulaw)")
				.with("Readformat", "ulaw")
				.with("Readtrans", "")
				.with("Writeformat", "ulaw")
				.with("Writetrans", "")
				.with("Callgroup", "0")
				.with("Pickupgroup", "0")
				.with("Seconds", "1");
			session.send(withActionId(item, action).wire());
		}
		session
			.send(listComplete("StatusComplete", action, channels.size()).with("Items", String.valueOf(channels.size()))
				.wire());
	}

	private void pjsipShowEndpoints(AmiSession session, AmiAction action) {
		List<FakeEndpoint> endpoints = this.server.endpoints();
		if (endpoints.isEmpty()) {
			session.send(AmiResponse.error(action, "No endpoints found"));
			return;
		}
		session.send(listStart(action, "A listing of Endpoints follows, presented as EndpointList events"));
		for (FakeEndpoint endpoint : endpoints) {
			AmiEvent item = withActionId(AmiEvent.of("EndpointList"), action).with("ObjectType", "endpoint")
				.with("ObjectName", endpoint.name())
				.with("Transport", "transport-udp")
				.with("Aor", endpoint.aor())
				.with("Auths", "")
				.with("OutboundAuths", "");
			if (!endpoint.aor().isEmpty()) {
				StringBuilder contacts = new StringBuilder();
				endpoint.contacts()
					.forEach((uri) -> contacts.append(endpoint.aor()).append('/').append(uri).append(','));
				item = item.with("Contacts", contacts.toString());
			}
			session.send(item.with("DeviceState", endpoint.state().text())
				.with("ActiveChannels", String.valueOf(endpoint.activeChannels()))
				.wire());
		}
		session.send(listComplete("EndpointListComplete", action, endpoints.size()).wire());
	}

	/**
	 * One endpoint with its transport, AOR and a ContactStatusDetail per contact (rule
	 * 23), a few of the ~140 EndpointDetail fields only.
	 */
	private void pjsipShowEndpoint(AmiSession session, AmiAction action) {
		String name = action.get("Endpoint");
		if (empty(name)) {
			session.send(AmiResponse.error(action, "Endpoint parameter missing."));
			return;
		}
		Optional<FakeEndpoint> found = this.server.endpoint(name);
		if (found.isEmpty()) {
			session.send(AmiResponse.error(action, "Unable to retrieve endpoint " + name));
			return;
		}
		FakeEndpoint endpoint = found.get();
		boolean aor = !endpoint.aor().isEmpty();
		session.send(listStart(action, "Following are Events for each object associated with the Endpoint"));
		session.send(withActionId(AmiEvent.of("EndpointDetail"), action).with("ObjectType", "endpoint")
			.with("ObjectName", endpoint.name())
			.with("RpidImmediate", "false")
			.with("Webrtc", "no")
			.with("Context", aor ? "switchboard-agents" : "switchboard-inbound")
			.with("Aors", endpoint.aor())
			.with("Transport", "transport-udp")
			.with("DeviceState", endpoint.state().text())
			.with("ActiveChannels", String.valueOf(endpoint.activeChannels()))
			.wire());
		session.send(withActionId(AmiEvent.of("TransportDetail"), action).with("ObjectType", "transport")
			.with("ObjectName", "transport-udp")
			.with("Protocol", "udp")
			.with("Bind", "0.0.0.0:5060")
			.with("EndpointName", endpoint.name())
			.wire());
		int items = 2;
		if (aor) {
			StringBuilder contacts = new StringBuilder();
			endpoint.contacts().forEach((uri) -> contacts.append(endpoint.aor()).append('/').append(uri).append(','));
			session.send(withActionId(AmiEvent.of("AorDetail"), action).with("ObjectType", "aor")
				.with("ObjectName", endpoint.aor())
				.with("MinimumExpiration", "60")
				.with("DefaultExpiration", "3600")
				.with("QualifyTimeout", "3.000000")
				.with("Qualify2xxOnly", "false")
				.with("Mailboxes", "")
				.with("SupportPath", "false")
				.with("RemoveUnavailable", "false")
				.with("VoicemailExtension", "")
				.with("MaxContacts", "1")
				.with("AuthenticateQualify", "false")
				.with("Contacts", contacts.toString())
				.with("MaximumExpiration", "7200")
				.with("QualifyFrequency", "5")
				.with("RemoveExisting", "false")
				.with("OutboundProxy", "")
				.with("TotalContacts", String.valueOf(endpoint.contacts().size()))
				.with("ContactsRegistered", String.valueOf(endpoint.contacts().size()))
				.with("EndpointName", endpoint.name())
				.wire());
			items++;
			for (String uri : endpoint.contacts()) {
				boolean unreachable = endpoint.contactStatus().equals("Unreachable");
				session.send(withActionId(AmiEvent.of("ContactStatusDetail"), action).with("AOR", endpoint.aor())
					.with("URI", uri)
					.with("UserAgent", "SIPp PJSIP agent " + endpoint.name())
					.with("RegExpire", String.valueOf(java.time.Instant.now().getEpochSecond() + 60))
					.with("ViaAddress", uri.substring(uri.indexOf('@') + 1))
					.with("CallID", "1-9641@127.0.0.1")
					.with("Status", endpoint.contactStatus())
					.with("RoundtripUsec", unreachable ? "N/A" : "480")
					.with("EndpointName", endpoint.name())
					.with("ID", endpoint.aor() + ";@" + Integer.toHexString(uri.hashCode()))
					.with("AuthenticateQualify", "0")
					.with("OutboundProxy", "")
					.with("Path", "")
					.with("QualifyFrequency", "5")
					.with("QualifyTimeout", "3.000")
					.wire());
				items++;
			}
		}
		session.send(listComplete("EndpointDetailComplete", action, items).wire());
	}

	private ChannelControl control() {
		return this.server.control();
	}

	private static AmiResponse listStart(AmiAction action, String message) {
		return AmiResponse.success(action).with("EventList", "start").with("Message", message);
	}

	private static AmiEvent listComplete(String name, AmiAction action, int items) {
		return withActionId(AmiEvent.of(name), action).with("EventList", "Complete")
			.with("ListItems", String.valueOf(items));
	}

	private static AmiEvent withActionId(AmiEvent event, AmiAction action) {
		return (action.actionId() != null) ? event.with("ActionID", action.actionId()) : event;
	}

	private static boolean empty(String value) {
		return value == null || value.isEmpty();
	}

	static String md5Hex(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("no MD5 in this JVM", ex);
		}
	}

}
