-- Every change of an agent's state, in one script so that one piece of code keeps the ready
-- indexes true: an agent is in agents:ready (scored by readySince) exactly while it is READY and
-- reachable, and then in the index of every used group they serve (ready-index.lua), which may
-- also hold agents a claim reserved, until they are ready again or a claim drops them. The layout is
-- described in RedisAgents; routing's claim scripts reserve agents through it.
--
-- KEYS[1] sb:{site}:agents, the set of ids (it routes the script to the site's slot)
-- ARGV[1] the key prefix sb:{site}:   ARGV[2] the operation   ARGV[3] now in ms
-- ARGV[4] the agent id ('' for reap), then the operation's own arguments.
-- A change is answered as {id, from, to, reason, indexed, call, misses}: indexed is '1' when the
-- agent entered the ready indexes, misses is '' unless the change counted a missed call.

local P, op, now, id = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local IDS, ENDPOINTS, READY = KEYS[1], P .. 'agents:endpoints', P .. 'agents:ready'
local LEASES, WRAP_UPS = P .. 'agents:leases', P .. 'agents:wrap-ups'
local BUSY = {RESERVED = true, ON_CALL = true, WRAP_UP = true}

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

-- Leaves the current state and enters the next one.
local function move(agent, to, reason, until_ms)
  local h = hash(agent)
  local f = redis.call('HMGET', h, 'state', 'reachable', 'call')
  local from, reachable, call = f[1], f[2], f[3] or ''
  if from == 'READY' then
    unindex(agent)
  elseif BUSY[from] and (to == 'NOT_READY' or to == 'LOGGED_OUT') then
    -- a claim left the agent in the group indexes (routing's reserve), and they are not back soon
    unindex_groups(agent)
  end
  if from == 'RESERVED' then redis.call('ZREM', LEASES, agent) end
  if from == 'WRAP_UP' then redis.call('ZREM', WRAP_UPS, agent) end
  redis.call('HDEL', h, 'reason', 'readySince', 'leaseUntil', 'rang', 'wrapUntil')
  if to ~= 'ON_CALL' and to ~= 'WRAP_UP' then redis.call('HDEL', h, 'call') end
  redis.call('HSET', h, 'state', to)
  local indexed = '0'
  if to == 'READY' then
    redis.call('HSET', h, 'readySince', ARGV[3])
    if reachable == '1' then
      index(agent, now)
      indexed = '1'
    end
  elseif to == 'NOT_READY' then
    redis.call('HSET', h, 'reason', reason)
  elseif to == 'WRAP_UP' then
    redis.call('HSET', h, 'wrapUntil', until_ms)
    redis.call('ZADD', WRAP_UPS, until_ms, agent)
  elseif to == 'ON_CALL' or to == 'LOGGED_OUT' then
    redis.call('HSET', h, 'misses', 0)
  end
  return {agent, from, to, reason or '', indexed, call, ''}
end

-- The misses in a row that pause an agent of this team: ARGV[5] the default, then team, count pairs.
local function max_misses(team)
  for i = 6, #ARGV - 1, 2 do
    if ARGV[i] == team then return tonumber(ARGV[i + 1]) end
  end
  return tonumber(ARGV[5])
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
  -- ARGV[5] profile JSON, ARGV[6] levels JSON, ARGV[7] endpoint, ARGV[8] team,
  -- ARGV[9] the profile version the edit was made on ('' for any, '0' for a new agent);
  -- answers {created|updated, indexed, new version}, {'taken', owner} or {'stale', version}
  local h = hash(id)
  local f = redis.call('HMGET', h, 'state', 'reachable', 'endpoint', 'readySince', 'version', 'levels')
  local version = tonumber(f[5] or (f[1] and '1' or '0'))
  if ARGV[9] ~= '' and tonumber(ARGV[9]) ~= version then return {'stale', tostring(version)} end
  local endpoint = ARGV[7]
  local owner = redis.call('HGET', ENDPOINTS, endpoint)
  if owner and owner ~= id then return {'taken', owner} end
  local created = not f[1]
  local indexed = f[1] == 'READY' and f[2] == '1'
  if indexed then unindex(id) end
  if f[3] and f[3] ~= endpoint then redis.call('HDEL', ENDPOINTS, f[3]) end
  redis.call('HSET', h, 'profile', ARGV[5], 'levels', ARGV[6], 'endpoint', endpoint, 'team', ARGV[8])
  if created then
    redis.call('HSET', h, 'state', 'LOGGED_OUT', 'reachable', '1', 'misses', 0)
    redis.call('SADD', IDS, id)
  end
  if owner ~= id or f[3] ~= endpoint then
    redis.call('HSET', ENDPOINTS, endpoint, id)
    -- every instance keeps a copy of the endpoints; this tells them it moved
    redis.call('INCR', ENDPOINTS .. ':version')
  end
  redis.call('HSET', h, 'version', version + 1)
  if f[6] ~= ARGV[6] then
    -- new skills: the groups the agent serves are worked out again (a few dozen used groups)
    leave_groups(id)
    join_groups(id, cjson.decode(ARGV[6]))
  end
  if indexed then index(id, tonumber(f[4]) or now) end
  return {created and 'created' or 'updated', indexed and '1' or '0', tostring(version + 1)}

elseif op == 'delete' then
  -- ARGV[5] the profile version the delete was asked on ('' for any); -1 when stale
  local h = hash(id)
  local f = redis.call('HMGET', h, 'state', 'endpoint', 'version')
  if not f[1] then return 0 end
  if (ARGV[5] or '') ~= '' and tonumber(ARGV[5]) ~= tonumber(f[3] or '1') then return -1 end
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
  -- ARGV[5] the next state, ARGV[6] reason, ARGV[7] wrap-up end in ms, ARGV[8..] the states it may leave
  local state = redis.call('HGET', hash(id), 'state')
  if not state then return 'missing' end
  for i = 8, #ARGV do
    if ARGV[i] == state then return move(id, ARGV[5], ARGV[6], ARGV[7]) end
  end
  return 'refused'

elseif op == 'missed' then
  -- ARGV[5..] the limits, as max_misses reads them
  local state = redis.call('HGET', hash(id), 'state')
  if not state then return 'missing' end
  if state ~= 'RESERVED' then return 'refused' end
  return miss(id)

elseif op == 'reachable' then
  -- ARGV[5] '1' or '0'; answers {changed, indexed}
  local h = hash(id)
  local f = redis.call('HMGET', h, 'state', 'reachable', 'readySince')
  if not f[1] then return 'missing' end
  if f[2] == ARGV[5] then return {'0', '0'} end
  redis.call('HSET', h, 'reachable', ARGV[5])
  if f[1] ~= 'READY' then return {'1', '0'} end
  if ARGV[5] == '1' then
    index(id, tonumber(f[3]) or now)
    return {'1', '1'}
  end
  unindex(id)
  return {'1', '0'}

elseif op == 'ringing' then
  local state = redis.call('HGET', hash(id), 'state')
  if not state then return 'missing' end
  if state ~= 'RESERVED' then return 'refused' end
  redis.call('HSET', hash(id), 'rang', '1')
  return 'rang'

elseif op == 'reap' then
  -- ARGV[5..] the limits, as max_misses reads them; at most 1000 of each kind per run
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
