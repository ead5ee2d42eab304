-- Reserves a ready agent for the waiting call that comes first among those they can serve, and
-- takes it out of the line. Calls wait in groups of equal needs (a call whose needs widened
-- waits in several), so each group is checked once and only its first calls are read: the
-- first whose country quota has room. An agent who is not READY and reachable takes nothing.
--
-- ARGV[2] agent id, ARGV[3] now in ms, ARGV[4] lease in ms. Answers the call id, or nil.

local agent, now, lease = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local SCAN = 50
local f = redis.call('HMGET', P .. 'agent:' .. agent, 'state', 'reachable', 'levels')
if f[1] ~= 'READY' or f[2] ~= '1' then return nil end
local levels = cjson.decode(f[3])

local best, best_score = nil, nil
for _, group in ipairs(redis.call('SMEMBERS', P .. 'waiting:groups')) do
  if proficiency(levels, needs_of(group)) then
    local calls = redis.call('ZRANGE', P .. 'waiting:group:' .. group, 0, SCAN - 1, 'WITHSCORES')
    for i = 1, #calls, 2 do
      local score = tonumber(calls[i + 1])
      if best ~= nil and (score > best_score or (score == best_score and calls[i] > best)) then break end
      if quota_allows(calls[i]) then
        best, best_score = calls[i], score
        break
      end
    end
  end
end

if best == nil then return nil end
step_out(best)
take_quota(best, now)
reserve(agent, best, now, lease)
return best
