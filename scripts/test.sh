#!/usr/bin/env bash
# npm test: set up whatever is missing (a no-op when all is there), then run every test file with
# node's built-in runner. The exit code is the tests' result.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh

shopt -s nullglob
files=(test/*.test.ts)
if [ "${#files[@]}" -eq 0 ]; then
  echo "test: no test files under test/" >&2
  exit 1
fi
echo "test: running ${#files[@]} test files"
# Node 20's runner does not expand globs itself, hence the explicit list.
exec node --import tsx --test --test-reporter=spec "${files[@]}"
