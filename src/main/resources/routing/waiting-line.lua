-- The waiting line's own changes. ARGV[1] the key prefix; ARGV[2] the named arguments, one JSON
-- object (RedisWaitingLine): operation, callId, then:
-- enqueue: queue, groups ('|'), priority, arrivedAt in ms, score (the order score), quota (as
--          claim.lua); a call already waiting moves to its new place
-- remove:  forgets the call and frees its place among its country's calls at once; deletes the
--          line's fields of the call's hash, never the call's own; answers 1 if it was known
-- giveback: the agent reserved for the call never talked to it and it is not lined up again
--          now: its quota place is free for others
-- requeue: priorityBand, the score room of one priority; puts a known call back ahead of every
--          call of its priority in its queue; answers 1 if it was known

local A = cjson.decode(ARGV[2])
local op, call = A.operation, A.callId

if op == 'enqueue' then
  local before = recall(call)
  step_out(call, before)
  local q = A.quota
  local fields = call_fields(A.queue, A.groups, A.priority, A.arrivedAt,
    {q.country, q.maxConcurrent, q.window, q.maxAnswered, q.windowCloses})
  remember(call, fields, before)
  line_up(call, A.score, fields)
  return 1

elseif op == 'remove' then
  local known = recall(call)
  step_out(call, known)
  return forget(call, known)

elseif op == 'giveback' then
  give_back(call)
  return 1

elseif op == 'requeue' then
  local known = recall(call)
  if not known.groups then return 0 end
  step_out(call, known)
  give_back(call, known)
  local band = tonumber(A.priorityBand)
  local low = (9 - tonumber(known.priority)) * band
  local score = low + tonumber(known.arrived)
  local first = redis.call('ZRANGEBYSCORE', P .. 'waiting:queue:' .. known.queue, string.format('%.0f', low),
    '(' .. string.format('%.0f', low + band), 'WITHSCORES', 'LIMIT', 0, 1)
  if first[1] then score = math.min(score, tonumber(first[2]) - 1) end
  line_up(call, string.format('%.0f', score), known)
  return 1
end

return redis.error_reply('unknown operation: ' .. tostring(op))
