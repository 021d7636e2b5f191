-- POST {path} {"session_token": <random seeded token>}. Arg: file of tokens, one a line.
local tokens
function init(args)
  tokens = _read_lines(configure(args))
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  local token = tokens[math.random(#tokens)]
  return wrk.format("POST", nil, headers, '{"session_token":"' .. token .. '"}')
end
