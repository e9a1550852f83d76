#!/usr/bin/env bash
# Side-by-side bounce-action benchmark: CosmoTransitions 2.0.7 vs. supercool.
#
# Usage:  benchmarks/compare_cosmotransitions.sh [options passed to the .py]
#   e.g.  benchmarks/compare_cosmotransitions.sh --only thin --dims 4
#         SUPERCOOL=.build/release/supercool benchmarks/compare_cosmotransitions.sh
#         benchmarks/compare_cosmotransitions.sh --skip-supercool
#
# Environment:
#   SUPERCOOL          command running the tool, word-split
#                      (default: "swift run -c release supercool", run from the
#                      package root; e.g. SUPERCOOL=.build/release/supercool)
#   PYTHON             interpreter used to create the venv (default: python3)
#   CT_VENV            venv directory (default: ${TMPDIR:-/tmp}/supercool-ct-venv)
#   CT_PIP_PACKAGES    pip requirements installed into the venv (default below;
#                      the venv is reinstalled when this string changes)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

PYTHON="${PYTHON:-python3}"
CT_VENV="${CT_VENV:-${TMPDIR:-/tmp}/supercool-ct-venv}"
# Tested combination (Python 3.11). numpy 2.x needs one shim (np.product),
# applied at import time by the .py script; the package files are untouched.
CT_PIP_PACKAGES="${CT_PIP_PACKAGES:-cosmotransitions==2.0.7 numpy==2.4.6 scipy==1.17.1}"

stamp="$CT_VENV/.supercool-ct-stamp"
if [[ ! -x "$CT_VENV/bin/python" || ! -f "$stamp" || "$(cat "$stamp")" != "$CT_PIP_PACKAGES" ]]; then
    echo ">> creating venv $CT_VENV with: $CT_PIP_PACKAGES" >&2
    if [[ -e "$CT_VENV" && ! -f "$CT_VENV/pyvenv.cfg" ]]; then
        echo "error: $CT_VENV exists and is not a venv; refusing to replace it" >&2
        exit 2
    fi
    rm -rf "$CT_VENV"
    "$PYTHON" -m venv "$CT_VENV"
    "$CT_VENV/bin/python" -m pip install --quiet --upgrade pip >&2
    # shellcheck disable=SC2086  # word splitting of the requirement list is intended
    "$CT_VENV/bin/python" -m pip install --quiet $CT_PIP_PACKAGES >&2
    printf '%s' "$CT_PIP_PACKAGES" > "$stamp"
else
    echo ">> reusing venv $CT_VENV ($CT_PIP_PACKAGES)" >&2
fi

# Default rebuilds incrementally on each call (never a stale binary); for
# faster runs build once and point SUPERCOOL at .build/release/supercool.
SUPERCOOL="${SUPERCOOL:-swift run -c release supercool}"
# A relative binary path given from the caller's directory stays valid after
# the cd below.
read -r sc_first sc_rest <<<"$SUPERCOOL" || true
if [[ "$sc_first" == */* && "$sc_first" != /* && -e "$sc_first" ]]; then
    SUPERCOOL="$(cd "$(dirname "$sc_first")" && pwd)/$(basename "$sc_first")${sc_rest:+ $sc_rest}"
fi
export SUPERCOOL

# `swift run` must be started from the package root.
cd "$root"
exec "$CT_VENV/bin/python" "$here/compare_cosmotransitions.py" "$@"
