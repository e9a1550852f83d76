#!/usr/bin/env bash
# Nested sampling over many seeds (issue 13): the pulls (ln Z − truth)/error of the closed-form test problems, their
# mean and scatter, and the parallel speed-up. Builds a throw-away release package in a temporary directory from
# Sources/NestedSampling, SplitMix64 and Φ⁻¹ (Sources/SupercoolNumerics/QuasiRandom.swift, StandardNormal.swift),
# the tests' closed-form problems (Tests/NestedSamplingTests/ClosedFormProblems.swift) and benchmarks/nested_sampling_seeds.swift,
# so the main package is neither changed nor rebuilt.
#
# Usage: bash benchmarks/nested_sampling_seeds.sh CASE SEEDS LIVE [SLICES|-] [BATCH]
#   CASE: g2 g4 g6 (correlated Gaussians of the tests), b2 b4 (bimodal 0.3/0.7; prints mode A's mass), slab, half,
#         banana (S=width, default 0.01), gprior (Gaussian priors), corr (D=, RHO=, SIG= from the environment),
#         slow (4-D Gaussian with a costly likelihood, jobs 1 vs 2; SLEEP=1 makes it sleep 200 µs instead of computing)
#   JOBS=k sets the concurrent likelihood calls (default 2; results do not depend on it).
# Example: bash benchmarks/nested_sampling_seeds.sh g6 20 400
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# NESTED_SEEDS_DIR keeps the build between runs; otherwise a temporary directory is removed at exit.
if [ -n "${NESTED_SEEDS_DIR:-}" ]; then dir=$NESTED_SEEDS_DIR; else dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT; fi
mkdir -p "$dir/Sources/SupercoolNumerics" "$dir/Sources/NestedSampling" "$dir/Sources/seeds"
ln -sf "$root/Sources/SupercoolNumerics/QuasiRandom.swift" "$root/Sources/SupercoolNumerics/StandardNormal.swift" "$dir/Sources/SupercoolNumerics/"
for f in "$root"/Sources/NestedSampling/*.swift; do ln -sf "$f" "$dir/Sources/NestedSampling/"; done
ln -sf "$root/benchmarks/nested_sampling_seeds.swift" "$dir/Sources/seeds/main.swift"
ln -sf "$root/Tests/NestedSamplingTests/ClosedFormProblems.swift" "$dir/Sources/seeds/"
cat > "$dir/Package.swift" <<'PKG'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(name: "seeds", platforms: [.macOS(.v15)],
    targets: [.target(name: "SupercoolNumerics"), .target(name: "NestedSampling", dependencies: ["SupercoolNumerics"]),
              .executableTarget(name: "seeds", dependencies: ["NestedSampling"])],
    swiftLanguageModes: [.v6])
PKG
swift build -c release --package-path "$dir" >/dev/null
"$dir/.build/release/seeds" "$@"
