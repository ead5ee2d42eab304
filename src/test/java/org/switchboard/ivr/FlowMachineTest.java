package org.switchboard.ivr;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * One call's machine, and the machines kept for the next calls of the same flow: a kept
 * machine starts the next call at the first node as a new one would, whatever the call
 * before it did.
 */
class FlowMachineTest {

	private final FlowMachine flow = TestFlows.everyNode();

	@Test
	void aMachineKeptFromAnEndedCallStartsTheNextCallAtTheFirstNode() {
		FlowMachine.Run first = this.flow.start();
		walkToTheMenu(first);
		assertThat(first.fire(FlowMachine.digit('9'))).isEqualTo("bye");
		first.stop();
		assertThat(this.flow.idle()).isEqualTo(1);

		FlowMachine.Run next = this.flow.start();

		assertThat(this.flow.idle()).as("the kept machine was taken").isZero();
		assertThat(next.current()).isEqualTo("language");
		walkToTheMenu(next);
		assertThat(next.fire(FlowMachine.digit('2'))).isEqualTo("info");
		next.stop();
	}

	@Test
	void aCallerWhoHungUpMidMenuLeavesNothingForTheNextCaller() {
		FlowMachine.Run hungUp = this.flow.start();
		walkToTheMenu(hungUp);
		hungUp.stop();
		// stopping twice (a finally after a hang-up) keeps the machine once
		hungUp.stop();
		assertThat(this.flow.idle()).isEqualTo(1);

		FlowMachine.Run next = this.flow.start();

		assertThat(next.current()).isEqualTo("language");
		// the menu's keys mean nothing before the menu
		assertThatIllegalStateException().isThrownBy(() -> next.fire(FlowMachine.digit('9')))
			.withMessageContaining("'language' has no transition");
		next.stop();
	}

	@Test
	void callsAtOnceEachHaveAMachineOfTheirOwn() {
		FlowMachine.Run one = this.flow.start();
		FlowMachine.Run two = this.flow.start();
		walkToTheMenu(one);

		assertThat(two.current()).isEqualTo("language");
		one.stop();
		two.stop();
		assertThat(this.flow.idle()).isEqualTo(2);
	}

	private static void walkToTheMenu(FlowMachine.Run call) {
		assertThat(call.current()).isEqualTo("language");
		assertThat(call.fire(FlowMachine.NEXT)).isEqualTo("open");
		assertThat(call.fire(FlowMachine.branchCase("open"))).isEqualTo("country");
		assertThat(call.fire(FlowMachine.branchCase("DE"))).isEqualTo("menu");
	}

}
