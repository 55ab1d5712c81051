-- wrk: after the run, one JSON line with throughput and latency percentiles (microseconds).
-- Optional: WRK_BODY (a POST body, "{sender}" replaced by a new conversation id each request),
-- WRK_HEADERS ("Name: value|Name: value").
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
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
end

function request()
  if body then
    counter = counter + 1
    local sender = string.format("bench-%s-%d-%d", run, id, counter)
    return wrk.format(nil, nil, nil, (string.gsub(body, "{sender}", sender)))
  end
  return wrk.format()
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50": %d, "p95": %d, "p99": %d, "errors": %d, "non2xx": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))
end
