-- Puts a new version of one country's schedule in force, only if the version in force is still
-- the one the edit was made on, so two admins (or two instances) can never both win.
-- KEYS[1] sb:{site}:schedules, the set of countries (it routes the script to the site's slot)
-- ARGV[1] the key prefix sb:{site}:   ARGV[2] the country   ARGV[3] the expected version (0: none)
-- ARGV[4] the new document (JSON)   ARGV[5] its history entry (JSON)   ARGV[6] the new version
-- Answers {'ok', version} or {'stale', the version in force}.

local P, country, expected = ARGV[1], ARGV[2], ARGV[3]
local key = P .. 'schedule:' .. country
local current = '0'
local text = redis.call('GET', key)
if text then current = redis.call('GET', key .. ':version') or tostring(cjson.decode(text).version) end
if current ~= expected then return {'stale', current} end
redis.call('SET', key, ARGV[4])
redis.call('SET', key .. ':version', ARGV[6])
redis.call('SADD', KEYS[1], country)
redis.call('RPUSH', key .. ':history', ARGV[5])
redis.call('PUBLISH', P .. 'schedule-changes', country .. ' ' .. ARGV[6])
return {'ok', ARGV[6]}
