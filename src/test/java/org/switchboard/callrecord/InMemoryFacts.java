package org.switchboard.callrecord;

import java.time.Instant;
import java.util.ArrayList;
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
	public synchronized void add(String callId, Fact fact) {
		this.facts.computeIfAbsent(callId, (id) -> new ArrayList<>()).add(fact);
	}

	@Override
	public synchronized List<Fact> of(String callId) {
		return List.copyOf(this.facts.getOrDefault(callId, List.of()));
	}

	@Override
	public synchronized void wrapUpEnded(String agentId, Instant at) {
		this.wrapUps.computeIfAbsent(agentId, (id) -> new TreeSet<>()).add(at);
	}

	@Override
	public synchronized List<Instant> wrapUpEnds(String agentId, Instant since) {
		return List.copyOf(this.wrapUps.getOrDefault(agentId, new TreeSet<>()).tailSet(since));
	}

	@Override
	public synchronized boolean claimWrite(String callId, String version) {
		return this.claims.add(callId + ":" + version);
	}

}
