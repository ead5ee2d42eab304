package org.switchboard.ivr.flow;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlowProblemTest {

	@Test
	void readsAsFileLineNodeFieldAndMessage() {
		FlowProblem problem = new FlowProblem("support.yml", "main", "options.7", 42, "unknown target 'billingg'");

		assertThat(problem).hasToString("support.yml:42: node 'main', field 'options.7': unknown target 'billingg'");
	}

	@Test
	void leavesOutThePartsItDoesNotKnow() {
		assertThat(new FlowProblem("support.yml", null, "lines", 0, "no lines"))
			.hasToString("support.yml: field 'lines': no lines");
		assertThat(new FlowProblem("support.yml", "vm", null, 30, "not reachable from start 'main'"))
			.hasToString("support.yml:30: node 'vm': not reachable from start 'main'");
		assertThat(new FlowProblem("support.yml", null, null, 3, "not valid YAML: oops"))
			.hasToString("support.yml:3: not valid YAML: oops");
	}

	@Test
	void invalidFlowMessageListsEveryProblem() {
		InvalidFlowException invalid = new InvalidFlowException(
				List.of(new FlowProblem("support.yml", null, "start", 3, "unknown start node 'mian'"),
						new FlowProblem("support.yml", "main", "retries", 9, "not within 0..10: 12")));

		assertThat(invalid.problems()).hasSize(2);
		assertThat(invalid).hasMessage("""
				invalid flow support.yml, 2 problems:
				  support.yml:3: field 'start': unknown start node 'mian'
				  support.yml:9: node 'main', field 'retries': not within 0..10: 12""");
	}

}
