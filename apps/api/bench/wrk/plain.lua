-- GET / over and over (calibrate.ts). Arguments: the four from wrk.ts (see report.lua).
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "report.lua")

init = instance_init
