package org.switchboard.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import org.switchboard.agent.AgentEvent.AgentBecameReady;
import org.switchboard.agent.AgentEvent.AgentMissedCall;
import org.switchboard.agent.AgentEvent.AgentPhoneChanged;
import org.switchboard.agent.AgentEvent.AgentReservationExpired;
import org.switchboard.agent.AgentEvent.AgentStateChanged;
import org.switchboard.redis.Keys;
import org.switchboard.redis.LuaScript;

/**
 * Agents and their state in Redis, shared by every instance of a site. Every change runs
 * as one Lua script ({@code agent/agents.lua}), so the ready indexes never disagree with
 * the state. The keys, all under {@code sb:{site}:}:
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
 * becoming ready or reserved touches only those indexes ({@code agent/ready-index.lua});
 * while a group's index is built, a few hundred agents per script,
 * {@code groups:building} holds its scan cursor and {@code group-build:<needs>} the ids a
 * scan step returned beyond one slice;</li>
 * <li>{@code agents:leases} and {@code agents:wrap-ups}: sorted sets by leaseUntil and
 * wrapUntil, for {@link #releaseExpired()}.</li>
 * </ul>
 * Routing's claim scripts reserve an agent through this same layout: state RESERVED,
 * leaseUntil, call, out of {@code agents:ready} and into {@code agents:leases}; the agent
 * stays in the group indexes, which claims check against the state, until ready again
 * (scored anew), dropped by a claim, or not ready or logged out. An agent who becomes
 * ready is offered the {@link ReadyAgentOffer}'s work (routing's waiting calls) in the
 * same script.
 */
@Component
class RedisAgents implements Agents {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final UnifiedJedis redis;

	private final Keys keys;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final AgentSettings settings;

	private final RedisEndpointDirectory endpoints;

	private final ReadyAgentOffer offer;

	private final LuaScript script;

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
		this.redis = redis;
		this.keys = keys;
		this.clock = clock;
		this.events = events;
		this.settings = settings;
		this.endpoints = new RedisEndpointDirectory(redis, keys);
		this.offer = offer;
		List<String> before = new ArrayList<>(List.of("agent/ready-index.lua"));
		before.addAll((offer != null) ? offer.luaFiles() : List.of("agent/no-offer.lua"));
		this.script = LuaScript.fromClasspath("agent/agents.lua", before.toArray(String[]::new));
	}

	@Override
	public void save(Agent agent) {
		save(agent, "");
	}

	@Override
	public long save(Agent agent, long expectedVersion) {
		return save(agent, Long.toString(expectedVersion));
	}

	private long save(Agent agent, String expectedVersion) {
		Instant now = this.clock.instant();
		List<?> result = (List<?>) run(now, "save", agent.id(),
				Map.of("profile", json(agent), "levels", json(agent.levels()), "endpoint", agent.endpoint(), "team",
						agent.team(), "expectedVersion", expectedVersion));
		this.endpoints.changed();
		if ("stale".equals(result.get(0))) {
			throw new StaleAgentException(agent.id(), Long.parseLong(expectedVersion),
					Long.parseLong((String) result.get(1)));
		}
		if ("taken".equals(result.get(0))) {
			throw new IllegalArgumentException(
					"endpoint " + agent.endpoint() + " already belongs to agent " + result.get(1));
		}
		if ("1".equals(result.get(1))) {
			this.events.publishEvent(becameReady(agent.id(), now, result.get(3)));
		}
		if ("1".equals(result.get(4))) {
			this.events.publishEvent(new AgentPhoneChanged(agent.id(), agent.endpoint(), now));
		}
		return Long.parseLong((String) result.get(2));
	}

	@Override
	public boolean delete(String agentId, long expectedVersion) {
		Object result = run(this.clock.instant(), "delete", agentId,
				Map.of("expectedVersion", Long.toString(expectedVersion)));
		this.endpoints.changed();
		if (Long.valueOf(-1).equals(result)) {
			throw new StaleAgentException(agentId, expectedVersion, version(agentId));
		}
		return Long.valueOf(1).equals(result);
	}

	@Override
	public long version(String agentId) {
		List<String> fields = this.redis.hmget(this.keys.key("agent", agentId), "state", "version");
		if (fields.get(0) == null) {
			return 0;
		}
		return (fields.get(1) != null) ? Long.parseLong(fields.get(1)) : 1;
	}

	@Override
	public Optional<Agent> find(String agentId) {
		return Optional.ofNullable(this.redis.hget(this.keys.key("agent", agentId), "profile")).map(this::agent);
	}

	@Override
	public List<Agent> all() {
		return this.redis.smembers(this.keys.key("agents"))
			.stream()
			.map(this::find)
			.flatMap(Optional::stream)
			.sorted(Comparator.comparing(Agent::id))
			.toList();
	}

	@Override
	public Map<AgentState, Integer> countByState() {
		List<Response<String>> states = new ArrayList<>();
		Set<String> ids = this.redis.smembers(this.keys.key("agents"));
		try (PipelineBase pipeline = this.redis.pipelined()) {
			for (String id : ids) {
				states.add(pipeline.hget(this.keys.key("agent", id), "state"));
			}
			pipeline.sync();
		}
		Map<AgentState, Integer> counts = new EnumMap<>(AgentState.class);
		states.stream()
			.map(Response::get)
			.filter(Objects::nonNull)
			.forEach((state) -> counts.merge(AgentState.valueOf(state), 1, Integer::sum));
		return counts;
	}

	@Override
	public boolean delete(String agentId) {
		Object result = run(this.clock.instant(), "delete", agentId, Map.of());
		this.endpoints.changed();
		return Long.valueOf(1).equals(result);
	}

	@Override
	public Optional<Agent> withEndpoint(String endpoint) {
		return idWithEndpoint(endpoint).flatMap(this::find);
	}

	@Override
	public Optional<String> idWithEndpoint(String endpoint) {
		return this.endpoints.agentId(endpoint);
	}

	@Override
	public Optional<AgentStatus> status(String agentId) {
		Map<String, String> fields = this.redis.hgetAll(this.keys.key("agent", agentId));
		if (fields.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new AgentStatus(agentId, AgentState.valueOf(fields.get("state")), fields.get("reason"),
				"1".equals(fields.get("reachable")), instant(fields.get("readySince")),
				instant(fields.get("leaseUntil")), fields.get("call"), instant(fields.get("wrapUntil")),
				Integer.parseInt(fields.getOrDefault("misses", "0")), fields.get("pausePending")));
	}

	@Override
	public boolean login(String agentId) {
		return change(agentId, StateChange.LOG_IN, "login", null);
	}

	@Override
	public boolean ready(String agentId) {
		Instant now = this.clock.instant();
		Object result = run(now, "ready", agentId, Map.of());
		return "pending".equals(result) || applied(agentId, now, result);
	}

	@Override
	public boolean pause(String agentId, String reason) {
		if (reason == null || reason.isBlank() || reason.length() > 64) {
			throw new IllegalArgumentException("pause reason is not 1-64 characters: '" + reason + "'");
		}
		Instant now = this.clock.instant();
		Object result = run(now, "pause", agentId, Map.of("reason", reason.strip()));
		return "pending".equals(result) || applied(agentId, now, result);
	}

	@Override
	public boolean logout(String agentId) {
		return change(agentId, StateChange.LOG_OUT, "", null);
	}

	@Override
	public boolean onCall(String agentId, String callId, String channel) {
		Instant now = this.clock.instant();
		return applied(agentId, now, run(now, "answer", agentId, Map.of("callId", callId, "channel", channel)));
	}

	@Override
	public boolean hungUp(String agentId, String channel, Instant wrapUpUntil) {
		Instant now = this.clock.instant();
		return applied(agentId, now,
				run(now, "hungup", agentId, Map.of("channel", channel, "wrapUpUntil", ms(wrapUpUntil))));
	}

	@Override
	public boolean wrapUp(String agentId, Instant until) {
		return change(agentId, StateChange.START_WRAP_UP, "", until);
	}

	@Override
	public boolean release(String agentId) {
		return change(agentId, StateChange.RELEASE, "", null);
	}

	@Override
	public boolean missed(String agentId) {
		Instant now = this.clock.instant();
		return applied(agentId, now, run(now, "missed", agentId, limits()));
	}

	@Override
	public boolean reachable(String agentId, boolean reachable) {
		Instant now = this.clock.instant();
		Object result = run(now, "reachable", agentId, Map.of("reachable", reachable ? "1" : "0"));
		if ("missing".equals(result)) {
			throw new NoSuchElementException("no agent: " + agentId);
		}
		List<?> changed = (List<?>) result;
		if ("0".equals(changed.get(0))) {
			return false;
		}
		if ("1".equals(changed.get(1))) {
			this.events.publishEvent(becameReady(agentId, now, changed.get(2)));
		}
		return true;
	}

	@Override
	public boolean ringing(String agentId) {
		Object result = run(this.clock.instant(), "ringing", agentId, Map.of());
		if ("missing".equals(result)) {
			throw new NoSuchElementException("no agent: " + agentId);
		}
		return "rang".equals(result);
	}

	@Override
	public List<String> releaseExpired() {
		Instant now = this.clock.instant();
		List<String> released = new ArrayList<>();
		for (Object row : (List<?>) run(now, "reap", "", limits())) {
			Change change = Change.of((List<?>) row);
			if (change.from() == AgentState.RESERVED) {
				this.events.publishEvent(new AgentReservationExpired(change.agentId(), change.callId(), now));
			}
			publish(change, now);
			released.add(change.agentId());
		}
		return released;
	}

	private boolean change(String agentId, StateChange change, String reason, Instant until) {
		Instant now = this.clock.instant();
		Map<String, Object> args = Map.of("target", change.target.name(), "reason", reason, "wrapUpUntil",
				(until != null) ? ms(until) : "", "from", change.from.stream().map(AgentState::name).toList());
		return applied(agentId, now, run(now, "move", agentId, args));
	}

	private boolean applied(String agentId, Instant now, Object result) {
		if ("missing".equals(result)) {
			throw new NoSuchElementException("no agent: " + agentId);
		}
		if ("refused".equals(result)) {
			return false;
		}
		publish(Change.of((List<?>) result), now);
		return true;
	}

	/**
	 * Reports a change; ready comes last, as its listeners may claim the agent at once.
	 */
	private void publish(Change change, Instant now) {
		this.events
			.publishEvent(new AgentStateChanged(change.agentId(), change.from(), change.to(), change.reason(), now));
		if (change.misses() != null) {
			this.events.publishEvent(new AgentMissedCall(change.agentId(), change.callId(), change.misses(), now));
		}
		if (change.indexed()) {
			this.events.publishEvent(becameReady(change.agentId(), now, change.took()));
		}
	}

	/** Ready, with what the agent took of the offer made in the same script. */
	private AgentBecameReady becameReady(String agentId, Instant now, Object took) {
		return new AgentBecameReady(agentId, now, this.offer != null, Change.blankToNull(took));
	}

	/** The default limit of misses and the teams' own, as the script reads them. */
	private Map<String, Object> limits() {
		return Map.of("maxRingMisses", this.settings.maxRingMisses(), "teamMaxRingMisses",
				this.settings.teamMaxRingMisses());
	}

	/** Runs one operation of agent/agents.lua with its own named arguments. */
	private Object run(Instant now, String operation, String agentId, Map<String, ?> args) {
		Map<String, Object> named = new HashMap<>(args);
		named.put("operation", operation);
		named.put("now", ms(now));
		named.put("agentId", agentId);
		named.put("offer", (this.offer != null) ? this.offer.argument() : "");
		return this.script.run(this.redis, List.of(this.keys.key("agents")), this.keys.prefix(), named);
	}

	private Agent agent(String json) {
		try {
			return JSON.readValue(json, Agent.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("unreadable agent profile in Redis: " + ex.getOriginalMessage(), ex);
		}
	}

	private static String json(Object value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot write " + value + " as JSON", ex);
		}
	}

	private static String ms(Instant instant) {
		return Long.toString(instant.toEpochMilli());
	}

	private static Instant instant(String ms) {
		return (ms != null && !ms.isEmpty()) ? Instant.ofEpochMilli(Long.parseLong(ms)) : null;
	}

	/** One change as the script answers it. */
	private record Change(String agentId, AgentState from, AgentState to, String reason, boolean indexed, String callId,
			Integer misses, String took) {

		static Change of(List<?> fields) {
			String misses = blankToNull(fields.get(6));
			return new Change((String) fields.get(0), AgentState.valueOf((String) fields.get(1)),
					AgentState.valueOf((String) fields.get(2)), blankToNull(fields.get(3)), "1".equals(fields.get(4)),
					blankToNull(fields.get(5)), (misses != null) ? Integer.valueOf(misses) : null,
					blankToNull(fields.get(7)));
		}

		private static String blankToNull(Object field) {
			return (field == null || "".equals(field)) ? null : (String) field;
		}

	}

}
