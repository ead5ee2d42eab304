-- The ready indexes of agents by group of needs, shared by the agent scripts (which keep them
-- true as agents change state) and routing's claim scripts (which read them); the text is put
-- before each of those scripts. ARGV[1] is always the key prefix sb:{site}:.
--
-- A group is a call's needs as one text, 'billing=2,de=3' (or 'any', which has no index of its
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
  local levels = redis.call('HGET', P .. 'agent:' .. agent, 'levels')
  local agent_band = levels and band(cjson.decode(levels), needs)
  if not agent_band then return end
  redis.call('HSET', groups_of_key(agent), group, agent_band)
  redis.call('SADD', members_key(group), agent)
  local since = redis.call('ZSCORE', P .. 'agents:ready', agent)
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
    local scan = redis.call('SSCAN', P .. 'agents', cursor, 'COUNT', most - #agents)
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
-- slices (routing/build-group.lua). Answers whether the group is built now.
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
