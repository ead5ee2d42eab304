-- Nothing is offered to an agent the moment they become ready: the agent script's offer_ready
-- when no other feature gives one (RedisAgents without a ReadyAgentOffer).
local function offer_ready(agent, now, argument)
  return nil
end
