#!/usr/bin/env bash
# Builds the demo archive and writes a PNG screenshot of every page type, first screen only, at
# desktop (1366×900) and phone (390×844) widths, for docs/themes.md: a theme author sees what each
# template makes. Needs Chromium (Debian's `chromium`, or $CHROMIUM); pngquant (Debian's
# `pngquant`), when installed, reduces every image to 16 colours so the set stays small.
#
#   tools/screenshots.sh              # into docs/screenshots/
#   tools/screenshots.sh DIR          # anywhere else
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${1:-docs/screenshots}"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
if [ -z "$chromium" ]; then
  echo "error: chromium not found; install Debian's \`chromium\` or set CHROMIUM" >&2
  exit 1
fi
if ! command -v pngquant >/dev/null 2>&1; then
  echo "warning: pngquant not found: screenshots stay full-colour (larger); apt-get install pngquant" >&2
fi

site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
cargo run --quiet --locked -- build --output-dir "$site/public" >/dev/null
mkdir -p "$dest"

# name  page (relative to the site root; search pages run their query before the shot)
pages=(
  "home index.html"
  "report 2024/03/14/urban-renewal-meeting/index.html"
  "year 2024/index.html"
  "month 2024/03/index.html"
  "day 2024/03/14/index.html"
  "archive archive/index.html"
  "reports reports/index.html"
  "officials officials/index.html"
  "official officials/lin-jingyi/index.html"
  "districts districts/index.html"
  "district districts/qingshi-county/index.html"
  "tags tags/index.html"
  "tag tags/cheng-shi-geng-xin/index.html"
  "search search/index.html"
  "search-query search/index.html?q=%E6%9E%97%E9%9D%9C%E6%80%A1"
  "404 404.html"
)
widths=("desktop 1366,900" "phone 390,844")

for entry in "${pages[@]}"; do
  read -r name page <<<"$entry"
  for width in "${widths[@]}"; do
    read -r label size <<<"$width"
    file="$dest/$name-$label.png"
    "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
      --force-device-scale-factor=1 --window-size="$size" --virtual-time-budget=5000 \
      --screenshot="$file" "file://$site/public/$page" >/dev/null 2>&1
    if command -v pngquant >/dev/null 2>&1; then
      pngquant 16 --speed 1 --strip --force --output "$file" "$file"
    fi
  done
done
du -ch "$dest"/*.png | tail -1 | sed "s|total|in $dest/|"
