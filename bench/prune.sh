#!/usr/bin/env bash
# Usage: bench/prune.sh [-n RUNS] [-c CACHE_DIR] [--oasdiff] [--no-templated]
#
# Measures the comparison of only what changed (package prune) against the
# whole comparison, with bench/prunecmp (package comparison), on issue
# #14's pairs:
#   - pr: GitHub 23.0.2 and the same plus one optional query parameter
#     (bench/prpair.sh);
#   - github: GitHub 20.0.0 → 23.0.2;
#   - templated: 25,200 templated paths /r{i}/{id}, 63 MiB of JSON each,
#     80 operations differing (bench/templgen; --no-templated leaves it out:
#     the whole comparison takes about a minute and 2.8 GB).
# For each it prints the median wall time, CPU time (user + system) and
# peak resident set (GNU time) of RUNS runs (3) of each way, and checks that
# both ways give the same findings (ids, levels, operations, pointers,
# sources, sides, messages). --oasdiff also times `oasdiff changelog` (the
# version go.mod requires, installed into a temporary GOBIN when PATH lacks
# it) on the first two (on the third it takes more than 400 s). Inputs are
# written under CACHE_DIR (as bench/run.sh).
set -euo pipefail

runs=3
cache=${APIBUMP_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/apibump-bench}
with_oasdiff=0
templated=1
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=${2:?-n needs a number}; shift 2 ;;
    -c) cache=${2:?-c needs a directory}; shift 2 ;;
    --oasdiff) with_oasdiff=1; shift ;;
    --no-templated) templated=0; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "prune.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case $runs in ''|*[!0-9]*|0) echo "prune.sh: -n wants a positive number" >&2; exit 2 ;; esac

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
timer=/usr/bin/time
[ -x "$timer" ] || { echo "prune.sh: $timer (GNU time) is needed" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$here/prpair.sh" -c "$cache" "$cache/pr" >&2
gh=$cache/github
[ -f "$gh/20.0.0/api.github.com.json" ] || { echo "prune.sh: $gh/20.0.0 is missing (bench/run.sh fetches it)" >&2; exit 1; }
if [ $templated = 1 ] && [ ! -f "$cache/templated/revision.json" ]; then
  mkdir -p "$cache/templated"
  (cd "$repo" && go run ./bench/templgen "$cache/templated")
fi
(cd "$repo" && go build -o "$work/prunecmp" ./bench/prunecmp)
if [ $with_oasdiff = 1 ]; then
  v=$(cd "$repo" && go list -m -f '{{.Version}}' github.com/oasdiff/oasdiff)
  oasdiff=$(command -v oasdiff || true)
  if [ -z "$oasdiff" ] || [ "$(go version -m "$oasdiff" 2>/dev/null | awk '$1 == "mod" && $2 == "github.com/oasdiff/oasdiff" {print $3}')" != "$v" ]; then
    GOBIN=$work/bin go install "github.com/oasdiff/oasdiff@$v"
    oasdiff=$work/bin/oasdiff
  fi
fi

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# run NAME WAY BASE REV: RUNS runs; prints "| NAME | WAY | wall | cpu | rss |".
run() {
  local name=$1 way=$2 base=$3 rev=$4 i
  : >"$work/samples"
  for i in $(seq "$runs"); do
    case $way in
      whole) "$timer" -o "$work/time" -f '%e %U %S %M' "$work/prunecmp" -full -out "$work/$name.whole" "$base" "$rev" >"$work/log" ;;
      pruned) "$timer" -o "$work/time" -f '%e %U %S %M' "$work/prunecmp" -out "$work/$name.pruned" "$base" "$rev" >"$work/log" ;;
      oasdiff) "$timer" -o "$work/time" -f '%e %U %S %M' "$oasdiff" changelog "$base" "$rev" >/dev/null ;;
    esac
    tail -1 "$work/time" >>"$work/samples"
  done
  local wall cpu rss
  wall=$(awk '{print $1}' "$work/samples" | median)
  cpu=$(awk '{print $2 + $3}' "$work/samples" | median)
  rss=$(awk '{print $4}' "$work/samples" | median)
  printf '| %s | %s | %.2f | %.2f | %.0f |\n' "$name" "$way" "$wall" "$cpu" "$((${rss%.*} / 1024))"
  [ "$way" = pruned ] && sed -n 2p "$work/log" >"$work/$name.kept"
  return 0
}

echo "| pair | way | wall s | CPU s | peak RSS MB |"
echo "|---|---|---|---|---|"
pairs=("pr $cache/pr/base.json $cache/pr/revision.json" "github $gh/20.0.0/api.github.com.json $gh/23.0.2/api.github.com.json")
[ $templated = 1 ] && pairs+=("templated $cache/templated/base.json $cache/templated/revision.json")
for p in "${pairs[@]}"; do
  set -- $p
  run "$1" pruned "$2" "$3"
  run "$1" whole "$2" "$3"
  if [ $with_oasdiff = 1 ] && [ "$1" != templated ]; then run "$1" oasdiff "$2" "$3"; fi
done
echo
for p in "${pairs[@]}"; do
  set -- $p
  if cmp -s "$work/$1.whole" "$work/$1.pruned"; then
    echo "$1: the same $(wc -l <"$work/$1.pruned") findings both ways; $(cat "$work/$1.kept")"
  else
    echo "$1: THE FINDINGS DIFFER"; diff "$work/$1.whole" "$work/$1.pruned" | head -20
  fi
done
