#!/usr/bin/env bash
# npm test [unit|e2e]: the unit tests (fast, no browser, kernel or child process; test:unit) and the
# end-to-end tests (Jupyter, Chromium, child processes; listed in test/e2e.txt; test:e2e). With no
# argument both run, unit first, after setting up whatever is missing (a no-op when all is there).
# Every test process writes only into its own temporary folder (test/helpers/isolate.ts). Prints
# the wall time of each part; the exit code is the tests' result.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

mode="${1:-all}"
case "$mode" in
  all | unit | e2e | list) ;;
  *) echo "test: unknown part \"$mode\" (expected unit, e2e, list or nothing for both)" >&2; exit 2 ;;
esac

if [ "$mode" = list ]; then
  :
elif [ "$mode" = unit ]; then
  [ -d node_modules ] || { echo "test: node_modules is missing; run \`npm run setup\` first" >&2; exit 2; }
else
  bash scripts/setup.sh
fi

shopt -s nullglob
e2e=()
while read -r name _; do
  [ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
  [ -f "test/$name" ] || { echo "test: test/e2e.txt lists test/$name, which does not exist" >&2; exit 2; }
  e2e+=("test/$name")
done < test/e2e.txt
# Besides the list, a file that starts a process, drives Chromium or runs a notebook kernel is end
# to end by what it does (so a new one cannot slow the unit part down).
E2E_MARKS='from "node:child_process"|chromium\.launch|closeFigureExporter|runNotebooks\('
unit=()
for f in test/*.test.ts; do
  if [[ " ${e2e[*]} " == *" $f "* ]]; then continue; fi
  if grep -qE "$E2E_MARKS" "$f"; then e2e+=("$f"); else unit+=("$f"); fi
done
if [ "$mode" = list ]; then
  printf 'unit %s\n' "${unit[@]}"
  printf 'e2e %s\n' "${e2e[@]}"
  exit 0
fi

status=0
run_part() {
  local part="$1" concurrency="$2"; shift 2
  if [ "$#" -eq 0 ]; then echo "test: no $part test files" >&2; status=1; return; fi
  echo "test: $part: $# files, $concurrency at a time"
  local start=$SECONDS
  # Node 20's runner does not expand globs itself, hence the explicit list.
  node --import tsx --import ./test/helpers/isolate.ts --test --test-concurrency="$concurrency" --test-reporter=spec "$@" || status=1
  echo "test: $part: $(( SECONDS - start )) s wall time"
}

start=$SECONDS
# Unit files are independent (own temp folders, ephemeral ports), so they run one per core; the
# end-to-end ones (kernels, browsers, child processes) one at a time.
cores="$(node -p 'require("node:os").availableParallelism()')"
if [ "$mode" != e2e ]; then run_part unit "$cores" "${unit[@]}"; fi
if [ "$mode" != unit ]; then run_part e2e 1 "${e2e[@]}"; fi
[ "$mode" = all ] && echo "test: unit + e2e: $(( SECONDS - start )) s wall time"
exit $status
