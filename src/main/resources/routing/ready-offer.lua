-- Every change of an agent's state (change_agent in agent/lib.lua) with routing's offer to an
-- agent who has just become ready: the waiting call that comes first among those they can serve,
-- reserved for them as claim-call.lua would, in the same script, so that no other instance sees
-- the agent ready in between. RedisAgents runs it in place of agent/agents.lua when routing is
-- there (WaitingCallOffer, the agent feature's ReadyAgentOffer).
--
-- ARGV[2] the named arguments of agent/agents.lua; offer is the claim's lease in ms. Answers as
-- agent/agents.lua does.

local A = cjson.decode(ARGV[2])
local lease = tonumber(A.offer)
return change_agent(A, function(agent, now)
  return claim_waiting_call(agent, now, lease)
end)
