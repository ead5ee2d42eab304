-- Functions shared by the routing scripts; RoutingLua puts this text (after the agent feature's
-- agent/ready-index.lua) before each of them. ARGV[1] is always the key prefix sb:{site}:.
--
-- Agents are the agent feature's (layout in RedisAgents): hash agent:<id> with state, reachable,
-- levels (JSON skill -> level); agents:ready holds the READY, reachable agents by readySince, and
-- ready:group:<group> those who serve a used group, best first (agent/ready-index.lua);
-- agents:leases holds RESERVED agents by leaseUntil.
-- The waiting line: hash waiting:call:<id> (queue, groups, priority, arrivedAt, and the quota:
-- country, maxConcurrent, window, maxAnswered, windowEnds; taken while an agent is reserved for
-- it) from the call's first enqueue until it is removed; sorted sets waiting:queue:<queue>,
-- waiting:group:<group> (one per group that serves the call) and waiting:country:<country> of
-- the waiting calls by their order score; the set waiting:groups of non-empty groups.
-- Quotas: set quota:active:<country> of the calls with an agent; counter
-- quota:answered:<country>:<window> of the calls given an agent in one window occurrence.

-- 'a=1|b=2' -> {'a=1', 'b=2'}
local function groups_of(list)
  local groups = {}
  for group in string.gmatch(list, '[^|]+') do groups[#groups + 1] = group end
  return groups
end

-- READY -> RESERVED for this call under a lease, out of agents:ready. The agent stays in the
-- group indexes, no longer claimable, until ready again (which scores them anew) or a claim
-- that meets them at an index's head drops them (agent/ready-index.lua).
local function reserve(agent, call, now, lease)
  local until_ms = string.format('%.0f', now + lease)
  local h = P .. 'agent:' .. agent
  redis.call('HDEL', h, 'readySince', 'rang')
  redis.call('HSET', h, 'state', 'RESERVED', 'leaseUntil', until_ms, 'call', call)
  redis.call('ZADD', P .. 'agents:leases', until_ms, agent)
  redis.call('ZREM', P .. 'agents:ready', agent)
end

local function call_hash(call)
  return P .. 'waiting:call:' .. call
end

-- Keeps what a call needs, for its place in line now and a requeue later. q: country,
-- maxConcurrent, window, maxAnswered, windowEnds ('' and '-1' for none).
local function remember(call, queue, groups, priority, arrived, q)
  redis.call('HSET', call_hash(call), 'queue', queue, 'groups', groups, 'priority', priority, 'arrivedAt', arrived,
    'country', q[1], 'maxConcurrent', q[2], 'window', q[3], 'maxAnswered', q[4], 'windowEnds', q[5])
end

-- Puts a remembered call in its queue's line and the line of every group that serves it.
local function line_up(call, score)
  local f = redis.call('HMGET', call_hash(call), 'queue', 'groups', 'country')
  redis.call('ZADD', P .. 'waiting:queue:' .. f[1], score, call)
  for _, group in ipairs(groups_of(f[2])) do
    redis.call('ZADD', P .. 'waiting:group:' .. group, score, call)
    redis.call('SADD', P .. 'waiting:groups', group)
  end
  if f[3] and f[3] ~= '' then redis.call('ZADD', P .. 'waiting:country:' .. f[3], score, call) end
end

-- Takes a call out of every line; what it needs stays remembered. Answers 1 if it was waiting.
local function step_out(call)
  local f = redis.call('HMGET', call_hash(call), 'queue', 'groups', 'country')
  if not f[1] then return 0 end
  local removed = redis.call('ZREM', P .. 'waiting:queue:' .. f[1], call)
  for _, group in ipairs(groups_of(f[2])) do
    local line = P .. 'waiting:group:' .. group
    redis.call('ZREM', line, call)
    if redis.call('ZCARD', line) == 0 then redis.call('SREM', P .. 'waiting:groups', group) end
  end
  if f[3] and f[3] ~= '' then redis.call('ZREM', P .. 'waiting:country:' .. f[3], call) end
  return removed
end

local function answered_key(country, window)
  return P .. 'quota:answered:' .. country .. ':' .. window
end

-- Whether a country has room for one more call with an agent under these limits ('' and '-1'
-- for none).
local function quota_room(country, most_at_once, window, most_given)
  if not country or country == '' then return true end
  local most = tonumber(most_at_once)
  if most and most >= 0 and redis.call('SCARD', P .. 'quota:active:' .. country) >= most then return false end
  most = tonumber(most_given)
  if most and most >= 0 and window ~= '' then
    local given = tonumber(redis.call('GET', answered_key(country, window)) or '0')
    if given >= most then return false end
  end
  return true
end

-- Whether the remembered call's country has room for one more call with an agent.
local function quota_allows(call)
  local f = redis.call('HMGET', call_hash(call), 'country', 'maxConcurrent', 'window', 'maxAnswered')
  return quota_room(f[1], f[2], f[3], f[4])
end

-- The call got an agent: it counts against its country's quota until it ends or comes back.
-- The window's count is kept a day past the window's end (by the caller's clock, now).
local function take_quota(call, now)
  local h = call_hash(call)
  local f = redis.call('HMGET', h, 'country', 'window', 'windowEnds')
  if not f[1] or f[1] == '' then return end
  redis.call('SADD', P .. 'quota:active:' .. f[1], call)
  if f[2] ~= '' then
    local key = answered_key(f[1], f[2])
    redis.call('INCR', key)
    redis.call('PEXPIRE', key, string.format('%.0f', math.max(tonumber(f[3]) - now, 0) + 86400000))
    redis.call('HSET', h, 'taken', f[2])
  else
    redis.call('HSET', h, 'taken', '')
  end
end

-- The agent reserved for the call never talked to it (no answer, lease gone): the call gives
-- back what it took of the quota.
local function give_back(call)
  local h = call_hash(call)
  local f = redis.call('HMGET', h, 'country', 'taken')
  if not f[2] then return end
  redis.call('SREM', P .. 'quota:active:' .. f[1], call)
  if f[2] ~= '' then
    local key = answered_key(f[1], f[2])
    if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
  end
  redis.call('HDEL', h, 'taken')
end

-- The call is over for routing: it no longer holds a place in the country's calls at once.
local function finish(call)
  local country = redis.call('HGET', call_hash(call), 'country')
  if country and country ~= '' then redis.call('SREM', P .. 'quota:active:' .. country, call) end
end
