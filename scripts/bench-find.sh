#!/usr/bin/env bash
# Reproduces the full-text search figures in BENCHMARKS.md: `dossier find` against `rg -l -i`
# for the same two words, at 10,000 and 100,000 documents, and the index's build time and size.
# Uses the corpora scripts/bench.sh generates under $BENCH (default /tmp/dossier-bench), read
# only; the index goes to $FIND_CACHE (default /tmp/dossier-find-cache). Needs hyperfine,
# ripgrep and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=${BENCH:-/tmp/dossier-bench}
export DOSSIER_CACHE_DIR="${FIND_CACHE:-/tmp/dossier-find-cache}" RUST_BACKTRACE=0
cargo build --release -q
D=$PWD/target/release/dossier
for n in 10000 100000; do
  c="$BENCH/c$n"
  [ -d "$c" ] || { echo "no $c: run scripts/bench.sh first"; exit 2; }
  echo "== $n documents: $(du -sb "$c" | cut -f1) bytes"
  rm -rf "$DOSSIER_CACHE_DIR"/index/c$n-*
  /usr/bin/time -f "index build (first find): %e s, max RSS %M KB" $D --corpus "$c" find 'networks robotics' -o path > /dev/null
  echo "index size: $(du -sk "$DOSSIER_CACHE_DIR"/index/c$n-* | cut -f1) KB"
  # Both words must occur; rg needs two passes for that.
  hyperfine -N -w 2 -r 10 \
    "$D --corpus $c find 'networks robotics' -o path" \
    "$D --corpus $c find --no-update 'networks robotics' -o path" \
    "$D --corpus $c find 'networks robotics'" \
    "sh -c 'rg -l -i networks $c | xargs -r rg -l -i robotics'" \
    "$D --corpus $c find 'studio delays' -o path" \
    "$D --corpus $c find --no-update 'studio delays' -o path" \
    "sh -c 'rg -l -i studio $c | xargs -r rg -l -i delays'"
  echo "-- same documents?"
  diff <($D --corpus "$c" find 'networks robotics' -o path | sort) \
    <(rg -l -i networks "$c" | xargs -r rg -l -i robotics | sort) && echo "networks robotics: same files"
done
