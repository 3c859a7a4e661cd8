#!/bin/sh
# screenshot-html.sh renders an HTML file with headless Chromium, offline.
#
#   scripts/screenshot-html.sh page.html shot.png [WIDTH,HEIGHT]
#
# The window is 1200,1600 unless given. Extra Chromium flags may be passed in
# SCREENSHOT_FLAGS (for instance --force-dark-mode).
set -eu

if [ "$#" -lt 2 ] || [ "$#" -gt 3 ]; then
	echo "usage: $0 page.html shot.png [WIDTH,HEIGHT]" >&2
	exit 2
fi
html=$1
png=$2
size=${3:-1200,1600}

[ -f "$html" ] || { echo "$0: $html: no such file" >&2; exit 1; }
chromium=${CHROMIUM:-chromium}
command -v "$chromium" >/dev/null 2>&1 || { echo "$0: $chromium not found" >&2; exit 1; }

abs_html=$(realpath "$html")
mkdir -p "$(dirname "$png")"
abs_png=$(realpath "$png")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT INT TERM
rm -f "$abs_png"

# shellcheck disable=SC2086 # SCREENSHOT_FLAGS is a list of flags.
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--hide-scrollbars --user-data-dir="$profile" --window-size="$size" \
	${SCREENSHOT_FLAGS:-} --screenshot="$abs_png" "file://$abs_html" >"$profile/chromium.log" 2>&1 || true

if [ ! -s "$abs_png" ]; then
	echo "$0: chromium wrote no screenshot to $abs_png:" >&2
	cat "$profile/chromium.log" >&2
	exit 1
fi
echo "$abs_png"
