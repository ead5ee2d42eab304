-- One slice of building a group's ready index (agent/ready-index.lua): a group a call needs for
-- the first time, or again after retirement, is built a few hundred agents per script so that
-- Redis never stalls on it. Any instance may run a slice; the cursor is kept in Redis.
--
-- ARGV[2] the group ('' for any group being built), ARGV[3] the most agents one slice reads.
-- Answers {group, 'built' or 'building', agents read}, or nil when no such group is being built.

local group = ARGV[2]
if group == '' then
  group = redis.call('HKEYS', P .. 'groups:building')[1]
  if not group then return nil end
elseif redis.call('HEXISTS', P .. 'groups:building', group) == 0 then
  return nil
end
local read, built = build_slice(group, tonumber(ARGV[3]))
return {group, built and 'built' or 'building', read}
