#!/usr/bin/env bash
# Usage: bench/same-output.sh OLD_BINARY NEW_BINARY [CACHE_DIR]
#
# Checks that two builds of apibump give byte-identical output (diff as JSON
# and text, changelog as markdown and JSON, exit status) on every real spec
# pair: the shared corpus when present and the GitHub REST API pairs in the
# bench cache. Used to check that a performance change changes no result.
set -euo pipefail
old=${1:?usage: same-output.sh OLD_BINARY NEW_BINARY [CACHE_DIR]}
new=${2:?usage: same-output.sh OLD_BINARY NEW_BINARY [CACHE_DIR]}
cache=${3:-${APIBUMP_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/apibump-bench}}
here=$(cd "$(dirname "$0")" && pwd)
corpus=${APIBUMP_CORPUS:-$here/../../shared/corpus}
old=$(realpath "$old"); new=$(realpath "$new")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

pairs=() # "dir|base|revision"
if [ -f "$corpus/pairs.tsv" ]; then
  while IFS=$'\t' read -r name base rev _; do
    [ "$name" = name ] && continue
    pairs+=("$corpus/$name|$base|$rev")
  done < "$corpus/pairs.tsv"
fi
gh=$cache/github
for p in "20.0.0 23.0.2" "22.0.0 23.0.0" "23.0.0 23.0.2"; do
  set -- $p
  [ -f "$gh/$1/api.github.com.json" ] && pairs+=("$gh|$1/api.github.com.json|$2/api.github.com.json")
done
if [ "${DEREF:-0}" = 1 ] && [ -f "$gh/22.0.0/api.github.com.deref.json" ]; then
  pairs+=("$gh|22.0.0/api.github.com.deref.json|23.0.0/api.github.com.deref.json")
fi

fail=0
for p in "${pairs[@]}"; do
  IFS='|' read -r dir base rev <<<"$p"
  for args in "diff --format json" "diff --format text" "changelog --format markdown" "changelog --format json"; do
    for bin in old new; do
      b=$old; [ $bin = new ] && b=$new
      (cd "$dir" && set +e; $b $args --date 2026-11-22 "$base" "$rev" >"$tmp/$bin.out" 2>"$tmp/$bin.err"; echo "exit $?" >>"$tmp/$bin.err")
    done
    if cmp -s "$tmp/old.out" "$tmp/new.out" && cmp -s "$tmp/old.err" "$tmp/new.err"; then
      echo "same      $dir: $base → $rev ($args, $(wc -c <"$tmp/new.out") bytes)"
    else
      echo "DIFFERENT $dir: $base → $rev ($args)"; diff "$tmp/old.out" "$tmp/new.out" | head -5 || true; fail=1
    fi
  done
done
exit $fail
