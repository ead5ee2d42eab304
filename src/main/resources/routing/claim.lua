-- Reserves the best ready agent for a call: every needed skill at its level, then the highest
-- proficiency, then the longest idle. Only the smallest ready set among the needed skills is
-- read. With waiting asked for, the call is remembered, and lined up when no agent fits; a
-- call that was waiting leaves the line when it gets an agent.
--
-- ARGV[2] now in ms, ARGV[3] lease in ms, ARGV[4] call id, ARGV[5] its needs group,
-- ARGV[6] '1' to wait, then for waiting: ARGV[7] queue, ARGV[8] priority, ARGV[9] arrival in ms,
-- ARGV[10] order score. Answers the agent id, or nil.

local now, lease, call, group = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
local needs = needs_of(group)

local pool, smallest = P .. 'agents:ready', nil
for _, need in ipairs(needs) do
  local set = P .. 'ready:' .. need[1]
  local size = redis.call('ZCARD', set)
  if smallest == nil or size < smallest then pool, smallest = set, size end
end

local best, best_levels, best_sum = nil, nil, -1
local perfect = 5 * #needs
if smallest ~= 0 then
  -- ordered by readySince, so the first agent at a proficiency is the longest idle
  for _, agent in ipairs(redis.call('ZRANGE', pool, 0, -1)) do
    local f = redis.call('HMGET', P .. 'agent:' .. agent, 'state', 'reachable', 'levels')
    if f[1] == 'READY' and f[2] == '1' then
      local levels = cjson.decode(f[3])
      local sum = proficiency(levels, needs)
      if sum and sum > best_sum then
        best, best_levels, best_sum = agent, levels, sum
        if sum == perfect then break end
      end
    end
  end
end

-- a call that was waiting leaves its old place for an agent or for its new place in line
if best or ARGV[6] == '1' then step_out(call) end
if ARGV[6] == '1' then remember(call, ARGV[7], group, ARGV[8], ARGV[9]) end
if best then
  reserve(best, best_levels, call, now, lease)
  return best
end
if ARGV[6] == '1' then line_up(call, ARGV[10]) end
return nil
