-- Functions shared by the routing scripts, over routing's own keys only; RoutingLua puts this text
-- (after the agent feature's agent/lib.lua, whose functions read and reserve agents) before each
-- of them. ARGV[1] is always the key prefix sb:{site}:; a script of more than a few arguments
-- takes them by name, one JSON object in ARGV[2] (LuaScript).
--
-- The waiting line: hash waiting:call:<id> (queue, groups, priority, arrivedAt, and the quota:
-- country, maxConcurrent, window, maxAnswered, windowEnds; taken while an agent is reserved for
-- it) from the call's first enqueue until it is removed; sorted sets waiting:queue:<queue>,
-- waiting:group:<group> (one per group that serves the call) and waiting:country:<country> of
-- the waiting calls by their order score; the set waiting:groups of non-empty groups. A call is
-- in all of its lines or in none: line_up and step_out change them together, by the hash's values.
-- Quotas: set quota:active:<country> of the calls with an agent; counter
-- quota:answered:<country>:<window> of the calls given an agent in one window occurrence.
--
-- Every Redis call inside a script costs a few µs, as much as the script's own work: the
-- functions take what the caller already read or was given rather than read it again.

-- 'a=1|b=2' -> {'a=1', 'b=2'}
local function groups_of(list)
  local groups = {}
  for group in string.gmatch(list, '[^|]+') do groups[#groups + 1] = group end
  return groups
end

local function call_hash(call)
  return P .. 'waiting:call:' .. call
end

-- The fields a call remembers, then the quota it took while an agent is reserved for it.
local REMEMBERED = {'queue', 'groups', 'priority', 'arrivedAt', 'country', 'maxConcurrent', 'window',
  'maxAnswered', 'windowEnds'}

-- What a call remembers, by field name, in one read; every field is false for a call not known.
local function recall(call)
  local values = redis.call('HMGET', call_hash(call), 'taken', unpack(REMEMBERED))
  local known = {taken = values[1]}
  for i, field in ipairs(REMEMBERED) do known[field] = values[i + 1] end
  return known
end

-- A call's fields as remember keeps them. q: country, maxConcurrent, window, maxAnswered,
-- windowEnds ('' and '-1' for none).
local function call_fields(queue, groups, priority, arrived, q)
  return {queue = queue, groups = groups, priority = priority, arrivedAt = arrived, country = q[1],
    maxConcurrent = q[2], window = q[3], maxAnswered = q[4], windowEnds = q[5]}
end

-- Keeps what a call needs, for its place in line now and a requeue later. Given what the call
-- held (recall), writes only the fields that changed: a call claimed again usually changed none.
-- taken: the quota the call has just taken (count_against_quota), written in the same HSET.
local function remember(call, fields, known, taken)
  local changed = {}
  for _, field in ipairs(REMEMBERED) do
    if not known or known[field] ~= fields[field] then
      changed[#changed + 1] = field
      changed[#changed + 1] = fields[field]
    end
  end
  if taken then
    changed[#changed + 1] = 'taken'
    changed[#changed + 1] = taken
  end
  if #changed > 0 then redis.call('HSET', call_hash(call), unpack(changed)) end
end

-- Puts a remembered call in its queue's line and the line of every group that serves it; known
-- is what the call remembers now (read when not given).
local function line_up(call, score, known)
  known = known or recall(call)
  redis.call('ZADD', P .. 'waiting:queue:' .. known.queue, score, call)
  for _, group in ipairs(groups_of(known.groups)) do
    redis.call('ZADD', P .. 'waiting:group:' .. group, score, call)
    redis.call('SADD', P .. 'waiting:groups', group)
  end
  if known.country and known.country ~= '' then
    redis.call('ZADD', P .. 'waiting:country:' .. known.country, score, call)
  end
end

-- Takes a call out of every line it was lined up in, by what it remembered then (known, read
-- when not given); what it needs stays remembered. Answers 1 if it was waiting.
local function step_out(call, known)
  known = known or recall(call)
  if not known.queue then return 0 end
  -- not in its queue's line, so in none (a claimed call, one claimed again after a miss)
  if redis.call('ZREM', P .. 'waiting:queue:' .. known.queue, call) == 0 then return 0 end
  for _, group in ipairs(groups_of(known.groups)) do
    local line = P .. 'waiting:group:' .. group
    redis.call('ZREM', line, call)
    if redis.call('ZCARD', line) == 0 then redis.call('SREM', P .. 'waiting:groups', group) end
  end
  if known.country and known.country ~= '' then redis.call('ZREM', P .. 'waiting:country:' .. known.country, call) end
  return 1
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

-- The call got an agent: it counts against its country's quota (q: what it remembers) until it
-- ends or comes back. The window's count is kept a day past the window's end (by the caller's
-- clock, now): the claim that starts the count sets when it goes, which is the same for every
-- later claim in the window. Answers what the call is to remember as taken (its window, '' for
-- none), or nil when it has no quota; the caller writes it.
local function count_against_quota(call, now, q)
  if not q.country or q.country == '' then return nil end
  redis.call('SADD', P .. 'quota:active:' .. q.country, call)
  if q.window ~= '' then
    local key = answered_key(q.country, q.window)
    if redis.call('INCR', key) == 1 then
      redis.call('PEXPIRE', key, string.format('%.0f', math.max(tonumber(q.windowEnds) - now, 0) + 86400000))
    end
  end
  return q.window
end

-- count_against_quota, and the call remembers what it took.
local function take_quota(call, now, q)
  local taken = count_against_quota(call, now, q)
  if taken then redis.call('HSET', call_hash(call), 'taken', taken) end
end

-- The agent reserved for the call never talked to it (no answer, lease gone): the call gives
-- back what it took of the quota. known: what the call remembers (read when not given).
local function give_back(call, known)
  known = known or recall(call)
  if not known.taken then return end
  redis.call('SREM', P .. 'quota:active:' .. known.country, call)
  if known.taken ~= '' then
    local key = answered_key(known.country, known.taken)
    if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
  end
  redis.call('HDEL', call_hash(call), 'taken')
end

-- The call is over for routing: it no longer holds a place in the country's calls at once.
local function finish(call)
  local country = redis.call('HGET', call_hash(call), 'country')
  if country and country ~= '' then redis.call('SREM', P .. 'quota:active:' .. country, call) end
end

-- Reserves a ready agent for the waiting call that comes first among those they can serve, and
-- takes it out of the line; answers the call id, or nil. Calls wait in groups of equal needs (a
-- call whose needs widened waits in several), so each group is checked once and only its first
-- calls are read: the first whose country quota has room. An agent who may not be claimed
-- (claimable) takes nothing. Run by claim-call.lua, and by ready-offer.lua the moment an agent
-- becomes ready.
local function claim_waiting_call(agent, now, lease)
  local groups = redis.call('SMEMBERS', P .. 'waiting:groups')
  -- nobody waits: the usual case for an agent becoming ready, one read
  if #groups == 0 then return nil end
  local levels = claimable_levels(agent)
  if not levels then return nil end

  local best, best_score, best_known = nil, nil, nil
  for _, group in ipairs(groups) do
    if proficiency(levels, needs_of(group)) then
      local calls = redis.call('ZRANGE', P .. 'waiting:group:' .. group, 0, 49, 'WITHSCORES')
      for i = 1, #calls, 2 do
        local score = tonumber(calls[i + 1])
        if best ~= nil and (score > best_score or (score == best_score and calls[i] > best)) then break end
        local known = recall(calls[i])
        if quota_room(known.country, known.maxConcurrent, known.window, known.maxAnswered) then
          best, best_score, best_known = calls[i], score, known
          break
        end
      end
    end
  end

  if best == nil then return nil end
  step_out(best, best_known)
  take_quota(best, now, best_known)
  reserve(agent, best, now, lease)
  return best
end
