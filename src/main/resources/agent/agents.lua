-- Every change of an agent's state, in one script so that one piece of code keeps the ready
-- indexes true: an agent is in agents:ready (scored by readySince) exactly while it is READY and
-- reachable, and then in the index of every used group they serve (ready-index.lua), which may
-- also hold agents a claim reserved, until they are ready again or a claim drops them. The layout is
-- described in RedisAgents; routing's claim scripts reserve agents through it.
--
-- KEYS[1] sb:{site}:agents, the set of ids (it routes the script to the site's slot)
-- ARGV[1] the key prefix sb:{site}:   ARGV[2] the named arguments, one JSON object (RedisAgents):
-- operation, now in ms, agentId ('' for reap), offer (the argument of the ready offer, '' for
-- none), then the operation's own arguments.
-- A change is answered as {id, from, to, reason, indexed, call, misses, took}: indexed is '1' when
-- the agent entered the ready indexes, misses is '' unless the change counted a missed call, took
-- is what the agent took when offered work the moment they became ready, or ''.
--
-- offer_ready(agent, now, argument) comes before this text: another feature's offer of work
-- (RedisAgents, ReadyAgentOffer), so that becoming ready and taking work are one step.

local A = cjson.decode(ARGV[2])
local P, op, now, id = ARGV[1], A.operation, tonumber(A.now), A.agentId
local IDS, ENDPOINTS, READY = KEYS[1], P .. 'agents:endpoints', P .. 'agents:ready'
local LEASES, WRAP_UPS = P .. 'agents:leases', P .. 'agents:wrap-ups'
local BUSY = {RESERVED = true, ON_CALL = true, WRAP_UP = true}
local OFFER = A.offer

local function hash(agent)
  return P .. 'agent:' .. agent
end

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
local function offer(agent)
  return offer_ready(agent, now, OFFER) or ''
end

-- Leaves the current state and enters the next one; f is the agent's state, reachable and call
-- when already read.
local function move(agent, to, reason, until_ms, f)
  local h = hash(agent)
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
    -- a claim left the agent in the group indexes (routing's reserve), and they are not back soon
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
    set[3], set[4] = 'readySince', A.now
  elseif to == 'NOT_READY' then
    set[3], set[4] = 'reason', reason
  elseif to == 'WRAP_UP' then
    set[3], set[4] = 'wrapUntil', until_ms
    redis.call('ZADD', WRAP_UPS, until_ms, agent)
  elseif to == 'ON_CALL' or to == 'LOGGED_OUT' then
    set[3], set[4] = 'misses', 0
  end
  redis.call('HSET', h, unpack(set))
  if to == 'READY' and reachable == '1' then
    index(agent, now)
    return {agent, from, to, reason or '', '1', call, '', offer(agent)}
  end
  return {agent, from, to, reason or '', '0', call, '', ''}
end

-- The misses in a row that pause an agent of this team: teamMaxRingMisses (team -> count) for
-- its team, else maxRingMisses. team is false for an agent with none.
local function max_misses(team)
  local limit = team and A.teamMaxRingMisses[team]
  if limit then return tonumber(limit) end
  return tonumber(A.maxRingMisses)
end

-- A reserved agent did not answer: paused at the team's limit (the count starts again),
-- else ready again, behind those who waited longer.
local function miss(agent)
  local h = hash(agent)
  local misses = redis.call('HINCRBY', h, 'misses', 1)
  local change
  if misses >= max_misses(redis.call('HGET', h, 'team')) then
    change = move(agent, 'NOT_READY', 'ring-no-answer')
    redis.call('HSET', h, 'misses', 0)
  else
    change = move(agent, 'READY')
  end
  change[7] = tostring(misses)
  return change
end

if op == 'save' then
  -- profile and levels (JSON text), endpoint, team, expectedVersion (the profile version the
  -- edit was made on, '' for any, '0' for a new agent);
  -- answers {created|updated, indexed, new version, took}, {'taken', owner} or {'stale', version}
  local h = hash(id)
  local f = redis.call('HMGET', h, 'state', 'reachable', 'endpoint', 'readySince', 'version', 'levels')
  local version = tonumber(f[5] or (f[1] and '1' or '0'))
  if A.expectedVersion ~= '' and tonumber(A.expectedVersion) ~= version then return {'stale', tostring(version)} end
  local endpoint = A.endpoint
  local owner = redis.call('HGET', ENDPOINTS, endpoint)
  if owner and owner ~= id then return {'taken', owner} end
  local created = not f[1]
  local moved = f[3] ~= endpoint
  local indexed = f[1] == 'READY' and f[2] == '1' and not moved
  if f[1] == 'READY' and f[2] == '1' then unindex(id) end
  if f[3] and moved then redis.call('HDEL', ENDPOINTS, f[3]) end
  redis.call('HSET', h, 'profile', A.profile, 'levels', A.levels, 'endpoint', endpoint, 'team', A.team)
  if created then
    redis.call('HSET', h, 'state', 'LOGGED_OUT', 'misses', 0)
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
    took = offer(id)
  end
  return {created and 'created' or 'updated', indexed and '1' or '0', tostring(version + 1), took,
    moved and '1' or '0'}

elseif op == 'delete' then
  -- expectedVersion, the profile version the delete was asked on (absent or '' for any); -1 when
  -- stale
  local h = hash(id)
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
  return 1

elseif op == 'move' then
  -- target (the next state), reason, wrapUpUntil (the wrap-up end in ms, or ''), from (the
  -- states it may leave)
  local f = redis.call('HMGET', hash(id), 'state', 'reachable', 'call')
  if not f[1] then return 'missing' end
  for _, state in ipairs(A.from) do
    if state == f[1] then return move(id, A.target, A.reason, A.wrapUpUntil, f) end
  end
  return 'refused'

elseif op == 'answer' then
  -- callId, and channel, the agent's channel that carries it: only an agent reserved for
  -- this call goes on it, and only the hang-up of this channel ends it
  local f = redis.call('HMGET', hash(id), 'state', 'reachable', 'call')
  if not f[1] then return 'missing' end
  if f[1] ~= 'RESERVED' or f[3] ~= A.callId then return 'refused' end
  local change = move(id, 'ON_CALL', '', '', f)
  redis.call('HSET', hash(id), 'channel', A.channel)
  return change

elseif op == 'hungup' then
  -- channel, the one that hung up, and wrapUpUntil in ms: wrap-up when it carried
  -- the agent's call (an agent on a call with no channel known ends it with any channel)
  local f = redis.call('HMGET', hash(id), 'state', 'reachable', 'call', 'channel')
  if not f[1] then return 'missing' end
  if f[1] ~= 'ON_CALL' or (f[4] and f[4] ~= '' and f[4] ~= A.channel) then return 'refused' end
  return move(id, 'WRAP_UP', '', A.wrapUpUntil, f)

elseif op == 'pause' then
  -- reason: at once, or when asked while reserved or on a call, once that call is
  -- over (after wrap-up), so that a pause never frees an agent from a call
  local f = redis.call('HMGET', hash(id), 'state', 'reachable', 'call')
  if not f[1] then return 'missing' end
  if f[1] == 'RESERVED' or f[1] == 'ON_CALL' then
    redis.call('HSET', hash(id), 'pausePending', A.reason)
    return 'pending'
  end
  if f[1] == 'LOGGED_OUT' then return 'refused' end
  return move(id, 'NOT_READY', A.reason, '', f)

elseif op == 'ready' then
  -- during a call: ready once it is over (a pause asked for meanwhile is dropped)
  local f = redis.call('HMGET', hash(id), 'state', 'reachable', 'call')
  if not f[1] then return 'missing' end
  if f[1] == 'RESERVED' or f[1] == 'ON_CALL' then
    redis.call('HDEL', hash(id), 'pausePending')
    return 'pending'
  end
  if f[1] == 'LOGGED_OUT' then return 'refused' end
  redis.call('HDEL', hash(id), 'pausePending')
  return move(id, 'READY', '', '', f)

elseif op == 'missed' then
  -- maxRingMisses and teamMaxRingMisses, as max_misses reads them
  local state = redis.call('HGET', hash(id), 'state')
  if not state then return 'missing' end
  if state ~= 'RESERVED' then return 'refused' end
  return miss(id)

elseif op == 'reachable' then
  -- reachable, '1' or '0'; answers {changed, indexed, took}
  local h = hash(id)
  local f = redis.call('HMGET', h, 'state', 'reachable', 'readySince')
  if not f[1] then return 'missing' end
  if f[2] == A.reachable then return {'0', '0', ''} end
  redis.call('HSET', h, 'reachable', A.reachable)
  if f[1] ~= 'READY' then return {'1', '0', ''} end
  if A.reachable == '1' then
    index(id, tonumber(f[3]) or now)
    return {'1', '1', offer(id)}
  end
  unindex(id)
  return {'1', '0', ''}

elseif op == 'ringing' then
  local state = redis.call('HGET', hash(id), 'state')
  if not state then return 'missing' end
  if state ~= 'RESERVED' then return 'refused' end
  redis.call('HSET', hash(id), 'rang', '1')
  return 'rang'

elseif op == 'reap' then
  -- maxRingMisses and teamMaxRingMisses, as max_misses reads them; at most 1000 of each kind per run
  local changes = {}
  for _, agent in ipairs(redis.call('ZRANGEBYSCORE', LEASES, '-inf', now, 'LIMIT', 0, 1000)) do
    local f = redis.call('HMGET', hash(agent), 'state', 'leaseUntil', 'rang')
    if f[1] ~= 'RESERVED' then
      redis.call('ZREM', LEASES, agent)
    elseif tonumber(f[2]) <= now then
      if f[3] == '1' then
        changes[#changes + 1] = miss(agent)
      else
        changes[#changes + 1] = move(agent, 'READY')
      end
    end
  end
  for _, agent in ipairs(redis.call('ZRANGEBYSCORE', WRAP_UPS, '-inf', now, 'LIMIT', 0, 1000)) do
    if redis.call('HGET', hash(agent), 'state') == 'WRAP_UP' then
      changes[#changes + 1] = move(agent, 'READY')
    else
      redis.call('ZREM', WRAP_UPS, agent)
    end
  end
  return changes
end

return redis.error_reply('unknown operation: ' .. tostring(op))
