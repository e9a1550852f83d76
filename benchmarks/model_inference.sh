#!/usr/bin/env bash
# Model-parameter inference end to end (issue 13's benchmark: ≤ 30 min on 2 cores, emulator build included): build the
# default S3/T emulator over (λ, g/g_roll − 1), then infer (log10 v_φ, log10 λ, g/g_roll − 1) + a γ = 13/3 SMBHB on
# NANOGrav 15-yr (14 bins) with the Bayes factor against SMBHB alone; then the same run again, reusing the emulator from
# disk. Prints each step's wall time. Usage: bash benchmarks/model_inference.sh [OUTDIR] (default: a temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product supercool >/dev/null
bin=$PWD/.build/release/supercool
out=${1:-$(mktemp -d)}
mkdir -p "$out"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); output in $out"
t0=$(date +%s.%N)
"$bin" emulator build -o "$out/emulator.json" --quiet
t1=$(date +%s.%N)
printf 'emulator build: %.0f s\n' "$(echo "$t1 - $t0" | bc -l)"
"$bin" infer --model darku1 --emulator "$out/emulator.json" --with-smbhb --against smbhb --data ng15 --seed 1 --quiet \
    --corner "$out/corner-darku1.svg" --predictive "$out/predictive-darku1.svg" --samples "$out/posterior-darku1.csv" | tee "$out/infer.txt"
t2=$(date +%s.%N)
printf 'inference (emulator loaded from disk): %.0f s; total %.0f s\n' "$(echo "$t2 - $t1" | bc -l)" "$(echo "$t2 - $t0" | bc -l)"
