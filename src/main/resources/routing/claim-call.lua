-- Reserves a ready agent for the waiting call that comes first among those they can serve, and
-- takes it out of the line (claim_waiting_call in lib.lua). An agent who becomes ready is
-- offered the waiting calls in the script that makes them ready already (ready-offer.lua); this
-- script is for an agent who is ready and was not offered them then (the AMI link came back).
--
-- ARGV[2] the named arguments, one JSON object (RedisAgentClaims): agentId, now and lease in ms.
-- Answers the call id, or nil.

local A = cjson.decode(ARGV[2])
return claim_waiting_call(A.agentId, tonumber(A.now), tonumber(A.lease))
