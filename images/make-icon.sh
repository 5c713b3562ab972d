#!/usr/bin/env bash
# Draws images/icon.png (128x128): a page of text lines, one term highlighted with a squiggle
# under it. Needs ImageMagick (`apt-get install imagemagick`).
set -euo pipefail
cd "$(dirname "$0")"
convert -size 128x128 xc:none \
  -fill '#1d3557' -draw 'roundrectangle 4,4 123,123 18,18' \
  -fill '#f1faee' -draw 'roundrectangle 24,28 104,36 4,4' \
  -fill '#f1faee' -draw 'roundrectangle 24,50 52,58 4,4' \
  -fill '#ffd166' -draw 'roundrectangle 58,48 104,60 4,4' \
  -fill none -stroke '#e63946' -strokewidth 3 \
  -draw 'polyline 58,68 63,64 68,68 73,64 78,68 83,64 88,68 93,64 98,68 103,64' \
  -stroke none -fill '#f1faee' -draw 'roundrectangle 24,80 104,88 4,4' \
  -fill '#f1faee' -draw 'roundrectangle 24,100 76,108 4,4' \
  -depth 8 icon.png
