-- The syntax file and ftdetect paint before the helper answers. They
-- approximate the helper's definitions (src/outline.c, src/placeholder.c);
-- on the corpus reports they must agree with what the helper itself reports.
local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local park = vim.env.PARK_BIN or (T.root .. '/build/park')
local reports = { 'leadership-work-report.txt', 'staff-meeting-speech.txt', 'annual-summary-speech.txt' }

local json_lines = function(cmd)
  local res = {}
  for _, l in ipairs(vim.fn.systemlist(cmd)) do
    table.insert(res, vim.fn.json_decode(l))
  end
  T.eq(vim.v.shell_error == 2, false, table.concat(cmd, ' '))
  return res
end

local group_at = function(lnum, col) return vim.fn.synIDattr(vim.fn.synID(lnum, col, 1), 'name') end

local indent_of = function(line) return #line:match('^[%s　]*') end

-- Per line, the level (1-4) of the heading the helper sees at its start.
local helper_levels = function(path)
  local res = {}
  for _, h in ipairs(json_lines({ park, 'outline', '--format', 'json', path })) do
    local line = vim.fn.getline(h.line)
    if h.col - 1 == indent_of(line) and h.level >= 1 and h.level <= 4 then res[h.line] = h.level end
  end
  return res
end

T.case('syntax heading levels are the helper outline levels on the corpus', function()
  local dir = T.tmpdir()
  local headings = 0
  for _, name in ipairs(reports) do
    T.edit(T.copy_corpus(name, dir))
    T.eq(vim.b.current_syntax, 'park', name .. ' syntax')
    local want = helper_levels(vim.fn.expand('%:p'))
    for lnum = 1, vim.fn.line('$') do
      local line = vim.fn.getline(lnum)
      local got = tonumber((group_at(lnum, indent_of(line) + 1)):match('^ParkHeading(%d)$') or '')
      T.eq(got, want[lnum], string.format('%s:%d level (%s)', name, lnum, line:sub(1, 30)))
      if got then headings = headings + 1 end
    end
  end
  T.eq(headings > 30, true, 'headings seen: ' .. headings)
end)

T.case('syntax placeholders are the helper placeholders on the corpus', function()
  local dir = T.tmpdir()
  for _, name in ipairs(reports) do
    local path = T.copy_corpus(name, dir)
    T.edit(path)
    local helper, n = {}, 0
    for _, f in ipairs(json_lines({ park, 'check', '--format', 'json', '--rules-dir', T.root .. '/rules', path })) do
      if f.category == 'placeholder' then
        helper[f.line .. ':' .. f.col] = f.match
        n = n + 1
        T.eq(group_at(f.line, f.col), 'ParkPlaceholder', string.format('%s:%d:%d %s', name, f.line, f.col, f.match))
      end
    end
    local painted = 0
    for lnum = 1, vim.fn.line('$') do
      local line, inside = vim.fn.getline(lnum), false
      for col = 1, #line do
        local is = group_at(lnum, col) == 'ParkPlaceholder'
        if is and not inside then
          painted = painted + 1
          T.eq(helper[lnum .. ':' .. col] ~= nil, true, string.format('%s:%d:%d painted %q', name, lnum, col, line:sub(col, col + 5)))
        end
        inside = is
      end
    end
    T.eq(painted, n, name .. ' placeholders painted')
    T.eq(n > 30, true, name .. ' placeholders found: ' .. n)
  end
end)

T.case('ftdetect counts the line-start first-level headings the helper finds in the first 200 lines', function()
  local dir = T.tmpdir()
  for _, name in ipairs(reports) do
    local path = T.copy_corpus(name, dir)
    T.edit(path)
    local ours = 0
    for _, h in ipairs(json_lines({ park, 'outline', '--format', 'json', path })) do
      if h.line <= 200 and h.level == 1 and h.marker:match('、$') and h.col - 1 == indent_of(vim.fn.getline(h.line)) then
        ours = ours + 1
      end
    end
    local score = vim.fn['park#detect#score'](vim.fn.getline(1, 200))
    T.eq(score.headings, ours, name .. ' 一、 headings in lines 1-200')
    T.eq(ours >= 2, true, name .. ' has headings')
    T.eq(vim.bo.filetype, 'park', name .. ' is detected')
  end
end)

T.run()
