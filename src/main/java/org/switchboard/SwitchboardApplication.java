package org.switchboard;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import org.switchboard.ivr.simulate.SimulateCommand;

/**
 * Starts Switchboard, or with {@code simulate ...} calls a running one as Asterisk would.
 */
@SpringBootApplication
public class SwitchboardApplication {

	private static final Logger log = LoggerFactory.getLogger(SwitchboardApplication.class);

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("simulate")) {
			System.exit(SimulateCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		SpringApplication.run(SwitchboardApplication.class, args);
		// run after every bean has stopped and before logging stops (handlers run in the
		// reverse order of their adding, and logging's was added during the start)
		SpringApplication.getShutdownHandlers().add(() -> log.info("Switchboard stopped"));
	}

}
