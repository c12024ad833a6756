-- Shared by the wrk scripts: numbers the threads, counts answers by status in each thread and
-- prints one machine-readable RESULT line at the end (latencies in milliseconds). The benchmark
-- runs one wrk per API process; `quantiles` (the 0.05th, 0.15th, … 99.95th percentile) let it
-- merge their latencies into one distribution.
threads = {}

-- The first four arguments come from wrk.ts: this wrk's number among the instances (0-based), how
-- many there are, threads per instance, connections per thread. A thread's `part` (1-based) is its
-- number among all threads of all instances. Every script's init starts with it.
function instance_init(args)
  local instance, instances, per_instance = tonumber(args[1]), tonumber(args[2]), tonumber(args[3])
  connections_per_thread = tonumber(args[4])
  part, parts = instance * per_instance + thread_no, instances * per_instance
  statuses = {}
end

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
  local quantiles = {}
  for i = 1, 1000 do quantiles[i] = string.format("%.3f", latency:percentile((i - 0.5) / 10) / 1e3) end
  io.write(string.format('RESULT {"requests":%d,"seconds":%f,"max":%f,"socketErrors":%d,"statuses":{%s},"quantiles":[%s]}\n',
    summary.requests, summary.duration / 1e6, latency.max / 1e3,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ","), table.concat(quantiles, ",")))
end
