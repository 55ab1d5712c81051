-- wrk: after the run, one JSON line with throughput and latency percentiles (microseconds).
-- Optional: WRK_BODY (a POST body: "{sender}" replaced by a new conversation id each request, "{message}" by the
-- next line of WRK_MESSAGES), WRK_PATHS (a file of paths, one a line: each request takes the next one),
-- WRK_MESSAGES (a file of messages, JSON-escaped, one a line), WRK_HEADERS ("Name: value|Name: value"),
-- WRK_ONCE (with WRK_PATHS: ask each path once, then stop).
local counter = 0
once = os.getenv("WRK_ONCE")
local thread_id = 0
local threads = {}

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

local function read_lines(name)
  local lines = {}
  if name then
    for line in io.lines(name) do
      if line ~= "" then table.insert(lines, line) end
    end
  end
  return lines
end

function init(args)
  local headers = os.getenv("WRK_HEADERS")
  if headers then
    for pair in string.gmatch(headers, "[^|]+") do
      local name, value = string.match(pair, "^([^:]+):%s*(.*)$")
      wrk.headers[name] = value
    end
  end
  body = os.getenv("WRK_BODY")
  if body then wrk.method = "POST" end
  run = os.getenv("WRK_RUN") or tostring(os.time())
  paths = read_lines(os.getenv("WRK_PATHS"))
  messages = read_lines(os.getenv("WRK_MESSAGES"))
  -- Each thread starts at its own place in the lists, so two threads do not ask the same thing together.
  counter = (id - 1) * 97
  if once then
    -- WRK_ONCE: each path asked once in all (WRK_THREADS threads share the list), then the thread stops.
    local share = math.floor(#paths / tonumber(os.getenv("WRK_THREADS")))
    counter = (id - 1) * share
    last = counter + share
  end
end

if once then
  function response(status, headers, body)
    if counter >= last then wrk.thread:stop() end
  end
end

local function next_of(list)
  return list[(counter % #list) + 1]
end

function request()
  counter = counter + 1
  local path = nil
  if #paths > 0 then path = next_of(paths) end
  if body then
    local sender = string.format("bench-%s-%d-%d", run, id, counter)
    local text = string.gsub(body, "{sender}", sender)
    if #messages > 0 then
      local message = next_of(messages)
      text = string.gsub(text, "{message}", function() return message end)
    end
    return wrk.format(nil, path, nil, text)
  end
  return wrk.format(nil, path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50": %d, "p95": %d, "p99": %d, "errors": %d, "non2xx": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))
end
