#!/usr/bin/env bash
# Install everything Glasshouse needs on a fresh machine: pnpm, the workspace (isolated-vm compiles
# from source against the machine's Node headers), and Debian's Chromium for the viewer's browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.21.0
export npm_config_nodedir="${npm_config_nodedir:-/usr}"

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "installing pnpm $PNPM_VERSION" >&2
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || npm install -g --prefix "$HOME/.local" "pnpm@$PNPM_VERSION" >/dev/null
fi

if ! command -v chromium >/dev/null 2>&1 && [ -z "${GLASSHOUSE_SKIP_CHROMIUM:-}" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian chromium (viewer browser tests)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 \
    || echo "warning: could not install chromium; the viewer's browser tests will be skipped" >&2
fi

pnpm install --frozen-lockfile >&2
