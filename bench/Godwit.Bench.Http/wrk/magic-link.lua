-- POST /v1/magic_links/authenticate {"token": ...}. Tokens are single use, so each wrk thread
-- walks its own interleaved slice of the file in order. Arg: "<token file>,<thread count>"; each
-- run gets a file of its own. Once a slice is used up, requests carry a token that cannot exist
-- and show up as non-2xx responses.
local tokens, position = {}, 0
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local file, threads = configure(args):match("^(.*),(%d+)$")
  local all = _read_lines(file)
  for i = 1 + id, #all, tonumber(threads) do
    tokens[#tokens + 1] = all[i]
  end
end

function request()
  position = position + 1
  local token = tokens[position] or "exhausted-token-list-0000000000000000000000"
  return wrk.format("POST", nil, headers, '{"token":"' .. token .. '"}')
end
