package org.switchboard.fakeasterisk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Channels a test declared on the AMI server alone, each waiting in the dialplan (as in
 * Wait()): a Redirect moves it at once, a Hangup ends it at once.
 */
final class ListedChannels implements ChannelControl {

	private final Map<String, FakeChannel> channels = new LinkedHashMap<>();

	private final Consumer<AmiEvent> push;

	ListedChannels(Consumer<AmiEvent> push) {
		this.push = push;
	}

	synchronized void replace(List<FakeChannel> channels) {
		this.channels.clear();
		channels.forEach((channel) -> this.channels.put(channel.name(), channel));
	}

	@Override
	public synchronized List<ListedChannel> channels() {
		List<ListedChannel> listed = new ArrayList<>();
		this.channels.values().forEach((channel) -> listed.add(new ListedChannel(channel, "Wait", "")));
		return listed;
	}

	@Override
	public synchronized Optional<FakeChannel> find(String name) {
		return Optional.ofNullable(this.channels.get(name));
	}

	@Override
	public void setVariable(FakeChannel channel, String name, String value) {
	}

	@Override
	public void redirect(FakeChannel channel, String context, String exten, int priority) {
		FakeChannel moved = channel.at(context, exten, priority);
		synchronized (this) {
			this.channels.replace(channel.name(), moved);
		}
		this.push.accept(AmiEvents.newexten(moved, "NoOp", ""));
	}

	@Override
	public void hangUp(FakeChannel channel, int cause) {
		synchronized (this) {
			this.channels.remove(channel.name());
		}
		this.push.accept(AmiEvents.softHangupRequest(channel, 16));
		this.push.accept(AmiEvents.hangup(channel, cause));
	}

}
