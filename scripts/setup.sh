#!/usr/bin/env bash
# npm run setup: make this clone ready to run notebooks and tests. Idempotent: every step first
# checks whether there is anything to do and says so; a second run changes nothing.
#   1. Debian packages (Jupyter, nbconvert, nbclient, chromium, and a C++ toolchain for better-sqlite3)
#   2. node_modules (npm ci) when missing or installed from a different package-lock.json / node
#   3. the tslab Jupyter kernel: this clone's own (in .jupyter/, which the launchers put first on
#      JUPYTER_PATH), plus the user-wide one when there is none that works
#   4. the library build (dist/) that notebooks import, when any source is newer
#   5. the git filter that keeps notebook outputs out of the repository
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

# --- 0. node ------------------------------------------------------------------------------------
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$NODE_MAJOR" -lt 20 ] || [ "$NODE_MAJOR" -gt 22 ]; then
  fail "Node.js 20, 21 or 22 is required (found: $(node -v 2>/dev/null || echo none))"
fi
say "[0/5] node $(node -v), npm $(npm -v)"

# --- 1. Debian packages -----------------------------------------------------------------------
# python3/make/g++ are what node-gyp needs to compile better-sqlite3 (its prebuilt binary is a
# download, which this environment does not allow).
APT_PACKAGES=(jupyter-notebook jupyter-nbconvert python3-nbclient chromium python3 make g++)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  say "[1/5] system packages: all present (${APT_PACKAGES[*]}), nothing to do"
else
  if ! command -v apt-get >/dev/null 2>&1; then
    fail "missing system packages: ${missing[*]}; this setup expects Debian/Ubuntu (apt-get). Install the equivalents and re-run."
  fi
  if [ "$(id -u)" -ne 0 ]; then
    printf 'setup: missing Debian packages: %s\n' "${missing[*]}" >&2
    printf 'setup: install them as root, then run `npm run setup` again:\n\n' >&2
    printf '    sudo apt-get update && sudo apt-get install -y %s\n\n' "${missing[*]}" >&2
    exit 1
  fi
  say "[1/5] system packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  say "      apt-get update"
  apt-get update -qq
  say "      apt-get install -y ${missing[*]}"
  apt-get install -y -qq "${missing[@]}"
fi

# --- 2. node_modules --------------------------------------------------------------------------
# The stamp records what node_modules was installed from; any change to the lock file, to the
# dependency fields of package.json or to the node version means a fresh `npm ci`. (Only those
# fields: editing a script in package.json must not reinstall everything.)
STAMP=node_modules/.cluster-lab-install
deps_json="$(node -e 'const p=require("./package.json");process.stdout.write(JSON.stringify([p.dependencies,p.devDependencies,p.overrides,p.allowScripts]))')"
want_stamp="$( { cat package-lock.json; printf '%s' "$deps_json"; } | sha256sum | cut -d' ' -f1) node-$(node -v)"
have_stamp="$(cat "$STAMP" 2>/dev/null || true)"
if [ -d node_modules ] && [ "$have_stamp" = "$want_stamp" ]; then
  say "[2/5] node_modules: up to date with package-lock.json, nothing to do"
elif [ -L node_modules ]; then
  # A worktree sharing another checkout's node_modules: npm ci would empty the shared folder
  # through the link (for every checkout using it), so it is never run here.
  say "[2/5] node_modules: a link to $(readlink node_modules), shared with another checkout; not reinstalled through the link (reinstall in that checkout when its dependencies change), nothing to do"
else
  if [ ! -d node_modules ]; then reason="node_modules is missing"; else reason="package-lock.json, package.json or node changed since the last install"; fi
  say "[2/5] node_modules: $reason; running npm ci"
  # node-gyp would download node's headers from nodejs.org to build better-sqlite3; node installs
  # them beside itself (<prefix>/include/node: /usr for the NodeSource/Debian package, the version
  # folder for nvm), so point node-gyp there.
  node_prefix="$(dirname "$(dirname "$(node -p 'process.execPath')")")"
  if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/common.gypi" ]; then
    export npm_config_nodedir="$node_prefix"
    say "      building native modules against the headers in $node_prefix/include/node"
  fi
  npm ci --no-audit --no-fund
  node -e 'const D = require("better-sqlite3"); new D(":memory:").close()' \
    || fail "better-sqlite3 did not load after npm ci (see environment.md, troubleshooting)"
  printf '%s\n' "$want_stamp" > "$STAMP"
fi

# --- 3. tslab kernel --------------------------------------------------------------------------
# Each clone registers its own kernel under .jupyter/ (a Jupyter data dir of its own); the
# launchers (`npm run jupyter`, `npm run notebooks`, the tests) put it first on JUPYTER_PATH, so two
# clones never fight over one user-wide kernel. The user-wide kernel (for a Jupyter started some
# other way) is written only when there is none or the tslab it points at is gone.
TSLAB_BIN="$ROOT/node_modules/.bin/tslab"
CLONE_DATA="$ROOT/.jupyter/share/jupyter"
USER_DATA="${JUPYTER_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/jupyter}"
kernel_bin() { node -e 'try{process.stdout.write(String(require(process.argv[1]).argv[0]))}catch{}' "$1" 2>/dev/null || true; }
clone_bin="$(kernel_bin "$CLONE_DATA/kernels/tslab/kernel.json")"
user_bin="$(kernel_bin "$USER_DATA/kernels/tslab/kernel.json")"
did=()
if [ "$clone_bin" != "$TSLAB_BIN" ]; then
  "$TSLAB_BIN" install --prefix="$ROOT/.jupyter" --python=/usr/bin/python3 --binary="$TSLAB_BIN" >/dev/null
  did+=("this clone's kernel written to $CLONE_DATA/kernels/tslab/kernel.json")
fi
if [ -z "$user_bin" ] || [ ! -x "$user_bin" ]; then
  if [ -n "$user_bin" ]; then why="points at $user_bin, which is gone"; else why="none registered"; fi
  "$TSLAB_BIN" install --user --python=/usr/bin/python3 --binary="$TSLAB_BIN" >/dev/null
  did+=("user-wide kernel ($why) written to $USER_DATA/kernels/tslab/kernel.json")
fi
if [ "${#did[@]}" -eq 0 ]; then
  note=""
  [ "$user_bin" != "$TSLAB_BIN" ] && note="; the user-wide kernel belongs to $user_bin and is left alone"
  say "[3/5] tslab kernel: registered for this clone ($CLONE_DATA)$note, nothing to do"
else
  say "[3/5] tslab kernel: registering this project's tslab"
  for line in "${did[@]}"; do say "      $line"; done
fi

# --- 4. library build ----------------------------------------------------------------------------
BUILD_STAMP=dist/.lab-build-stamp
if [ -f "$BUILD_STAMP" ] && [ -z "$(find src tsconfig.json tsconfig.build.json package-lock.json -newer "$BUILD_STAMP" \( -name '*.ts' -o -name '*.json' \) -print -quit 2>/dev/null)" ]; then
  say "[4/5] library build: dist/ is newer than every file in src/, nothing to do"
else
  say "[4/5] library build: building dist/ (npm run build)"
  npm run --silent build || fail "the library does not compile (errors above); notebooks import dist/, fix src/ and re-run"
  touch "$BUILD_STAMP"
fi
# --- 5. notebook outputs stay out of git --------------------------------------------------------
# .gitattributes sends *.ipynb through the "nbclean" filter; the filter's command lives in the
# clone's git config, which a clone does not carry, hence this step.
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  want_clean="node scripts/nb-clean.cjs"
  if [ "$(git -C "$ROOT" config --get filter.nbclean.clean 2>/dev/null || true)" = "$want_clean" ]; then
    say "[5/5] notebook git filter: installed, nothing to do"
  else
    git -C "$ROOT" config filter.nbclean.clean "$want_clean"
    git -C "$ROOT" config filter.nbclean.smudge cat
    say "[5/5] notebook git filter: installed (outputs of saved notebooks never reach git)"
  fi
else
  say "[5/5] notebook git filter: not a git checkout, nothing to do"
fi
say "done"
