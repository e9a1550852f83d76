#!/usr/bin/env bash
# Build the DocC documentation of every pipeline module into .build/docs/<Module>/ (static HTML archives)
# with the toolchain's own `docc` (no package plugin needed). Fails if a catalog links a missing symbol.
set -euo pipefail
cd "$(dirname "$0")/.."
# `swift package dump-symbol-graph` writes <Module>.symbols.json for every target and prints the directory.
graphs=$(swift package dump-symbol-graph 2>&1 | sed -n 's/^Files written to //p')
[ -d "$graphs" ] || { echo "docs.sh: no symbol graphs were written" >&2; exit 1; }
mkdir -p .build/docs
status=0
for module in SupercoolNumerics EffectivePotential Cosmology Bounce TransitionHistory GravitationalWaves PulsarTiming SupercoolPlot ParameterScan NestedSampling PTAInference; do
    dir=$(mktemp -d)
    cp "$graphs/$module.symbols.json" "$dir/"
    log=$(docc convert "Sources/$module/$module.docc" --additional-symbol-graph-dir "$dir" \
        --output-path ".build/docs/$module" --fallback-display-name "$module" \
        --fallback-bundle-identifier "org.supercool.$module" --analyze 2>&1) || log="error: docc failed: $log"
    rm -rf "$dir"
    if grep -qiE "warning|error" <<<"$log"; then echo "$module:"; grep -iE "warning|error" <<<"$log"; status=1; else echo "$module: ok (.build/docs/$module)"; fi
done
exit $status
