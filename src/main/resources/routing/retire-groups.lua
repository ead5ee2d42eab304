-- Retires a group of needs no call needed for a while (retire_groups in agent/lib.lua), so that
-- it stops costing agent changes: one per run, as a one-skill group at 10,000 agents has
-- thousands of members to forget. Run every second by RedisAgentClaims, not by the claims.
--
-- ARGV[2] the named arguments, one JSON object (RedisAgentClaims): now in ms, keepUnused (how
-- long, in ms, a group no call needed stays used).

local A = cjson.decode(ARGV[2])
retire_groups(tonumber(A.now) - tonumber(A.keepUnused), 1)
return 1
