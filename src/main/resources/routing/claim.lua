-- Reserves the best ready agent for a call: the call's own group first, then each alternative
-- in order; within a group every needed skill at its level, then the highest proficiency, then
-- the longest idle, read off the group's ready index (best_claimable in agent/lib.lua). The call is
-- remembered (and lined up when asked to wait and no agent fits); a call that was waiting
-- leaves the line when it gets an agent. A call whose country quota is used up gets no agent.
-- A call that had an agent before (a miss, a lost lease) first gives back its quota.
--
-- ARGV[1] the key prefix; ARGV[2] the named arguments, one JSON object (RedisAgentClaims): now
-- and lease in ms, callId, groups (its groups, '|'), mode ('0' not to wait, '1' to wait, '2' only
-- for a call waiting in line now (else nothing), 'peek' to change nothing and only answer who
-- would be chosen ({'', 'quota'} when the quota holds the call)), queue, priority, arrivedAt in
-- ms, score (the order score), quota {country, maxConcurrent, window, maxAnswered, windowCloses in
-- ms} ('' and '-1' for none), groupBuildSlice (the most agents one script of a group's build
-- reads). Values come as the strings the call's hash keeps (arrivedAt as arrived, the quota's
-- country as quotaCountry).
-- Answers {agent id, group}, or {'', 'building'} when the groups before one still being built
-- had nobody (the caller drives the build and asks again), or nil. Groups no
-- call needs any more are retired by retire-groups.lua, not here: a claim spends no Redis call
-- on them.

local A = cjson.decode(ARGV[2])
local now, lease, call = tonumber(A.now), tonumber(A.lease), A.callId
local build_slice_size = tonumber(A.groupBuildSlice)
local q = A.quota
local building = false

-- The best agent for one group (best_claimable in agent/lib.lua); a group still being built
-- offers nobody yet, and is noted so (the caller drives the build and asks again).
local function best_in(group)
  local best, still_building = best_claimable(group, now, build_slice_size)
  if still_building then building = true end
  return best
end

if A.mode == 'peek' then
  if not quota_room(q.country, q.maxConcurrent, q.window, q.maxAnswered) then return {'', 'quota'} end
  for _, group in ipairs(groups_of(A.groups)) do
    local best = best_in(group)
    if best then return {best, group} end
    if building then return {'', 'building'} end
  end
  return nil
end

-- what the call held before this claim, in one read: its lines, its quota, what it remembers
local before = recall(call)
if A.mode == '2' and not (before.groups and redis.call('ZSCORE', P .. 'waiting:queue:' .. before.queue, call)) then
  return nil
end

give_back(call, before)
local fields = call_fields(A.queue, A.groups, A.priority, A.arrivedAt,
  {q.country, q.maxConcurrent, q.window, q.maxAnswered, q.windowCloses})

local best, best_group = nil, nil
if quota_room(fields.quotaCountry, fields.maxConcurrent, fields.window, fields.maxAnswered) then
  for _, group in ipairs(groups_of(A.groups)) do
    best = best_in(group)
    if best then best_group = group break end
    -- a group being built may hold the best agent: no lesser group's agent is taken for now
    if building then break end
  end
end

-- a call that was waiting leaves its old place for an agent or for its new place in line
step_out(call, before)
-- the call's fields are written after the choice (nothing before reads them from the hash), so
-- that the quota it takes goes in the same HSET
if best then
  remember(call, fields, before, count_against_quota(call, now, fields))
  reserve(best, call, now, lease)
  return {best, best_group}
end
remember(call, fields, before)
if A.mode ~= '0' then line_up(call, A.score, fields) end
if building then return {'', 'building'} end
return nil
