-- Bookings for wrk: every request books a different citizen into the next slot of the list.
-- Arguments (after `--`): run id, tenant, location id, service id, file with one slot start per line.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "report.lua")

local counter = 0

function init(args)
  run, tenant, location, service, threads_total = args[1], args[2], args[3], args[4], tonumber(args[6])
  starts = {}
  for line in io.lines(args[5]) do starts[#starts + 1] = line end
  statuses = {}
  -- Threads work on opposite halves of the slot list, so their requests in flight do not queue on the same rows.
  counter = (thread_no - 1) * math.floor(#starts / threads_total)
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"tenant":"%s","locationId":"%s","serviceId":"%s","startsAt":"%s",' ..
    '"citizen":{"name":"Bench","email":"bench-%s-%d-%d@example.org"},"smsOptIn":false,"language":"de","consent":true}',
    tenant, location, service, starts[(counter % #starts) + 1], run, thread_no, counter)
  return wrk.format("POST", "/api/v1/appointments", { ["Content-Type"] = "application/json" }, body)
end
