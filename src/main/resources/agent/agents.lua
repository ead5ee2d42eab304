-- Every change of an agent's state, with nothing offered the agent when they become ready
-- (change_agent in lib.lua, which comes before this text; RedisAgents without a
-- ReadyAgentOffer, whose own script runs change_agent with its offer instead).
--
-- KEYS[1] sb:{site}:agents, the set of ids (it routes the script to the site's slot)
-- ARGV[1] the key prefix sb:{site}:   ARGV[2] the named arguments, one JSON object (RedisAgents):
-- operation, now in ms, agentId ('' for reap), offer (the argument of the ready offer, '' for
-- none), then the operation's own arguments.
-- A change is answered as {id, from, to, reason, indexed, call, misses, took}: indexed is '1' when
-- the agent entered the ready indexes, misses is '' unless the change counted a missed call, took
-- is what the agent took when offered work the moment they became ready, or ''.

return change_agent(cjson.decode(ARGV[2]), nil)
