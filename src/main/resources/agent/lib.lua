-- The agent feature's Lua library, the one home of the agent's keys (layout in RedisAgents): every
-- write to agent:<id>, agents*, ready:group:*, group-agents:*, groups-of:*, groups:* and
-- group-build:* is one of its functions. The agent's own script (agents.lua) and routing's scripts
-- have this text put before them; routing reserves, reads and builds through these functions and
-- names none of these keys itself. ARGV[1] is always the key prefix sb:{site}:.
--
-- An agent a claim may take is READY and reachable: claimable says so, the one test of it. Such an
-- agent is in agents:ready (scored by readySince) and in the ready index of every used group they
-- serve; the indexes may also hold agents a claim reserved, until they are ready again or a claim
-- drops them (best_claimable).
--
-- The ready indexes by group of needs: a group is a call's needs as one text, 'billing=2,de=3' (or 'any', which has no index of its
-- own: agents:ready serves it). Routing makes a group used the first time a call needs it:
-- the sorted set groups:used holds the used groups by the time a call last needed them, and a
-- group nobody needed for a while is retired (its keys deleted). For each used group:
-- - ready:group:<group>, a sorted set of every READY, reachable agent who has each of its
--   skills at its level, scored by (5 * skills - the sum of those levels) * 10^13 + readySince:
--   the best agent for the group, highest proficiency, then longest idle, comes first. It may
--   also hold agents a claim reserved (then on call, in wrap-up): a claim takes them out of
--   agents:ready only, and they stay here until they are ready again, which scores them anew,
--   or a claim meets them at the head and drops them; going not ready or logged out takes them
--   out. So a claim checks the state of the head agents it reads. Once the group is built,
--   its index also holds the member BUILT ('~built', which no agent id can be), first of all
--   with a negative score: minus the time (ms) a claim last stamped the group as needed (-1
--   before any). A claim reads the head of the index and with it whether the group is built,
--   and when the stamp is a second old or more, stamps it and groups:used anew: groups:used
--   is at most a second behind the last claim that needed the group, for two Redis calls a
--   second per group instead of two per claim;
-- - group-agents:<group>, the set of every agent who serves it, whatever their state.
-- And for each agent, the hash groups-of:<agent>: the used groups they serve -> their
-- proficiency band in it ((5 * skills - sum of levels)), kept whatever their state. It changes
-- only when a group starts or stops being used or the agent's skills change, so an agent who
-- becomes ready touches exactly the indexes of the groups they serve, with no needs to read,
-- and a claim reserving an agent touches none.
--
-- A group first used (or used again after retirement) is built in slices of a few hundred
-- agents, so that no script holds Redis for long: the hash groups:building holds each group being
-- built -> its SSCAN cursor over the agents set ('end' once the scan is over), and the list
-- group-build:<group> the ids a scan returned beyond one slice. A group being built is used
-- already (agents saved meanwhile join it through join_groups, agents becoming ready enter its
-- index), but it has no index to read until its build is over, when BUILT enters it.

local P = ARGV[1]
local GROUP_BAND = 1e13
local BUILT = '~built'
local IDS, ENDPOINTS, READY = P .. 'agents', P .. 'agents:endpoints', P .. 'agents:ready'
local LEASES, WRAP_UPS = P .. 'agents:leases', P .. 'agents:wrap-ups'
local BUSY = {RESERVED = true, ON_CALL = true, WRAP_UP = true}

local function agent_key(agent)
  return P .. 'agent:' .. agent
end

-- agents:by-state, state -> how many agents are in it, kept by every write of an agent's state
-- (counted), so that the meter of agents by state reads one hash, not every agent
local BY_STATE = P .. 'agents:by-state'

-- An agent left one state (nil: was not saved) for another (nil: deleted). Counts are kept only
-- once counted (count_by_state): a missing hash is counted anew when next read. A state no agent
-- is in leaves the hash, so a site with no agents keeps no counts.
local function counted(from, to)
  if from == to or redis.call('EXISTS', BY_STATE) == 0 then return end
  if from and redis.call('HINCRBY', BY_STATE, from, -1) <= 0 then redis.call('HDEL', BY_STATE, from) end
  if to then redis.call('HINCRBY', BY_STATE, to, 1) end
end

-- How many agents are in each state, {state, count, ...}; counted anew from every agent when
-- agents:by-state is missing (kept by an earlier version, or lost).
local function count_by_state()
  if redis.call('EXISTS', BY_STATE) == 0 then
    local counts = {}
    for _, id in ipairs(redis.call('SMEMBERS', IDS)) do
      local state = redis.call('HGET', agent_key(id), 'state')
      if state then counts[state] = (counts[state] or 0) + 1 end
    end
    for state, n in pairs(counts) do redis.call('HSET', BY_STATE, state, n) end
  end
  return redis.call('HGETALL', BY_STATE)
end

-- Whether an agent in this state and reachability may be claimed: READY and reachable. The one
-- test of it, for the claims and for the ready indexes the agent's changes keep.
local function claimable(state, reachable)
  return state == 'READY' and reachable == '1'
end

-- Whether the agent may be claimed now, in one read.
local function claimable_agent(agent)
  local f = redis.call('HMGET', agent_key(agent), 'state', 'reachable')
  return claimable(f[1], f[2])
end

-- The levels (skill -> level) of an agent who may be claimed now, or nil, in one read.
local function claimable_levels(agent)
  local f = redis.call('HMGET', agent_key(agent), 'state', 'reachable', 'levels')
  if not claimable(f[1], f[2]) then return nil end
  return cjson.decode(f[3])
end

-- 'billing=2,de=3' -> {{'billing', 2}, {'de', 3}}; 'any' -> {}
local function needs_of(group)
  local needs = {}
  if group ~= 'any' then
    for skill, level in string.gmatch(group, '([^,=]+)=(%d+)') do
      needs[#needs + 1] = {skill, tonumber(level)}
    end
  end
  return needs
end

-- The sum of the agent's levels in the needed skills, or nil when one is missing or too low.
local function proficiency(levels, needs)
  local sum = 0
  for _, need in ipairs(needs) do
    local level = levels[need[1]]
    if level == nil or level < need[2] then return nil end
    sum = sum + level
  end
  return sum
end

-- The agent's band in a group (lower is better), or nil when they do not serve it.
local function band(levels, needs)
  local sum = proficiency(levels, needs)
  if sum then return 5 * #needs - sum end
  return nil
end

local function group_key(group)
  return P .. 'ready:group:' .. group
end

local function members_key(group)
  return P .. 'group-agents:' .. group
end

local function groups_of_key(agent)
  return P .. 'groups-of:' .. agent
end

local function score(agent_band, since)
  return string.format('%.0f', tonumber(agent_band) * GROUP_BAND + since)
end

-- Puts a ready agent in the index of every used group they serve.
local function index_groups(agent, since)
  local bands = redis.call('HGETALL', groups_of_key(agent))
  for i = 1, #bands, 2 do
    redis.call('ZADD', group_key(bands[i]), score(bands[i + 1], since), agent)
  end
end

-- Takes an agent out of the index of every used group they serve.
local function unindex_groups(agent)
  for _, group in ipairs(redis.call('HKEYS', groups_of_key(agent))) do
    redis.call('ZREM', group_key(group), agent)
  end
end

-- Records the used groups an agent with these levels serves (a new agent, new skills); groups
-- being built are used, so an agent the build has read already is not missed.
local function join_groups(agent, levels)
  for _, group in ipairs(redis.call('ZRANGE', P .. 'groups:used', 0, -1)) do
    local agent_band = band(levels, needs_of(group))
    if agent_band then
      redis.call('HSET', groups_of_key(agent), group, agent_band)
      redis.call('SADD', members_key(group), agent)
    end
  end
end

-- Forgets the groups an agent served, out of their indexes too (old skills, a deleted agent).
local function leave_groups(agent)
  local key = groups_of_key(agent)
  for _, group in ipairs(redis.call('HKEYS', key)) do
    redis.call('ZREM', group_key(group), agent)
    redis.call('SREM', members_key(group), agent)
  end
  redis.call('DEL', key)
end

local function building_key()
  return P .. 'groups:building'
end

local function pending_key(group)
  return P .. 'group-build:' .. group
end

-- Records one agent in a group being built from what the agent is now, so reading an agent twice
-- (SSCAN may return one twice) or after a change leaves what join_groups and index_groups would.
local function build_agent(group, needs, agent)
  local levels = redis.call('HGET', agent_key(agent), 'levels')
  local agent_band = levels and band(cjson.decode(levels), needs)
  if not agent_band then return end
  redis.call('HSET', groups_of_key(agent), group, agent_band)
  redis.call('SADD', members_key(group), agent)
  local since = redis.call('ZSCORE', READY, agent)
  if since then redis.call('ZADD', group_key(group), score(agent_band, tonumber(since)), agent) end
end

-- One slice of a group's build: at most `most` agents read, those the last scan step left
-- first, then the next SSCAN step's. Answers how many agents it read and whether the group is
-- built (then it is out of groups:building; also when it was not being built).
local function build_slice(group, most)
  local cursor = redis.call('HGET', building_key(), group)
  if not cursor then return 0, true end
  local pending = pending_key(group)
  local agents = redis.call('LPOP', pending, most) or {}
  if #agents < most and cursor ~= 'end' then
    local scan = redis.call('SSCAN', IDS, cursor, 'COUNT', most - #agents)
    cursor = (scan[1] == '0') and 'end' or scan[1]
    redis.call('HSET', building_key(), group, cursor)
    for _, agent in ipairs(scan[2]) do agents[#agents + 1] = agent end
    -- COUNT is a hint: a small set comes whole, and a step may return a few more
    while #agents > most do redis.call('RPUSH', pending, table.remove(agents)) end
  end
  local needs = needs_of(group)
  for _, agent in ipairs(agents) do build_agent(group, needs, agent) end
  if cursor == 'end' and redis.call('EXISTS', pending) == 0 then
    redis.call('HDEL', building_key(), group)
    redis.call('ZADD', group_key(group), -1, BUILT)
    return #agents, true
  end
  return #agents, false
end

-- Marks a group used now, for a claim that found it not built (BUILT not at its index's head):
-- the first time (or the first after retirement) its build starts with one slice of `slice`
-- agents, which builds it whole on a site that small; a larger site's build goes on in later
-- slices (build_group). Answers whether the group is built now.
local function use_group(group, now, slice)
  redis.call('ZADD', P .. 'groups:used', string.format('%.0f', now), group)
  if redis.call('HEXISTS', building_key(), group) == 1 then return false end
  -- not used, or used and built by a version without BUILT: built anew
  redis.call('DEL', group_key(group), members_key(group), pending_key(group))
  redis.call('HSET', building_key(), group, '0')
  local _, built = build_slice(group, slice)
  return built
end

-- The first `most` agents of a group's index, best first, for a claim at `now`: nil while the
-- group is not built, and then it is used now and its build goes on (use_group). A built
-- group's first read is the common case: one ZRANGE, and two ZADDs a second to stamp it.
local function index_head(group, most, now, slice)
  local key = group_key(group)
  local head = redis.call('ZRANGE', key, 0, most, 'WITHSCORES')
  if head[1] ~= BUILT then
    if not use_group(group, now, slice) then return nil end
    head = redis.call('ZRANGE', key, 0, most, 'WITHSCORES')
  end
  if now + tonumber(head[2]) >= 1000 then
    local stamp = string.format('%.0f', now)
    redis.call('ZADD', P .. 'groups:used', stamp, group)
    redis.call('ZADD', key, '-' .. stamp, BUILT)
  end
  local agents = {}
  for i = 3, #head, 2 do agents[#agents + 1] = head[i] end
  return agents
end

-- Retires up to `most` groups no call needed since `before` (ms): their index, their members
-- and every agent's note of them go, and a build under way stops. A call needing one later
-- makes it used again.
local function retire_groups(before, most)
  local used = P .. 'groups:used'
  for _, group in ipairs(redis.call('ZRANGEBYSCORE', used, '-inf', '(' .. string.format('%.0f', before),
      'LIMIT', 0, most)) do
    local members = members_key(group)
    for _, agent in ipairs(redis.call('SMEMBERS', members)) do
      redis.call('HDEL', groups_of_key(agent), group)
    end
    redis.call('DEL', group_key(group), members, pending_key(group))
    redis.call('HDEL', building_key(), group)
    redis.call('ZREM', used, group)
  end
end

-- One slice of the build of a group's index, for whichever instance runs it ('' for any group
-- being built): answers {group, 'built' or 'building', agents read}, or nil when no such group is
-- being built.
local function build_group(group, most)
  if group == '' then
    group = redis.call('HKEYS', building_key())[1]
    if not group then return nil end
  elseif redis.call('HEXISTS', building_key(), group) == 0 then
    return nil
  end
  local read, built = build_slice(group, most)
  return {group, built and 'built' or 'building', read}
end

-- READY -> RESERVED for this call under a lease, out of agents:ready: a claim. The agent stays in
-- the group indexes, no longer claimable, until ready again (which scores them anew) or a claim
-- that meets them at an index's head drops them (best_claimable). One HSET: readySince and rang
-- are left empty rather than deleted (one Redis call fewer), and every reader of them takes empty
-- for absent; the agent's next change deletes them.
local function reserve(agent, call, now, lease)
  local until_ms = string.format('%.0f', now + lease)
  redis.call('HSET', agent_key(agent), 'state', 'RESERVED', 'leaseUntil', until_ms, 'call', call, 'readySince', '',
    'rang', '')
  redis.call('ZADD', LEASES, until_ms, agent)
  redis.call('ZREM', READY, agent)
  counted('READY', 'RESERVED')
end

-- The best agent who may be claimed for one group of needs, for a claim at `now`: the head of the
-- group's ready index (built the first time a call needs the group, then kept by every agent
-- change; index_head), or of agents:ready for a call that needs nothing in particular. Agents
-- busy with a call who are still in the group's index (see reserve) are dropped from it as they
-- are met. Answers the agent (or nil) and whether the group is still being built: such a group
-- offers nobody yet (the build's last slice offers its waiting calls its ready agents).
-- slice: the most agents one slice of a group's build reads.
local function best_claimable(group, now, slice)
  if group == 'any' then
    for _, agent in ipairs(redis.call('ZRANGE', READY, 0, 7)) do
      if claimable_agent(agent) then return agent, false end
    end
    return nil, false
  end
  local head = index_head(group, 8, now, slice)
  if not head then return nil, true end
  local index = group_key(group)
  while true do
    for _, agent in ipairs(head) do
      if claimable_agent(agent) then return agent, false end
      redis.call('ZREM', index, agent)
    end
    -- fewer than asked for: the index held no more
    if #head < 8 then return nil, false end
    -- the next 8 agents, after BUILT (first)
    head = redis.call('ZRANGE', index, 1, 8)
  end
end

-- Every change of an agent's state goes through change_agent, so that one piece of code keeps
-- the ready indexes true. c is the change under way: its named arguments (args), now in ms, and
-- offer(agent, now), the work offered an agent the moment they become ready (nil: none), which
-- answers what they took, or nil.

-- Into agents:ready and the indexes of the used groups the agent serves (read from
-- groups-of:<agent>, no levels or needs to read).
local function index(agent, since)
  redis.call('ZADD', READY, since, agent)
  index_groups(agent, since)
end

local function unindex(agent)
  redis.call('ZREM', READY, agent)
  unindex_groups(agent)
end

-- An agent who has just entered the ready indexes is offered work in the same step; answers
-- what they took, or ''.
local function offer(c, agent)
  return c.offer and c.offer(agent, c.now) or ''
end

-- Leaves the current state and enters the next one; f is the agent's state, reachable and call
-- when already read.
local function move(c, agent, to, reason, until_ms, f)
  local h = agent_key(agent)
  f = f or redis.call('HMGET', h, 'state', 'reachable', 'call')
  local from, reachable, call = f[1], f[2], f[3] or ''
  if to == 'READY' and BUSY[from] then
    -- a pause asked for during a call (pause_pending) takes effect once the call is over
    local pending = redis.call('HGET', h, 'pausePending')
    if pending then to, reason = 'NOT_READY', pending end
  end
  if from == 'READY' then
    unindex(agent)
  elseif BUSY[from] and (to == 'NOT_READY' or to == 'LOGGED_OUT') then
    -- a claim left the agent in the group indexes (reserve), and they are not back soon
    unindex_groups(agent)
  end
  if from == 'RESERVED' then redis.call('ZREM', LEASES, agent) end
  if from == 'WRAP_UP' then redis.call('ZREM', WRAP_UPS, agent) end
  -- one HDEL and one HSET whatever the change
  local gone = {'reason', 'readySince', 'leaseUntil', 'rang', 'wrapUntil', 'channel'}
  if to ~= 'ON_CALL' and to ~= 'WRAP_UP' then gone[#gone + 1] = 'call' end
  if not BUSY[to] then gone[#gone + 1] = 'pausePending' end
  redis.call('HDEL', h, unpack(gone))
  local set = {'state', to}
  if to == 'READY' then
    set[3], set[4] = 'readySince', c.args.now
  elseif to == 'NOT_READY' then
    set[3], set[4] = 'reason', reason
  elseif to == 'WRAP_UP' then
    set[3], set[4] = 'wrapUntil', until_ms
    redis.call('ZADD', WRAP_UPS, until_ms, agent)
  elseif to == 'ON_CALL' or to == 'LOGGED_OUT' then
    set[3], set[4] = 'misses', 0
  end
  redis.call('HSET', h, unpack(set))
  counted(from, to)
  if claimable(to, reachable) then
    index(agent, c.now)
    return {agent, from, to, reason or '', '1', call, '', offer(c, agent)}
  end
  return {agent, from, to, reason or '', '0', call, '', ''}
end

-- The misses in a row that pause an agent of this team: teamMaxRingMisses (team -> count) for
-- its team, else maxRingMisses. team is false for an agent with none.
local function max_misses(c, team)
  local limit = team and c.args.teamMaxRingMisses[team]
  if limit then return tonumber(limit) end
  return tonumber(c.args.maxRingMisses)
end

-- A reserved agent did not answer: paused at the team's limit (the count starts again),
-- else ready again, behind those who waited longer.
local function miss(c, agent)
  local h = agent_key(agent)
  local misses = redis.call('HINCRBY', h, 'misses', 1)
  local change
  if misses >= max_misses(c, redis.call('HGET', h, 'team')) then
    change = move(c, agent, 'NOT_READY', 'ring-no-answer')
    redis.call('HSET', h, 'misses', 0)
  else
    change = move(c, agent, 'READY')
  end
  change[7] = tostring(misses)
  return change
end

-- One change of an agent (A: the named arguments of agents.lua; offer_ready(agent, now): the work
-- offered an agent the moment they become ready, nil for none), answered as agents.lua says.
local function change_agent(A, offer_ready)
  local op, now, id = A.operation, tonumber(A.now), A.agentId
  local c = {args = A, now = now, offer = offer_ready}
  if op == 'save' then
    -- profile and levels (JSON text), endpoint, team, expectedVersion (the profile version the
    -- edit was made on, '' for any, '0' for a new agent);
    -- answers {created|updated, indexed, new version, took}, {'taken', owner} or {'stale', version}
    local h = agent_key(id)
    local f = redis.call('HMGET', h, 'state', 'reachable', 'endpoint', 'readySince', 'version', 'levels')
    local version = tonumber(f[5] or (f[1] and '1' or '0'))
    if A.expectedVersion ~= '' and tonumber(A.expectedVersion) ~= version then return {'stale', tostring(version)} end
    local endpoint = A.endpoint
    local owner = redis.call('HGET', ENDPOINTS, endpoint)
    if owner and owner ~= id then return {'taken', owner} end
    local created = not f[1]
    local moved = f[3] ~= endpoint
    local indexed = claimable(f[1], f[2]) and not moved
    if claimable(f[1], f[2]) then unindex(id) end
    if f[3] and moved then redis.call('HDEL', ENDPOINTS, f[3]) end
    redis.call('HSET', h, 'profile', A.profile, 'levels', A.levels, 'endpoint', endpoint, 'team', A.team)
    if created then
      redis.call('HSET', h, 'state', 'LOGGED_OUT', 'misses', 0)
      counted(nil, 'LOGGED_OUT')
      redis.call('SADD', IDS, id)
    end
    if moved then
      -- a new phone is unreachable until Asterisk says it has a reachable contact
      redis.call('HSET', h, 'reachable', '0')
    end
    if owner ~= id or f[3] ~= endpoint then
      redis.call('HSET', ENDPOINTS, endpoint, id)
      -- every instance keeps a copy of the endpoints; this tells them it moved
      redis.call('INCR', ENDPOINTS .. ':version')
    end
    redis.call('HSET', h, 'version', version + 1)
    if f[6] ~= A.levels then
      -- new skills: the groups the agent serves are worked out again (a few dozen used groups)
      leave_groups(id)
      join_groups(id, cjson.decode(A.levels))
    end
    local took = ''
    if indexed then
      index(id, tonumber(f[4]) or now)
      took = offer(c, id)
    end
    return {created and 'created' or 'updated', indexed and '1' or '0', tostring(version + 1), took,
      moved and '1' or '0'}

  elseif op == 'delete' then
    -- expectedVersion, the profile version the delete was asked on (absent or '' for any); -1 when
    -- stale
    local h = agent_key(id)
    local f = redis.call('HMGET', h, 'state', 'endpoint', 'version')
    if not f[1] then return 0 end
    if (A.expectedVersion or '') ~= '' and tonumber(A.expectedVersion) ~= tonumber(f[3] or '1') then return -1 end
    unindex(id)
    leave_groups(id)
    redis.call('ZREM', LEASES, id)
    redis.call('ZREM', WRAP_UPS, id)
    if f[2] and redis.call('HGET', ENDPOINTS, f[2]) == id then
      redis.call('HDEL', ENDPOINTS, f[2])
      redis.call('INCR', ENDPOINTS .. ':version')
    end
    redis.call('SREM', IDS, id)
    redis.call('DEL', h)
    counted(f[1], nil)
    return 1

  elseif op == 'move' then
    -- target (the next state), reason, wrapUpUntil (the wrap-up end in ms, or ''), from (the
    -- states it may leave)
    local f = redis.call('HMGET', agent_key(id), 'state', 'reachable', 'call')
    if not f[1] then return 'missing' end
    for _, state in ipairs(A.from) do
      if state == f[1] then return move(c, id, A.target, A.reason, A.wrapUpUntil, f) end
    end
    return 'refused'

  elseif op == 'answer' then
    -- callId, and channel, the agent's channel that carries it: only an agent reserved for
    -- this call goes on it, and only the hang-up of this channel ends it
    local f = redis.call('HMGET', agent_key(id), 'state', 'reachable', 'call')
    if not f[1] then return 'missing' end
    if f[1] ~= 'RESERVED' or f[3] ~= A.callId then return 'refused' end
    local change = move(c, id, 'ON_CALL', '', '', f)
    redis.call('HSET', agent_key(id), 'channel', A.channel)
    return change

  elseif op == 'hungup' then
    -- channel, the one that hung up, and wrapUpUntil in ms: wrap-up when it carried
    -- the agent's call (an agent on a call with no channel known ends it with any channel)
    local f = redis.call('HMGET', agent_key(id), 'state', 'reachable', 'call', 'channel')
    if not f[1] then return 'missing' end
    if f[1] ~= 'ON_CALL' or (f[4] and f[4] ~= '' and f[4] ~= A.channel) then return 'refused' end
    return move(c, id, 'WRAP_UP', '', A.wrapUpUntil, f)

  elseif op == 'pause' then
    -- reason: at once, or when asked while reserved or on a call, once that call is
    -- over (after wrap-up), so that a pause never frees an agent from a call
    local f = redis.call('HMGET', agent_key(id), 'state', 'reachable', 'call')
    if not f[1] then return 'missing' end
    if f[1] == 'RESERVED' or f[1] == 'ON_CALL' then
      redis.call('HSET', agent_key(id), 'pausePending', A.reason)
      return 'pending'
    end
    if f[1] == 'LOGGED_OUT' then return 'refused' end
    return move(c, id, 'NOT_READY', A.reason, '', f)

  elseif op == 'ready' then
    -- during a call: ready once it is over (a pause asked for meanwhile is dropped)
    local f = redis.call('HMGET', agent_key(id), 'state', 'reachable', 'call')
    if not f[1] then return 'missing' end
    if f[1] == 'RESERVED' or f[1] == 'ON_CALL' then
      redis.call('HDEL', agent_key(id), 'pausePending')
      return 'pending'
    end
    if f[1] == 'LOGGED_OUT' then return 'refused' end
    redis.call('HDEL', agent_key(id), 'pausePending')
    return move(c, id, 'READY', '', '', f)

  elseif op == 'missed' then
    -- maxRingMisses and teamMaxRingMisses, as max_misses reads them
    local state = redis.call('HGET', agent_key(id), 'state')
    if not state then return 'missing' end
    if state ~= 'RESERVED' then return 'refused' end
    return miss(c, id)

  elseif op == 'reachable' then
    -- reachable, '1' or '0'; answers {changed, indexed, took}
    local h = agent_key(id)
    local f = redis.call('HMGET', h, 'state', 'reachable', 'readySince')
    if not f[1] then return 'missing' end
    if f[2] == A.reachable then return {'0', '0', ''} end
    redis.call('HSET', h, 'reachable', A.reachable)
    if f[1] ~= 'READY' then return {'1', '0', ''} end
    if claimable(f[1], A.reachable) then
      index(id, tonumber(f[3]) or now)
      return {'1', '1', offer(c, id)}
    end
    unindex(id)
    return {'1', '0', ''}

  elseif op == 'ringing' then
    local state = redis.call('HGET', agent_key(id), 'state')
    if not state then return 'missing' end
    if state ~= 'RESERVED' then return 'refused' end
    redis.call('HSET', agent_key(id), 'rang', '1')
    return 'rang'

  elseif op == 'reap' then
    -- maxRingMisses and teamMaxRingMisses, as max_misses reads them; at most 1000 of each kind per run
    local changes = {}
    for _, agent in ipairs(redis.call('ZRANGEBYSCORE', LEASES, '-inf', now, 'LIMIT', 0, 1000)) do
      local f = redis.call('HMGET', agent_key(agent), 'state', 'leaseUntil', 'rang')
      if f[1] ~= 'RESERVED' then
        redis.call('ZREM', LEASES, agent)
      elseif tonumber(f[2]) <= now then
        if f[3] == '1' then
          changes[#changes + 1] = miss(c, agent)
        else
          changes[#changes + 1] = move(c, agent, 'READY')
        end
      end
    end
    for _, agent in ipairs(redis.call('ZRANGEBYSCORE', WRAP_UPS, '-inf', now, 'LIMIT', 0, 1000)) do
      if redis.call('HGET', agent_key(agent), 'state') == 'WRAP_UP' then
        changes[#changes + 1] = move(c, agent, 'READY')
      else
        redis.call('ZREM', WRAP_UPS, agent)
      end
    end
    -- and when the first reservation or wrap-up still running ends, in ms, or '' for none
    local lease = redis.call('ZRANGE', LEASES, 0, 0, 'WITHSCORES')[2]
    local wrap = redis.call('ZRANGE', WRAP_UPS, 0, 0, 'WITHSCORES')[2]
    local next = lease or wrap or ''
    if lease and wrap and tonumber(wrap) < tonumber(lease) then next = wrap end
    return {changes, next}

  elseif op == 'count' then
    return count_by_state()

  elseif op == 'on-call' then
    -- {id, endpoint, ...} of every agent ON_CALL; read only when the counts say there is one
    count_by_state()
    local out = {}
    if tonumber(redis.call('HGET', BY_STATE, 'ON_CALL') or '0') > 0 then
      for _, agent in ipairs(redis.call('SMEMBERS', IDS)) do
        local f = redis.call('HMGET', agent_key(agent), 'state', 'endpoint')
        if f[1] == 'ON_CALL' then
          out[#out + 1] = agent
          out[#out + 1] = f[2]
        end
      end
    end
    return out

  elseif op == 'claimable' then
    -- every agent a claim may take now (READY and reachable), longest ready first
    return redis.call('ZRANGE', READY, 0, -1)
  end

  return redis.error_reply('unknown operation: ' .. tostring(op))
end
