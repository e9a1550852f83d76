// swift-tools-version: 6.0
// Supercool: first-order phase transitions of a dark sector, their gravitational waves,
// and pulsar-timing fits. One target per pipeline stage (see README "Architecture").
import PackageDescription

let package = Package(
    name: "Supercool",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "supercool", targets: ["SupercoolCLI"]),
        // The umbrella: `import Supercool` re-exports every stage below.
        .library(name: "Supercool", targets: ["Supercool"]),
        .library(name: "SupercoolNumerics", targets: ["SupercoolNumerics"]),
        .library(name: "EffectivePotential", targets: ["EffectivePotential"]),
        .library(name: "Bounce", targets: ["Bounce"]),
        .library(name: "Cosmology", targets: ["Cosmology"]),
        .library(name: "TransitionHistory", targets: ["TransitionHistory"]),
        .library(name: "GravitationalWaves", targets: ["GravitationalWaves"]),
        .library(name: "PulsarTiming", targets: ["PulsarTiming"]),
        .library(name: "SupercoolPlot", targets: ["SupercoolPlot"]),
        .library(name: "ParameterScan", targets: ["ParameterScan"]),
        .library(name: "NestedSampling", targets: ["NestedSampling"]),
        .library(name: "PTAInference", targets: ["PTAInference"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The C library, seen through pkg-config. Nothing but SupercoolNumerics imports it.
        .systemLibrary(
            name: "_CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // Swift API over GSL: ODE driver, quadrature, roots, minimisation, interpolation, Chebyshev.
        .target(name: "SupercoolNumerics", dependencies: ["_CGSL"], exclude: ["README.md"]),
        // Stage 1: thermal effective potential of a model (protocol) and its phase structure.
        .target(name: "EffectivePotential", dependencies: ["SupercoolNumerics"], exclude: ["README.md"]),
        // Plasma: g*(T) tables, radiation density, Hubble rate; locating the bundled Data/.
        .target(name: "Cosmology", dependencies: ["SupercoolNumerics"], exclude: ["README.md"]),
        // Stage 2: O(3)/O(4) bounce by overshoot/undershoot shooting.
        .target(name: "Bounce", dependencies: ["SupercoolNumerics"], exclude: ["README.md"]),
        // Stage 3: S3/T(T) of a model, nucleation, percolation, completion, α, β/H, H*R*.
        .target(name: "TransitionHistory", dependencies: ["EffectivePotential", "Bounce", "Cosmology", "GravitationalWaves", "SupercoolNumerics"], exclude: ["README.md"]),
        // Stage 4: GW spectra today from (T*, α, β/H or H*R*, v_w, g*).
        .target(name: "GravitationalWaves", dependencies: [], exclude: ["README.md"]),
        // Stage 5: PTA free-spectrum likelihoods (NANOGrav 15-yr, EPTA DR2new, PPTA DR3) from Data/pta.
        .target(name: "PulsarTiming", dependencies: ["Cosmology", "GravitationalWaves", "SupercoolNumerics"], exclude: ["README.md"]),
        // The system SQLite 3 (libsqlite3-dev), seen only by ParameterScan: a results store without a package dependency.
        .systemLibrary(
            name: "_CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Stage 6: parameter-space scans: specs, designs, shards, the SQLite results store, merge and export.
        .target(name: "ParameterScan", dependencies: ["_CSQLite", "TransitionHistory", "EffectivePotential", "Cosmology", "PulsarTiming",
                                                      "GravitationalWaves", "SupercoolNumerics"], exclude: ["README.md"]),
        // Nested sampling (Skilling 2004) with slice proposals: evidences and weighted posterior samples for any
        // prior transform + log-likelihood. SplitMix64 and Φ⁻¹ come from SupercoolNumerics.
        .target(name: "NestedSampling", dependencies: ["SupercoolNumerics"], exclude: ["README.md"]),
        // Stage 7: Bayesian models of PTA data (power laws, phase-transition spectra) for the nested sampler.
        .target(name: "PTAInference", dependencies: ["NestedSampling", "PulsarTiming", "GravitationalWaves", "TransitionHistory",
                                                     "EffectivePotential", "Cosmology"], exclude: ["README.md"]),
        // SVG primitives for plots: log axes, lines, violins, legends (no physics).
        .target(name: "SupercoolPlot", dependencies: [], exclude: ["README.md"]),
        // Every stage, re-exported.
        .target(name: "Supercool", dependencies: ["SupercoolNumerics", "EffectivePotential", "Bounce", "Cosmology", "TransitionHistory",
                                                  "GravitationalWaves", "PulsarTiming", "SupercoolPlot", "ParameterScan", "NestedSampling", "PTAInference"]),
        // The command-line tool (product `supercool`): argument parsing and formatting only.
        .executableTarget(
            name: "SupercoolCLI",
            dependencies: [
                "EffectivePotential", "Cosmology", "Bounce", "TransitionHistory", "GravitationalWaves", "PulsarTiming", "SupercoolNumerics", "SupercoolPlot", "ParameterScan", "NestedSampling", "PTAInference",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SupercoolNumericsTests", dependencies: ["SupercoolNumerics"]),
        .testTarget(name: "EffectivePotentialTests", dependencies: ["EffectivePotential", "SupercoolNumerics"]),
        .testTarget(name: "CosmologyTests", dependencies: ["Cosmology", "SupercoolNumerics"]),
        .testTarget(name: "BounceTests", dependencies: ["Bounce", "EffectivePotential", "SupercoolNumerics"]),
        .testTarget(name: "TransitionHistoryTests", dependencies: ["TransitionHistory", "EffectivePotential", "Bounce", "Cosmology"]),
        .testTarget(name: "GravitationalWavesTests", dependencies: ["GravitationalWaves"]),
        .testTarget(name: "PulsarTimingTests", dependencies: ["PulsarTiming", "Cosmology", "GravitationalWaves"]),
        .testTarget(name: "SupercoolPlotTests", dependencies: ["SupercoolPlot"]),
        .testTarget(name: "ParameterScanTests", dependencies: ["ParameterScan", "TransitionHistory", "Cosmology", "EffectivePotential", "PulsarTiming"]),
        .testTarget(name: "NestedSamplingTests", dependencies: ["NestedSampling", "SupercoolNumerics"]),
        .testTarget(name: "PTAInferenceTests", dependencies: ["PTAInference", "NestedSampling", "PulsarTiming", "Cosmology", "SupercoolNumerics", "TransitionHistory", "GravitationalWaves"]),
        .testTarget(name: "CLITests", dependencies: ["SupercoolCLI", "ParameterScan"]),
        // A user's view: only `import Supercool` (no @testable), a model defined in its own file, the whole pipeline.
        .testTarget(name: "ClientTests", dependencies: ["Supercool"]),
    ],
    swiftLanguageModes: [.v6]
)
