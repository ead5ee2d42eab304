package org.switchboard.fakeasterisk;

import java.util.List;
import java.util.Optional;

/**
 * The channels the AMI actions Setvar, Redirect, Hangup and CoreShowChannels act on, and
 * what happens to them.
 */
interface ChannelControl {

	/** The live channels with what each is running, for CoreShowChannels. */
	List<ListedChannel> channels();

	Optional<FakeChannel> find(String name);

	/**
	 * Stores a variable Setvar gave the channel; the server pushes the VarSet event
	 * itself.
	 */
	void setVariable(FakeChannel channel, String name, String value);

	/** Moves the channel after the server answered "Redirect successful". */
	void redirect(FakeChannel channel, String context, String exten, int priority);

	/** Hangs the channel up after the server answered "Channel Hungup". */
	void hangUp(FakeChannel channel, int cause);

	/**
	 * A channel and the application it runs now.
	 *
	 * @param channel the channel
	 * @param application e.g. AGI or MusicOnHold
	 * @param applicationData the application's arguments
	 */
	record ListedChannel(FakeChannel channel, String application, String applicationData) {

	}

}
