#!/usr/bin/env bash
# The test command of the README: system set-up (if needed), the seeded domain sweep, then the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The seeded domain sweep (issue 9): 300 random points of the whole documented (v, λ, g) domain through the
# release binary; exit 1 if any point ends in an internal error (the longer opt-in run: README "Reliability").
swift build -c release --product supercool
.build/release/supercool validate-domain --points 300 --seed 1 2>/dev/null
# The S3/T emulator of model-parameter inference (issue 13) against direct runs at 100 random held-out points: a
# slice of the default grid (λ ∈ [4e-3, 1e-2] at the default's node spacing, 5 × 96 nodes), release. Exit 1 if more than
# 1 % of the emulated points that percolate miss T_p by more than 0.5 %, or whether a point completes differs from the
# direct run (measured over the whole default grid: max 9.5e-4, README "Inference over the model's parameters").
emulator=$(mktemp --suffix=.json)
trap 'rm -f "$emulator"' EXIT
.build/release/supercool emulator build -o "$emulator" --lambda 4e-3:1e-2 --lambda-nodes 5 --quiet
.build/release/supercool emulator check --emulator "$emulator" --points 100 --seed 1 --log10-v -2:3 --tolerance 0.005 --max-beyond 0.01 --quiet
swift build --build-tests
swift test --skip-build
# The SLURM job-array template on a throwaway single-node cluster (issue 12): merged shards == one process.
bash scripts/slurm/test-local-cluster.sh
