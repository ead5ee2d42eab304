-- Functions shared by the routing scripts, over routing's own keys only; RoutingLua puts this text
-- (after the agent feature's agent/lib.lua, whose functions read and reserve agents) before each
-- of them. ARGV[1] is always the key prefix sb:{site}:; a script of more than a few arguments
-- takes them by name, one JSON object in ARGV[2] (LuaScript).
--
-- The waiting line keeps what it knows of a call in the call's one hash, call:<id>, which
-- RedisLiveCalls opens (channel, skills, country, agent ...). queue, priority and arrived are the
-- call's own fields, which both write alike; groups (a call without it is not known to the line),
-- the quota (quotaCountry, maxConcurrent, window, maxAnswered, windowEnds; '' and '-1' for none),
-- and taken while an agent is reserved for it, are the line's, from the call's first enqueue
-- until it is removed, which deletes only those (HDEL). A hash the line creates (a call routing
-- did not open) expires a day later, as an opened one does. Sorted sets waiting:queue:<queue>,
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
  return P .. 'call:' .. call
end

-- How long a call hash the waiting line creates is kept, as RedisLiveCalls keeps one it opens.
local KEEP_SECONDS = 86400

-- The fields a call remembers, then the quota it took while an agent is reserved for it.
local REMEMBERED = {'queue', 'groups', 'priority', 'arrived', 'quotaCountry', 'maxConcurrent', 'window',
  'maxAnswered', 'windowEnds'}

-- The waiting line's own fields of the call's hash, the ones removing the call deletes; queue,
-- priority and arrived are the call's.
local LINE_FIELDS = {'groups', 'quotaCountry', 'maxConcurrent', 'window', 'maxAnswered', 'windowEnds', 'taken'}

-- What a call remembers, by field name, in one read; every field is false for a call not known
-- (groups false for a call the line does not know, whose hash routing may have opened).
local function recall(call)
  local values = redis.call('HMGET', call_hash(call), 'taken', unpack(REMEMBERED))
  local known = {taken = values[1]}
  for i, field in ipairs(REMEMBERED) do known[field] = values[i + 1] end
  return known
end

-- A call's fields as remember keeps them. q: country, maxConcurrent, window, maxAnswered,
-- windowEnds ('' and '-1' for none); the quota's country is kept as quotaCountry, apart from the
-- call's own country (its schedule's), which routing writes.
local function call_fields(queue, groups, priority, arrived, q)
  return {queue = queue, groups = groups, priority = priority, arrived = arrived, quotaCountry = q[1],
    maxConcurrent = q[2], window = q[3], maxAnswered = q[4], windowEnds = q[5]}
end

-- Keeps what a call needs, for its place in line now and a requeue later. Given what the call
-- held (recall), writes only the fields that changed: a call claimed again usually changed none.
-- taken: the quota the call has just taken (count_against_quota), written in the same HSET. A hash
-- that held no queue is new (routing opens every call's hash with one): it gets its expiry.
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
  if #changed > 0 then
    redis.call('HSET', call_hash(call), unpack(changed))
    if not known or not known.queue then redis.call('EXPIRE', call_hash(call), KEEP_SECONDS) end
  end
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
  if known.quotaCountry and known.quotaCountry ~= '' then
    redis.call('ZADD', P .. 'waiting:country:' .. known.quotaCountry, score, call)
  end
end

-- Takes a call out of every line it was lined up in, by what it remembered then (known, read
-- when not given); what it needs stays remembered. Answers 1 if it was waiting.
local function step_out(call, known)
  known = known or recall(call)
  if not known.groups then return 0 end
  -- not in its queue's line, so in none (a claimed call, one claimed again after a miss)
  if redis.call('ZREM', P .. 'waiting:queue:' .. known.queue, call) == 0 then return 0 end
  for _, group in ipairs(groups_of(known.groups)) do
    local line = P .. 'waiting:group:' .. group
    redis.call('ZREM', line, call)
    if redis.call('ZCARD', line) == 0 then redis.call('SREM', P .. 'waiting:groups', group) end
  end
  if known.quotaCountry and known.quotaCountry ~= '' then
    redis.call('ZREM', P .. 'waiting:country:' .. known.quotaCountry, call)
  end
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
  if not q.quotaCountry or q.quotaCountry == '' then return nil end
  redis.call('SADD', P .. 'quota:active:' .. q.quotaCountry, call)
  if q.window ~= '' then
    local key = answered_key(q.quotaCountry, q.window)
    if redis.call('INCR', key) == 1 then
      redis.call('PEXPIRE', key, string.format('%.0f', math.max(tonumber(q.windowEnds) - now, 0) + 86400000))
    end
  end
  return q.window
end

-- count_against_quota, and the call remembers what it took (q: what it remembers).
local function take_quota(call, now, q)
  local taken = count_against_quota(call, now, q)
  if taken then redis.call('HSET', call_hash(call), 'taken', taken) end
end

-- The agent reserved for the call never talked to it (no answer, lease gone): the call gives
-- back what it took of the quota. known: what the call remembers (read when not given).
local function give_back(call, known)
  known = known or recall(call)
  if not known.taken then return end
  redis.call('SREM', P .. 'quota:active:' .. known.quotaCountry, call)
  if known.taken ~= '' then
    local key = answered_key(known.quotaCountry, known.taken)
    if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
  end
  redis.call('HDEL', call_hash(call), 'taken')
end

-- The call is over for the waiting line (known: what it remembers): it no longer holds a place in
-- the country's calls at once, and its hash keeps only the call's own fields. Answers 1 if the
-- line knew the call.
local function forget(call, known)
  if known.quotaCountry and known.quotaCountry ~= '' then
    redis.call('SREM', P .. 'quota:active:' .. known.quotaCountry, call)
  end
  if redis.call('HDEL', call_hash(call), unpack(LINE_FIELDS)) > 0 then return 1 end
  return 0
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
        if not known.groups then
          -- its hash expired or was deleted while it waited: it is nobody's call to take
          local line = P .. 'waiting:group:' .. group
          redis.call('ZREM', line, calls[i])
          if redis.call('ZCARD', line) == 0 then redis.call('SREM', P .. 'waiting:groups', group) end
        elseif quota_room(known.quotaCountry, known.maxConcurrent, known.window, known.maxAnswered) then
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
