-- Bookings for wrk: every request books a different citizen into the next slot of the list.
-- Arguments (after `--`): the four from wrk.ts (see report.lua), then run id, tenant, location id,
-- service id, file with one slot start per line.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "report.lua")

local counter = 0

function init(args)
  instance_init(args)
  run, tenant, location, service = args[5], args[6], args[7], args[8]
  starts = {}
  for line in io.lines(args[9]) do starts[#starts + 1] = line end
  -- Threads work on different parts of the slot list, so their requests in flight do not queue on the same rows.
  counter = (part - 1) * math.floor(#starts / parts)
end

function booking_request()
  counter = counter + 1
  local body = string.format(
    '{"tenant":"%s","locationId":"%s","serviceId":"%s","startsAt":"%s",' ..
    '"citizen":{"name":"Bench","email":"bench-%s-%d-%d@example.org"},"smsOptIn":false,"language":"de","consent":true}',
    tenant, location, service, starts[(counter % #starts) + 1], run, part, counter)
  return wrk.format("POST", "/api/v1/appointments", { ["Content-Type"] = "application/json" }, body)
end

request = booking_request
