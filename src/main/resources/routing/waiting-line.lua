-- The waiting line's own changes. ARGV[2] the operation, ARGV[3] the call id, then:
-- enqueue: ARGV[4] queue, ARGV[5] groups ('|'), ARGV[6] priority, ARGV[7] arrival in ms,
--          ARGV[8] order score, ARGV[9..13] quota (as claim.lua); a call already waiting moves
--          to its new place
-- remove:  forgets the call and frees its place among its country's calls at once; answers 1
--          if it was known
-- giveback: the agent reserved for the call never talked to it and it is not lined up again
--          now: its quota place is free for others
-- requeue: ARGV[4] the score room of one priority; puts a known call back ahead of every call
--          of its priority in its queue; answers 1 if it was known

local op, call = ARGV[2], ARGV[3]

if op == 'enqueue' then
  local before = recall(call)
  step_out(call, before)
  local fields = call_fields(ARGV[4], ARGV[5], ARGV[6], ARGV[7], {ARGV[9], ARGV[10], ARGV[11], ARGV[12], ARGV[13]})
  remember(call, fields, before)
  line_up(call, ARGV[8], fields)
  return 1

elseif op == 'remove' then
  step_out(call)
  finish(call)
  return redis.call('DEL', call_hash(call))

elseif op == 'giveback' then
  give_back(call)
  return 1

elseif op == 'requeue' then
  local known = recall(call)
  if not known.queue then return 0 end
  step_out(call, known)
  give_back(call, known)
  local band = tonumber(ARGV[4])
  local low = (9 - tonumber(known.priority)) * band
  local score = low + tonumber(known.arrivedAt)
  local first = redis.call('ZRANGEBYSCORE', P .. 'waiting:queue:' .. known.queue, string.format('%.0f', low),
    '(' .. string.format('%.0f', low + band), 'WITHSCORES', 'LIMIT', 0, 1)
  if first[1] then score = math.min(score, tonumber(first[2]) - 1) end
  line_up(call, string.format('%.0f', score), known)
  return 1
end

return redis.error_reply('unknown operation: ' .. tostring(op))
