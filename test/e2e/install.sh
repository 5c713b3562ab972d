#!/usr/bin/env bash
# Installs what the real-editor tests need, on a Debian 12 machine that reaches only the npm
# registry and Debian's package mirrors:
#   - Debian packages, when missing: chromium (the browser Playwright drives), neovim,
#     emacs-nox + elpa-eglot, and what code-server's native modules build with
#     (g++ make python3 pkg-config libkrb5-dev) plus ripgrep (see below);
#   - code-server and playwright-core, pinned by test/e2e/tools/package-lock.json, into
#     $E2E_TOOLS, never into the project's node_modules. The default folder is outside the
#     working tree (~/.cache/policy-lexicon/e2e-tools): its 300 MB would otherwise be walked by
#     `vsce package` (8 s more per package) and by editors' file watchers, and clones and
#     worktrees on one machine share it.
# It is idempotent: a second run with an unchanged manifest does nothing.
#
# Env: E2E_TOOLS (install folder), SKIP_APT=1 (never call apt-get), TMPDIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
manifest="$root/test/e2e/tools"
tools="${E2E_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/policy-lexicon/e2e-tools}"

log() { printf '[e2e install] %s\n' "$*"; }

# 1. Debian packages. CI starts on a fresh machine whose apt lists may be empty or stale, so
#    `apt-get update` runs once before the first install. Each package is checked by the
#    file it provides, so nothing is installed twice.
missing=()
need() { [ -e "$1" ] || missing+=("${@:2}"); }
need /usr/bin/chromium chromium
need /usr/bin/rg ripgrep
need /usr/bin/nvim neovim
need /usr/bin/emacs emacs-nox
need /usr/share/emacs/site-lisp/elpa/eglot-1.9 elpa-eglot
need /usr/include/gssapi/gssapi.h libkrb5-dev
need /usr/bin/g++ g++
need /usr/bin/make make
need /usr/bin/python3 python3
need /usr/bin/pkg-config pkg-config
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "${SKIP_APT:-0}" = 1 ]; then
    log "missing Debian packages (SKIP_APT=1, not installing): ${missing[*]}"
  else
    log "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # --no-install-recommends: emacs-nox alone would pull in a mail server otherwise.
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# 2. The pinned tools. The stamp records the lockfile it was installed from.
stamp="$tools/.installed-from"
want="$(sha256sum "$manifest/package-lock.json" | cut -d' ' -f1) node-$(node -v)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$tools/node_modules/.bin/code-server" ]; then
  log "tools up to date in $tools"
  exit 0
fi

# @vscode/ripgrep (a dependency of code-server's bundled VS Code) downloads rg from GitHub in
# its postinstall, which fails offline after ~30 s of retries and fails the whole install. Its
# downloader looks in $TMPDIR/vscode-ripgrep-cache-<its version>/ first: put Debian's rg there,
# under the asset name that version asks for.
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
rg_asset="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$rg_asset" ]; then
  staging="$(mktemp -d)"
  cp /usr/bin/rg "$staging/rg"
  mkdir -p "$rg_cache"
  tar czf "$rg_asset" -C "$staging" rg
  rm -rf "$staging"
fi

mkdir -p "$tools"
cp "$manifest/package.json" "$manifest/package-lock.json" "$tools/"
log "npm ci in $tools (code-server compiles native modules: about 40 s)"
started=$(date +%s)
# - code-server's postinstall refuses to run as root without unsafe-perm;
# - node-pty's postinstall runs `npx node-gyp`, which asks before fetching unless yes=true;
# - node-gyp takes the Node headers from /usr/include/node instead of downloading them;
# - every code-server run, even --version, writes ~/.config/code-server: keep it in the cache.
(
  cd "$tools"
  export npm_config_unsafe_perm=true npm_config_yes=true
  [ -d /usr/include/node ] && export npm_config_nodedir=/usr
  npm ci --no-audit --no-fund --loglevel=error
)
XDG_CONFIG_HOME="$tools/xdg-config" XDG_DATA_HOME="$tools/xdg-data" "$tools/node_modules/.bin/code-server" --version
echo "$want" > "$stamp"
log "installed in $(( $(date +%s) - started )) s: $(du -sh "$tools/node_modules" | cut -f1)"
