-- Headless Neovim (0.7 or later) as the LSP client of Policy Lexicon's server. Opens a draft,
-- then checks what a Neovim user would get: the pushed diagnostics (codes and positions of
-- seeded mistakes), a hover on an acronym and the completion of an official name.
--
--   LSP_SERVER_JS=dist/server.js DRAFT=examples/draft-with-typical-mistakes.md \
--     nvim --headless -u NONE -i NONE -n -c 'luafile test/e2e/nvim/check.lua'
--
-- Prints one JSON object on stdout; exit code 0 when every check passed, 1 otherwise.
-- Neovim 0.7 (Debian 12) has no vim.lsp.start: start_client + buf_attach_client + request_sync.
local server_js = assert(os.getenv('LSP_SERVER_JS'), 'set LSP_SERVER_JS')
local draft = assert(os.getenv('DRAFT'), 'set DRAFT')
local timeout = tonumber(os.getenv('TIMEOUT_MS') or '20000')

local v = vim.version()
local result = { ok = false, client = string.format('neovim %d.%d.%d', v.major, v.minor, v.patch), checks = {}, failures = {}, timingsMs = {} }
local started = vim.loop.hrtime()
local function mark(step) result.timingsMs[step] = math.floor((vim.loop.hrtime() - started) / 1e6) end
local function check(name, ok, detail)
  result.checks[name] = ok and true or false
  if not ok then table.insert(result.failures, name .. ': ' .. tostring(detail)) end
end

--- The 0-based line and character of `text` after the first line containing `after`.
--- The draft's body is ASCII, so byte columns equal UTF-16 characters here.
local function position_of(lines, text, after)
  local seen_after = after == nil
  for i, line in ipairs(lines) do
    if seen_after then
      local s = line:find(text, 1, true)
      if s then return { line = i - 1, character = s - 1 } end
    elseif line:find(after, 1, true) then
      seen_after = true
    end
  end
  error('"' .. text .. '" not found in ' .. draft)
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(draft))
  local bufnr = vim.api.nvim_get_current_buf()
  -- -u NONE turns off filetype detection; the filetype gives the languageId.
  vim.bo[bufnr].filetype = 'markdown'

  local client_id = vim.lsp.start_client({
    name = 'policy-lexicon',
    cmd = { 'node', server_js, '--stdio' },
    root_dir = vim.fn.fnamemodify(draft, ':p:h'),
    flags = { debounce_text_changes = 0 },
    on_exit = function(code, signal) result.serverExit = { code = code, signal = signal } end,
  })
  assert(client_id, 'start_client failed')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')
  local client = vim.lsp.get_client_by_id(client_id)
  assert(vim.wait(timeout, function() return client.initialized end, 20), 'the server did not initialize')
  mark('initialized')
  result.server = client.server_capabilities and 'initialized' or 'initialized (no capabilities?)'

  -- 1. Diagnostics are pushed after didOpen.
  local diagnostics
  assert(vim.wait(timeout, function()
    diagnostics = vim.diagnostic.get(bufnr)
    return #diagnostics > 0
  end, 20), 'no diagnostics were published')
  mark('diagnostics')
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local summary = {}
  for _, d in ipairs(diagnostics) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(summary, { code = code, line = d.lnum, col = d.col, endCol = d.end_col, source = d.source })
  end
  result.diagnostics = summary
  local seeded = {
    { code = 'non-canonical', text = 'Laos' },
    { code = 'spelling-variant', text = 'recognised' },
    { code = 'resolution-format', text = 'Resolution 71/28' },
    { code = 'undefined-acronym', text = 'AOIP' },
  }
  for _, s in ipairs(seeded) do
    local at = position_of(lines, s.text, '-->')
    local found = false
    for _, d in ipairs(summary) do
      if d.code == s.code and d.line == at.line and d.col == at.character and d.endCol == at.character + #s.text and d.source == 'policy-lexicon' then
        found = true
      end
    end
    check('diagnostic ' .. s.code .. ' on "' .. s.text .. '"', found, vim.inspect(at))
  end

  local doc = { uri = vim.uri_from_bufnr(bufnr) }

  -- 2. Hover on an acronym.
  local at = position_of(lines, 'AMMTC', '-->')
  local resp = client.request_sync('textDocument/hover', { textDocument = doc, position = { line = at.line, character = at.character + 1 } }, timeout, bufnr)
  assert(resp and not resp.err and resp.result, 'hover failed: ' .. vim.inspect(resp))
  local contents = resp.result.contents
  local hover = type(contents) == 'table' and (contents.value or vim.inspect(contents)) or tostring(contents)
  result.hover = hover:sub(1, 300)
  check('hover shows the full name', hover:find('ASEAN Ministerial Meeting on Transnational Crime', 1, true) ~= nil, result.hover)
  check('hover shows the definition', hover:find('cooperation against transnational crime', 1, true) ~= nil, result.hover)
  mark('hover')

  -- 3. Completion: type "ASEAN-J" on a new line under the title, before the draft introduces
  --    the centre, so its first use is still to come. Nothing is debounced (flags below), so
  --    the change reaches the server before the request.
  at = position_of(lines, '# ', '-->')
  vim.api.nvim_buf_set_lines(bufnr, at.line + 1, at.line + 1, false, { 'ASEAN-J' })
  resp = client.request_sync('textDocument/completion', { textDocument = doc, position = { line = at.line + 1, character = #'ASEAN-J' } }, timeout, bufnr)
  assert(resp and not resp.err and resp.result, 'completion failed: ' .. vim.inspect(resp))
  local items = resp.result.items or resp.result
  local inserted
  result.completion = {}
  for _, item in ipairs(items) do
    table.insert(result.completion, item.label)
    if item.label == 'ASEAN-Japan Cybersecurity Capacity Building Centre' then
      inserted = (item.textEdit and item.textEdit.newText) or item.insertText or item.label
    end
  end
  check('completion offers the official name', inserted ~= nil, vim.inspect(result.completion))
  check('the first use inserts "Full Name (ACR)"', inserted == 'ASEAN-Japan Cybersecurity Capacity Building Centre (AJCCBC)', inserted)
  mark('completion')

  result.ok = #result.failures == 0
end)

if not ok then
  result.ok = false
  result.error = tostring(err)
end
io.stdout:write(vim.json.encode(result) .. '\n')
io.stdout:flush()
for _, c in pairs(vim.lsp.get_active_clients()) do c.stop(true) end
vim.cmd(result.ok and 'qall!' or 'cquit 1')
