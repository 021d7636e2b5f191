-- People and attackers at once, all through one project credential. Arg: "<tokens file>,<password emails file>".
--   55% page views: POST /v1/sessions/authenticate with a live session token
--   10% owners logging in with their password (the even-numbered users)
--   20% a guesser at the passwords of 40 odd-numbered users (who get locked)
--   10% a guesser at 40 emails nobody has (which get locked alike)
--    5% forged session JWTs naming a key id nobody issued
-- Each thread counts the statuses it sees in the global counts (thread:get reads only globals);
-- done() prints them after the common summary line.
local tokens, emails
counts = {}
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  local token_file, email_file = configure(args):match("^(.*),(.*)$")
  tokens = _read_lines(token_file)
  emails = _read_lines(email_file)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

local function login(email, password)
  return wrk.format("POST", "/v1/passwords/authenticate", headers, '{"email":"' .. email .. '","password":"' .. password .. '"}')
end

function request()
  local roll = math.random(100)
  local pairs_of_users = math.floor(#emails / 2)
  if roll <= 55 then
    return wrk.format("POST", "/v1/sessions/authenticate", headers, '{"session_token":"' .. tokens[math.random(#tokens)] .. '"}')
  elseif roll <= 65 then
    return login(emails[math.random(pairs_of_users) * 2], "correct horse battery staple")
  elseif roll <= 85 then
    return login(emails[math.random(math.min(40, pairs_of_users)) * 2 - 1], "guess " .. math.random(1000000000))
  elseif roll <= 95 then
    return login("nobody-" .. math.random(40) .. "@example.com", "guess " .. math.random(1000000000))
  else
    return wrk.format("POST", "/v1/sessions/authenticate", headers,
      '{"session_jwt":"eyJhbGciOiJSUzI1NiIsImtpZCI6Imp3ay1saXZlLW1hZGUtdXAiLCJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"}')
  end
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

local summary_line = done
function done(summary, latency, requests)
  summary_line(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + count
    end
  end

  local line = "GODWIT_STATUSES"
  for status, count in pairs(total) do
    line = line .. " " .. status .. "=" .. count
  end
  io.write(line .. "\n")
end
