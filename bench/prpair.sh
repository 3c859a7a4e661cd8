#!/usr/bin/env bash
# Usage: bench/prpair.sh [-c CACHE_DIR] OUT_DIR
#
# Writes issue #14's pull-request-sized pair into OUT_DIR: base.json is
# GitHub's REST API description 23.0.2 (api.github.com.json, 13 MB) as
# published, revision.json the same bytes plus one optional query parameter
# on GET /repos/{owner}/{repo}/issues (bench/prgen). The description is
# taken from CACHE_DIR/github/23.0.2/ (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/apibump-bench, as bench/run.sh), fetched
# there with ../shared/corpus/fetch-github.sh (npm) when it is missing.
set -euo pipefail

cache=${APIBUMP_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/apibump-bench}
while [ $# -gt 0 ]; do
  case $1 in
    -c) cache=${2:?-c needs a directory}; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "prpair.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    *) break ;;
  esac
done
out=${1:?usage: bench/prpair.sh [-c CACHE_DIR] OUT_DIR}

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
corpus=${APIBUMP_CORPUS:-$repo/../shared/corpus}
src=$cache/github/23.0.2/api.github.com.json
if [ ! -f "$src" ]; then
  if [ -x "$corpus/fetch-github.sh" ] && command -v npm >/dev/null; then
    "$corpus/fetch-github.sh" "$cache/github" >/dev/null
  else
    echo "prpair.sh: $src is missing; fetch it with $corpus/fetch-github.sh $cache/github (needs npm)" >&2
    exit 1
  fi
fi
mkdir -p "$out"
cp "$src" "$out/base.json"
(cd "$repo" && go run ./bench/prgen "$out/base.json" "$out/revision.json")
