#!/usr/bin/env bash
# npm run jupyter: Jupyter Notebook on 127.0.0.1, rooted at the project (so figures/ and data/runs/
# are in its file browser) and opening on notebooks/, with this clone's tslab kernel first on
# JUPYTER_PATH. Jupyter prints the URL (with its login token) once it is listening. PORT overrides 8888.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh
mkdir -p notebooks
export JUPYTER_PATH="$ROOT/.jupyter/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
args=(notebook --no-browser --ip=127.0.0.1 --port="${PORT:-8888}" --notebook-dir="$ROOT"
  --NotebookApp.default_url=/tree/notebooks --config="$ROOT/scripts/jupyter_config.py")
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
if [ "$(id -u)" -eq 0 ]; then args+=(--allow-root); fi
echo "jupyter: starting Jupyter Notebook in $ROOT, opening notebooks/ (Ctrl-C to stop)"
echo "jupyter: open the http://127.0.0.1:…/?token=… URL printed below; pick the \"TypeScript\" kernel"
exec jupyter "${args[@]}"
