#!/usr/bin/env bash
# `npm run test:e2e`: the real-editor tests.
#   host   the in-editor mocha suite (test/e2e/suite) in code-server's extension host (route B)
#   ui     the Playwright smoke test of the packaged .vsix in the code-server workbench (route A)
#   nvim   headless Neovim as the LSP client of `node dist/server.js --stdio`
#   emacs  Emacs + eglot in batch mode, the same checks
# Every step is bounded by `timeout`. code-server listens on 127.0.0.1 only, on a free port, with
# all its state in a temporary folder, and is stopped on exit. Screenshots, logs and results go
# to $E2E_OUT (default .e2e-out/), whose path is printed at the end.
#
# Env: E2E_STEPS (default "grammar host ui nvim emacs"), E2E_OUT, E2E_TOOLS, SKIP_APT=1,
#      E2E_SKIP_INSTALL=1, E2E_UPDATE_IMAGES=1 (copy the UI screenshots to docs/images/).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export E2E_TOOLS="${E2E_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/policy-lexicon/e2e-tools}"
steps="${E2E_STEPS:-grammar host ui nvim emacs}"
out="$(mkdir -p "${E2E_OUT:-$root/.e2e-out}" && cd "${E2E_OUT:-$root/.e2e-out}" && pwd)"
code_server="$E2E_TOOLS/node_modules/.bin/code-server"

say() { printf '\n[e2e] %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }
has_step() { [[ " $steps " == *" $1 "* ]]; }
elapsed() { echo "$(( ($(date +%s%N) - $1) / 1000000 )) ms"; }

run_state="$(mktemp -d "${TMPDIR:-/tmp}/policy-lexicon-e2e.XXXXXX")"
cs_pid=""
stop_code_server() {
  if [ -n "$cs_pid" ]; then
    # The launcher's children (server, extension host, pty host, watcher) end with it.
    kill "$cs_pid" 2>/dev/null && wait "$cs_pid" 2>/dev/null
    cs_pid=""
  fi
}
cleanup() { stop_code_server; rm -rf "$run_state"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${E2E_SKIP_INSTALL:-0}" != 1 ]; then
  say "install (Debian packages if missing, pinned code-server and playwright-core)"
  timeout 900 bash test/e2e/install.sh >"$out/install.log" 2>&1
  rc=$?
  cat "$out/install.log"
  [ "$rc" = 0 ] || { echo "Real-editor tests FAILED: the install failed (exit $rc). Log: $out/install.log"; exit 1; }
fi

say "build the bundles and compile the suite"
if ! { timeout 300 node esbuild.js && timeout 300 npx tsc -p tsconfig.json; }; then
  echo "Real-editor tests FAILED: the build failed."
  exit 1
fi

# Starts code-server with its own user data, extensions and config under $1; sets cs_url.
start_code_server() {
  local state="$1" log="$2"
  mkdir -p "$state/user-data" "$state/extensions"
  node -e 'import("./test/e2e/lib.mjs").then((m) => m.writeUserSettings(process.argv[1]))' "$state/user-data"
  local port
  port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
  local t0; t0=$(date +%s%N)
  XDG_CONFIG_HOME="$state/xdg-config" XDG_DATA_HOME="$state/xdg-data" \
    "$code_server" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
    --disable-workspace-trust --user-data-dir "$state/user-data" --extensions-dir "$state/extensions" \
    >"$log" 2>&1 &
  cs_pid=$!
  cs_url="http://127.0.0.1:$port"
  # Polls the health endpoint, bounded: at most 60 s.
  if ! timeout 60 bash -c "until curl -fs -o /dev/null '$cs_url/healthz'; do sleep 0.1; done"; then
    echo "code-server did not start; its log: $log"
    return 1
  fi
  echo "code-server on $cs_url, ready after $(elapsed "$t0")"
}

declare -A result
failed=0
record() { # step rc
  if [ "$2" = 0 ]; then result[$1]=passed; else result[$1]="FAILED (exit $2)"; failed=1; fi
}

if has_step grammar; then
  say "grammar tests on VS Code's own Markdown grammar (from the installed code-server)"
  POLICY_LEXICON_VSCODE_EXTENSIONS="$E2E_TOOLS/node_modules/code-server/lib/vscode/extensions" \
    timeout 300 npm run --silent test:grammar >"$out/grammar.log" 2>&1
  record grammar $?
  tail -n 20 "$out/grammar.log"
fi

if has_step host; then
  say "in-editor suite in code-server's extension host"
  state="$run_state/host"
  workspace="$state/workspace"
  node -e 'import("./test/e2e/lib.mjs").then((m) => m.prepareWorkspace(process.argv[1]))' "$workspace"
  if start_code_server "$state" "$out/code-server-host.log"; then
    t0=$(date +%s%N)
    CS_URL="$cs_url" WORKSPACE="$workspace" OUT_DIR="$out" timeout 420 node test/e2e/hostTests.mjs
    record host $?
    echo "in-editor suite took $(elapsed "$t0")"
  else
    record host 1
  fi
  stop_code_server
fi

if has_step ui; then
  say "package the .vsix and run the UI smoke test on it"
  state="$run_state/ui"
  workspace="$state/workspace"
  node -e 'import("./test/e2e/lib.mjs").then((m) => m.prepareWorkspace(process.argv[1]))' "$workspace"
  version="$(node -p 'require("./package.json").version')"
  vsix="$root/policy-lexicon-$version.vsix"
  rc=0
  timeout 300 npm run -s package >"$out/package.log" 2>&1 || { echo "npm run package failed: $out/package.log"; rc=1; }
  # Back to the development bundles, which the other steps and suites use.
  timeout 300 node esbuild.js || rc=1
  if [ "$rc" = 0 ]; then
    XDG_CONFIG_HOME="$state/xdg-config" XDG_DATA_HOME="$state/xdg-data" timeout 120 \
      "$code_server" --user-data-dir "$state/user-data" --extensions-dir "$state/extensions" \
      --install-extension "$vsix" --force >"$out/install-extension.log" 2>&1 \
      || { echo "code-server --install-extension failed: $out/install-extension.log"; rc=1; }
    cat "$out/install-extension.log"
  fi
  if [ "$rc" = 0 ] && start_code_server "$state" "$out/code-server-ui.log"; then
    CS_URL="$cs_url" WORKSPACE="$workspace" OUT_DIR="$out/ui" timeout 300 node test/e2e/uiSmoke.mjs
    rc=$?
  else
    rc=1
  fi
  record ui "$rc"
  stop_code_server
fi

if has_step nvim; then
  say "Neovim (vim.lsp) on node dist/server.js --stdio"
  LSP_SERVER_JS="$root/dist/server.js" DRAFT="$root/examples/draft-with-typical-mistakes.md" \
    timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $root/test/e2e/nvim/check.lua" >"$out/nvim.json" 2>"$out/nvim.log"
  record nvim $?
  cat "$out/nvim.json"
fi

if has_step emacs; then
  say "Emacs (eglot) on node dist/server.js --stdio"
  LSP_SERVER_JS="$root/dist/server.js" DRAFT="$root/examples/draft-with-typical-mistakes.md" \
    timeout 120 emacs --batch -Q -l "$root/test/e2e/emacs/check.el" >"$out/emacs.json" 2>"$out/emacs.log"
  record emacs $?
  cat "$out/emacs.json"
fi

say "summary"
for step in $steps; do printf '  %-6s %s\n' "$step" "${result[$step]:-not run}"; done
if [ "$failed" = 1 ]; then
  echo "Real-editor tests FAILED. Screenshots, logs and results: $out"
  exit 1
fi
echo "Real-editor tests passed. Screenshots, logs and results: $out"
