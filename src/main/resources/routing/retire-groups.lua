-- Retires a group of needs no call needed for a while (retire_groups in agent/ready-index.lua),
-- so that it stops costing agent changes: one per run, as a one-skill group at 10,000 agents has
-- thousands of members to forget. Run every second by RedisAgentClaims, not by the claims.
--
-- ARGV[2] now in ms, ARGV[3] how long (ms) a group no call needed stays used.

retire_groups(tonumber(ARGV[2]) - tonumber(ARGV[3]), 1)
return 1
