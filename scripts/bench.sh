#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md: generates corpora of 10,000 and 100,000 documents
# under $BENCH (default /tmp/dossier-bench) and compares dossier with ripgrep and fzf.
# Needs hyperfine, ripgrep and fzf (apt-get install hyperfine ripgrep fzf) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=${BENCH:-/tmp/dossier-bench}
export DOSSIER_CACHE_DIR="$BENCH/cache" RUST_BACKTRACE=0
cargo build --release --examples -q && cargo build --release -q
D=$PWD/target/release/dossier
mkdir -p "$BENCH"
for n in 10000 100000; do
  c="$BENCH/c$n"
  [ -d "$c" ] || target/release/examples/gen_corpus "$c" "$n"
  echo "== $n documents: $(du -sb "$c" | cut -f1) bytes"
  # Warm the page cache for both tools.
  rg -c -F -f "$c.names.txt" "$c" > /dev/null || true
  echo "-- load + link the generated names vs rg scanning for them"
  hyperfine -w 1 -r 3 \
    "$D --corpus $c --catalog $c.catalog.toml --no-discover --no-cache list docs > /dev/null" \
    "rg -c -F -f $c.names.txt $c > /dev/null"
  echo "-- the default load (no catalog: discovery), and peak memory"
  DOSSIER_TIMINGS=1 /usr/bin/time -f "%e s, max RSS %M KB" $D --corpus "$c" --no-catalog --no-cache list docs > /dev/null
  /usr/bin/time -f "with the catalog, discovery off: max RSS %M KB" \
    $D --corpus "$c" --catalog "$c.catalog.toml" --no-discover --no-cache list docs > /dev/null
  echo "-- search (warm cache) vs fzf --filter over the same item names"
  { $D --corpus "$c" --no-catalog list docs -o name; $D --corpus "$c" --no-catalog list entities -o name; } > "$c.items.txt"
  for q in r la edge lindqvis; do
    hyperfine -w 2 -r 10 \
      "$D --corpus $c --no-catalog search $q > /dev/null" "fzf --filter $q < $c.items.txt > /dev/null" 2>&1 |
      grep -E 'Time|Benchmark'
  done
  echo "-- grep vs rg"
  hyperfine -w 1 -r 3 "$D --corpus $c grep 'Atlas Edge' > /dev/null" "rg 'Atlas Edge' $c > /dev/null"
  echo "-- time to first frame (median of 7)"
  target/release/examples/first_frame --corpus "$c" | tail -1
  echo "-- jump keystroke latency"
  target/release/examples/jump_latency "$c"
done
echo "== bundled corpus"
target/release/examples/first_frame | tail -1
$D list docs -o name > "$BENCH/bundled.items.txt"; $D list entities -o name >> "$BENCH/bundled.items.txt"
hyperfine -w 2 -r 20 "$D search desantis > /dev/null" "fzf --filter desantis < $BENCH/bundled.items.txt > /dev/null" 2>&1 |
  grep -E 'Time|Benchmark'
