-- Availability reads for wrk: free times of one day, cycling through the days of the range.
-- Arguments (after `--`): the four from wrk.ts (see report.lua), then tenant, location id,
-- service id, file with one local date per line.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "report.lua")

local counter = 0

function init(args)
  instance_init(args)
  local tenant, location, service = args[5], args[6], args[7]
  paths = {}
  for date in io.lines(args[8]) do
    paths[#paths + 1] = string.format("/api/v1/tenants/%s/locations/%s/availability/slots?serviceId=%s&date=%s", tenant, location, service, date)
  end
  counter = part
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
