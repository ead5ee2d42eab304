package org.switchboard.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import redis.clients.jedis.UnifiedJedis;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import org.switchboard.redis.Keys;

/**
 * Agents and their state in Redis, shared by every instance of a site. Every change runs
 * as one Lua script through {@code change_agent} in {@code agent/lib.lua}, the agent
 * feature's Lua library and the one place that writes these keys, so the ready indexes
 * never disagree with the state. The keys, all under {@code sb:{site}:}:
 * <ul>
 * <li>{@code agent:<id>} hash: {@code profile} (the agent as JSON), {@code levels} (JSON
 * skill → level, languages included), {@code endpoint}, {@code team}, {@code state},
 * {@code reason}, {@code readySince} (ms), {@code reachable} (1 or 0; 0 for a new phone
 * until Asterisk reports it), {@code leaseUntil} (ms), {@code call}, {@code channel} (the
 * channel of the agent's phone that carries their call while ON_CALL), {@code rang} (1
 * once the reserved phone rang), {@code wrapUntil} (ms), {@code pausePending} (the reason
 * of a pause asked for during a call, applied once it is over), {@code misses}; an empty
 * {@code readySince} or {@code rang} counts as absent (a claim empties them in the one
 * write that reserves the agent);</li>
 * <li>{@code agents}, the set of every id, and {@code agents:endpoints}, a hash endpoint
 * → id, with {@code agents:endpoints:version} counted up on every change of it (each
 * instance answers from a copy, {@link RedisEndpointDirectory});</li>
 * <li>{@code agents:ready}: a sorted set of the agents that are READY and reachable, by
 * readySince;</li>
 * <li>for every group of needs routing has used lately ({@code groups:used}, by last use;
 * a group unused for a while is retired): {@code ready:group:<needs>}, the READY,
 * reachable agents who serve it, best first, so a claim reads one member instead of
 * walking agents, and once built, first of all, the member {@code ~built}, which no agent
 * id can be; {@code group-agents:<needs>}, every agent who serves it; and per agent
 * {@code groups-of:<id>}, the used groups they serve with their proficiency band, so
 * becoming ready or reserved touches only those indexes; while a group's index is built,
 * a few hundred agents per script, {@code groups:building} holds its scan cursor and
 * {@code group-build:<needs>} the ids a scan step returned beyond one slice;</li>
 * <li>{@code agents:leases} and {@code agents:wrap-ups}: sorted sets by leaseUntil and
 * wrapUntil, for {@link #releaseExpired()}.</li>
 * </ul>
 * Routing's claim scripts reserve an agent with the library's {@code reserve}: state
 * RESERVED, leaseUntil, call, out of {@code agents:ready} and into {@code agents:leases};
 * the agent stays in the group indexes, which claims check against the state
 * ({@code claimable}), until ready again (scored anew), dropped by a claim, or not ready
 * or logged out. An agent who becomes ready is offered the {@link ReadyAgentOffer}'s work
 * (routing's waiting calls) in the same script, the offering feature's own over the
 * library.
 */
@Component
class RedisAgents implements Agents {

	private final Clock clock;

	private final RedisAgentProfiles profiles;

	private final RedisAgentStates states;

	private final RedisAgentPresence presence;

	@Autowired
	RedisAgents(UnifiedJedis redis, Keys keys, Clock clock, ApplicationEventPublisher events, AgentSettings settings,
			ObjectProvider<ReadyAgentOffer> offer) {
		this(redis, keys, clock, events, settings, offer.getIfAvailable());
	}

	/** Agents whose ready step offers them nothing. */
	RedisAgents(UnifiedJedis redis, Keys keys, Clock clock, ApplicationEventPublisher events, AgentSettings settings) {
		this(redis, keys, clock, events, settings, (ReadyAgentOffer) null);
	}

	/** Agents offered the work of {@code offer} (null: nothing) as they become ready. */
	RedisAgents(UnifiedJedis redis, Keys keys, Clock clock, ApplicationEventPublisher events, AgentSettings settings,
			ReadyAgentOffer offer) {
		this.clock = clock;
		RedisAgentScript script = new RedisAgentScript(redis, keys, settings, offer);
		this.profiles = new RedisAgentProfiles(redis, keys, events, script);
		this.states = new RedisAgentStates(redis, keys, clock, events, script);
		this.presence = new RedisAgentPresence(events, script);
	}

	@Override
	public void save(Agent agent) {
		this.profiles.save(agent, "", this.clock.instant());
	}

	@Override
	public long save(Agent agent, long expectedVersion) {
		return this.profiles.save(agent, Long.toString(expectedVersion), this.clock.instant());
	}

	@Override
	public boolean delete(String agentId, long expectedVersion) {
		return this.profiles.delete(agentId, expectedVersion, this.clock.instant());
	}

	@Override
	public long version(String agentId) {
		return this.profiles.version(agentId);
	}

	@Override
	public Optional<Agent> find(String agentId) {
		return this.profiles.find(agentId);
	}

	@Override
	public List<Agent> all() {
		return this.profiles.all();
	}

	@Override
	public Map<AgentState, Integer> countByState() {
		return this.states.countByState();
	}

	@Override
	public boolean delete(String agentId) {
		return this.profiles.delete(agentId, this.clock.instant());
	}

	@Override
	public Optional<Agent> withEndpoint(String endpoint) {
		return idWithEndpoint(endpoint).flatMap(this::find);
	}

	@Override
	public Optional<String> idWithEndpoint(String endpoint) {
		return this.profiles.idWithEndpoint(endpoint);
	}

	@Override
	public Optional<AgentStatus> status(String agentId) {
		return this.states.status(agentId);
	}

	@Override
	public boolean login(String agentId) {
		return this.states.change(agentId, StateChange.LOG_IN, "login", null);
	}

	@Override
	public boolean ready(String agentId) {
		return this.states.ready(agentId);
	}

	@Override
	public boolean pause(String agentId, String reason) {
		return this.states.pause(agentId, reason);
	}

	@Override
	public boolean logout(String agentId) {
		return this.states.change(agentId, StateChange.LOG_OUT, "", null);
	}

	@Override
	public boolean onCall(String agentId, String callId, String channel) {
		return this.states.onCall(agentId, callId, channel);
	}

	@Override
	public boolean hungUp(String agentId, String channel, Instant wrapUpUntil) {
		return this.states.hungUp(agentId, channel, wrapUpUntil);
	}

	@Override
	public boolean wrapUp(String agentId, Instant until) {
		return this.states.change(agentId, StateChange.START_WRAP_UP, "", until);
	}

	@Override
	public boolean release(String agentId) {
		return this.states.change(agentId, StateChange.RELEASE, "", null);
	}

	@Override
	public boolean missed(String agentId) {
		return this.states.missed(agentId);
	}

	@Override
	public boolean reachable(String agentId, boolean reachable) {
		return this.presence.reachable(agentId, reachable, this.clock.instant());
	}

	@Override
	public boolean ringing(String agentId) {
		return this.states.ringing(agentId);
	}

	@Override
	public Expired releaseExpired() {
		return this.states.releaseExpired();
	}

	@Override
	public Map<String, String> onCallEndpoints() {
		return this.states.onCallEndpoints();
	}

	@Override
	public List<String> claimable() {
		return this.states.claimable();
	}

}
