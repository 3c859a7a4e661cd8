#!/usr/bin/env bash
# Usage: bench/depth.sh [-n RUNS] [-t SECONDS] [--apibump BIN] [--quick]
#
# Measures `apibump diff` on small hostile documents whose cost must grow
# linearly with their size (issue #11 item 4, issue #14): a schema nested N
# levels deep (under properties, or under properties, items and allOf in
# turn), on one side or on both with a change at the bottom, or on the
# revision with a value kin-openapi refuses at the bottom; a chain of N
# component schemas each a $ref to the next; a schema nested N levels
# through $refs (each component's one property a $ref to the next, or both
# of its two properties); one operation reaching a schema in N ways (a
# $ref to it at each of N nested levels); an allOf of one member nested N
# levels; and a ring of N components through properties (the last one's
# back to the first); and that ring against the same with one more
# component inserted
# (rings of N and N+1, whose $refs pair every base component with every
# revision one). The documents are compact JSON written by bench/depthgen.
#
# For each it prints the median CPU seconds (user + system), wall seconds
# and peak resident set of RUNS runs (3), then the ratios the targets are
# stated in: depth (or ring) 4000 against 1000 (at most 5; linear is 4) and
# a chain of 5000 against one of 1000 (at most 6; linear is 5).
#
# --apibump BIN measures another build (for example one of main, to compare);
# by default apibump is built from this tree. A run that takes longer than
# -t SECONDS (120) is stopped and shown as "> SECONDS". --quick measures
# one run of each and leaves out the largest sizes.
set -euo pipefail

runs=3
limit=120
bin=
quick=0
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=${2:?-n needs a number}; shift 2 ;;
    -t) limit=${2:?-t needs seconds}; shift 2 ;;
    --apibump) bin=${2:?--apibump needs a binary}; shift 2 ;;
    --quick) quick=1; runs=1; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "depth.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case $runs in ''|*[!0-9]*|0) echo "depth.sh: -n wants a positive number" >&2; exit 2 ;; esac

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
timer=/usr/bin/time
[ -x "$timer" ] || { echo "depth.sh: $timer (GNU time) is needed to measure CPU time and peak memory" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$repo" && go build -o "$work/depthgen" ./bench/depthgen)
if [ -z "$bin" ]; then
  (cd "$repo" && go build -o "$work/apibump" ./cmd/apibump)
  bin=$work/apibump
fi

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# measure NAME BASE REV: prints "cpu wall peakMB" (medians), or "> LIMIT" cells.
measure() { # measure NAME BASE REV [EXIT]: EXIT (2: the document refused) is expected too
  local name=$1 base=$2 rev=$3 ok=${4:-} i
  : >"$work/$name.runs"
  for i in $(seq "$runs"); do
    local rc=0
    "$timer" -o "$work/time" -f '%U %S %e %M' timeout "$limit" "$bin" diff "$base" "$rev" >/dev/null 2>"$work/err" || rc=$?
    case $rc in
      0|1) ;; # 1: the changes found are breaking
      "$ok") ;;
      124) echo ">$limit >$limit -"; return ;;
      *) echo "depth.sh: $name failed (exit $rc):" >&2; tail -2 "$work/err" >&2; echo "failed failed -"; return ;;
    esac
    tail -1 "$work/time" | awk '{printf "%.2f %.2f %.0f\n", $1 + $2, $3, $4 / 1024}' >>"$work/$name.runs"
  done
  echo "$(cut -d' ' -f1 "$work/$name.runs" | median) $(cut -d' ' -f2 "$work/$name.runs" | median) $(cut -d' ' -f3 "$work/$name.runs" | median)"
}

gen() { "$work/depthgen" "$@"; }
kb() { awk -v b="$(stat -c %s "$1")" 'BEGIN {printf "%.0f", b/1024}'; }

depths="500 1000 2000 4000"
chains="1000 2000 5000"
nests="1000 4000"
ringpairs="20 40 80 160"
[ $quick = 1 ] && depths="500 1000 2000" && chains="1000 2000" && nests="1000" && ringpairs="20 40"

gen deep 0 >"$work/empty.json"
declare -A cpu
echo "| document | N | KB per side | CPU s | wall s | peak MB |"
echo "|---|---:|---:|---:|---:|---:|"
row() { # row LABEL KEY N FILE BASE REV [EXIT]
  local label=$1 key=$2 n=$3 file=$4 c w m
  read -r c w m <<<"$(measure "$key-$n" "$5" "$6" "${7:-}")"
  cpu[$key-$n]=$c
  printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$n" "$(kb "$file")" "$c" "$w" "$m"
}
for n in $depths; do
  gen deep "$n" properties >"$work/p$n.json"
  gen deep "$n" properties changed >"$work/p${n}c.json"
  row "nested properties, revision only" one "$n" "$work/p$n.json" "$work/empty.json" "$work/p$n.json"
  row "nested properties, both sides, leaf changed" both "$n" "$work/p$n.json" "$work/p$n.json" "$work/p${n}c.json"
done
for n in $depths; do
  gen deep "$n" mixed >"$work/m$n.json"
  gen deep "$n" mixed changed >"$work/m${n}c.json"
  row "nested properties/items/allOf, both sides" mixed "$n" "$work/m$n.json" "$work/m$n.json" "$work/m${n}c.json"
done
for n in $depths; do
  gen deep "$n" mixed refused >"$work/x$n.json"
  row "nested properties/items/allOf, refused at the bottom" refused "$n" "$work/x$n.json" "$work/empty.json" "$work/x$n.json" 2
done
for n in $depths; do
  gen deep "$n" allOf >"$work/a$n.json"
  gen deep "$n" allOf changed >"$work/a${n}c.json"
  row "nested allOf of one member, both sides" allof "$n" "$work/a$n.json" "$work/a$n.json" "$work/a${n}c.json"
done
for n in $depths; do
  gen ring "$n" >"$work/g$n.json"
  gen ring "$n" changed >"$work/g${n}c.json"
  row "\$ref ring through properties, leaf changed" ring "$n" "$work/g$n.json" "$work/g$n.json" "$work/g${n}c.json"
done
for n in $ringpairs; do
  gen ring "$n" >"$work/rp$n.json"
  gen ring "$((n + 1))" >"$work/rp${n}b.json"
  row "\$ref rings of N and N+1 components" ringpair "$n" "$work/rp$n.json" "$work/rp$n.json" "$work/rp${n}b.json"
done
for n in $depths; do
  gen fork "$n" >"$work/f$n.json"
  gen fork "$n" changed >"$work/f${n}c.json"
  row "two \$refs to the next, leaf changed" fork "$n" "$work/f$n.json" "$work/f$n.json" "$work/f${n}c.json"
done
for n in $depths; do
  gen owners "$n" >"$work/o$n.json"
  gen owners "$n" changed >"$work/o${n}c.json"
  row "one operation reaching a schema in N ways, schema changed" owners "$n" "$work/o$n.json" "$work/o$n.json" "$work/o${n}c.json"
done
for n in $chains; do
  gen chain "$n" >"$work/c$n.json"
  gen chain "$n" changed >"$work/c${n}c.json"
  row "\$ref chain S0 → … → SN, leaf changed" chain "$n" "$work/c$n.json" "$work/c$n.json" "$work/c${n}c.json"
done
for n in $nests; do
  gen refnest "$n" >"$work/r$n.json"
  gen refnest "$n" changed >"$work/r${n}c.json"
  row "nested through \$refs, leaf changed" refnest "$n" "$work/r$n.json" "$work/r$n.json" "$work/r${n}c.json"
done

ratio() { # ratio KEY_BIG KEY_SMALL
  local a=${cpu[$1]:-} b=${cpu[$2]:-}
  case "$a $b" in *'>'*|*failed*|' '*|*' ') echo "-"; return ;; esac
  awk -v a="$a" -v b="$b" 'BEGIN { if (b < 0.01) b = 0.01; printf "%.1f", a / b }'
}
echo
echo "CPU ratios (medians of $runs runs; run times under 0.01 s count as 0.01 s):"
if [ $quick = 0 ]; then
  echo "- nested properties, revision only, 4000 / 1000: $(ratio one-4000 one-1000) (target ≤ 5)"
  echo "- nested properties, both sides, 4000 / 1000: $(ratio both-4000 both-1000) (target ≤ 5)"
  echo "- nested properties/items/allOf, 4000 / 1000: $(ratio mixed-4000 mixed-1000) (target ≤ 5)"
  echo "- nested properties/items/allOf refused, 4000 / 1000: $(ratio refused-4000 refused-1000) (target ≤ 5)"
  echo "- nested allOf, 4000 / 1000: $(ratio allof-4000 allof-1000) (target ≤ 5)"
  echo "- \$ref ring, 4000 / 1000: $(ratio ring-4000 ring-1000) (target ≤ 5)"
  echo "- \$ref rings of N and N+1, 160 / 40: $(ratio ringpair-160 ringpair-40) (target ≤ 5)"
  echo "- two \$refs to the next, 4000 / 1000: $(ratio fork-4000 fork-1000) (target ≤ 5)"
  echo "- one operation reaching a schema in N ways, 4000 / 1000: $(ratio owners-4000 owners-1000) (target ≤ 5)"
  echo "- \$ref chain, 5000 / 1000: $(ratio chain-5000 chain-1000) (target ≤ 6)"
  echo "- nested through \$refs, 4000 / 1000: $(ratio refnest-4000 refnest-1000) (target ≤ 5)"
else
  echo "- nested properties, both sides, 2000 / 1000: $(ratio both-2000 both-1000) (linear is 2)"
  echo "- \$ref chain, 2000 / 1000: $(ratio chain-2000 chain-1000) (linear is 2)"
  echo "- \$ref ring, 2000 / 1000: $(ratio ring-2000 ring-1000) (linear is 2)"
fi
