#!/usr/bin/env python3
"""make bench: measure park against the machine and against its peers.

Builds inputs from the reports in tests/corpus (lines shuffled with a fixed seed, so the
text is not one paragraph repeated), times the helper, the Neovim client and
the peer linters, and writes bench/RESULTS.md and bench/results.json. Every
figure is the median of several runs; instruction counts come from
callgrind. Nothing here is asserted: benchmarks are not tests.

Environment: BENCH_RUNS (default 5), BENCH_SKIP_PEERS=1, BENCH_SKIP_CALLGRIND=1.
"""

import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARK = os.path.join(ROOT, "build", "park")
CORPUS = os.path.join(ROOT, "tests", "corpus")
PEERS = os.path.join(ROOT, "bench", "peers")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
WORK = tempfile.mkdtemp(prefix="park-bench-")
ENV = dict(os.environ, XDG_CONFIG_HOME=os.path.join(WORK, "xdg"))
BENCH_DIR = os.path.join(ROOT, "bench")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def build_inputs():
    lines = []
    for name in sorted(os.listdir(CORPUS)):
        if name.endswith(".txt"):
            with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
                lines += [l for l in f.read().split("\n") if l.strip()]
    rng = random.Random(20261123)

    def make(path, size=None, nlines=None):
        out, total = [], 0
        pool = []
        while (size and total < size) or (nlines and len(out) < nlines):
            if not pool:
                pool = lines[:]
                rng.shuffle(pool)
            l = pool.pop()
            out.append(l)
            total += len(l.encode()) + 1
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")
        return path

    inputs = {
        "20k": make(os.path.join(WORK, "report-20k.txt"), size=20_000),
        "1m": make(os.path.join(WORK, "report-1m.txt"), size=1_000_000),
        "10m": make(os.path.join(WORK, "report-10m.txt"), size=10_000_000),
        "5m": make(os.path.join(WORK, "report-5m.txt"), size=5_000_000),
        "20000": make(os.path.join(WORK, "report-20000-lines.txt"), nlines=20_000),
    }
    with open(os.path.join(WORK, "empty.txt"), "w") as f:
        f.write("")
    inputs["empty"] = os.path.join(WORK, "empty.txt")
    inputs["line"] = make(os.path.join(WORK, "report-1-line.txt"), nlines=1)
    return inputs


def timed(cmd, runs=RUNS, cwd=None, env=ENV, timeout=300):
    """Median wall time in seconds of cmd over runs; None if it failed."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        try:
            p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               timeout=timeout)
        except (subprocess.TimeoutExpired, FileNotFoundError) as e:
            log(f"  {cmd[0]}: {e}")
            return None
        times.append(time.perf_counter() - t0)
        if p.returncode not in (0, 1):
            log(f"  {' '.join(cmd)}: exit {p.returncode}: {p.stderr.decode(errors='replace')[:300]}")
            return None
    return statistics.median(times)


def sentences(path):
    """The sentences of a text: runs ending in 。！？ or a line end."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return sum(1 for s in re.split(r"[。！？\n]", text) if s.strip())


def size_mb(path):
    return os.path.getsize(path) / 1e6


def peak_rss_kb(cmd, stdin=None, env=ENV):
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, env=env, stdin=stdin,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return int(p.stderr.decode().strip().splitlines()[-1])


def bench_limits(inputs, res):
    log("park check: peak RSS on 1, 10, 100 MB; inputs refused by the limits")
    big = os.path.join(WORK, "report-100m.txt")  # the 10 MB input ten times
    with open(big, "wb") as out, open(inputs["10m"], "rb") as f:
        chunk = f.read()
        for _ in range(10):
            out.write(chunk)
    # without the model (how much of a mapped file is resident depends on
    # the page cache), the least of a few runs: a stray page-in only adds
    no_lm = dict(ENV, PARK_DATA_DIR=os.path.join(WORK, "no-model"))
    empty = min(peak_rss_kb([PARK, "check", inputs["empty"]], env=no_lm) for _ in range(5))
    # the fixed base: a one-line report, which runs every check (an empty
    # file skips them) and so holds what any check holds whatever its size:
    # the helper thread, the checks' scratch, the rule engine's working state
    base = min(peak_rss_kb([PARK, "check", inputs["line"]], env=no_lm) for _ in range(5))
    # the fixed base with the language model: its file may be resident whole
    base_lm = base + os.path.getsize(os.path.join(ROOT, "data", "park.lm")) // 1024
    rss = {"empty_kb": empty, "base_kb": base, "base_lm_kb": base_lm}
    base = base_lm
    for key, path in (("1m", inputs["1m"]), ("10m", inputs["10m"]), ("100m", big)):
        kb = min(peak_rss_kb([PARK, "check", path]) for _ in range(3))
        rss[key + "_kb"] = kb
        rss[key + "_ratio"] = (kb - base) * 1024 / os.path.getsize(path)
    os.remove(big)
    sparse = os.path.join(WORK, "sparse-3g.img")
    with open(sparse, "wb") as f:
        f.truncate(3 << 30)
    refused = {}
    for key, cmd in (("dev_zero", [PARK, "check", "/dev/zero"]), ("sparse_3g", [PARK, "check", sparse])):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        refused[key + "_s"] = time.perf_counter() - t0
        refused[key + "_kb"] = peak_rss_kb(cmd)
    os.remove(sparse)
    res["limits"] = {"rss": rss, "refused": refused}


def bench_check(inputs, res):
    log("park check: start-up, 1 MB, 10 MB")
    # Park's runs are short and this machine's timings vary by tens of
    # percent from run to run: medians of many runs.
    start = timed([PARK, "check", inputs["empty"]], runs=RUNS * 4)
    t1 = timed([PARK, "check", inputs["1m"]], runs=RUNS * 4)
    t1_one = timed([PARK, "check", "--jobs", "1", inputs["1m"]], runs=RUNS * 4)
    t10 = timed([PARK, "check", inputs["10m"]], runs=max(3, RUNS // 2))
    t10_one = timed([PARK, "check", "--jobs", "1", inputs["10m"]], runs=max(3, RUNS // 2))
    res["check"] = {
        "10m_one_thread_s": t10_one,
        "10m_one_thread_mb_per_s": size_mb(inputs["10m"]) / t10_one,
        "10m_sentences": sentences(inputs["10m"]),
        "10m_one_thread_sentences_per_s": sentences(inputs["10m"]) / t10_one,
        "startup_s": start,
        "1m_s": t1,
        "10m_s": t10,
        "1m_mb_per_s": size_mb(inputs["1m"]) / t1,
        "1m_one_thread_s": t1_one,
        "1m_one_thread_mb_per_s": size_mb(inputs["1m"]) / t1_one,
        "threads": os.cpu_count(),
        "10m_mb_per_s": size_mb(inputs["10m"]) / t10,
        "1m_mb_per_s_excl_startup": size_mb(inputs["1m"]) / max(t1 - start, 1e-6),
        "10m_mb_per_s_excl_startup": size_mb(inputs["10m"]) / max(t10 - start, 1e-6),
        "scaling_exponent": math.log(max(t10 - start, 1e-6) / max(t1 - start, 1e-6))
        / math.log(size_mb(inputs["10m"]) / size_mb(inputs["1m"])),
    }
    res["check"]["10m_peak_rss_kb"] = peak_rss_kb([PARK, "check", inputs["10m"]])
    bench_limits(inputs, res)

    log("park check --profile: time per category")
    p = subprocess.run([PARK, "check", "--profile", inputs["1m"]], env=ENV, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    cats, rules = {}, {}
    for line in p.stderr.decode().splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[0] == "profile":
            (cats if parts[1] == "category" else rules)[parts[2]] = float(parts[3])
    total = sum(cats.values()) or 1
    res["profile_1m"] = {
        "category_ms": cats,
        "category_share": {k: v / total for k, v in cats.items()},
        "top_rules_ms": rules,
    }


def bench_callgrind(inputs, res):
    if os.environ.get("BENCH_SKIP_CALLGRIND") or not shutil.which("valgrind"):
        log("callgrind: skipped (valgrind not found or BENCH_SKIP_CALLGRIND)")
        return
    log("callgrind: instructions for the 1 MB check")
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", PARK, "check",
                        inputs["1m"]], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    m = re.search(r"Collected\s*:\s*(\d+)", p.stderr.decode())
    if m:
        res["callgrind_1m_instructions"] = int(m.group(1))
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", PARK, "check",
                        inputs["empty"]], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    m = re.search(r"Collected\s*:\s*(\d+)", p.stderr.decode())
    if m:
        res["callgrind_startup_instructions"] = int(m.group(1))


def bench_rpc_startup(res):
    """Spawn `park rpc`, send one info request, time until the answer."""
    log("park rpc: start-up to first answer")
    request = bytes([0x94, 0x00, 0x01, 0xA4]) + b"info" + bytes([0x90])
    times = []
    for _ in range(RUNS * 2):
        t0 = time.perf_counter()
        p = subprocess.Popen([PARK, "rpc"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=ENV)
        p.stdin.write(request)
        p.stdin.flush()
        first = p.stdout.read(1)
        times.append(time.perf_counter() - t0)
        p.stdin.close()
        p.wait()
        if not first:
            log("  no answer from park rpc")
            return
    res["rpc_first_answer_s"] = statistics.median(times)


NVIM_SCRIPT = r"""
local out = {}
local function median(t) table.sort(t) return t[math.floor((#t + 1) / 2)] end
local ok, err = pcall(function()
  local runs = tonumber(os.getenv('BENCH_RUNS') or '5') * 4
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('BENCH_FILE')))
  vim.cmd('setlocal filetype=park')
  local check = require('park.check')
  local settled = function() return not check.busy() end
  vim.cmd('ParkCheck')              -- starts the helper; not measured
  vim.wait(10000, settled, 1)
  local t = {}
  for _ = 1, runs do
    local t0 = vim.loop.hrtime()
    vim.cmd('silent ParkCheck')     -- returns at once; the result follows
    vim.wait(10000, settled, 1)
    t[#t + 1] = (vim.loop.hrtime() - t0) / 1e6
  end
  out.parkcheck_ms = median(t)
  out.diagnostics = #vim.diagnostic.get(0)
  local function write_times(n)
    local w = {}
    for _ = 1, n do
      vim.api.nvim_buf_set_lines(0, 0, 0, false, { '' })
      vim.api.nvim_buf_set_lines(0, 0, 1, false, {})
      local t0 = vim.loop.hrtime()
      vim.cmd('silent write')
      w[#w + 1] = (vim.loop.hrtime() - t0) / 1e6
      vim.wait(50)
    end
    return median(w)
  end
  vim.g.park = { check_on_save = true }
  out.write_with_park_ms = write_times(runs)
  vim.g.park = { check_on_save = false }
  out.write_without_park_ms = write_times(runs)
end)
if not ok then out.error = tostring(err) end
local f = io.open(os.getenv('BENCH_OUT'), 'w')
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd('qa!')
"""


NVIM_LARGE_SCRIPT = r"""
local out = {}
local function median(t) table.sort(t) return t[math.floor((#t + 1) / 2)] end
local function ms(t0) return (vim.loop.hrtime() - t0) / 1e6 end
local ok, err = pcall(function()
  local runs = tonumber(os.getenv('BENCH_RUNS') or '5') * 4
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('BENCH_FILE')))
  vim.cmd('setlocal filetype=park')
  local buf = vim.api.nvim_get_current_buf()
  local fold = require('park.fold')
  local ph = require('park.placeholder')
  local n = vim.api.nvim_buf_line_count(buf)
  out.lines = n
  -- opening: the first placeholder scan and fold levels of the whole buffer
  local t_open = vim.loop.hrtime()
  vim.wait(60000, function() return (ph.count(buf) or 0) > 0 and fold.current(buf) end, 5)
  out.open_settled_ms = ms(t_open)
  vim.wait(1000)
  -- the first full outline request (sends every line), then repeated ones
  local t0 = vim.loop.hrtime()
  fold.request(buf)
  out.outline_first_request_ms = ms(t0)
  local t = {}
  for _ = 1, runs do
    t0 = vim.loop.hrtime()
    fold.request(buf)
    t[#t + 1] = ms(t0)
  end
  out.outline_full_request_ms = median(t)
  -- recomputing every fold of the window from the cached levels
  t = {}
  for _ = 1, 5 do
    t0 = vim.loop.hrtime()
    fold.refresh(buf)
    vim.fn.foldlevel(n)
    vim.fn.foldclosedend(1)
    t[#t + 1] = ms(t0)
  end
  out.fold_refresh_ms = median(t)
  -- typing: one character inserted (on_lines splices the level cache), with and without folding
  local function typing()
    local tt = {}
    for i = 1, 200 do
      local row = (i * 97) % n
      t0 = vim.loop.hrtime()
      vim.api.nvim_buf_set_text(buf, row, 0, row, 0, { '字' })
      tt[#tt + 1] = ms(t0)
    end
    return median(tt)
  end
  out.keystroke_with_folding_ms = typing()
  -- an edit, then the update the helper answers (changed lines only)
  t = {}
  vim.wait(1000)
  for i = 1, runs do
    local row = (i * 131) % n
    vim.api.nvim_buf_set_text(buf, row, 0, row, 0, { '改' })
    t0 = vim.loop.hrtime()
    fold.sync(buf)
    vim.wait(2000, function() return fold.current(buf) end, 1)
    t[#t + 1] = ms(t0)
    vim.wait(200)
  end
  out.outline_update_after_edit_ms = median(t)
  -- placeholder highlighting: a placeholder added on a visible line, until its
  -- mark is there (the 150 ms debounce included)
  vim.wait(1000)
  t = {}
  for _ = 1, runs do
    local before = ph.count(buf)
    local row = vim.fn.line('w0') - 1
    vim.api.nvim_buf_set_text(buf, row, 0, row, 0, { '实现营业收入X亿元，' })
    t0 = vim.loop.hrtime()
    vim.wait(3000, function() return (ph.count(buf) or 0) > before end, 1)
    t[#t + 1] = ms(t0)
    vim.wait(200)
  end
  out.placeholder_refresh_after_edit_ms = median(t)
  -- snippet expansion by trigger (one request, text and tabstops inserted)
  local snippet = require('park.snippet')
  snippet.list(buf)
  t = {}
  for _ = 1, runs do
    vim.api.nvim_win_set_cursor(0, { 1, 0 })
    t0 = vim.loop.hrtime()
    snippet.insert('tbzz')
    t[#t + 1] = ms(t0)
    pcall(require('park.snippet_session').stop)
  end
  out.snippet_expand_ms = median(t)
  -- the same typing test with folding detached
  fold.detach(buf)
  vim.wo.foldmethod = 'manual'
  out.keystroke_without_folding_ms = typing()
end)
if not ok then out.error = tostring(err) end
local f = io.open(os.getenv('BENCH_OUT'), 'w')
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd('qa!')
"""


def mp_pack(o):
    """A minimal msgpack encoder for the helper benchmark (str, int, bool, list, dict)."""
    if isinstance(o, bool):
        return b"\xc3" if o else b"\xc2"
    if isinstance(o, int):
        return bytes([o]) if 0 <= o < 128 else b"\xcf" + o.to_bytes(8, "big")
    if isinstance(o, str):
        b = o.encode()
        return (bytes([0xA0 | len(b)]) if len(b) < 32 else b"\xdb" + len(b).to_bytes(4, "big")) + b
    if isinstance(o, list):
        return b"\xdd" + len(o).to_bytes(4, "big") + b"".join(mp_pack(x) for x in o)
    if isinstance(o, dict):
        return b"\xdf" + len(o).to_bytes(4, "big") + b"".join(mp_pack(k) + mp_pack(v) for k, v in o.items())
    raise TypeError(o)


def rpc_roundtrip(proc, msgid, method, params):
    """Sends one request and reads until a response of plausible size arrives; returns seconds."""
    import select
    data = b"\x94" + mp_pack(0) + mp_pack(msgid) + mp_pack(method) + mp_pack(params)
    t0 = time.perf_counter()
    proc.stdin.write(data)
    proc.stdin.flush()
    got = b""
    # responses start with 0x94 0x01 <msgid>; read until the stream pauses after it
    while True:
        r, _, _ = select.select([proc.stdout], [], [], 5)
        if not r:
            return None
        chunk = os.read(proc.stdout.fileno(), 1 << 20)
        if not chunk:
            return None
        got += chunk
        r, _, _ = select.select([proc.stdout], [], [], 0.0005)
        if not r:
            return time.perf_counter() - t0


class LspClient:
    """A minimal LSP client over pipes for `park lsp`: framed send, and a
    read of the next message."""

    def __init__(self):
        self.p = subprocess.Popen([PARK, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, env=ENV)
        self.buf = b""

    def send(self, obj):
        body = json.dumps(obj, ensure_ascii=False).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def recv(self):
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end >= 0:
                n = int(self.buf[:end].split(b":")[1])
                if len(self.buf) >= end + 4 + n:
                    msg = json.loads(self.buf[end + 4:end + 4 + n])
                    self.buf = self.buf[end + 4 + n:]
                    return msg
            chunk = os.read(self.p.stdout.fileno(), 1 << 20)
            if not chunk:
                return None
            self.buf += chunk

    def until(self, pred):
        while True:
            m = self.recv()
            if m is None or pred(m):
                return m

    def close(self):
        self.send({"jsonrpc": "2.0", "id": 0, "method": "shutdown"})
        self.send({"jsonrpc": "2.0", "method": "exit"})
        self.p.wait()


def bench_lsp(inputs, res):
    """park lsp: a one-line change and the diagnostics pulled for it on the
    20 KB report (round trip); a one-line change of the 20,000-line report
    answered by the helper (didChange, then a request answered at once)."""
    log("park lsp: diagnostics round trip (20 KB), one-line didChange (20,000 lines)")
    out = {}
    for key, name in (("20k", "diag"), ("20000", "change")):
        with open(inputs[key], encoding="utf-8") as f:
            lines = f.read().split("\n")
        c = LspClient()
        c.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
        c.until(lambda m: m.get("id") == 1)
        uri = "file:///bench/report.txt"
        c.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "park", "version": 1, "text": "\n".join(lines)}}})
        c.until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        times = []
        for i in range(RUNS * 8):
            row = (i * 97) % (len(lines) - 1)
            change = {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": 2 + i},
                "contentChanges": [{"range": {"start": {"line": row, "character": 0},
                                              "end": {"line": row, "character": 0}}, "text": "字"}]}}
            ask = {"jsonrpc": "2.0", "id": 100 + i, "method": "textDocument/diagnostic" if name == "diag" else "no/such",
                   "params": {"textDocument": {"uri": uri}}}
            t0 = time.perf_counter()
            c.send(change)
            c.send(ask)
            c.until(lambda m: m.get("id") == 100 + i)
            times.append(time.perf_counter() - t0)
            if name == "change":
                # let the check the pause starts finish before the next change
                c.until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        out[name + "_ms"] = statistics.median(times) * 1e3
        c.close()
    res["lsp"] = out


def bench_outline_helper(inputs, res):
    """Outline + fold levels of the 20,000-line report inside park rpc: the full
    request once, then incremental updates of one changed line (what folding
    sends after an edit), as RPC round trips; then the same two requests timed
    inside the helper (`park outline --profile`), without the transfer."""
    log("park rpc: outline of the 20,000-line report")
    with open(inputs["20000"], encoding="utf-8") as f:
        lines = f.read().split("\n")[:-1]
    p = subprocess.Popen([PARK, "rpc"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, env=ENV)
    full = rpc_roundtrip(p, 1, "outline", [{"buf": 1, "tick": 1, "lines": lines}])
    fulls, incs = [], []
    for i in range(RUNS * 4):
        t = rpc_roundtrip(p, 2, "outline", [{"buf": 1, "tick": 2 + i, "lines": lines}])
        if t:
            fulls.append(t)
    for i in range(RUNS * 8):
        row = (i * 997) % len(lines)
        t = rpc_roundtrip(p, 3, "outline", [{"buf": 1, "tick": 100 + i, "base": 99 + i if i else 2 + RUNS * 4 - 1,
                                             "first": row, "last": row + 1, "lines": [lines[row]]}])
        if t:
            incs.append(t)
    p.stdin.close()
    p.wait()
    # the same method in process, without the message transfer
    inproc = {}
    prof = subprocess.run([PARK, "outline", "--profile", inputs["20000"]], env=ENV, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    for line in prof.stderr.splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[:2] == ["profile", "outline"]:
            inproc[parts[2]] = float(parts[3])
    res["outline_helper"] = {
        "lines": len(lines),
        "first_full_request_s": full,
        "full_request_s": statistics.median(fulls) if fulls else None,
        "one_line_update_s": statistics.median(incs) if incs else None,
        "in_process_full_ms": inproc.get("full"),
        "in_process_one_line_ms": inproc.get("one-line"),
    }


NVIM_5MB_SCRIPT = r"""
-- :ParkCheck, :write and :bd! on a 5 MB report with tens of thousands of
-- findings. A callback re-scheduled every 2 ms on Neovim's main event queue
-- (where typed keys are handled; a libuv timer would also fire inside
-- Vim's breakchecks and miss the stalls) records the longest gap between
-- its runs: how long a key typed at the worst moment waits.
local out = {}
local uv = vim.loop
local function ms(t0) return (uv.hrtime() - t0) / 1e6 end
local stall = { max = 0, on = false }
local function tick()
  if not stall.on then return end
  local now = uv.hrtime()
  stall.max = math.max(stall.max, (now - stall.last) / 1e6)
  stall.last = now
  vim.defer_fn(tick, 2)
end
local function watch()
  stall.max, stall.last, stall.on = 0, uv.hrtime(), true
  vim.defer_fn(tick, 2)
end
local timer = { stop = function() stall.on = false end }
local ok, err = pcall(function()
  local check = require('park.check')
  local settled = function() return not check.busy() end
  local function run(limit, key)
    require('park').setup({ check_on_open = false, check_on_save = false, max_diagnostics = limit })
    if limit == nil then out.default_limit = require('park.config').get().max_diagnostics end
    vim.cmd('edit! ' .. vim.fn.fnameescape(os.getenv('BENCH_FILE')))
    vim.cmd('setlocal filetype=park')
    local buf = vim.api.nvim_get_current_buf()
    vim.wait(60000, function() return require('park.fold').current(buf) end, 5)
    vim.wait(500)
    local r = {}
    watch()
    local t0 = uv.hrtime()
    vim.cmd('silent ParkCheck')
    r.command_ms = ms(t0)
    vim.wait(300000, settled, 1)
    r.all_shown_ms = ms(t0)
    r.max_stall_ms = stall.max
    timer:stop()
    r.diagnostics = #vim.diagnostic.get(buf, { namespace = check.ns })
    r.findings = check.tally(buf).total
    require('park').setup({ check_on_open = false, check_on_save = true, max_diagnostics = limit })
    vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '' })
    watch()
    t0 = uv.hrtime()
    vim.cmd('silent write')
    r.write_ms = ms(t0)
    vim.wait(300000, function() return settled() and vim.b[buf].park_checked_tick == vim.api.nvim_buf_get_changedtick(buf) end, 1)
    r.write_checked_ms = ms(t0)
    r.write_max_stall_ms = stall.max
    timer:stop()
    t0 = uv.hrtime()
    vim.cmd('bwipeout! ' .. buf)
    r.wipe_ms = ms(t0)
    out[key] = r
  end
  out.bytes = vim.fn.getfsize(os.getenv('BENCH_FILE'))
  run(nil, 'capped')
  run(0, 'uncapped')
end)
if not ok then out.error = tostring(err) end
local f = io.open(os.getenv('BENCH_OUT'), 'w')
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd('qa!')
"""


# What a Neovim benchmark runs before its script: the plugin with its filetype side.
PLUGIN_CMDS = ("filetype plugin on", "runtime plugin/park.lua")


def run_nvim_script(res, key, script, name, timeout, cmds=(), env=None, copy_of=None):
    """Runs the Lua script in a headless Neovim (--cmd each of cmds first, the
    repository on 'runtimepath'); with copy_of, a copy of that input is
    $BENCH_FILE. The script writes JSON to $BENCH_OUT, stored as res[key]."""
    path = os.path.join(WORK, name + ".lua")
    with open(path, "w") as f:
        f.write(script)
    outp = os.path.join(WORK, name + ".json")
    env = dict(ENV, BENCH_OUT=outp, **(env or {}))
    if copy_of:
        env["BENCH_FILE"] = os.path.join(WORK, name + ".txt")
        shutil.copy(copy_of, env["BENCH_FILE"])
    argv = ["timeout", str(timeout), "nvim", "--headless", "-u", "NONE", "-i", "NONE", "--cmd", f"set rtp^={ROOT}"]
    for c in cmds:
        argv += ["--cmd", c]
    subprocess.run(argv + ["-c", f"luafile {path}"], env=env, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with open(outp) as f:
            res[key] = json.load(f)
    except (OSError, ValueError) as e:
        log(f"  no result from nvim: {e}")


def bench_nvim_5mb(inputs, res):
    if not shutil.which("nvim"):
        return
    log("Neovim: :ParkCheck, :write and :bd! on the 5 MB report, capped and uncapped")
    run_nvim_script(res, "nvim_5m", NVIM_5MB_SCRIPT, "nvim-5m", 600, cmds=PLUGIN_CMDS, copy_of=inputs["5m"])


FILETYPE_SCRIPT = r"""
-- Filetype detection both ways: the corpus reports in the forms PDFs give
-- (tests/filetype/variants.lua) must be claimed; every other text file
-- listed in BENCH_LIST must not. The rule before the scorer (two 一、
-- headings at line starts in the first 30 lines) is measured alongside.
local out = { positives = 0, found = 0, found_old = 0, missed = {}, negatives = 0, claimed = 0, claimed_old = 0,
  claimed_files = {} }
local old = function(lines)
  local n = 0
  for i = 1, math.min(#lines, 30) do
    if vim.fn.match(lines[i], [[^[[:space:]　]*[一二三四五六七八九十]\{1,3}、]]) >= 0 then n = n + 1 end
  end
  return n >= 2
end
local ok, err = pcall(function()
  local variants = dofile(os.getenv('BENCH_ROOT') .. '/tests/filetype/variants.lua')
  for _, path in ipairs(vim.fn.glob(os.getenv('BENCH_ROOT') .. '/tests/corpus/*.txt', false, true)) do
    for kind, lines in pairs(variants.make(vim.fn.readfile(path))) do
      out.positives = out.positives + 1
      if vim.fn['park#detect#score'](lines).park == 1 then out.found = out.found + 1
      else table.insert(out.missed, kind .. ' ' .. vim.fn.fnamemodify(path, ':t')) end
      if old(lines) then out.found_old = out.found_old + 1 end
    end
  end
  for _, path in ipairs(vim.fn.readfile(os.getenv('BENCH_LIST'))) do
    local okr, lines = pcall(vim.fn.readfile, path, '', 200)
    if okr then
      out.negatives = out.negatives + 1
      if vim.fn['park#detect#score'](lines).park == 1 then
        out.claimed = out.claimed + 1
        table.insert(out.claimed_files, path)
      end
      if old(lines) then out.claimed_old = out.claimed_old + 1 end
    end
  end
end)
if not ok then out.error = tostring(err) end
local f = io.open(os.getenv('BENCH_OUT'), 'w')
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd('qa!')
"""


def bench_filetype(res):
    if not shutil.which("nvim"):
        return
    log("filetype detection: report variants and every other text file on the machine")
    files = []
    for top in ("/usr/share", "/usr/lib", "/etc"):
        for dirpath, _, names in os.walk(top):
            for n in names:
                p = os.path.join(dirpath, n)
                if (n.endswith(".txt") or ".zh" in n or "zh_CN" in n or "zh_TW" in n) and os.path.isfile(p) \
                        and not n.endswith((".mo", ".gz", ".so")) and os.path.getsize(p) < 4_000_000:
                    files.append(p)
    for dirpath, _, names in os.walk(os.path.join(BENCH_DIR, "peers", "node_modules")):
        files += [os.path.join(dirpath, n) for n in names if n.lower().endswith((".md", ".txt"))]
    lst = os.path.join(WORK, "filetype-files.txt")
    with open(lst, "w") as f:
        f.write("\n".join(files) + "\n")
    run_nvim_script(res, "filetype", FILETYPE_SCRIPT, "filetype", 600, env={"BENCH_LIST": lst, "BENCH_ROOT": ROOT})


def bench_nvim_large(inputs, res):
    if not shutil.which("nvim"):
        return
    log("Neovim: folding, typing, placeholders and snippets on the 20,000-line report")
    run_nvim_script(res, "nvim_large", NVIM_LARGE_SCRIPT, "nvim-20000", 300, cmds=PLUGIN_CMDS,
                    env={"BENCH_RUNS": str(RUNS)}, copy_of=inputs["20000"])


def bench_nvim(inputs, res):
    if not shutil.which("nvim"):
        log("nvim: not found, skipped")
        return
    log("Neovim: :ParkCheck on the 20 KB report, :write with and without check on save")
    run_nvim_script(res, "nvim", NVIM_SCRIPT, "nvim-20k", 120, cmds=("runtime plugin/park.lua",),
                    env={"BENCH_RUNS": str(RUNS)}, copy_of=inputs["20k"])


PEER_CMDS = {
    "autocorrect-node (--lint)": lambda f: ["node_modules/.bin/autocorrect", "--lint", f],
    "zhlint": lambda f: ["node_modules/.bin/zhlint", os.path.basename(f)],
    "textlint + zh-half-and-full-width-bracket": lambda f: ["node_modules/.bin/textlint", "--rule",
                                                             "zh-half-and-full-width-bracket", f],
}


def install_peers():
    if os.path.isdir(os.path.join(PEERS, "node_modules", ".bin")):
        return True
    if not shutil.which("npm"):
        log("peers: npm not found, skipped")
        return False
    log("peers: npm install into bench/peers (ignored by git)")
    os.makedirs(PEERS, exist_ok=True)
    with open(os.path.join(PEERS, "package.json"), "w") as f:
        json.dump({"name": "park-bench-peers", "private": True}, f)
    p = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "autocorrect-node", "zhlint", "textlint",
                        "textlint-rule-zh-half-and-full-width-bracket"], cwd=PEERS,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
    if p.returncode != 0:
        log("peers: npm install failed, skipped: " + p.stderr.decode(errors="replace")[-300:])
        return False
    return True


def bench_peers(inputs, res):
    if os.environ.get("BENCH_SKIP_PEERS"):
        log("peers: skipped (BENCH_SKIP_PEERS)")
        return
    if not install_peers():
        res["peers"] = "skipped: npm not available"
        return
    peers = {}
    for size in ("20k", "1m"):
        # zhlint wants a path relative to its working directory: copy beside node_modules
        local = os.path.join(PEERS, os.path.basename(inputs[size]))
        shutil.copy(inputs[size], local)
        park_t = timed([PARK, "check", local], runs=RUNS * 4)
        park_one = timed([PARK, "check", "--jobs", "1", local], runs=RUNS * 4)
        for name, cmd in PEER_CMDS.items():
            log(f"peers: {name} on {size}")
            t = timed(cmd(local), runs=3, cwd=PEERS, timeout=120)
            peers.setdefault(name, {})[size] = {"s": t, "ratio_to_park": (t / park_t) if t and park_t else None,
                                                "ratio_to_park_one_thread": (t / park_one) if t and park_one else None}
        peers.setdefault("park", {})[size] = {"s": park_t, "ratio_to_park": 1.0,
                                              "ratio_to_park_one_thread": park_t / park_one if park_one else None}
        peers.setdefault("park --jobs 1", {})[size] = {"s": park_one, "ratio_to_park": park_one / park_t
                                                       if park_t else None, "ratio_to_park_one_thread": 1.0}
        os.unlink(local)
    res["peers"] = peers


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    version = subprocess.run([PARK, "--version"], stdout=subprocess.PIPE).stdout.decode().strip()
    nvim = subprocess.run(["nvim", "--version"], stdout=subprocess.PIPE).stdout.decode().splitlines()[0] \
        if shutil.which("nvim") else "none"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL).stdout.decode().strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "os": platform.platform(), "park": version, "nvim": nvim,
            "commit": commit, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def fmt(v, unit="", digits=1):
    if v is None:
        return "n/a"
    return f"{v:.{digits}f}{unit}"


def write_results(res):
    with open(os.path.join(BENCH_DIR, "results.json"), "w") as f:
        json.dump(res, f, indent=2, ensure_ascii=False)
        f.write("\n")
    m, c = res["machine"], res.get("check", {})
    L = ["# Park benchmark results", "",
         "Generated by `make bench` (bench/bench.py); do not edit by hand.", "",
         f"- Date: {m['date']}; commit {m['commit']}",
         f"- Machine: {m['cpu']}, {m['cores']} cores; {m['os']}",
         f"- {m['park']}; {m['nvim']}",
         f"- Inputs: corpus lines shuffled (seed 20261123): 20 KB, 1 MB, 10 MB, 20,000 lines; "
         f"medians of {RUNS} runs ({RUNS * 4} for park check on the 20 KB, 1 MB and empty inputs) unless noted", "",
         "## park check", "",
         "| figure | value | target |", "|---|---|---|",
         f"| start-up (empty file, default rules) | {fmt(c.get('startup_s', 0) * 1e3, ' ms')} | ≤ 20 ms |",
         f"| 1 MB, wall ({c.get('threads', '?')} threads, the default) | {fmt(c.get('1m_s', 0) * 1e3, ' ms')} = "
         f"{fmt(c.get('1m_mb_per_s'), ' MB/s')} | ≥ 50 MB/s |",
         f"| 1 MB, one thread (`--jobs 1`) | {fmt(c.get('1m_one_thread_s', 0) * 1e3, ' ms')} = "
         f"{fmt(c.get('1m_one_thread_mb_per_s'), ' MB/s')} | |",
         f"| 1 MB, excluding start-up | {fmt(c.get('1m_mb_per_s_excl_startup'), ' MB/s')} | |",
         f"| 10 MB, wall | {fmt(c.get('10m_s', 0) * 1e3, ' ms', 0)} = {fmt(c.get('10m_mb_per_s'), ' MB/s')} | |",
         f"| 10 MB, one thread, with the language model | {fmt(c.get('10m_one_thread_s', 0) * 1e3, ' ms', 0)} = "
         f"{fmt(c.get('10m_one_thread_mb_per_s'), ' MB/s')} | ≥ 20 MB/s |",
         f"| sentences per second, the same run | {fmt(c.get('10m_one_thread_sentences_per_s'), '', 0)} "
         f"({c.get('10m_sentences', 0)} sentences) | |",
         f"| 10 MB, excluding start-up | {fmt(c.get('10m_mb_per_s_excl_startup'), ' MB/s')} | |",
         f"| scaling exponent 1 MB → 10 MB | {fmt(c.get('scaling_exponent'), '', 2)} | ≤ 1.1 |",
         f"| peak RSS, 10 MB | {fmt(c.get('10m_peak_rss_kb', 0) / 1024, ' MB')} | ≤ 30 MB |",
         f"| instructions, 1 MB (callgrind) | {res.get('callgrind_1m_instructions', 'n/a'):,} | |"
         if isinstance(res.get('callgrind_1m_instructions'), int) else "| instructions, 1 MB (callgrind) | n/a | |",
         f"| instructions, start-up (callgrind) | {res.get('callgrind_startup_instructions', 0):,} | |"
         if isinstance(res.get('callgrind_startup_instructions'), int) else "| instructions, start-up | n/a | |",
         f"| `park rpc` start-up to first answer | {fmt((res.get('rpc_first_answer_s') or 0) * 1e3, ' ms')} | ≤ 20 ms |",
         ""]
    lim = res.get("limits")
    if lim:
        r, q = lim["rss"], lim["refused"]
        L += ["## Memory and limits (`park check`)", "",
              "| input | peak RSS | (RSS − base) / input | target |", "|---|---|---|---|",
              f"| empty file, without the language model | {fmt(r['empty_kb'] / 1024, ' MB')} | | |",
              f"| one line, without the language model (every check runs) | {fmt(r['base_kb'] / 1024, ' MB')} | | |",
              f"| base: that plus the whole language model file (data/park.lm, mapped) | {fmt(r['base_lm_kb'] / 1024, ' MB')} | | |"]
        for key, label in (("1m", "1 MB"), ("10m", "10 MB"), ("100m", "100 MB (the 10 MB input ten times)")):
            L.append(f"| {label} | {fmt(r[key + '_kb'] / 1024, ' MB')} | {fmt(r[key + '_ratio'], '×', 2)} | ≤ 2× |")
        L += ["", "| refused input | wall | peak RSS | target |", "|---|---|---|---|",
              f"| /dev/zero (binary) | {fmt(q['dev_zero_s'] * 1e3, ' ms')} | {fmt(q['dev_zero_kb'] / 1024, ' MB')} | < 1 s |",
              f"| 3 GB sparse file (over 256 MB) | {fmt(q['sparse_3g_s'] * 1e3, ' ms')} | "
              f"{fmt(q['sparse_3g_kb'] / 1024, ' MB')} | < 1 s |", ""]
    prof = res.get("profile_1m", {})
    if prof:
        L += ["## Time per rule category (1 MB, `park check --profile`)", "",
              "| category | ms | share |", "|---|---|---|"]
        for k, v in sorted(prof["category_ms"].items(), key=lambda kv: -kv[1]):
            L.append(f"| {k} | {v:.2f} | {prof['category_share'][k] * 100:.0f}% |")
        L += ["", "Costliest rules: " + ", ".join(f"`{k}` {v:.2f} ms" for k, v in prof["top_rules_ms"].items()), ""]
    nv = res.get("nvim")
    if nv:
        L += ["## Neovim (headless, 20 KB report)", "", "| figure | value | target |", "|---|---|---|",
              f"| `:ParkCheck`, command to diagnostics set | {fmt(nv.get('parkcheck_ms'), ' ms', 2)} | ≤ 10 ms |",
              f"| `:write` with check on save | {fmt(nv.get('write_with_park_ms'), ' ms', 2)} | |",
              f"| `:write` without | {fmt(nv.get('write_without_park_ms'), ' ms', 2)} | difference 0 |",
              ""]
        if nv.get("error"):
            L += [f"Neovim run error: {nv['error']}", ""]
    n5 = res.get("nvim_5m")
    if n5 and not n5.get("error"):
        a, b = n5.get("capped", {}), n5.get("uncapped", {})
        L += [f"## Neovim on the 5 MB report ({fmt(n5.get('bytes', 0) / 1e6, ' MB', 1)}, "
              f"{a.get('findings', 0):,} findings)", "",
              "Longest stall: the longest gap between runs of a callback re-queued every 2 ms on Neovim's main "
              "event queue, i.e. how long a key typed at the worst moment waits.", "",
              f"| figure | max_diagnostics = {n5.get('default_limit', '?')} (default) | no limit (0) | target |", "|---|---|---|---|",
              f"| diagnostics set | {a.get('diagnostics', 0):,} | {b.get('diagnostics', 0):,} | |",
              f"| `:ParkCheck` returns | {fmt(a.get('command_ms'), ' ms', 1)} | {fmt(b.get('command_ms'), ' ms', 1)} | |",
              f"| `:ParkCheck` until all diagnostics are shown | {fmt(a.get('all_shown_ms'), ' ms', 0)} | "
              f"{fmt(b.get('all_shown_ms'), ' ms', 0)} | |",
              f"| longest stall during `:ParkCheck` | {fmt(a.get('max_stall_ms'), ' ms', 0)} | "
              f"{fmt(b.get('max_stall_ms'), ' ms', 0)} | ≤ 100 ms |",
              f"| `:write` returns (check on save) | {fmt(a.get('write_ms'), ' ms', 1)} | {fmt(b.get('write_ms'), ' ms', 1)} | |",
              f"| `:write` until its check is shown | {fmt(a.get('write_checked_ms'), ' ms', 0)} | "
              f"{fmt(b.get('write_checked_ms'), ' ms', 0)} | |",
              f"| longest stall after `:write` | {fmt(a.get('write_max_stall_ms'), ' ms', 0)} | "
              f"{fmt(b.get('write_max_stall_ms'), ' ms', 0)} | ≤ 100 ms |",
              f"| `:bwipeout!` | {fmt(a.get('wipe_ms'), ' ms', 0)} | {fmt(b.get('wipe_ms'), ' ms', 0)} | |", ""]
    elif n5:
        L += [f"Neovim 5 MB run error: {n5.get('error')}", ""]
    ft = res.get("filetype")
    if ft and not ft.get("error"):
        L += ["## Filetype detection (`*.txt` files)", "",
              "Positives: the corpus reports as written and as PDFs give them (hard-wrapped, run together, "
              "（一） headings, the opening only; tests/filetype/variants.lua). Negatives: every other text "
              "file on the machine (`*.txt` and Chinese-named files under /usr/share, /usr/lib, /etc; the "
              "peers' Markdown and text files).", "",
              "| rule | reports claimed | other files claimed |", "|---|---|---|",
              f"| scorer (autoload/park/detect.vim) | {ft['found']} of {ft['positives']} | "
              f"{ft['claimed']} of {ft['negatives']} |",
              f"| before: two 一、 headings in lines 1-30 | {ft['found_old']} of {ft['positives']} | "
              f"{ft['claimed_old']} of {ft['negatives']} |", ""]
        if ft.get("missed"):
            L += ["Missed: " + ", ".join(ft["missed"]), ""]
        if ft.get("claimed_files"):
            L += ["Claimed wrongly: " + ", ".join(ft["claimed_files"][:20]), ""]
    elif ft:
        L += [f"Filetype run error: {ft.get('error')}", ""]
    ls = res.get("lsp")
    if ls:
        L += ["## `park lsp`", "", "| figure | value | target |", "|---|---|---|",
              f"| one-line didChange + textDocument/diagnostic, 20 KB report (round trip) | "
              f"{fmt(ls.get('diag_ms'), ' ms', 2)} | ≤ 10 ms |",
              f"| one-line didChange of the 20,000-line report, answered by the helper (round trip) | "
              f"{fmt(ls.get('change_ms'), ' ms', 2)} | ≤ 5 ms |", ""]
    oh = res.get("outline_helper")
    if oh:
        L += ["## Outline and folding (20,000-line report)", "", "| figure | value | target |", "|---|---|---|",
              f"| helper, in process (`park outline --profile`): outline + fold levels after a one-line change | "
              f"{fmt(oh.get('in_process_one_line_ms'), ' ms', 2)} | ≤ 5 ms |",
              f"| helper, in process: whole buffer taken in, outline + fold levels ({oh['lines']} lines) | "
              f"{fmt(oh.get('in_process_full_ms'), ' ms', 2)} | ≤ 5 ms |",
              f"| helper: outline + fold levels after a one-line change (RPC round trip) | "
              f"{fmt((oh.get('one_line_update_s') or 0) * 1e3, ' ms', 2)} | |",
              f"| helper: whole buffer sent and parsed (RPC round trip, {oh['lines']} lines) | "
              f"{fmt((oh.get('full_request_s') or 0) * 1e3, ' ms', 2)} | |"]
        nl = res.get("nvim_large") or {}
        if nl and not nl.get("error"):
            L += [f"| Neovim: `:ParkOutline`-style full request, lines read + RPC + levels applied | "
                  f"{fmt(nl.get('outline_full_request_ms'), ' ms', 2)} | |",
                  f"| Neovim: update after an edit (changed lines sent, answer applied) | "
                  f"{fmt(nl.get('outline_update_after_edit_ms'), ' ms', 2)} | |",
                  f"| Neovim: whole fold refresh (foldexpr re-set, all {nl.get('lines')} lines) | "
                  f"{fmt(nl.get('fold_refresh_ms'), ' ms', 1)} | |",
                  f"| Neovim: opening (first placeholder scan and fold levels settled) | "
                  f"{fmt(nl.get('open_settled_ms'), ' ms', 0)} | |",
                  f"| Neovim: one keystroke with folding / without | "
                  f"{fmt(nl.get('keystroke_with_folding_ms'), ' ms', 3)} / "
                  f"{fmt(nl.get('keystroke_without_folding_ms'), ' ms', 3)} | not slowed |",
                  "", "## Placeholders and snippets (Neovim, 20,000-line report)", "",
                  "| figure | value |", "|---|---|",
                  f"| placeholder marks after an edit (150 ms debounce included) | "
                  f"{fmt(nl.get('placeholder_refresh_after_edit_ms'), ' ms', 1)} |",
                  f"| snippet expansion by trigger (`tbzz`) | {fmt(nl.get('snippet_expand_ms'), ' ms', 2)} |"]
        elif nl.get("error"):
            L += ["", f"Neovim large-file run error: {nl['error']}"]
        L.append("")
    peers = res.get("peers")
    if isinstance(peers, dict):
        L += ["## Peers (same files; their own CLIs from npm)", "",
              "| tool | 20 KB | 1 MB | time ÷ park's (1 MB) | time ÷ park's with one thread (1 MB) |",
              "|---|---|---|---|---|"]
        for name, v in peers.items():
            a, b = v.get("20k", {}), v.get("1m", {})
            L.append(f"| {name} | {fmt((a.get('s') or 0) * 1e3, ' ms', 0) if a.get('s') else 'n/a'} | "
                     f"{fmt((b.get('s') or 0) * 1e3, ' ms', 0) if b.get('s') else 'n/a'} | "
                     f"{fmt(b.get('ratio_to_park'), '×')} | {fmt(b.get('ratio_to_park_one_thread'), '×')} |")
        L.append("")
    elif peers:
        L += ["## Peers", "", str(peers), ""]
    for k, v in res.get("extra", {}).items():
        L += [f"## {k}", "", v, ""]
    with open(os.path.join(BENCH_DIR, "RESULTS.md"), "w") as f:
        f.write("\n".join(L))


def main():
    t0 = time.time()
    if not os.access(PARK, os.X_OK):
        sys.exit("build/park missing: run make first")
    res = {"machine": machine()}
    inputs = build_inputs()
    bench_check(inputs, res)
    bench_callgrind(inputs, res)
    bench_rpc_startup(res)
    bench_nvim(inputs, res)
    bench_outline_helper(inputs, res)
    bench_lsp(inputs, res)
    bench_nvim_large(inputs, res)
    bench_nvim_5mb(inputs, res)
    bench_filetype(res)
    bench_peers(inputs, res)
    res["bench_seconds"] = round(time.time() - t0, 1)
    write_results(res)
    shutil.rmtree(WORK, ignore_errors=True)
    log(f"wrote bench/RESULTS.md and bench/results.json in {res['bench_seconds']} s")
    with open(os.path.join(BENCH_DIR, "RESULTS.md")) as f:
        print(f.read())


if __name__ == "__main__":
    main()
