local __hex = function(s) return (string.gsub(s, ".", function(c) return string.format("%02x", string.byte(c)) end)) end
local __num = __NUMBITS__
local __ser
__ser = function(v, depth)
  local t = type(v)
  if t == "nil" then return "nil" end
  if t == "boolean" then return tostring(v) end
  if t == "number" then return "n" .. __num(v) end
  if t == "string" then return "s" .. __hex((string.gsub(v, "^user_script:%d+:? ", "@pos: "))) end
  if t == "table" then
    if depth > 40 then return "{...}" end
    local parts = {}
    for k, x in pairs(v) do parts[#parts + 1] = __ser(k, depth + 1) .. "=" .. __ser(x, depth + 1) end
    table.sort(parts)
    return "{" .. table.concat(parts, ",") .. "}"
  end
  return t
end
local __results = function(...)
  local n = select("#", ...)
  local r = {...}
  local out = {}
  for i = 1, n do out[i] = __ser(r[i], 0) end
  return table.concat(out, " ")
end
local __body = function()
