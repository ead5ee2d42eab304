-- Reserves the best ready agent for a call: the call's own group first, then each alternative
-- in order; within a group every needed skill at its level, then the highest proficiency, then
-- the longest idle. Only the smallest ready set among a group's skills is read. The call is
-- remembered (and lined up when asked to wait and no agent fits); a call that was waiting
-- leaves the line when it gets an agent. A call whose country quota is used up gets no agent.
-- A call that had an agent before (a miss, a lost lease) first gives back its quota.
--
-- ARGV[2] now in ms, ARGV[3] lease in ms, ARGV[4] call id, ARGV[5] its groups ('|'),
-- ARGV[6] '0' not to wait, '1' to wait, '2' only for a call waiting in line now (else nothing),
-- 'peek' to change nothing and only answer who would be chosen ({'', 'quota'} when the quota
-- holds the call), ARGV[7] queue, ARGV[8] priority, ARGV[9] arrival in ms,
-- ARGV[10] order score, ARGV[11..15] quota: country, maxConcurrent, window, maxAnswered,
-- windowEnds in ms. Answers {agent id, group} or nil.

local now, lease, call = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]

local BAND = 1e13

-- Level and readySince of an agent in a ready:<skill> set, from its score.
local function level_and_since(score)
  local band = math.floor(score / BAND)
  return 5 - band, score - band * BAND
end

local function ready_agent(agent)
  local f = redis.call('HMGET', P .. 'agent:' .. agent, 'state', 'reachable', 'levels')
  if f[1] == 'READY' and f[2] == '1' then return cjson.decode(f[3]) end
  return nil
end

-- The best ready agent for one group of needs. The smallest ready set among its skills is walked
-- highest level first, then longest idle, a page at a time; the walk stops as soon as no agent
-- further on can beat the best found: their level in that skill plus the top level ready in each
-- other skill is below the best sum, or ties it only with a shorter idle time.
local function best_in(group)
  local needs = needs_of(group)
  if #needs == 0 then
    for _, agent in ipairs(redis.call('ZRANGE', P .. 'agents:ready', 0, 63)) do
      local levels = ready_agent(agent)
      if levels then return agent, levels end
    end
    return nil
  end
  local pool, pool_need, smallest = nil, nil, nil
  for _, need in ipairs(needs) do
    local size = redis.call('ZCARD', P .. 'ready:' .. need[1])
    if size == 0 then return nil end
    if smallest == nil or size < smallest then pool, pool_need, smallest = P .. 'ready:' .. need[1], need, size end
  end
  local others = 0
  for _, need in ipairs(needs) do
    if need ~= pool_need then
      local top = redis.call('ZRANGE', P .. 'ready:' .. need[1], 0, 0, 'WITHSCORES')
      others = others + level_and_since(tonumber(top[2]))
    end
  end
  local best, best_levels, best_sum, best_since = nil, nil, -1, nil
  local start, page_size = 0, 8
  while true do
    local page = redis.call('ZRANGE', pool, start, start + page_size - 1, 'WITHSCORES')
    if #page == 0 then break end
    local jump = nil
    for i = 1, #page, 2 do
      local level, since = level_and_since(tonumber(page[i + 1]))
      if level < pool_need[2] then return best, best_levels end
      local bound = level + others
      if bound < best_sum then return best, best_levels end
      if bound == best_sum and since >= best_since then
        -- nobody later at this level can win: on to the next level, if one could tie
        if level == 1 then return best, best_levels end
        jump = redis.call('ZCOUNT', pool, '-inf', '(' .. string.format('%.0f', (6 - level) * BAND))
        break
      end
      local levels = ready_agent(page[i])
      local sum = levels and proficiency(levels, needs)
      if sum and (sum > best_sum or (sum == best_sum and since < best_since)) then
        best, best_levels, best_sum, best_since = page[i], levels, sum, since
      end
    end
    if jump then
      start, page_size = jump, 8
    else
      start = start + page_size
      page_size = math.min(page_size * 2, 1024)
    end
  end
  return best, best_levels
end

if ARGV[6] == 'peek' then
  if not quota_room(ARGV[11], ARGV[12], ARGV[13], ARGV[14]) then return {'', 'quota'} end
  for _, group in ipairs(groups_of(ARGV[5])) do
    local best = best_in(group)
    if best then return {best, group} end
  end
  return nil
end

if ARGV[6] == '2' then
  local queue = redis.call('HGET', call_hash(call), 'queue')
  if not queue or not redis.call('ZSCORE', P .. 'waiting:queue:' .. queue, call) then return nil end
end

give_back(call)
remember(call, ARGV[7], ARGV[5], ARGV[8], ARGV[9], {ARGV[11], ARGV[12], ARGV[13], ARGV[14], ARGV[15]})

local best, best_levels, best_group = nil, nil, nil
if quota_allows(call) then
  for _, group in ipairs(groups_of(ARGV[5])) do
    best, best_levels = best_in(group)
    if best then best_group = group break end
  end
end

-- a call that was waiting leaves its old place for an agent or for its new place in line
step_out(call)
if best then
  take_quota(call, now)
  reserve(best, best_levels, call, now, lease)
  return {best, best_group}
end
if ARGV[6] ~= '0' then line_up(call, ARGV[10]) end
return nil
