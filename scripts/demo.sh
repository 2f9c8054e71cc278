#!/usr/bin/env bash
# npm run demo: set up if needed, run every notebook headless on the default backend, then say
# where the results are.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh
echo "demo: running the notebooks (npm run notebooks)"
status=0
npx --no-install tsx src/notebook/run-cli.ts "$@" || status=$?

count() { if [ -d "$1" ]; then find "$1" -type f ! -name '.gitkeep' | wc -l; else echo 0; fi; }
echo
echo "demo: outputs"
echo "  figures (PNG, SVG, PDF):  $ROOT/figures/  ($(count figures) files)"
echo "  run records and tables:   $ROOT/data/runs/  ($(count data/runs) files)"
echo "  executed notebooks:       $ROOT/build/notebooks/  ($(count build/notebooks) files)"
if [ -d figures ]; then
  find figures -type f ! -name '.gitkeep' | sort | head -30 | sed 's/^/    /'
fi
exit "$status"
