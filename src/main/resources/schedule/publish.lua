-- Puts a new version of one country's schedule in force, only if the version in force is still
-- the one the edit was made on, so two admins (or two instances) can never both win.
-- KEYS[1] sb:{site}:schedules, the set of countries (it routes the script to the site's slot)
-- ARGV[1] the key prefix sb:{site}:   ARGV[2] the named arguments, one JSON object (RedisSchedules):
-- country, expectedVersion ('0': none), document (the new document, JSON text), entry (its history
-- entry, JSON text), version (the new version)
-- Answers {'ok', version} or {'stale', the version in force}.

local A = cjson.decode(ARGV[2])
local P, country, expected, version = ARGV[1], A.country, A.expectedVersion, A.version
local key = P .. 'schedule:' .. country
local current = '0'
local text = redis.call('GET', key)
if text then current = redis.call('GET', key .. ':version') or tostring(cjson.decode(text).version) end
if current ~= expected then return {'stale', current} end
redis.call('SET', key, A.document)
redis.call('SET', key .. ':version', version)
redis.call('SADD', KEYS[1], country)
redis.call('RPUSH', key .. ':history', A.entry)
redis.call('PUBLISH', P .. 'schedule-changes', country .. ' ' .. version)
return {'ok', version}
