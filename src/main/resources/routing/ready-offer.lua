-- Routing's offer to an agent who has just become ready, run inside the agent script
-- (WaitingCallOffer, agent/agents.lua): the waiting call that comes first among those they can
-- serve, reserved for them as claim-call.lua would. argument: the lease in ms. Answers the call
-- id, or nil.
local function offer_ready(agent, now, argument)
  return claim_waiting_call(agent, now, tonumber(argument))
end
