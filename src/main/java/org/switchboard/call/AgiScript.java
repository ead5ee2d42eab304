package org.switchboard.call;

import java.util.function.Consumer;

/**
 * One decision point of the dialplan, reached as {@code agi://host:port/<name>}. Every
 * Spring bean of this type is served by the FastAGI server under its {@link #name()}.
 */
public interface AgiScript {

	/** The path of the AGI URL that runs this script, e.g. {@code ivr}. */
	String name();

	/**
	 * Serves one AGI session. A {@link ChannelGoneException} thrown from any command may
	 * escape: the server then ends the session quietly.
	 */
	void handle(AgiCall call);

	/**
	 * A script made of a name and a body, for scripts too small for a class of their own.
	 */
	static AgiScript of(String name, Consumer<AgiCall> body) {
		return new AgiScript() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public void handle(AgiCall call) {
				body.accept(call);
			}

			@Override
			public String toString() {
				return "AgiScript[" + name + "]";
			}

		};
	}

}
