#!/usr/bin/env bash
# Scan throughput (issue 12): a 30 × 30 (v, g/g_roll − 1) grid at λ = 0.006 with 1 and 2 parallel jobs, from a fresh
# database each time. Prints wall time, points/s and the time per point with and without reused bounces (the
# summary line of `supercool scan`). Usage: bash benchmarks/scan.sh [extra scan options]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product supercool >/dev/null
bin=.build/release/supercool
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for jobs in 1 2; do
    start=$(date +%s.%N)
    "$bin" scan --db "$dir/grid-$jobs.sqlite" --v 0.01:100:30:log --lambda 0.006 --g-rel -0.3:-0.003:30 --jobs "$jobs" --quiet "$@" \
        | sed -n '1,2p' | sed "s|$dir/||"
    end=$(date +%s.%N)
    printf '  --jobs %d: %.1f s wall for 900 points\n' "$jobs" "$(echo "$end - $start" | bc -l)"
done
