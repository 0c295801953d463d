-- `park lsp` against Neovim's own LSP client (vim.lsp, 0.7.2 API): a
-- second real client beside the scripted one of tests/c/test-lsp.c.
local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local park = vim.env.PARK_BIN or (T.root .. '/build/park')

-- Starts `park lsp` on the current buffer; returns the client id.
local start = function()
  local id = vim.lsp.start_client({
    name = 'park',
    cmd = { park, 'lsp', '--rules-dir', T.root .. '/rules' },
    root_dir = vim.fn.getcwd(),
  })
  T.ok(id ~= nil, 'client started')
  vim.lsp.buf_attach_client(0, id)
  T.wait('initialize', function()
    local c = vim.lsp.get_client_by_id(id)
    return c ~= nil and c.initialized
  end)
  return id
end

local stop = function(id)
  vim.lsp.stop_client(id, true)
end

T.case('vim.lsp gets diagnostics, folding ranges and symbols from park lsp on a corpus report', function()
  local dir = T.tmpdir()
  local buf = T.edit(T.copy_corpus('leadership-work-report.txt', dir, 'report.txt'))
  local id = start()
  local ok, err = pcall(function()
    local ns = vim.lsp.diagnostic.get_namespace(id)
    T.wait('published diagnostics', function() return #vim.diagnostic.get(buf, { namespace = ns }) > 10 end)
    local d = vim.diagnostic.get(buf, { namespace = ns })
    local dedi = vim.tbl_filter(function(x) return x.code == 'usage.de-di' end, d)
    T.ok(#dedi > 0, 'usage.de-di among ' .. #d .. ' diagnostics')
    -- vim.lsp turned the UTF-16 position into bytes: the finding is where its text is
    local line = vim.api.nvim_buf_get_lines(buf, dedi[1].lnum, dedi[1].lnum + 1, false)[1]
    local col = dedi[1].col
    T.eq(line:sub(col + 1, col + 3), '的', 'text at the diagnostic')
    local utf16 = select(2, vim.str_utfindex(line, col))
    local params = { textDocument = vim.lsp.util.make_text_document_params(buf) }
    local res = vim.lsp.buf_request_sync(buf, 'textDocument/foldingRange', params, 5000)
    local folds = res and res[id] and res[id].result
    T.ok(type(folds) == 'table' and #folds >= 4, 'folding ranges: ' .. vim.inspect(res))
    T.eq(vim.api.nvim_buf_get_lines(buf, folds[1].startLine, folds[1].startLine + 1, false)[1]:sub(1, 6), '一、', 'first fold starts at 一、')
    res = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol', params, 5000)
    local syms = res and res[id] and res[id].result
    T.ok(type(syms) == 'table' and #syms == 4, 'top-level symbols')
    -- an edit: the finding on the edited line moves, the client's incremental sync is applied
    vim.api.nvim_buf_set_text(buf, dedi[1].lnum, 0, dedi[1].lnum, 0, { '新增' })
    res = vim.lsp.buf_request_sync(buf, 'textDocument/diagnostic', params, 5000)
    local items = res and res[id] and res[id].result and res[id].result.items
    local moved = vim.tbl_filter(function(x) return x.code == 'usage.de-di' and x.range.start.line == dedi[1].lnum end, items or {})
    T.eq(moved[1] and moved[1].range.start.character, utf16 + 2, 'finding two UTF-16 units later')
  end)
  stop(id)
  if not ok then error(err, 0) end
end)

T.run()
