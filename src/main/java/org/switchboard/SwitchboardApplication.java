package org.switchboard;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import org.switchboard.ivr.simulate.SimulateCommand;

/**
 * Starts Switchboard, or with {@code simulate ...} calls a running one as Asterisk would.
 */
@SpringBootApplication
public class SwitchboardApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("simulate")) {
			System.exit(SimulateCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		SpringApplication.run(SwitchboardApplication.class, args);
	}

}
