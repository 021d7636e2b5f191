-- POST /v1/sessions/authenticate {"session_jwt": <random seeded JWT>}. Arg: file of JWTs.
local jwts
function init(args)
  jwts = _read_lines(configure(args))
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  return wrk.format("POST", nil, headers, '{"session_jwt":"' .. jwts[math.random(#jwts)] .. '"}')
end
