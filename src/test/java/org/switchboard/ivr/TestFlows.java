package org.switchboard.ivr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.switchboard.ivr.flow.FlowReader;

/**
 * Reads and compiles the test flows of src/test/resources/flows and the shipped examples.
 */
final class TestFlows {

	private TestFlows() {
	}

	static FlowMachine compile(String path) {
		Path file = Path.of(path);
		try {
			return FlowMachine.compile(new FlowReader().read(file.getFileName().toString(), Files.readString(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static FlowMachine everyNode() {
		return compile("src/test/resources/flows/every-node.yml");
	}

}
