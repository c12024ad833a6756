-- Bookings for wrk at a given rate: booking.lua's requests, sent at random moments (a Poisson
-- process, as independent citizens book) that add up to the rate over all connections. A
-- connection that is free waits for the next moment; only when every connection of a thread is
-- waiting for an answer does the rate fall behind (and the printed rate shows it).
-- Arguments: booking.lua's, then bookings per second over all wrk instances.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *tp);
]]
local clock = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "booking.lua")

local booking_init = init
local interval_ms, next_at, health_checks, first_delays = 0, 0, 0, 0

function init(args)
  booking_init(args)
  interval_ms = 1000 * parts / tonumber(args[10])
  math.randomseed(os.time() * 100 + part)
end

function request()
  -- wrk sends each connection's first request the moment it connects: a burst of a booking from
  -- every connection at once is not the load being measured, so those are health checks.
  if health_checks < connections_per_thread then
    health_checks = health_checks + 1
    return wrk.format("GET", "/health")
  end
  return booking_request()
end

function delay()
  -- wrk asks for a delay before a connection's first request too: the health checks go at once
  -- and take no booking's moment.
  if first_delays < connections_per_thread then
    first_delays = first_delays + 1
    return 0
  end
  local now = now_ms()
  next_at = math.max(next_at, now) + -math.log(1 - math.random()) * interval_ms
  return math.floor(next_at - now)
end
