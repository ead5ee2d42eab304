-- Reserves a ready agent for the waiting call that comes first among those they can serve, and
-- takes it out of the line (claim_waiting_call in lib.lua). An agent who becomes ready is
-- offered the waiting calls inside the agent script already (ready-offer.lua); this script is
-- for an agent who is ready and was not offered them then (the AMI link came back).
--
-- ARGV[2] agent id, ARGV[3] now in ms, ARGV[4] lease in ms. Answers the call id, or nil.

return claim_waiting_call(ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]))
