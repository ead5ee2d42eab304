-- The ready indexes of agents by group of needs, shared by the agent scripts (which keep them
-- true as agents change state) and routing's claim scripts (which read them); the text is put
-- before each of those scripts. ARGV[1] is always the key prefix sb:{site}:.
--
-- A group is a call's needs as one text, 'billing=2,de=3' (or 'any'). Routing makes a group
-- active the first time a call needs it (set groups:active); from then on the sorted set
-- ready:group:<group> holds every READY, reachable agent who has each of its skills at its level,
-- scored by (5 * skills - the sum of those levels) * 10^13 + readySince: its first member is the
-- best agent for the group, highest proficiency, then longest idle. The set agent-groups:<id>
-- names the group indexes an agent is in, so taking them out touches only those; the sets
-- groups:by-skill:<skill> hold each active group under its first skill, so an agent who becomes
-- ready is checked only against groups whose first skill they have.

local P = ARGV[1]
local GROUP_BAND = 1e13

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

local function group_key(group)
  return P .. 'ready:group:' .. group
end

-- Puts a ready agent in the index of one group, if they serve it.
local function index_in_group(group, agent, levels, since)
  local needs = needs_of(group)
  local sum = proficiency(levels, needs)
  if sum then
    redis.call('ZADD', group_key(group), string.format('%.0f', (5 * #needs - sum) * GROUP_BAND + since), agent)
    redis.call('SADD', P .. 'agent-groups:' .. agent, group)
  end
end

-- Puts a ready agent in the index of every active group they serve.
local function index_groups(agent, levels, since)
  for skill in pairs(levels) do
    for _, group in ipairs(redis.call('SMEMBERS', P .. 'groups:by-skill:' .. skill)) do
      index_in_group(group, agent, levels, since)
    end
  end
end

-- Takes an agent out of every group index they are in.
local function unindex_groups(agent)
  local member = P .. 'agent-groups:' .. agent
  for _, group in ipairs(redis.call('SMEMBERS', member)) do
    redis.call('ZREM', group_key(group), agent)
  end
  redis.call('DEL', member)
end

-- Makes a group active, indexing every agent ready now; answers the group's index key.
local function active_group(group)
  local key = group_key(group)
  redis.call('SADD', P .. 'groups:by-skill:' .. needs_of(group)[1][1], group)
  if redis.call('SADD', P .. 'groups:active', group) == 1 then
    local ready = redis.call('ZRANGE', P .. 'agents:ready', 0, -1, 'WITHSCORES')
    for i = 1, #ready, 2 do
      local levels = redis.call('HGET', P .. 'agent:' .. ready[i], 'levels')
      if levels then index_in_group(group, ready[i], cjson.decode(levels), tonumber(ready[i + 1])) end
    end
  end
  return key
end
