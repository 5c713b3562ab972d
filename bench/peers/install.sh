#!/usr/bin/env bash
# `npm run bench:peers`: installs the peer linters (pinned in bench/peers/package.json) into
# ${XDG_CACHE_HOME:-~/.cache}/policy-lexicon/bench-peers, outside the project, and GNU time for
# peak memory. `npm run bench` uses them when they are there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="${XDG_CACHE_HOME:-$HOME/.cache}/policy-lexicon/bench-peers"
mkdir -p "$dest"
cp "$here/package.json" "$dest/package.json"
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
cd "$dest" && npm install --no-audit --no-fund --no-package-lock
echo "bench peers installed in $dest"
