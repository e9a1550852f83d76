#!/usr/bin/env bash
# The test command of the README: system set-up (if needed), then the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build
