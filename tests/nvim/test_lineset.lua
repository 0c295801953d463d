local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local lineset = require('park.lineset')

T.case('add merges touching and overlapping ranges and keeps them sorted', function()
  local s = lineset.add({}, 10, 20)
  s = lineset.add(s, 0, 5)
  T.eq(s, { { 0, 5 }, { 10, 20 } }, 'two ranges')
  T.eq(lineset.add(s, 5, 10), { { 0, 20 } }, 'the gap filled')
  T.eq(lineset.add(s, 15, 30), { { 0, 5 }, { 10, 30 } }, 'an overlap')
end)

T.case('shift drops the changed lines and moves the ones below', function()
  local s = { { 0, 10 }, { 20, 30 } }
  T.eq(lineset.shift(s, 5, 6, 8), { { 0, 5 }, { 8, 12 }, { 22, 32 } }, 'one line became three')
  T.eq(lineset.shift(s, 12, 14, 12), { { 0, 10 }, { 18, 28 } }, 'two lines deleted between the ranges')
  T.eq(s, { { 0, 10 }, { 20, 30 } }, 'the set given is left alone')
end)

T.case('gap is the hull of the lines outside the set, or nil', function()
  local s = { { 0, 10 }, { 20, 30 } }
  T.eq({ lineset.gap(s, 0, 30) }, { 10, 20 }, 'between the ranges')
  T.eq({ lineset.gap(s, 5, 40) }, { 10, 40 }, 'up to the end')
  T.eq(lineset.gap(s, 0, 10), nil, 'inside the set')
end)

T.run()
