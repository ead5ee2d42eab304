-- One slice of building a group's ready index (build_group in agent/lib.lua): a group a call
-- needs for the first time, or again after retirement, is built a few hundred agents per script
-- so that Redis never stalls on it. Any instance may run a slice; the cursor is kept in Redis.
--
-- ARGV[2] the named arguments, one JSON object (RedisGroupIndexBuilder): group ('' for any group
-- being built), slice (the most agents one slice reads).
-- Answers {group, 'built' or 'building', agents read}, or nil when no such group is being built.

local A = cjson.decode(ARGV[2])
return build_group(A.group, tonumber(A.slice))
