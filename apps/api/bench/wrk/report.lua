-- Shared by the wrk scripts: numbers the threads, counts answers by status in each thread and
-- prints one machine-readable RESULT line at the end (latencies in milliseconds).
threads = {}

function setup(thread)
  thread:set("thread_no", #threads + 1)
  table.insert(threads, thread)
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency)
  local all = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do all[status] = (all[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(all) do parts[#parts + 1] = string.format('"%d":%d', status, n) end
  io.write(string.format('RESULT {"requests":%d,"seconds":%f,"p50":%f,"p90":%f,"p99":%f,"max":%f,"socketErrors":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ",")))
end
