import EffectivePotential
import Cosmology
import SupercoolNumerics

/// A named convention variant: one entry of the convention matrix (`supercool point --explore`).
public struct ConventionVariant: Sendable, Equatable {
    public let label: String
    public let potential: PotentialConventions
    public let transition: TransitionConventions

    public init(label: String, potential: PotentialConventions, transition: TransitionConventions) {
        self.label = label; self.potential = potential; self.transition = transition
    }

    /// The documented variants around a base choice (15, or 14 when the base already counts the dark plasma by its free
    /// energy): the base itself first, every other daisy × scalar-loop treatment (physics.md §2, §8), and, with the base
    /// potential, the transition conventions that physics.md §8 lists as uncertain (I_p = 0.29, v_w = 0.9, plain T⁴
    /// prefactor, g*_dark = 0 or 6) and the free-energy count of the dark plasma (`--gstar-dark free-energy`).
    public static func matrix(potential: PotentialConventions, transition: TransitionConventions) -> [ConventionVariant] {
        var variants = [ConventionVariant(label: "default (\(potential.label))", potential: potential, transition: transition)]
        for daisy in PotentialConventions.Daisy.allCases {
            for scalars in PotentialConventions.ScalarThermal.allCases {
                let p = PotentialConventions(daisy: daisy, scalarThermal: scalars)
                if p == potential { continue }
                variants.append(ConventionVariant(label: p.label, potential: p, transition: transition))
            }
        }
        var t = transition
        t.percolationThreshold = 0.29
        variants.append(ConventionVariant(label: "I_p = 0.29", potential: potential, transition: t))
        t = transition; t.wallVelocity = 0.9
        variants.append(ConventionVariant(label: "v_w = 0.9", potential: potential, transition: t))
        t = transition; t.ratePrefactor = .plainT4
        variants.append(ConventionVariant(label: "Γ = T⁴ e^{−S3/T}", potential: potential, transition: t))
        for dark in [0.0, 6.0] {
            t = transition; t.degreesOfFreedom = .standardModelPlusDark(dark: dark)
            variants.append(ConventionVariant(label: "g*_dark = \(Int(dark))", potential: potential, transition: t))
        }
        t = transition; t.degreesOfFreedom = nil; t.darkDegreesOfFreedomCount = .freeEnergy
        if t != transition {
            variants.append(ConventionVariant(label: "g*_dark free-energy", potential: potential, transition: t))
        }
        return variants
    }
}

/// Calibrating a parameter inside its printed rounding interval so that a computed quantity hits a published
/// value (`supercool reproduce --calibrate`: g such that T_p(g) = T_p,published).
public enum ParameterCalibration {
    /// One evaluation: the parameter x, the computed value and whatever the caller keeps with it.
    public struct Evaluation<Payload> {
        public let x: Double
        public let value: Double
        public let payload: Payload
    }

    public enum Outcome<Payload> {
        /// The evaluation closest to the target after bisecting the first bracket of a sign change.
        case calibrated(Evaluation<Payload>)
        /// No sign change of value − target on the scan: the scan point closest to the target.
        case notBracketed(closest: Evaluation<Payload>)
    }

    /// Scans `scanPoints` equally spaced x in `interval` (ends included), takes the first neighbouring pair where
    /// value − target changes sign (or touches zero) and bisects it (at most `bisections` halvings, stopping when
    /// the bracket is narrower than `tolerance`). No monotonicity is assumed beyond that bracket.
    public static func solve<Payload>(target: Double, in interval: ClosedRange<Double>, scanPoints: Int = 9, bisections: Int = 24,
                                      tolerance: Double = 2e-8,
                                      _ evaluate: (Double) throws -> (value: Double, payload: Payload)) rethrows -> Outcome<Payload> {
        let (lo, hi) = (interval.lowerBound, interval.upperBound)
        let divisions = max(scanPoints - 1, 1)
        func point(_ x: Double) throws -> Evaluation<Payload> {
            let (value, payload) = try evaluate(x)
            return Evaluation(x: x, value: value, payload: payload)
        }
        var grid = [Evaluation<Payload>]()
        for k in 0...divisions { grid.append(try point(lo + (hi - lo) * Double(k) / Double(divisions))) }
        guard let i = grid.indices.dropLast().first(where: { (grid[$0].value - target) * (grid[$0 + 1].value - target) <= 0 }) else {
            return .notBracketed(closest: grid.min { abs($0.value - target) < abs($1.value - target) }!)
        }
        // "Holds": on the same side of the target as the bracket's first end (Bisection carries each evaluation along).
        let first = grid[i]
        let edge = try Bisection.boundary(holds: (first.x, first), fails: (grid[i + 1].x, grid[i + 1]), steps: bisections,
                                          stop: { abs($1 - $0) < tolerance }) { x in
            let m = try point(x)
            return ((first.value - target) * (m.value - target) > 0, m)
        }
        let a = edge.holds.payload, b = edge.fails.payload
        return .calibrated(abs(a.value - target) < abs(b.value - target) ? a : b)
    }

    /// The DarkU1 point implied by published masses where they disagree with the printed λ beyond rounding (> 2 %):
    /// λ = m_φ²/(2v²) and g = m_Z'/v (inverting the tree-level `DarkU1.scalarMass`, `darkPhotonMass`); nil when consistent.
    public static func massDerivedModel(_ model: DarkU1, scalarMass: Double?, darkPhotonMass: Double?) throws -> DarkU1? {
        guard let mphi = scalarMass else { return nil }
        let lambdaFromMass = mphi * mphi / (2 * model.vev * model.vev)
        guard abs(lambdaFromMass / model.lambda - 1) > 0.02 else { return nil }
        return try DarkU1(vev: model.vev, lambda: lambdaFromMass, gauge: darkPhotonMass.map { $0 / model.vev } ?? model.gauge)
    }
}

extension ParameterCalibration.Evaluation: Sendable where Payload: Sendable {}
extension ParameterCalibration.Outcome: Sendable where Payload: Sendable {}
