#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SupercoolNumerics

/// A local minimum of V_eff at fixed temperature.
public struct Minimum: Sendable, Equatable, Codable {
    /// Field value (GeV).
    public let phi: Double
    /// V_eff there minus its field-independent thermal part, `ThermalEffectivePotential.shiftedValue` (GeV⁴):
    /// differences between minima keep their precision (add `fieldIndependentPart(temperature:)` for V_eff itself).
    public let value: Double
    public init(phi: Double, value: Double) { self.phi = phi; self.value = value }
}

/// The barrier (local maximum) between the origin and the broken minimum.
public struct Barrier: Sendable, Equatable, Codable {
    public let phi: Double
    /// V(barrier) − V(0) (GeV⁴).
    public let height: Double
    public init(phi: Double, height: Double) { self.phi = phi; self.height = height }
}

/// Phases of a Z2-symmetric single-field potential: the symmetric phase at φ = 0 and the broken
/// minimum at φ > 0, tracked in temperature; T_c and the temperature where the barrier vanishes.
public struct PhaseStructure: Sendable {
    public let potential: ThermalEffectivePotential
    /// Field range scanned for minima, in units of v (minima beyond it are not looked for).
    public let fieldRangeInVev: Double
    /// Grid points per v in the scan.
    public let gridPointsPerVev: Int

    public init(potential: ThermalEffectivePotential, fieldRangeInVev: Double = 2.5, gridPointsPerVev: Int = 100) {
        self.potential = potential
        self.fieldRangeInVev = fieldRangeInVev
        self.gridPointsPerVev = gridPointsPerVev
    }

    var v: Double { potential.vev }

    /// Below this fraction of v the scan is logarithmic (`logPointsPerDecade` per decade from `smallestFieldInVev`·v).
    public static let logarithmicBelowVev = 0.1
    public static let smallestFieldInVev = 1e-8
    public static let logPointsPerDecade = 8

    /// The scan grid (GeV): log-spaced from `smallestFieldInVev`·v up to 0.1 v, then the linear grid of
    /// 1/`gridPointsPerVev` (cell midpoints (k + ½)/gridPointsPerVev · v) up to `fieldRangeInVev`·v. Weak transitions
    /// (small g: the transverse Z' cubic −E T φ³, E = 2g³/(12π)) have their barrier and broken minimum at ET/λ and 2ET/λ,
    /// far inside the first linear cell; the log part resolves them (a factor 10^{1/8} = 1.33 between points, against
    /// the factor 2 between barrier top and minimum at T_c).
    /// The log part only for models that declare their tree split (`ParticleModel.treeMassSquaredAtOrigin`): without it
    /// V' carries O(μ²φ) round-off that stalls the bounces of such tiny minima, so they are not looked for (as before).
    func scanGrid() -> [Double] {
        let n = Int(fieldRangeInVev * Double(gridPointsPerVev))
        let step = fieldRangeInVev * v / Double(n)
        guard potential.model.treeMassSquaredAtOrigin != nil else { return (0...n).map { (Double($0) + 0.5) * step } }
        let decades = log10(Self.logarithmicBelowVev / Self.smallestFieldInVev)
        let logPoints = Int((decades * Double(Self.logPointsPerDecade)).rounded())
        var grid = (0..<logPoints).map { k in Self.smallestFieldInVev * v * pow(10, Double(k) / Double(Self.logPointsPerDecade)) }
        let linearStart = Self.logarithmicBelowVev * v
        for k in 0...n {
            let phi = (Double(k) + 0.5) * step
            if phi >= linearStart { grid.append(phi) }
        }
        return grid
    }

    /// The deepest local minimum with φ > 0, or nil if the broken phase does not exist at T (minima below
    /// `smallestFieldInVev`·v are not looked for).
    public func brokenMinimum(at T: Double) throws -> Minimum? {
        let dV: (Double) -> Double = { potential.derivative($0, temperature: T) }
        let grid = scanGrid()
        var best: Minimum?
        var previousPhi = grid[0]
        var previous = dV(previousPhi)
        guard previous.isFinite else { throw NumericalError("∂V/∂φ is not finite at φ = \(previousPhi) GeV, T = \(T) GeV") }
        for phi in grid.dropFirst() {
            let current = dV(phi)
            guard current.isFinite else { throw NumericalError("∂V/∂φ is not finite at φ = \(phi) GeV, T = \(T) GeV") }
            if previous < 0 && current >= 0 {
                let root = try RootFinder(relativeTolerance: 1e-13).root(of: dV, in: previousPhi, phi)
                let value = potential.shiftedValue(root, temperature: T)
                if best == nil || value < best!.value { best = Minimum(phi: root, value: value) }
            }
            previous = current; previousPhi = phi
        }
        return best
    }

    /// ∂²V/∂φ² at the origin (GeV²): positive when the symmetric phase is (meta)stable.
    /// The potential's own V'' (central difference of the analytic V', step ε = 1e-8 v at the origin; by the
    /// φ → −φ symmetry it equals V'(ε)/ε). Its error is O(ε), from the daisy's φ³-like terms (T g³φ³/(12π)).
    /// When the model splits its tree potential (`ParticleModel.treeMassSquaredAtOrigin`) it is the analytic sum of the
    /// φ²-coefficients instead (`ThermalEffectivePotential.curvatureAtOriginAnalytic`), the value the bounce sees: exact
    /// where the barrier sits at 1e-8 v (weak transitions near T_0), where the difference would straddle it.
    public func curvatureAtOrigin(at T: Double) -> Double {
        potential.curvatureAtOriginAnalytic(temperature: T) ?? potential.secondDerivative(0, temperature: T)
    }

    /// The maximum between the origin and the broken minimum, if the origin is a local minimum.
    public func barrier(at T: Double) throws -> Barrier? {
        guard curvatureAtOrigin(at: T) > 0, let broken = try brokenMinimum(at: T) else { return nil }
        let dV: (Double) -> Double = { potential.derivative($0, temperature: T) }
        let n = max(20, Int(Double(gridPointsPerVev) * broken.phi / v))
        var previousPhi = 1e-6 * min(v, broken.phi)
        var previous = dV(previousPhi)
        for k in 1...n {
            let phi = broken.phi * Double(k) / Double(n + 1)
            let current = dV(phi)
            if previous > 0 && current <= 0 {
                let top = try RootFinder(relativeTolerance: 1e-12).root(of: dV, in: previousPhi, phi)
                return Barrier(phi: top, height: potential.shiftedValue(top, temperature: T) - potential.shiftedValue(0, temperature: T))
            }
            previous = current; previousPhi = phi
        }
        return nil
    }

    /// ΔV(T) = V(0, T) − V(φ_b(T), T) (GeV⁴): positive when the broken phase is the deeper one.
    public func vacuumEnergyDifference(at T: Double) throws -> Double? {
        guard let broken = try brokenMinimum(at: T) else { return nil }
        // Summed as ½ V''(0) φ² + higher orders (`differenceFromOriginAndDerivative`): a difference of two V values
        // keeps only ~1e-16 V(0) absolute, 1e-3 of a weak transition's ΔV, which would misplace T_c against the bounce.
        return -potential.differenceFromOriginAndDerivative(broken.phi, temperature: T).value
    }

    /// Critical temperature: the broken and symmetric minima are degenerate (GeV); nil if the broken
    /// minimum disappears before becoming degenerate (no first-order transition) or none is found
    /// below `maximumInVev`·v.
    public func criticalTemperature(maximumInVev: Double = 10) throws -> Double? {
        var lower = 1e-3 * v
        let start = try vacuumEnergyDifference(at: lower)
        if start.map({ $0 <= 0 }) ?? true {
            // The broken phase is not the deeper one at 10⁻³ v: T_c lies lower (radiative breaking with tiny couplings,
            // where ΔV0/v⁴ ~ g⁴/(128π²)) or not at all. Step down by decades to where it is, then locate the edge.
            var T = lower
            for _ in 0..<9 {
                if let dv = try vacuumEnergyDifference(at: T / 10), dv > 0 {
                    if let above = try vacuumEnergyDifference(at: T) { return above <= 0 ? try degeneracy(in: T / 10, T) : nil }
                    return try criticalBelowDisappearance(T / 10, T)
                }
                T /= 10
            }
            return nil
        }
        var upper = lower
        var found = false
        while upper < maximumInVev * v {
            let next = upper * 1.1
            guard let dv = try vacuumEnergyDifference(at: next) else {
                // The broken minimum vanished between upper and next: a first-order T_c needs ΔV → 0 first.
                return try criticalBelowDisappearance(upper, next)
            }
            if dv <= 0 { lower = upper; upper = next; found = true; break }
            upper = next
        }
        guard found else { return nil }
        return try degeneracy(in: lower, upper)
    }

    /// T in [lower, upper] where ΔV(T) = 0, given ΔV(lower) > 0 ≥ ΔV(upper) with the broken minimum present at
    /// both ends (no sentinel for a missing minimum: that is an error with the temperature).
    private func degeneracy(in lower: Double, _ upper: Double) throws -> Double {
        try RootFinder(relativeTolerance: 1e-10).root(ofThrowing: { T in
            if let dv = try vacuumEnergyDifference(at: T) { return dv }
            throw NumericalError("T_c: the broken minimum vanished at T = \(T) GeV inside a bracket where it exists at both ends")
        }, in: lower, upper)
    }

    /// Between `a` (broken phase deeper) and `b` (broken minimum gone): where the broken phase stops being the deeper
    /// one. If it first becomes degenerate, that is T_c; if it vanishes while still deeper, there is no T_c.
    private func criticalBelowDisappearance(_ a: Double, _ b: Double) throws -> Double? {
        let edge = try Bisection.boundary(holds: a, fails: b, steps: 60) { T in (try vacuumEnergyDifference(at: T)).map { $0 > 0 } ?? false }
        guard let dv = try vacuumEnergyDifference(at: edge.fails), dv <= 0 else { return nil }
        return try degeneracy(in: edge.holds, edge.fails)
    }

    /// The temperature below T_c at which the origin turns from a minimum into a maximum (the barrier
    /// vanishes), or nil if the origin stays metastable down to T = 0 (g > g_roll: supercooling). A classically
    /// conformal potential has V''(0) = 0 exactly at T = 0 (its finite difference is −1e-17 v² of round-off), so the
    /// curvature is also asked at 10⁻⁶ T_c: positive there means the barrier outlives every temperature of interest
    /// (the history is sampled down to 0.002 T_c), and T_0 is reported as nil rather than as a round-off root.
    public func barrierDisappearanceTemperature(criticalTemperature Tc: Double) throws -> Double? {
        if curvatureAtOrigin(at: 0) > 0 || curvatureAtOrigin(at: 1e-6 * Tc) > 0 { return nil }
        guard curvatureAtOrigin(at: Tc) > 0 else { return Tc }
        return try RootFinder(relativeTolerance: 1e-10).root(of: { curvatureAtOrigin(at: $0) }, in: 0, Tc)
    }

    /// Broken minimum at each temperature (nil where it does not exist), followed by continuation as PhaseTracer
    /// and CosmoTransitions do: each temperature starts from the previous minimum and brackets the zero of V' around
    /// it (a handful of V' evaluations instead of the 250-point scan). The full scan (`brokenMinimum`, the deepest
    /// minimum) is done at the first temperature, wherever the local bracket finds nothing (the phase ended or
    /// jumped), and every `rescanEvery` temperatures, to catch a new, deeper minimum appearing elsewhere.
    public func trackBrokenMinimum(temperatures: [Double], rescanEvery: Int = 16) throws -> [(temperature: Double, minimum: Minimum?)] {
        var previous: Minimum?
        var track = [(temperature: Double, minimum: Minimum?)]()
        for (i, T) in temperatures.enumerated() {
            var minimum: Minimum?
            if let p = previous, i % max(rescanEvery, 1) != 0 { minimum = try localMinimum(at: T, near: p.phi) }
            if minimum == nil { minimum = try brokenMinimum(at: T) }
            track.append((T, minimum))
            previous = minimum
        }
        return track
    }

    /// The minimum of V(·, T) next to `guess` (GeV): V' < 0 below it and > 0 above it, looked for within a factor 2 of
    /// the guess in geometric steps from 10⁻³ of it, then Brent; nil if no such bracket.
    public func localMinimum(at T: Double, near guess: Double) throws -> Minimum? {
        guard guess.isNormal, guess > 0 else { return nil }
        let dV: (Double) -> Double = { potential.derivative($0, temperature: T) }
        func side(_ direction: Double, wantPositive: Bool) -> Double? {
            var step = 1e-3 * guess
            while step <= 0.5 * guess {
                let phi = guess + direction * step
                let d = dV(phi)
                guard d.isFinite else { return nil }
                if wantPositive ? d > 0 : d < 0 { return phi }
                step *= 2
            }
            return nil
        }
        guard let lower = side(-1, wantPositive: false), let upper = side(1, wantPositive: true) else { return nil }
        let root = try RootFinder(relativeTolerance: 1e-13).root(of: dV, in: lower, upper)
        // A bracket holding minimum, maximum and minimum could hand Brent the maximum: then let the full scan decide.
        guard potential.secondDerivative(root, temperature: T) > 0 else { return nil }
        return Minimum(phi: root, value: potential.shiftedValue(root, temperature: T))
    }
}
