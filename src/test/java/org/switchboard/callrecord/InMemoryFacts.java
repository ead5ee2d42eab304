package org.switchboard.callrecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Shared facts in memory: what several instances would share through Redis. */
final class InMemoryFacts implements SharedFacts {

	private final Map<String, List<Fact>> facts = new HashMap<>();

	private final Map<String, TreeSet<Instant>> wrapUps = new HashMap<>();

	private final Set<String> claims = new HashSet<>();

	@Override
	public synchronized void add(List<Noted> facts) {
		for (Noted noted : facts) {
			this.facts.computeIfAbsent(noted.callId(), (id) -> new ArrayList<>()).add(noted.fact());
		}
	}

	@Override
	public synchronized Map<String, List<Fact>> of(Collection<String> callIds) {
		Map<String, List<Fact>> facts = new HashMap<>();
		for (String callId : callIds) {
			facts.put(callId, List.copyOf(this.facts.getOrDefault(callId, List.of())));
		}
		return facts;
	}

	@Override
	public synchronized void wrapUpEnded(String agentId, Instant at) {
		this.wrapUps.computeIfAbsent(agentId, (id) -> new TreeSet<>()).add(at);
	}

	@Override
	public synchronized Map<String, List<Instant>> wrapUpEnds(Collection<String> agentIds, Instant since) {
		Map<String, List<Instant>> ends = new HashMap<>();
		for (String agentId : agentIds) {
			ends.put(agentId, List.copyOf(this.wrapUps.getOrDefault(agentId, new TreeSet<>()).tailSet(since)));
		}
		return ends;
	}

	@Override
	public synchronized Set<String> claimWrites(Collection<String> callIds, String version) {
		Set<String> ours = new HashSet<>();
		for (String callId : callIds) {
			if (this.claims.add(callId + ":" + version)) {
				ours.add(callId);
			}
		}
		return ours;
	}

}
