-- POST /v1/passwords/authenticate {"email": ..., "password": ...}. Arg: "<email file>,<threads>,<mode>".
-- mode "once": each wrk thread walks its own interleaved slice of the file in order, so every user
-- logs in once (a migrated user's first login, which upgrades the hash); past the end of a slice,
-- requests name an email that does not exist and show up as non-2xx.
-- mode "random": any user, any number of times (users whose hash is already Argon2id).
local emails, position, mode = {}, 0, "once"
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local file, threads, chosen = configure(args):match("^(.*),(%d+),(%a+)$")
  mode = chosen
  local all = _read_lines(file)
  if mode == "random" then
    emails = all
    math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  else
    for i = 1 + id, #all, tonumber(threads) do
      emails[#emails + 1] = all[i]
    end
  end
end

function request()
  local email
  if mode == "random" then
    email = emails[math.random(#emails)]
  else
    position = position + 1
    email = emails[position] or "exhausted-email-list@example.com"
  end
  return wrk.format("POST", nil, headers, '{"email":"' .. email .. '","password":"' .. "correct horse battery staple" .. '"}')
end
