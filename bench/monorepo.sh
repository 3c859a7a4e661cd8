#!/usr/bin/env bash
# Usage: bench/monorepo.sh [-n RUNS]
# A monorepo of 50 specs checked at once (`apibump check --base-ref HEAD
# '**/openapi.yaml'`): 49 small ones (testdata/examples, a third of them
# changed) and the largest real pair of the corpus (Stripe, 4 MB YAML). Prints
# the median wall time of the whole check next to that of the largest spec
# checked alone: with the specs compared concurrently, the first should be
# about the second.
set -euo pipefail
runs=3
[ "${1:-}" = "-n" ] && runs=${2:?-n wants a number}
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${APIBUMP_CORPUS:-$here/../shared/corpus}
large_base=$corpus/stripe-2023h1/base.yaml
large_rev=$corpus/stripe-2023h1/revision.yaml
if [ ! -f "$large_base" ]; then
  echo "monorepo.sh: $large_base is missing (set APIBUMP_CORPUS to the shared corpus)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$here" && go build -o "$work/apibump" ./cmd/apibump)
repo=$work/repo
mkdir -p "$repo"
cd "$repo"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
git init -q
for i in $(seq -w 1 49); do
  mkdir -p "svc$i/api"
  cp "$here/testdata/examples/base.yaml" "svc$i/api/openapi.yaml"
done
mkdir -p svc50/api
cp "$large_base" svc50/api/openapi.yaml
git add -A
git commit -q --no-verify -m base
for i in $(seq -w 1 3 49); do cp "$here/testdata/examples/revision.yaml" "svc$i/api/openapi.yaml"; done
cp "$large_rev" svc50/api/openapi.yaml

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# wall seconds of a command; a failed check (exit 1) is expected here
timeit() {
  /usr/bin/time -f '%e' -o "$work/time" "$@" >/dev/null 2>&1 || true
  tail -1 "$work/time"
}
all=() one=()
for _ in $(seq "$runs"); do
  all+=("$(timeit "$work/apibump" check --date 2026-11-22 --base-ref HEAD '**/openapi.yaml')")
  one+=("$(timeit "$work/apibump" check --date 2026-11-22 HEAD:./svc50/api/openapi.yaml svc50/api/openapi.yaml)")
done
m_all=$(printf '%s\n' "${all[@]}" | median)
m_one=$(printf '%s\n' "${one[@]}" | median)
echo "| check | specs | median s ($runs runs) |"
echo "| --- | --- | --- |"
echo "| the monorepo, --base-ref HEAD '**/openapi.yaml' | 50 | $m_all |"
echo "| the largest spec alone (Stripe) | 1 | $m_one |"
awk -v a="$m_all" -v o="$m_one" -v c="$(nproc)" 'BEGIN {printf "\nratio: %.2f on %d CPUs\n", a/o, c}' 
