-- Functions shared by the routing scripts; RoutingLua puts this text before each of them.
-- ARGV[1] is always the key prefix sb:{site}:.
--
-- Agents are the agent feature's (layout in RedisAgents): hash agent:<id> with state, reachable,
-- levels (JSON skill -> level); agents:ready and ready:<skill> hold the READY, reachable agents
-- by readySince; agents:leases holds RESERVED agents by leaseUntil.
-- The waiting line: hash waiting:call:<id> (queue, group, priority, arrivedAt) from the call's
-- first enqueue until it is removed; sorted sets waiting:queue:<queue> and waiting:group:<group>
-- of the waiting calls by their order score; the set waiting:groups of non-empty groups.

local P = ARGV[1]

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

-- READY -> RESERVED for this call under a lease, out of every ready set.
local function reserve(agent, levels, call, now, lease)
  local until_ms = string.format('%.0f', now + lease)
  local h = P .. 'agent:' .. agent
  redis.call('HDEL', h, 'readySince', 'rang')
  redis.call('HSET', h, 'state', 'RESERVED', 'leaseUntil', until_ms, 'call', call)
  redis.call('ZADD', P .. 'agents:leases', until_ms, agent)
  redis.call('ZREM', P .. 'agents:ready', agent)
  for skill in pairs(levels) do
    redis.call('ZREM', P .. 'ready:' .. skill, agent)
  end
end

local function call_hash(call)
  return P .. 'waiting:call:' .. call
end

-- Keeps what a call needs, for its place in line now and a requeue later.
local function remember(call, queue, group, priority, arrived)
  redis.call('HSET', call_hash(call), 'queue', queue, 'group', group, 'priority', priority, 'arrivedAt', arrived)
end

-- Puts a remembered call in its queue's line and its group's line at this score.
local function line_up(call, score)
  local f = redis.call('HMGET', call_hash(call), 'queue', 'group')
  redis.call('ZADD', P .. 'waiting:queue:' .. f[1], score, call)
  redis.call('ZADD', P .. 'waiting:group:' .. f[2], score, call)
  redis.call('SADD', P .. 'waiting:groups', f[2])
end

-- Takes a call out of both lines; what it needs stays remembered. Answers 1 if it was waiting.
local function step_out(call)
  local f = redis.call('HMGET', call_hash(call), 'queue', 'group')
  if not f[1] then return 0 end
  local removed = redis.call('ZREM', P .. 'waiting:queue:' .. f[1], call)
  local group = P .. 'waiting:group:' .. f[2]
  redis.call('ZREM', group, call)
  if redis.call('ZCARD', group) == 0 then redis.call('SREM', P .. 'waiting:groups', f[2]) end
  return removed
end
