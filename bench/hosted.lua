-- wrk script for the hosted load test (bench/hosted.sh). Every request is one of the seeded
-- people's, with that person's session cookie, picked at random from all of them.
--
-- Environment:
--   GLASSKIN_USERS   users.txt from examples/seed_hosted.rs: "SECRET am:ID pm:ID ..." a line
--   GLASSKIN_EMAILS  emails.txt (sign-in only), GLASSKIN_PASSWORD their password
--   GLASSKIN_ORIGIN  this node's origin, sent as Origin on sign-in
--   GLASSKIN_MODE    today | week | shelf | tick | diary | mixed | signin
--
-- done() prints one line, "RESULT requests duration_us connect read write status timeout
-- p50_ms p90_ms p99_ms p999_ms max_ms", which the script sums over the wrk processes.

local mode = os.getenv("GLASSKIN_MODE") or "today"
local users = {}
local emails = {}
local password = os.getenv("GLASSKIN_PASSWORD") or ""
local origin = os.getenv("GLASSKIN_ORIGIN") or ""

local function split(line)
  local fields = {}
  for field in line:gmatch("%S+") do
    fields[#fields + 1] = field
  end
  return fields
end

function init(args)
  for line in io.lines(os.getenv("GLASSKIN_USERS")) do
    local fields = split(line)
    local steps = {}
    for i = 2, #fields do
      local time, id = fields[i]:match("^(%a+):(%d+)$")
      steps[#steps + 1] = { time = time, id = id }
    end
    users[#users + 1] = { cookie = "__Host-glasskin_session=" .. fields[1], steps = steps }
  end
  if mode == "signin" then
    for line in io.lines(os.getenv("GLASSKIN_EMAILS")) do
      emails[#emails + 1] = line
    end
  end
  -- Each thread (and each wrk process) its own sequence.
  local seed = tonumber(tostring({}):match("0x(%x+)"), 16) or os.time()
  math.randomseed(os.time() + seed)
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local function get(user, path)
  return wrk.format("GET", path, { ["Cookie"] = user.cookie })
end

local function tick(user)
  local step = user.steps[math.random(#user.steps)]
  local body = string.format(
    '{"date":"%s","time":"%s","product_id":%s,"done":%s}',
    os.date("%Y-%m-%d"), step.time, step.id, math.random(2) == 1 and "true" or "false")
  return wrk.format("POST", "/api/checkoffs",
    { ["Cookie"] = user.cookie, ["Content-Type"] = "application/json" }, body)
end

local notes = { "Calm skin today.", "A spot on the chin.", "Bit dry after the flight.", "Glowy." }

local function diary(user)
  -- A day of the past year, rewritten (a second entry for a day replaces the first).
  local date = os.date("%Y-%m-%d", os.time() - 86400 * math.random(1, 360))
  local body = string.format(
    '{"date":"%s","hydration":%d,"oiliness":%d,"breakouts":%d,"redness":%d,'
      .. '"texture":%d,"glow":%d,"breakout_count":%d,"notes":"%s","tags":[]}',
    date, math.random(5), math.random(5), math.random(5), math.random(5), math.random(5),
    math.random(5), math.random(0, 6), notes[math.random(#notes)])
  return wrk.format("POST", "/api/diary",
    { ["Cookie"] = user.cookie, ["Content-Type"] = "application/json" }, body)
end

local function signin()
  local body = "email=" .. urlencode(emails[math.random(#emails)])
    .. "&password=" .. urlencode(password) .. "&next=%2Ftoday"
  return wrk.format("POST", "/signin",
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["Origin"] = origin }, body)
end

function request()
  if mode == "signin" then
    return signin()
  end
  local user = users[math.random(#users)]
  local m = mode
  if m == "mixed" then
    -- Reads most, as people do: Today 35 %, Week 15 %, shelf 15 %, tick 25 %, diary 10 %.
    local r = math.random(100)
    if r <= 35 then m = "today"
    elseif r <= 50 then m = "week"
    elseif r <= 65 then m = "shelf"
    elseif r <= 90 then m = "tick"
    else m = "diary" end
  end
  if m == "today" then return get(user, "/today")
  elseif m == "week" then return get(user, "/week")
  elseif m == "shelf" then return get(user, "/shelf")
  elseif m == "tick" then return tick(user)
  elseif m == "diary" then return diary(user)
  end
  error("unknown GLASSKIN_MODE " .. m)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %.3f %.3f %.3f %.3f %.3f\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000))
end
