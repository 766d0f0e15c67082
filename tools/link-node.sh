#!/bin/sh
# Keep pnpm scripts on the project-local Node (see tools/bootstrap.sh): pnpm rebuilds node_modules/.bin
# on every install, so the root postinstall links .node/bin/node there again.
if [ -x .node/bin/node ] && [ -d node_modules/.bin ]; then ln -sf "$PWD/.node/bin/node" node_modules/.bin/node; fi
