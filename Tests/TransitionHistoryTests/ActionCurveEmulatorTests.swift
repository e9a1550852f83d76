import Testing
import Foundation
import Cosmology
import EffectivePotential
import SupercoolNumerics
@testable import TransitionHistory

/// The S3/T emulator (issue 13) against direct computations: every expectation compares with `TransitionAnalysis.run()`
/// at the same couplings and v (its own T_c, bounces and history), never with the emulator's own earlier output.
@Suite struct ActionCurveEmulatorTests {
    static let resources = try! ProjectResources.locate()
    static let table = try! StandardModelDegreesOfFreedom(resources: resources)
    static let family: ActionCurveEmulator.Family = { lambda, gRel in
        try DarkU1(vev: 1, lambda: lambda, gauge: DarkU1.rollingCoupling(lambda: lambda) * (1 + gRel))
    }

    /// The smallest grid, one 4 × 4 stencil, just below g_roll near BP1's λ = 0.006: strongly supercooled, every node
    /// completes at v = 1 GeV; built once for the suite (`EmulatorOnce`). The emulator over its whole default grid is
    /// checked against direct runs at random held-out points by `supercool emulator check` in scripts/test.sh (release).
    static let once = EmulatorOnce {
        let first = try ActionCurveEmulator.Axis.even(name: "lambda", from: 0.0056, to: 0.0064, count: 4, scale: .logarithmic)
        let second = try ActionCurveEmulator.Axis(name: "g_rel", nodes: [-2e-3, -1e-3, -4e-4, -1e-4], scale: .asinh(width: 1e-4))
        return try await ActionCurveEmulator.build(family: "darku1 test", first: first, second: second, model: family,
                                                   standardModel: table, jobs: 2, codeVersion: "test")
    }

    static func direct(_ lambda: Double, _ gRel: Double, vev: Double) throws -> TransitionResult {
        try TransitionAnalysis(model: try family(lambda, gRel).withVev(vev)!, standardModel: .table(table)).run()
    }
    static func emulated(_ lambda: Double, _ gRel: Double, vev: Double) async throws -> (TransitionResult, ActionCurveEmulator.Source) {
        let e = try await once.value().prepared(first: lambda, second: gRel, model: try family(lambda, gRel), standardModel: table)
        return (try e.prepared.result(vev: vev, standardModel: table), e.source)
    }

    @Test("Cubic Lagrange stencil: exact for cubics on a non-uniform grid, weights sum to 1, clamped at the ends")
    func lagrangeStencil() throws {
        let grid = [0.0, 0.3, 0.45, 1.0, 1.7, 2.0, 3.1]
        let f = { (x: Double) in 2 - x + 0.5 * x * x - 0.25 * x * x * x }
        for x in [0.0, 0.1, 0.44, 1.2, 1.99, 2.5, 3.1] {
            let s = try LagrangeStencil(grid: grid, at: x)
            let value = zip(s.indices, s.weights).reduce(0) { $0 + $1.1 * f(grid[$1.0]) }
            #expect(abs(value - f(x)) < 1e-12, "x = \(x)")
            #expect(abs(s.weights.reduce(0, +) - 1) < 1e-12)
            #expect(s.indices.lowerBound >= 0 && s.indices.upperBound <= grid.count)
        }
        // Outside: clamped to the end value (no extrapolation).
        let below = try LagrangeStencil(grid: grid, at: -1)
        #expect(below.start == 0 && abs(below.weights[0] - 1) < 1e-15)
        #expect(throws: NumericalError.self) { try LagrangeStencil(grid: [0, 1, 2], at: 0.5) }
    }

    @Test("At a node the emulator returns that node's transition: T_p, α, H*R* within 1e-4 of a direct run (only the resampling of S3/T)")
    func nodeReproduced() async throws {
        let emulator = try await Self.once.value()
        let (lambda, gRel) = (emulator.first.nodes[1], emulator.second.nodes[2])
        for v in [0.5] {
            let d = try Self.direct(lambda, gRel, vev: v)
            let (e, source) = try await Self.emulated(lambda, gRel, vev: v)
            #expect(source == .emulated)
            #expect(d.status == .completes && e.status == .completes)
            let (dTp, eTp) = (try #require(d.percolationTemperature), try #require(e.percolationTemperature))
            #expect(abs(eTp / dTp - 1) < 1e-4, "T_p \(eTp) vs \(dTp)")
            #expect(abs(e.alpha! / d.alpha! - 1) < 1e-3, "α \(e.alpha!) vs \(d.alpha!)")
            #expect(abs(e.hubbleRadius! / d.hubbleRadius! - 1) < 1e-3, "H*R* \(e.hubbleRadius!) vs \(d.hubbleRadius!)")
        }
    }

    @Test("Between nodes: T_p within 0.5 % of a direct run (the issue's target), α and H*R* within 2 %")
    func betweenNodes() async throws {
        for (lambda, gRel, v) in [(0.0059, -7e-4, 1.0), (0.0061, -2.5e-4, 30.0)] {
            let d = try Self.direct(lambda, gRel, vev: v)
            let (e, source) = try await Self.emulated(lambda, gRel, vev: v)
            #expect(source == .emulated)
            #expect(d.status.kind == e.status.kind)
            let (dTp, eTp) = (try #require(d.percolationTemperature), try #require(e.percolationTemperature))
            #expect(abs(eTp / dTp - 1) < 5e-3, "λ = \(lambda), g_rel = \(gRel): T_p \(eTp) vs \(dTp)")
            #expect(abs(e.alpha! / d.alpha! - 1) < 2e-2, "α \(e.alpha!) vs \(d.alpha!)")
            #expect(abs(e.hubbleRadius! / d.hubbleRadius! - 1) < 2e-2, "H*R* \(e.hubbleRadius!) vs \(d.hubbleRadius!)")
        }
    }

    @Test("JSON round trip gives the same emulated transition; other formats and broken grids are refused")
    func fileRoundTrip() async throws {
        let emulator = try await Self.once.value()
        let text = try emulator.json()
        let back = try ActionCurveEmulator(json: Data(text.utf8))
        let a = try emulator.prepared(first: 0.006, second: -5e-4, model: try Self.family(0.006, -5e-4), standardModel: Self.table)
        let b = try back.prepared(first: 0.006, second: -5e-4, model: try Self.family(0.006, -5e-4), standardModel: Self.table)
        #expect(try a.prepared.result(vev: 1, standardModel: Self.table).percolationTemperature
                == b.prepared.result(vev: 1, standardModel: Self.table).percolationTemperature)
        #expect(throws: (any Error).self) { try ActionCurveEmulator(json: Data(text.replacingOccurrences(of: ActionCurveEmulator.format, with: "other-1").utf8)) }
        #expect(throws: (any Error).self) { try ActionCurveEmulator(json: Data("{\"format\": 1}".utf8)) }
        #expect(throws: ActionCurveEmulator.EmulatorError.self) {
            try emulator.prepared(first: 0.01, second: -5e-4, model: try Self.family(0.01, -5e-4), standardModel: Self.table)
        }
    }
}

/// Builds a value once, on first request, for every test that awaits it (concurrent requests share the one build).
actor EmulatorOnce {
    private let make: @Sendable () async throws -> ActionCurveEmulator
    private var task: Task<ActionCurveEmulator, any Error>?
    init(_ make: @escaping @Sendable () async throws -> ActionCurveEmulator) { self.make = make }
    func value() async throws -> ActionCurveEmulator {
        if task == nil { task = Task { try await make() } }
        return try await task!.value
    }
}
