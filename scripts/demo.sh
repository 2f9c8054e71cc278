#!/usr/bin/env bash
# npm run demo: set up if needed, then run the main job (every notebook, in order, on the default
# backend) and say where the results are. See src/pipeline/demo-cli.ts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
exec npx --no-install tsx src/pipeline/demo-cli.ts "$@"
