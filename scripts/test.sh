#!/usr/bin/env bash
# The test command of the README: system set-up (if needed), the seeded domain sweep, then the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The seeded domain sweep (issue 9): 300 random points of the whole documented (v, λ, g) domain through the
# release binary; exit 1 if any point ends in an internal error (the longer opt-in run: README "Reliability").
swift build -c release --product supercool
.build/release/supercool validate-domain --points 300 --seed 1 2>/dev/null
swift build --build-tests
swift test --skip-build
# The SLURM job-array template on a throwaway single-node cluster (issue 12): merged shards == one process.
bash scripts/slurm/test-local-cluster.sh
