-- Settles calls whose record was decided: for each, either look again later (only while the
-- call is still due: ZADD XX), or take it off the closing index, which one instance only
-- manages. A call written keeps in its log which record was written (score 0, before every
-- event) and, for a requested callback that may still complete, its events; a call dropped
-- keeps its log only when told to. Answers the calls this instance took whose record it
-- writes. Keys, all callrecord's: callrecord:closing and callrecord:log:<id>.
-- ARGV[1] the key prefix; ARGV[2] {keepSeconds, calls = [{id, act = write|drop|later, keep, outcome, at}]}
local P = ARGV[1]
local A = cjson.decode(ARGV[2])
local CLOSING = P .. 'callrecord:closing'
local ours = {}
for _, c in ipairs(A.calls) do
  local log = P .. 'callrecord:log:' .. c.id
  if c.act == 'later' then
    redis.call('ZADD', CLOSING, 'XX', c.at, c.id)
  elseif redis.call('ZREM', CLOSING, c.id) == 1 then
    if c.act == 'write' then
      if c.keep then
        redis.call('ZREMRANGEBYSCORE', log, 0, 0)
      else
        redis.call('DEL', log)
      end
      redis.call('ZADD', log, 0, 'written:' .. c.outcome)
      redis.call('EXPIRE', log, A.keepSeconds)
      ours[#ours + 1] = c.id
    elseif not c.keep then
      redis.call('DEL', log)
    end
  end
end
return ours
