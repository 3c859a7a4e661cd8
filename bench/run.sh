#!/usr/bin/env bash
# Usage: bench/run.sh [-n RUNS] [-c CACHE_DIR] [--only NAME,...] [--oasdiff BINARY] [--no-scaling] [--no-deref] [--deref-oasdiff]
#
# Measures `apibump changelog` against `oasdiff changelog` (the version apibump links) on real
# spec pairs: wall time, CPU time (user + system) and peak resident memory,
# median of RUNS runs (5), the two tools run alternately. The pairs: GitHub
# 20.0.0 -> 23.0.2 and 22.0.0 -> 23.0.0, the pull-request-sized pair (GitHub
# 23.0.2 and the same plus one optional query parameter, bench/prpair.sh,
# written under CACHE_DIR/pr), Stripe; --only keeps the pairs named (of
# both tables). Prints a markdown table per pair, then a
# scaling table of apibump's time against input size, up to GitHub's fully
# dereferenced description (135 MB; --no-deref leaves it out,
# --deref-oasdiff runs oasdiff on it too), with apibump's time split into
# loading and comparing (one run of bench/profile).
#
# Specs: GitHub's REST API description is fetched through npm
# (@octokit/openapi) into CACHE_DIR/github/<version>/ (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/apibump-bench; nothing is written to the
# repository). Stripe and Adyen come from the shared corpus
# (../shared/corpus beside the repository, or APIBUMP_CORPUS); pairs whose
# files are missing are left out with a note.
#
# Tools: apibump is built from this tree; oasdiff is --oasdiff, else taken
# from PATH when it is the version go.mod requires, else installed with
# `go install` into a temporary GOBIN.
set -euo pipefail

runs=5
cache=${APIBUMP_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/apibump-bench}
scaling=1
deref=1
deref_oasdiff=0
only=
oasdiff=
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=${2:?-n needs a number}; shift 2 ;;
    -c) cache=${2:?-c needs a directory}; shift 2 ;;
    --no-scaling) scaling=0; shift ;;
    --no-deref) deref=0; shift ;;
    --deref-oasdiff) deref_oasdiff=1; shift ;;
    --only) only=${2:?--only needs pair names}; shift 2 ;;
    --oasdiff) oasdiff=${2:?--oasdiff needs a binary}; shift 2 ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case $runs in ''|*[!0-9]*|0) echo "run.sh: -n wants a positive number" >&2; exit 2 ;; esac

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
corpus=${APIBUMP_CORPUS:-$repo/../shared/corpus}
timer=/usr/bin/time
[ -x "$timer" ] || { echo "run.sh: $timer (GNU time) is needed to measure peak memory" >&2; exit 1; }
command -v go >/dev/null || { echo "run.sh: go is needed to build the tools" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- specs -------------------------------------------------------------------

github_versions="20.0.0 22.0.0 23.0.0 23.0.2"
fetch_github() {
  local dir=$cache/github missing=0 v
  for v in $github_versions; do
    [ -f "$dir/$v/api.github.com.json" ] && [ -f "$dir/$v/api.github.com.deref.json" ] || missing=1
  done
  [ $missing = 0 ] && return 0
  if ! command -v npm >/dev/null; then
    echo "run.sh: npm is not available, and $dir lacks GitHub's REST API description;" >&2
    echo "  install npm (it fetches @octokit/openapi from the npm registry), or put" >&2
    echo "  api.github.com.json and api.github.com.deref.json under $dir/<version>/ for $github_versions" >&2
    exit 1
  fi
  if [ -x "$corpus/fetch-github.sh" ]; then
    "$corpus/fetch-github.sh" "$dir" >/dev/null
    return
  fi
  mkdir -p "$dir"
  for v in $github_versions; do
    [ -f "$dir/$v/api.github.com.json" ] && [ -f "$dir/$v/api.github.com.deref.json" ] && continue
    echo "run.sh: fetching @octokit/openapi@$v through npm" >&2
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "@octokit/openapi@$v" >/dev/null)
    tar xzf "$tmp/octokit-openapi-$v.tgz" -C "$tmp" package/generated/api.github.com.json package/generated/api.github.com.deref.json
    mkdir -p "$dir/$v"
    mv "$tmp/package/generated/api.github.com.json" "$tmp/package/generated/api.github.com.deref.json" "$dir/$v/"
    rm -rf "$tmp"
  done
}
fetch_github

# --- tools -------------------------------------------------------------------

echo "run.sh: building apibump from $repo" >&2
(cd "$repo" && go build -o "$work/apibump" ./cmd/apibump && go build -o "$work/profile" ./bench/profile)
apibump=$work/apibump

oasdiff_version=$(cd "$repo" && go list -m -f '{{.Version}}' github.com/oasdiff/oasdiff)
version_of() { go version -m "$1" 2>/dev/null | awk '$1 == "mod" && $2 == "github.com/oasdiff/oasdiff" {print $3}'; }
if [ -n "$oasdiff" ]; then
  [ -x "$oasdiff" ] || { echo "run.sh: --oasdiff $oasdiff is not an executable" >&2; exit 2; }
  echo "run.sh: oasdiff $(version_of "$oasdiff") from $oasdiff" >&2
elif oasdiff=$(command -v oasdiff) && [ "$(version_of "$oasdiff")" = "$oasdiff_version" ]; then
  :
else
  echo "run.sh: installing oasdiff $oasdiff_version into a temporary GOBIN" >&2
  GOBIN=$work/bin go install "github.com/oasdiff/oasdiff@$oasdiff_version"
  oasdiff=$work/bin/oasdiff
fi

# --- measuring ---------------------------------------------------------------

# measure TOOL DIR BASE REV: runs one changelog and prints "wall_seconds
# cpu_seconds kilobytes" (CPU: user + system).
measure() {
  local tool=$1 dir=$2 base=$3 rev=$4 args
  if [ "$tool" = apibump ]; then
    args=("$apibump" changelog --date 2026-11-22 "$base" "$rev")
  else
    args=("$oasdiff" changelog "$base" "$rev")
  fi
  if ! (cd "$dir" && "$timer" -o "$work/time" -f '%e %U %S %M' "${args[@]}" >"$work/out" 2>"$work/err"); then
    echo "run.sh: $tool failed on $base → $rev:" >&2
    tail -3 "$work/err" >&2
    exit 1
  fi
  tail -1 "$work/time" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}'
}

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
mb() { awk -v b="$1" 'BEGIN {printf "%.1f", b/1048576}'; }
size_of() { stat -c %s "$1"; }

# bench NAME DIR BASE REV TOOLS: runs the tools alternately and records medians in $work/NAME.
bench() {
  local name=$1 dir=$2 base=$3 rev=$4 tools=$5 i t
  : >"$work/$name.apibump"; : >"$work/$name.oasdiff"
  for i in $(seq "$runs"); do
    for t in $tools; do
      measure "$t" "$dir" "$base" "$rev" >>"$work/$name.$t"
    done
    echo "run.sh: $name: run $i/$runs done" >&2
  done
}
# stat_of NAME TOOL: prints "median_wall_seconds median_cpu_seconds median_peak_MB".
stat_of() {
  local f=$work/$1.$2
  [ -s "$f" ] || { echo "- - -"; return; }
  echo "$(cut -d' ' -f1 "$f" | median) $(cut -d' ' -f2 "$f" | median) $(cut -d' ' -f3 "$f" | median | awk '{printf "%.0f", $1/1024}')"
}

gh=$cache/github
[ -f "$cache/pr/revision.json" ] || "$here/prpair.sh" -c "$cache" "$cache/pr" >&2
pairs=(
  "github-20.0.0-23.0.2|$gh|20.0.0/api.github.com.json|23.0.2/api.github.com.json"
  "github-22.0.0-23.0.0|$gh|22.0.0/api.github.com.json|23.0.0/api.github.com.json"
  "github-pr-23.0.2|$cache/pr|base.json|revision.json"
  "stripe-2023h1|$corpus/stripe-2023h1|base.yaml|revision.yaml"
)
notes=()
# wanted NAME: whether --only keeps the pair.
wanted() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {print a/b}'; }

echo "| pair | size (MB) | apibump wall s | CPU s | peak MB | oasdiff wall s | CPU s | peak MB | wall ratio | CPU ratio | RSS ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for p in "${pairs[@]}"; do
  IFS='|' read -r name dir base rev <<<"$p"
  wanted "$name" || continue
  if [ ! -f "$dir/$base" ] || [ ! -f "$dir/$rev" ]; then
    notes+=("$name left out: $dir/$base or $dir/$rev is missing")
    continue
  fi
  bench "$name" "$dir" "$base" "$rev" "apibump oasdiff"
  read -r as ac am <<<"$(stat_of "$name" apibump)"
  read -r os oc om <<<"$(stat_of "$name" oasdiff)"
  size=$(( $(size_of "$dir/$base") + $(size_of "$dir/$rev") ))
  printf '| %s | %s | %.2f | %.2f | %s | %.2f | %.2f | %s | %.2f | %.2f | %.2f |\n' "$name" "$(mb $size)" \
    "$as" "$ac" "$am" "$os" "$oc" "$om" "$(ratio "$as" "$os")" "$(ratio "$ac" "$oc")" "$(ratio "$am" "$om")"
done
echo
echo "Size is base + revision. Each cell is the median of $runs runs; the tools ran alternately. CPU is user + system."
for n in "${notes[@]}"; do echo "Note: $n"; done

[ $scaling = 1 ] || exit 0

# --- scaling -----------------------------------------------------------------

# JSON pairs of growing size, up to GitHub's fully dereferenced description.
scale=(
  "adyen-checkout-v70-v71|$corpus/adyen-checkout-v70-v71|base.json|revision.json"
  "adyen-management-v1-v3|$corpus/adyen-management-v1-v3|base.json|revision.json"
  "github-22.0.0-23.0.0|$gh|22.0.0/api.github.com.json|23.0.0/api.github.com.json"
  "github-20.0.0-23.0.2|$gh|20.0.0/api.github.com.json|23.0.2/api.github.com.json"
)
[ $deref = 1 ] && scale+=("github-deref-22.0.0-23.0.0|$gh|22.0.0/api.github.com.deref.json|23.0.0/api.github.com.deref.json")

# seconds DURATION: a Go duration (1.5s, 250ms, 1m2.5s) in seconds.
seconds() {
  awk -v d="$1" 'BEGIN {
    s = 0
    if (match(d, /^[0-9]+m[0-9]/)) { s += substr(d, 1, RLENGTH - 2) * 60; d = substr(d, RLENGTH) }
    if (d ~ /ms$/) s += substr(d, 1, length(d) - 2) / 1000
    else if (d ~ /µs$/) s += substr(d, 1, length(d) - 3) / 1e6
    else if (d ~ /s$/) s += substr(d, 1, length(d) - 1)
    printf "%.2f", s
  }'
}

echo
echo "| pair (JSON) | size (MB) | apibump median s | s/MB | peak MB | MB/MB | load s | load s/MB | compare s | oasdiff median s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for p in "${scale[@]}"; do
  IFS='|' read -r name dir base rev <<<"$p"
  wanted "$name" || continue
  if [ ! -f "$dir/$base" ] || [ ! -f "$dir/$rev" ]; then
    echo "| $name | missing | | | | | | | | |"
    continue
  fi
  tools=apibump
  case $name in github-deref-*) [ $deref_oasdiff = 1 ] && tools="apibump oasdiff" ;; esac
  [ -s "$work/$name.apibump" ] || bench "$name" "$dir" "$base" "$rev" "$tools"
  read -r as _ am <<<"$(stat_of "$name" apibump)"
  read -r os _ _ <<<"$(stat_of "$name" oasdiff)"
  size=$(( $(size_of "$dir/$base") + $(size_of "$dir/$rev") ))
  phases=$(cd "$dir" && "$work/profile" "$base" "$rev" 2>&1 >/dev/null | grep '^load ' || true)
  load=$(seconds "$(sed -n 's/^load \([^,]*\),.*/\1/p' <<<"$phases")")
  compare=$(seconds "$(sed -n 's/.*, compare \([^,]*\),.*/\1/p' <<<"$phases")")
  printf '| %s | %s | %.2f | %.3f | %s | %.1f | %s | %.3f | %s | %s |\n' "$name" "$(mb $size)" "$as" \
    "$(awk -v s="$as" -v b="$size" 'BEGIN {print s/(b/1048576)}')" "$am" \
    "$(awk -v m="$am" -v b="$size" 'BEGIN {print m/(b/1048576)}')" \
    "$load" "$(awk -v s="$load" -v b="$size" 'BEGIN {print s/(b/1048576)}')" "$compare" \
    "$([ "$os" = - ] && echo - || printf '%.2f' "$os")"
done
echo
echo "load: reading and parsing both specs and building oasdiff's model with positions (concurrently); compare: oasdiff's diff and checks and apibump's tree comparison. One bench/profile run each."
