-- POST /v1/users with an email no request has used before. Arg: a nonce unique to this wrk run.
local nonce, counter = "", 0
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  nonce = configure(args)
end

function request()
  counter = counter + 1
  local email = string.format("bench-%s-%d-%d@example.com", nonce, id, counter)
  return wrk.format("POST", nil, headers, '{"email":"' .. email .. '","name":{"first_name":"Bench"}}')
end
