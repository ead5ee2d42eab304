package org.switchboard.ivr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineContext;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.StateMachineEventResult.ResultType;
import org.springframework.statemachine.config.ObjectStateMachineFactory;
import org.springframework.statemachine.config.StateMachineFactory;
import org.springframework.statemachine.config.model.ConfigurationData;
import org.springframework.statemachine.config.model.DefaultStateMachineModel;
import org.springframework.statemachine.config.model.StateData;
import org.springframework.statemachine.config.model.StatesData;
import org.springframework.statemachine.config.model.TransitionData;
import org.springframework.statemachine.config.model.TransitionsData;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import reactor.core.publisher.Mono;

import org.switchboard.ivr.flow.Flow;
import org.switchboard.ivr.flow.Node;

/**
 * A flow compiled into a Spring Statemachine model once, and the machines made from it:
 * one drives one call at a time, and a machine whose call is over is kept, reset to the
 * flow's first node, for the next call of the same flow version, so that a call does not
 * pay for building one (a new flow version compiles a new FlowMachine, with machines of
 * its own). States are node ids; events are the outcomes of a node ({@code next},
 * {@code digit:1}, {@code failure}, {@code case:open}...). Statemachine types stay inside
 * this class, so the library can be swapped here alone.
 */
final class FlowMachine {

	static final String NEXT = "next";

	static final String FAILURE = "failure";

	static final String OTHERWISE = "otherwise";

	private final Flow flow;

	private final StateMachineFactory<String, String> factory;

	/** The most machines kept idle: as many as calls in the IVR at once, at most. */
	static final int MOST_KEPT = 256;

	/** Machines whose call is over, stopped, ready for the next call. */
	private final Queue<StateMachine<String, String>> idle = new ConcurrentLinkedQueue<>();

	private final AtomicInteger kept = new AtomicInteger();

	private FlowMachine(Flow flow, StateMachineFactory<String, String> factory) {
		this.flow = flow;
		this.factory = factory;
	}

	static String digit(char digit) {
		return "digit:" + digit;
	}

	static String branchCase(String value) {
		return "case:" + value;
	}

	/** Compiles the flow's transition table into a Statemachine model and factory. */
	static FlowMachine compile(Flow flow) {
		List<StateData<String, String>> states = new ArrayList<>();
		List<TransitionData<String, String>> transitions = new ArrayList<>();
		for (Node node : flow.nodes().values()) {
			// no end states: a machine that reached one completes and cannot be reset for
			// the next call; the walk ends at a terminal node by itself (IvrRunner)
			states.add(new StateData<>(node.id(), node.id().equals(flow.start())));
			switch (node) {
				case Node.Play play -> transitions.add(new TransitionData<>(play.id(), play.next(), NEXT));
				case Node.Menu menu -> {
					menu.options()
						.forEach((digit, target) -> transitions
							.add(new TransitionData<>(menu.id(), target, digit(digit))));
					transitions.add(new TransitionData<>(menu.id(), menu.failure(), FAILURE));
				}
				case Node.Collect collect -> {
					transitions.add(new TransitionData<>(collect.id(), collect.next(), NEXT));
					transitions.add(new TransitionData<>(collect.id(), collect.failure(), FAILURE));
				}
				case Node.Language language ->
					transitions.add(new TransitionData<>(language.id(), language.next(), NEXT));
				case Node.Branch branch -> {
					branch.cases()
						.forEach((value, target) -> transitions
							.add(new TransitionData<>(branch.id(), target, branchCase(value))));
					transitions.add(new TransitionData<>(branch.id(), branch.otherwise(), OTHERWISE));
				}
				case Node.Goto jump -> transitions.add(new TransitionData<>(jump.id(), jump.target(), NEXT));
				case Node.Route route -> {
				}
				case Node.Voicemail voicemail -> {
				}
				case Node.Callback callback -> {
				}
				case Node.Hangup hangup -> {
				}
			}
		}
		DefaultStateMachineModel<String, String> model = new DefaultStateMachineModel<>(new ConfigurationData<>(),
				new StatesData<>(states), new TransitionsData<>(transitions));
		return new FlowMachine(flow, new ObjectStateMachineFactory<>(model));
	}

	Flow flow() {
		return this.flow;
	}

	/** A machine not yet started, to measure creation apart from start. */
	Object create() {
		return this.factory.getStateMachine();
	}

	/**
	 * A machine for one call, started at the flow's first node: one kept from an earlier
	 * call, reset, or a new one.
	 */
	Run start() {
		StateMachine<String, String> machine = this.idle.poll();
		if (machine == null) {
			machine = this.factory.getStateMachine();
		}
		else {
			this.kept.decrementAndGet();
			StateMachineContext<String, String> first = new DefaultStateMachineContext<>(this.flow.start(), null, null,
					null);
			machine.getStateMachineAccessor()
				.doWithAllRegions((access) -> access.resetStateMachineReactively(first).block());
		}
		machine.startReactively().block();
		return new Run(machine, this);
	}

	/** Machines kept idle now. */
	int idle() {
		return this.kept.get();
	}

	/** A stopped machine, its call over, kept for the next call while there is room. */
	private void keep(StateMachine<String, String> machine) {
		machine.getExtendedState().getVariables().clear();
		if (this.kept.incrementAndGet() <= MOST_KEPT) {
			this.idle.offer(machine);
		}
		else {
			this.kept.decrementAndGet();
		}
	}

	/** One call's machine. Not thread-safe: one AGI session drives it. */
	static final class Run {

		private final StateMachine<String, String> machine;

		private final FlowMachine owner;

		private boolean stopped;

		private Run(StateMachine<String, String> machine, FlowMachine owner) {
			this.machine = machine;
			this.owner = owner;
		}

		String current() {
			return this.machine.getState().getId();
		}

		/** Fires an outcome; returns the node it led to. */
		String fire(String event) {
			StateMachineEventResult<String, String> result = this.machine
				.sendEvent(Mono.just(MessageBuilder.withPayload(event).build()))
				.blockFirst();
			boolean accepted = result != null && result.getResultType() == ResultType.ACCEPTED;
			if (!accepted) {
				throw new IllegalStateException("node '" + current() + "' has no transition for " + event);
			}
			return current();
		}

		/** Stops the machine and gives it back for another call; once only. */
		void stop() {
			if (this.stopped) {
				return;
			}
			this.stopped = true;
			this.machine.stopReactively().block();
			this.owner.keep(this.machine);
		}

		Map<Object, Object> variables() {
			return this.machine.getExtendedState().getVariables();
		}

	}

}
