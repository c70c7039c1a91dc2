-- wrk script of .ci/kit-compose.sh: every request is a new image URL through the front proxy, so
-- each one is a cache MISS and a real job on a worker (no nginx HIT, no grid dedup).
--   wrk -t1 -c4 -d20s --timeout 30s -s .ci/kit-compose-load.lua http://127.0.0.1:PORT -- PHASE
-- PHASE (a small integer) sets the JPEG quality, so URLs never repeat across the phases of one
-- run. One thread only: the request counter is per thread. done() prints one line the kit
-- step parses.

local phase = 0
local n = 0

function init(args)
  phase = tonumber(args[1]) or 0
end

function request()
  n = n + 1
  local w = 20 + n % 300
  local h = 20 + math.floor(n / 300) % 220
  local q = 1 + (phase * 7 + math.floor(n / 66000)) % 100
  return wrk.format("GET", "/unsafe/rs:fit:" .. w .. ":" .. h .. "/q:" .. q
    .. "/plain/http://origin/gradient.bmp@jpg")
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "wrk: requests=%d non2xx=%d connect=%d read=%d write=%d timeout=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
