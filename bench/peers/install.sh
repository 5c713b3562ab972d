#!/usr/bin/env bash
# `npm run bench:peers`: installs the peer linters (pinned in bench/peers/package.json and its lockfile) into
# ${XDG_CACHE_HOME:-~/.cache}/policy-lexicon/bench-peers, outside the project, and GNU time for
# peak memory. `npm run bench` uses them when they are there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="${XDG_CACHE_HOME:-$HOME/.cache}/policy-lexicon/bench-peers"
mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
cd "$dest" && npm ci --no-audit --no-fund
echo "bench peers installed in $dest"
