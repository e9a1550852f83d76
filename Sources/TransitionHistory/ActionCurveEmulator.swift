import Foundation
import Bounce
import Cosmology
import EffectivePotential
import SupercoolNumerics

/// An emulator of the scale-free part of a transition over two couplings (a, b) of a model family: S3/T(T/v),
/// ΔV(T)/v⁴, T_c/v and T_0/v, tabulated at the nodes of a grid in (a, b) by `TransitionAnalysis.prepare()` at
/// v = 1 GeV and interpolated in between, so that a likelihood over (v, a, b) costs one history
/// (`PreparedTransition.result(vev:)`, a few ms) instead of ~85 bounces.
///
/// How a curve is interpolated: each node's S3/T is mapped onto x ∈ [0, 1], ln(T/T_c) = u_low + x (u_high − u_low),
/// with u_high where S3/T rises through `level` towards T_c and u_low the bottom of the sampled range (the lowest sampled
/// T, or T_0 where the barrier vanishes) or, when S3/T exceeds `level` there, where it falls through it. Both ends move
/// smoothly with the couplings, so S3/T at fixed x, the ends and ln T_c/v are interpolated by a tensor-product cubic
/// Lagrange stencil (4 × 4 nodes). Above `level` Γ/H⁴ < e^{−700} for every v in range (`TransitionConventions
/// .resolvedActionLevel`): no nucleation that matters is cut. Bubbles keep growing below the range, so the history still
/// runs down to the bottom of the sampled range (u_bottom, interpolated likewise; ΔV/v⁴ is tabulated down to it).
/// Where a stencil mixes outcomes (an edge of the completion window: nodes without T_c, without nucleation, or with and
/// without a barrier at T = 0) or holds a node whose bounces failed, the point is computed directly (`prepare()`): the
/// emulator is used only where its inputs are alike, and says which way each point went (`Emulation.Source`). A stencil
/// of nodes that all have no T_c, no barrier at T_c, or no nucleation (S3/T ≥ `level` everywhere) gives that outcome.
/// The interpolation error is measured, not assumed: `EmulatorCheck` compares T_p, α, H*R* and the outcome with direct runs.
public struct ActionCurveEmulator: Sendable, Codable {
    /// One axis of the coupling grid: its node values and the coordinate in which the stencil is polynomial.
    public struct Axis: Sendable, Codable, Equatable {
        public enum Scale: Sendable, Codable, Equatable {
            case linear
            case logarithmic
            /// asinh(value/width): linear within ±width, logarithmic beyond (dense nodes near 0, e.g. g/g_roll − 1).
            case asinh(width: Double)
        }
        public let name: String
        public let nodes: [Double]
        public let scale: Scale

        public init(name: String, nodes: [Double], scale: Scale) throws {
            guard nodes.count >= 4 else { throw NumericalError("emulator axis \(name): needs at least 4 nodes, got \(nodes.count)") }
            guard nodes.allSatisfy(\.isFinite), zip(nodes, nodes.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw NumericalError("emulator axis \(name): nodes must be finite and strictly increasing")
            }
            if scale == .logarithmic, nodes[0] <= 0 { throw NumericalError("emulator axis \(name): a log axis needs positive nodes") }
            if case .asinh(let w) = scale, !(w > 0) { throw NumericalError("emulator axis \(name): asinh width must be > 0") }
            self.name = name; self.nodes = nodes; self.scale = scale
        }

        /// `count` nodes evenly spaced in the axis coordinate from `lower` to `upper`.
        public static func even(name: String, from lower: Double, to upper: Double, count: Int, scale: Scale) throws -> Axis {
            let probe = try Axis(name: name, nodes: [lower, lower + 1e-300 + abs(lower) * 1e-12, upper - abs(upper) * 1e-12, upper].sorted(), scale: scale)
            let (c0, c1) = (probe.coordinate(lower), probe.coordinate(upper))
            let nodes = (0..<count).map { k in probe.value(at: c0 + (c1 - c0) * Double(k) / Double(count - 1)) }
            return try Axis(name: name, nodes: nodes, scale: scale)
        }

        public func coordinate(_ x: Double) -> Double {
            switch scale {
            case .linear: return x
            case .logarithmic: return log(x)
            case .asinh(let w): return asinh(x / w)
            }
        }
        func value(at c: Double) -> Double {
            switch scale {
            case .linear: return c
            case .logarithmic: return exp(c)
            case .asinh(let w): return w * sinh(c)
            }
        }
        var coordinates: [Double] { nodes.map(coordinate) }
        public var range: ClosedRange<Double> { nodes[0]...nodes[nodes.count - 1] }
    }

    /// What `prepare()` gave at one node (at v = 1 GeV).
    public struct Node: Sendable, Codable {
        public enum Kind: String, Sendable, Codable {
            case curve, noCriticalTemperature, noBarrierAtCriticalTemperature, noNucleation, symmetricPhaseDeeper, failed
        }
        public var kind: Kind
        /// ln(T_c/v), ln(T_0/v) (T_0: the barrier vanishes; nil if it survives to T = 0).
        var logTc: Double?
        var logT0: Double?
        var startsAtBarrierVanishing = false
        /// Whether the node's S3/T sampling was resolved (`ActionCurve.SampleSet.resolved`; a direct run reports the same).
        var resolved = true
        /// The emulated range in u = ln(T/T_c).
        var uLow: Double?
        var uHigh: Double?
        /// The bottom of the history, u = ln(T/T_c) (T_0, or the lowest sampled fraction of T_c; `PreparedTransition`).
        var uBottom: Double?
        /// S3/T at the x grid on [u_low, u_high]; ΔV/v⁴ at the x grid on [u_bottom, u_high].
        var action: [Double] = []
        var depth: [Double] = []
        /// The sampled minimum of S3/T (noNucleation nodes) and ln of its T/v.
        var minimumAction: Double?
        var logTemperatureOfMinimum: Double?
        /// V(φ_b) − V(0) at T = 0 over v⁴ (symmetricPhaseDeeper).
        var vacuumEnergyDifference: Double?
        /// Why a node failed.
        public var note: String?
    }

    public let family: String
    public let first: Axis
    public let second: Axis
    public let potentialConventions: PotentialConventions
    public let conventions: TransitionConventions
    /// The S3/T that bounds each node's emulated range: the conventions' resolved level (derived, not stored).
    public var level: Double { conventions.resolvedActionLevel }
    public let xGrid: [Double]
    /// Row-major: node (i, j) at i·second.nodes.count + j.
    public let nodes: [Node]
    /// Wall time of the build (s) and the code that made it.
    public let buildSeconds: Double
    public let codeVersion: String

    /// The model of the family at couplings (a, b) and v = 1 GeV.
    public typealias Family = @Sendable (_ a: Double, _ b: Double) throws -> any ParticleModel

    public static let referenceVev = 1.0
    public static let defaultPoints = 121

    /// Tabulate the grid: one `prepare()` per node (at v = 1 GeV), `jobs` at a time; `progress(done, total)` after each.
    public static func build(family name: String, first: Axis, second: Axis, model: @escaping Family,
                             potentialConventions: PotentialConventions = .default, conventions: TransitionConventions = .default,
                             standardModel table: StandardModelDegreesOfFreedom, points: Int = defaultPoints, jobs: Int = 1,
                             codeVersion: String, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ActionCurveEmulator {
        guard points >= 16 else { throw NumericalError("emulator: at least 16 points per curve, got \(points)") }
        let start = Date()
        let level = conventions.resolvedActionLevel
        let xGrid = (0..<points).map { Double($0) / Double(points - 1) }
        let pairs = first.nodes.flatMap { a in second.nodes.map { b in (a, b) } }
        var nodes = [Node?](repeating: nil, count: pairs.count)
        try await withThrowingTaskGroup(of: (Int, Node).self) { group in
            var next = 0, done = 0
            func submit() {
                let k = next, (a, b) = pairs[k]
                next += 1
                group.addTask {
                    let node: Node
                    do {
                        let analysis = TransitionAnalysis(model: try model(a, b), potentialConventions: potentialConventions,
                                                          conventions: conventions, standardModel: .table(table))
                        node = try tabulate(try analysis.prepare(), level: level, xGrid: xGrid)
                    } catch {
                        node = Node(kind: .failed, note: "\(error)")
                    }
                    return (k, node)
                }
            }
            for _ in 0..<min(max(jobs, 1), pairs.count) { submit() }
            while let (k, node) = try await group.next() {
                nodes[k] = node
                done += 1
                progress(done, pairs.count)
                if next < pairs.count { submit() }
            }
        }
        return ActionCurveEmulator(family: name, first: first, second: second, potentialConventions: potentialConventions,
                                   conventions: conventions, xGrid: xGrid, nodes: nodes.map { $0! },
                                   buildSeconds: Date().timeIntervalSince(start), codeVersion: codeVersion)
    }

    /// A node's record of a prepared transition (at v = 1 GeV).
    static func tabulate(_ p: PreparedTransition, level: Double, xGrid: [Double]) throws -> Node {
        let v = p.referenceVev
        switch p.stage {
        case .early(.symmetricPhaseDeeper(let dv0)):
            return Node(kind: .symmetricPhaseDeeper, vacuumEnergyDifference: dv0 / pow(v, 4))
        case .early(.noCriticalTemperature):
            return Node(kind: .noCriticalTemperature)
        case .early(.noBarrierAtCriticalTemperature(let Tc, let T0)):
            return Node(kind: .noBarrierAtCriticalTemperature, logTc: log(Tc / v), logT0: T0.map { log($0 / v) })
        case .early(.noNucleation(let Tc, let T0, let set)):
            guard let m = set.minimum else { return Node(kind: .failed, note: "no nucleation without samples") }
            return Node(kind: .noNucleation, logTc: log(Tc / v), logT0: T0.map { log($0 / v) }, minimumAction: m.actionOverT,
                        logTemperatureOfMinimum: log(m.temperature / v))
        case .curve(let c):
            guard c.vacuum == nil else { return Node(kind: .failed, note: "O(4) rate not emulated") }
            let curve = c.curve, Tc = c.criticalTemperature
            let (lo, hi) = (curve.temperatureRange.lowerBound, curve.temperatureRange.upperBound)
            let m = c.minimum
            guard curve(hi) >= level, m.value < level else {
                return Node(kind: .failed, note: "S3/T does not span the level \(level) (top \(curve(hi)), minimum \(m.value))")
            }
            let finder = RootFinder(relativeTolerance: 1e-13)
            // Where S3/T crosses the level above the minimum (towards T_c) and, if it exceeds it at the bottom, below.
            let tHigh = try finder.root(of: { curve($0) - level }, in: m.temperature, hi)
            let tLow = curve(lo) <= level ? lo : try finder.root(of: { curve($0) - level }, in: lo, m.temperature)
            let uLow = log(tLow / Tc), uHigh = log(tHigh / Tc), uBottom = log(c.bottom / Tc)
            var action = [Double](), depth = [Double]()
            for x in xGrid {
                action.append(curve(Tc * exp(uLow + x * (uHigh - uLow))))
                depth.append(c.depth(log(Tc) + uBottom + x * (uHigh - uBottom)) / pow(v, 4))
            }
            // A value JSON cannot hold (or physics cannot use) makes the node failed, never the file.
            guard (action + depth + [uLow, uHigh, uBottom, log(Tc / v)]).allSatisfy(\.isFinite), uLow < uHigh, uBottom <= uLow else {
                return Node(kind: .failed, note: "non-finite or inconsistent tabulated values")
            }
            return Node(kind: .curve, logTc: log(Tc / v), logT0: c.barrierVanishing.map { log($0 / v) },
                        startsAtBarrierVanishing: c.samples.startsAtBarrierVanishing, resolved: c.samples.resolved, uLow: uLow, uHigh: uHigh, uBottom: uBottom,
                        action: action, depth: depth)
        }
    }

    /// Which way a point was computed.
    public enum Source: Sendable, Equatable {
        /// The 4 × 4 cubic stencil.
        case emulated
        /// Not computed: the stencil straddles the edge where nucleation stops and none of its nodes completes at the
        /// query's v (`prepared(…, vev:)`); the prepared transition says `no_nucleation` with the nodes' lowest S3/T minimum.
        case excludedByNodes
        /// Computed by `prepare()`: the stencil's nodes were not alike (the reason).
        case direct(String)
    }

    public struct Emulation: Sendable {
        public let prepared: PreparedTransition
        public let source: Source
    }

    public enum EmulatorError: Error, Sendable, CustomStringConvertible {
        case outsideGrid(axis: String, value: Double, range: ClosedRange<Double>)
        public var description: String {
            switch self {
            case .outsideGrid(let axis, let value, let r):
                return "\(axis) = \(value) is outside the emulator's grid [\(r.lowerBound), \(r.upperBound)]"
            }
        }
    }

    /// The prepared transition at couplings (a, b): emulated where the 4 × 4 stencil's nodes are alike, else direct.
    /// `model` is the family's model at (a, b) and v = 1 GeV (`Family`). With `vev`, a stencil that straddles the edge where
    /// nucleation stops (nodes with and without an S3/T curve below the level) is first checked node by node at that v:
    /// when no node completes (and none has a T_0, so none rolls), the point is taken not to complete either
    /// (`Source.excludedByNodes`, no computation; the smoothness premise of the interpolation, measured by `EmulatorCheck`).
    public func prepared(first a: Double, second b: Double, model: any ParticleModel,
                         standardModel table: StandardModelDegreesOfFreedom, vev: Double? = nil) throws -> Emulation {
        guard first.range.contains(a) else { throw EmulatorError.outsideGrid(axis: first.name, value: a, range: first.range) }
        guard second.range.contains(b) else { throw EmulatorError.outsideGrid(axis: second.name, value: b, range: second.range) }
        let analysis = TransitionAnalysis(model: model, potentialConventions: potentialConventions, conventions: conventions,
                                          standardModel: .table(table))
        let sa = try LagrangeStencil(grid: first.coordinates, at: first.coordinate(a))
        let sb = try LagrangeStencil(grid: second.coordinates, at: second.coordinate(b))
        var stencil = [(node: Node, weight: Double)]()
        for (i, wa) in zip(sa.indices, sa.weights) {
            for (j, wb) in zip(sb.indices, sb.weights) {
                stencil.append((nodes[i * second.nodes.count + j], wa * wb))
            }
        }
        switch try emulate(stencil, analysis: analysis, model: model) {
        case .done(let prepared):
            return Emulation(prepared: prepared, source: .emulated)
        case .mixed(let why):
            if let vev, Set(stencil.map(\.node.kind)) == [.curve, .noNucleation], stencil.allSatisfy({ $0.node.logT0 == nil }) {
                var anyCompletes = false
                for (node, _) in stencil where node.kind == .curve {
                    guard case .done(let alone) = try emulate([(node, 1)], analysis: analysis, model: model) else { anyCompletes = true; break }
                    if try alone.result(vev: vev, standardModel: table, extras: []).completes { anyCompletes = true; break }
                }
                if !anyCompletes {
                    let m = stencil.filter { $0.node.kind == .noNucleation }.map(\.node).min { $0.minimumAction! < $1.minimumAction! }!
                    let sample = ActionCurve.Sample(temperature: exp(m.logTemperatureOfMinimum!) * model.vev, actionOverT: m.minimumAction!)
                    let set = ActionCurve.SampleSet(samples: [sample], failures: [], lowestTemperature: sample.temperature,
                                                    startsAtBarrierVanishing: false, resolved: true)
                    let early = PreparedTransition.Early.noNucleation(criticalTemperature: model.vev * exp(stencil.reduce(0) { $0 + $1.weight * $1.node.logTc! }),
                                                                     barrierVanishing: nil, samples: set)
                    return Emulation(prepared: PreparedTransition(analysis: analysis, stage: .early(early)), source: .excludedByNodes)
                }
            }
            return Emulation(prepared: try analysis.prepare(), source: .direct(why))
        }
    }

    enum Attempt { case done(PreparedTransition), mixed(String) }

    /// The prepared transition interpolated from `stencil` (nodes with weights summing to 1), or why the nodes are not alike.
    func emulate(_ stencil: [(node: Node, weight: Double)], analysis: TransitionAnalysis, model: any ParticleModel) throws -> Attempt {
        let kinds = Set(stencil.map(\.node.kind))
        guard kinds.count == 1, let kind = kinds.first else {
            return .mixed("a window edge: the stencil holds " + kinds.map(\.rawValue).sorted().joined(separator: ", "))
        }
        func mix(_ f: (Node) -> Double) -> Double { stencil.reduce(0) { $0 + $1.weight * f($1.node) } }
        let v = model.vev
        func early(_ e: PreparedTransition.Early) -> Attempt { .done(PreparedTransition(analysis: analysis, stage: .early(e))) }
        switch kind {
        case .failed:
            return .mixed("a node of the stencil failed")
        case .symmetricPhaseDeeper:
            return early(.symmetricPhaseDeeper(vacuumEnergyDifference: min(mix { $0.vacuumEnergyDifference! }, 0) * pow(v, 4)))
        case .noCriticalTemperature:
            return early(.noCriticalTemperature)
        case .noBarrierAtCriticalTemperature, .noNucleation, .curve:
            let Tc = v * exp(mix { $0.logTc! })
            // T_0 from the nodes when all have one (or none); where the stencil straddles the appearance of a barrier at
            // T = 0 (g_roll), the query's own T_0 (a root of V''(0, T), cheap). Only whether and where the S3/T range ends
            // at T_0 shapes the curve: stencils that disagree on that are computed directly.
            let withT0 = stencil.filter { $0.node.logT0 != nil }.count
            let T0: Double?
            if withT0 == 0 { T0 = nil } else if withT0 == stencil.count { T0 = v * exp(mix { $0.logT0! }) } else {
                T0 = try PhaseStructure(potential: ThermalEffectivePotential(model: model, conventions: potentialConventions))
                    .barrierDisappearanceTemperature(criticalTemperature: Tc)
            }
            if kind == .noBarrierAtCriticalTemperature { return early(.noBarrierAtCriticalTemperature(criticalTemperature: Tc, barrierVanishing: T0)) }
            if kind == .noNucleation {
                let sample = ActionCurve.Sample(temperature: v * exp(mix { $0.logTemperatureOfMinimum! }), actionOverT: max(mix { $0.minimumAction! }, level))
                let set = ActionCurve.SampleSet(samples: [sample], failures: [], lowestTemperature: sample.temperature,
                                                startsAtBarrierVanishing: false, resolved: true)
                return early(.noNucleation(criticalTemperature: Tc, barrierVanishing: T0, samples: set))
            }
            guard Set(stencil.map(\.node.startsAtBarrierVanishing)).count == 1 else {
                return .mixed("the stencil mixes S3/T ranges that end at T_0 and at the lowest sampled T")
            }
            if withT0 != 0 && withT0 != stencil.count, let T0, T0 >= conventions.lowestSampledFraction * Tc {
                return .mixed("the query's T_0 lies inside the sampled range while its stencil's ranges do not end there")
            }
            let uLow = mix { $0.uLow! }, uHigh = mix { $0.uHigh! }, uBottom = min(mix { $0.uBottom! }, uLow)
            var samples = [ActionCurve.Sample](), logTs = [Double](), depths = [Double]()
            for (k, x) in xGrid.enumerated() {
                let T = Tc * exp(uLow + x * (uHigh - uLow))
                samples.append(.init(temperature: T, actionOverT: max(mix { $0.action[k] }, 0)))
                logTs.append(log(Tc) + uBottom + x * (uHigh - uBottom)); depths.append(mix { $0.depth[k] } * pow(v, 4))
            }
            let starts = stencil[0].node.startsAtBarrierVanishing
            let set = ActionCurve.SampleSet(samples: samples, failures: [], lowestTemperature: samples[0].temperature,
                                            startsAtBarrierVanishing: starts, resolved: stencil.allSatisfy(\.node.resolved))
            let curve = try ActionCurve(set, cutoff: conventions.actionOverTemperatureCutoff)
            let tunnelling = ThermalTunnelling(potential: ThermalEffectivePotential(model: model, conventions: potentialConventions))
            return .done(PreparedTransition(analysis: analysis, stage: .curve(.init(
                tunnelling: tunnelling, criticalTemperature: Tc, barrierVanishing: T0, samples: set, curve: curve,
                minimum: try curve.minimum(), bottom: Tc * exp(uBottom), depth: try Interpolant(x: logTs, y: depths, kind: .cubic), vacuum: nil))))
        }
    }
}

/// The emulator's error, measured: T_p (and the outcome) of emulated points against direct `TransitionAnalysis` runs.
public struct EmulatorCheck: Sendable, Codable {
    public struct Point: Sendable, Codable {
        public let first: Double, second: Double, vev: Double
        /// Outcome codes (`TransitionOutcome.code`) of the direct and the emulated computation.
        public let directOutcome: String, emulatedOutcome: String
        /// How the emulator side went: interpolated, settled from the stencil's nodes (`Source.excludedByNodes`), computed
        /// directly (a mixed stencil), or not computed at all (either side threw: `failure`).
        public enum Route: String, Sendable, Codable { case emulated, excludedByNodes = "excluded_by_nodes", direct, failed }
        public let route: Route
        public var emulated: Bool { route == .emulated }
        public var excludedByNodes: Bool { route == .excludedByNodes }
        public let directTp: Double?, emulatedTp: Double?
        public let directAlpha: Double?, emulatedAlpha: Double?
        public let directHR: Double?, emulatedHR: Double?
        /// Why the point could not be computed (either way; route `failed`), or nil; its outcomes then read "failed".
        public var failure: String? = nil
        /// Wall times (s): the direct run; the emulated preparation and the history at v.
        public let directSeconds: Double, emulatorSeconds: Double, historySeconds: Double
        /// |T_p,emulated/T_p,direct − 1| where both percolate.
        public var percolationError: Double? {
            guard let d = directTp, let e = emulatedTp else { return nil }
            return abs(e / d - 1)
        }
    }
    public let points: [Point]

    /// How held-out points are drawn: uniform in the axes' own coordinates (dense where the nodes are: the hardest region),
    /// or uniform in log λ and linearly in the second coupling (as `ModelParameterProblem`'s default priors).
    public enum Sampling: String, Sendable, Codable, CaseIterable { case grid, prior }

    /// `count` points drawn by `sampling` in (a, b) and in log10 v ∈ `log10Vev`, from `seed`
    /// (SplitMix64), computed both ways (`jobs` at a time).
    /// A point where either computation throws is kept with the error (`failure`), and the others go on.
    public static func run(_ emulator: ActionCurveEmulator, model: @escaping ActionCurveEmulator.Family, log10Vev: ClosedRange<Double>,
                           count: Int, seed: UInt64, sampling: Sampling = .grid, standardModel table: StandardModelDegreesOfFreedom, jobs: Int = 1,
                           progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> EmulatorCheck {
        if sampling == .prior, emulator.first.scale != .logarithmic {
            throw NumericalError("prior sampling draws the first axis log-uniformly: it must be a log axis (\(emulator.first.name) is not)")
        }
        var rng = SplitMix64(seed: seed)
        let (ca, cb) = (emulator.first.coordinates, emulator.second.coordinates)
        let inputs: [(Double, Double, Double)] = (0..<count).map { _ in
            let (ua, ub) = (rng.nextUnit(), rng.nextUnit())
            let a = sampling == .grid ? emulator.first.value(at: ca[0] + (ca[ca.count - 1] - ca[0]) * ua)
                : exp(log(emulator.first.range.lowerBound) + log(emulator.first.range.upperBound / emulator.first.range.lowerBound) * ua)
            let b = sampling == .grid ? emulator.second.value(at: cb[0] + (cb[cb.count - 1] - cb[0]) * ub)
                : emulator.second.range.lowerBound + (emulator.second.range.upperBound - emulator.second.range.lowerBound) * ub
            let lv = log10Vev.lowerBound + (log10Vev.upperBound - log10Vev.lowerBound) * rng.nextUnit()
            return (min(max(a, emulator.first.range.lowerBound), emulator.first.range.upperBound),
                    min(max(b, emulator.second.range.lowerBound), emulator.second.range.upperBound), pow(10, lv))
        }
        var points = [Point?](repeating: nil, count: count)
        await withTaskGroup(of: (Int, Point).self) { group in
            var next = 0, done = 0
            func submit() {
                let k = next, (a, b, v) = inputs[k]
                next += 1
                group.addTask {
                  do {
                    let unit = try model(a, b)
                    let atV = try unit.withVev(v) ?? unit
                    let t0 = Date()
                    let direct = try TransitionAnalysis(model: atV, potentialConventions: emulator.potentialConventions,
                                                        conventions: emulator.conventions, standardModel: .table(table)).run()
                    let t1 = Date()
                    let e = try emulator.prepared(first: a, second: b, model: unit, standardModel: table, vev: v)
                    let t2 = Date()
                    let emulated = try e.prepared.result(vev: v, standardModel: table, extras: [])
                    let t3 = Date()
                    return (k, Point(first: a, second: b, vev: v, directOutcome: direct.status.code, emulatedOutcome: emulated.status.code,
                                     route: { switch e.source { case .emulated: .emulated; case .excludedByNodes: .excludedByNodes; case .direct: .direct } }(), directTp: direct.percolationTemperature, emulatedTp: emulated.percolationTemperature,
                                     directAlpha: direct.alpha, emulatedAlpha: emulated.alpha, directHR: direct.hubbleRadius, emulatedHR: emulated.hubbleRadius,
                                     directSeconds: t1.timeIntervalSince(t0), emulatorSeconds: t2.timeIntervalSince(t1), historySeconds: t3.timeIntervalSince(t2)))
                  } catch {
                    return (k, Point(first: a, second: b, vev: v, directOutcome: "failed", emulatedOutcome: "failed", route: .failed,
                                     directTp: nil, emulatedTp: nil, directAlpha: nil, emulatedAlpha: nil, directHR: nil,
                                     emulatedHR: nil, failure: "\(error)", directSeconds: 0, emulatorSeconds: 0, historySeconds: 0))
                  }
                }
            }
            for _ in 0..<min(max(jobs, 1), count) { submit() }
            while let (k, p) = await group.next() {
                points[k] = p
                done += 1
                progress(done, count)
                if next < count { submit() }
            }
        }
        return EmulatorCheck(points: points.map { $0! })
    }
}

extension ActionCurveEmulator {
    /// The file format's name and version (a JSON object: this key, then the emulator's fields).
    public static let format = "supercool-action-curve-emulator-2"

    private struct File: Codable {
        let format: String
        let emulator: ActionCurveEmulator
    }

    /// JSON (sorted keys): `format`, `emulator` {family, first, second (name, nodes, scale), potentialConventions,
    /// conventions, xGrid, nodes [{kind, logTc, logT0, startsAtBarrierVanishing, uLow, uHigh, action, depth, …}],
    /// buildSeconds, codeVersion}.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(File(format: Self.format, emulator: self)), as: UTF8.self)
    }

    /// Reads `json()`'s output; refuses other formats and inconsistent grids.
    public init(json data: Data) throws {
        let file = try JSONDecoder().decode(File.self, from: data)
        guard file.format == Self.format else { throw NumericalError("format '\(file.format)', expected '\(Self.format)'") }
        let e = file.emulator
        guard e.nodes.count == e.first.nodes.count * e.second.nodes.count else {
            throw NumericalError("\(e.nodes.count) nodes for a \(e.first.nodes.count) × \(e.second.nodes.count) grid")
        }
        guard e.xGrid.count >= 16, e.xGrid.first == 0, e.xGrid.last == 1, zip(e.xGrid, e.xGrid.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw NumericalError("the x grid must rise strictly from 0 to 1 with at least 16 points")
        }
        guard (1e-3...1).contains(e.conventions.wallVelocity), (1e-3...5).contains(e.conventions.percolationThreshold) else {
            throw NumericalError("conventions outside their ranges (v_w \(e.conventions.wallVelocity), I_p \(e.conventions.percolationThreshold))")
        }
        // Every field each kind of node is read with (`emulate`), present and finite.
        func finite(_ xs: Double?...) -> Bool { xs.allSatisfy { $0?.isFinite == true } }
        for (k, n) in e.nodes.enumerated() {
            let ok: Bool
            switch n.kind {
            case .curve:
                ok = n.action.count == e.xGrid.count && n.depth.count == e.xGrid.count && (n.action + n.depth).allSatisfy(\.isFinite)
                    && finite(n.logTc, n.uLow, n.uHigh, n.uBottom) && (n.logT0 == nil || finite(n.logT0))
            case .noNucleation:
                ok = finite(n.logTc, n.minimumAction, n.logTemperatureOfMinimum) && (n.logT0 == nil || finite(n.logT0))
            case .noBarrierAtCriticalTemperature:
                ok = finite(n.logTc) && (n.logT0 == nil || finite(n.logT0))
            case .symmetricPhaseDeeper:
                ok = finite(n.vacuumEnergyDifference)
            case .noCriticalTemperature, .failed:
                ok = true
            }
            guard ok else { throw NumericalError("node \(k) (\(n.kind.rawValue)) lacks a finite value it needs") }
        }
        // Axes are re-validated (strictly increasing nodes etc.).
        _ = try Axis(name: e.first.name, nodes: e.first.nodes, scale: e.first.scale)
        _ = try Axis(name: e.second.name, nodes: e.second.nodes, scale: e.second.scale)
        self = e
    }
}
