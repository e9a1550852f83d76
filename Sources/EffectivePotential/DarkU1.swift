#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dark U(1)_D with a complex scalar Φ = (φ + iG)/√2 of charge 1 (arXiv:2501.15649; physics.md §1):
/// V0 = −μ²φ²/2 + λφ⁴/4 with μ² = λv², a dark photon Z' (m = g φ) and, in Landau gauge,
/// the radial mode h (m² = 3λφ² − μ²) and the Goldstone G (m² = λφ² − μ²).
public struct DarkU1: ParticleModel, Equatable {
    /// Symmetry-breaking scale v_φ (GeV).
    public let vev: Double
    /// Quartic coupling λ.
    public let lambda: Double
    /// Gauge coupling g_D.
    public let gauge: Double

    public var name: String { "DarkU1(v = \(vev) GeV, λ = \(lambda), g = \(gauge))" }

    public struct InvalidParameter: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// v range in GeV over which S3/T(T/v) is tested scale invariant (to 1e-6 at both ends; measured 1e-9),
    /// as it must be: V/v⁴ depends on φ/v and T/v only. (It used to break below ~1e-6 GeV, where the bounce
    /// solver's V'' took an absolute step; `ThermalBouncePotential` now steps relative to v.) Above 1e16 GeV
    /// v⁴ and T⁴ approach the range of Double.
    public static let vevRange = 1e-12...1e16

    /// Allowed ranges: v in `vevRange`, 0 < λ < 4π (perturbativity of the quartic), 0 < g < 4π.
    public init(vev: Double, lambda: Double, gauge: Double) throws {
        guard vev.isFinite, Self.vevRange.contains(vev) else {
            throw InvalidParameter(description: "v (vev) must be in [1e-12, 1e16] GeV, got \(vev)")
        }
        guard lambda.isFinite, lambda > 0, lambda < 4 * Double.pi else {
            throw InvalidParameter(description: "lambda must be in (0, 4π ≈ 12.57), got \(lambda)")
        }
        guard gauge.isFinite, gauge > 0, gauge < 4 * Double.pi else {
            throw InvalidParameter(description: "g (gauge coupling g_D) must be in (0, 4π ≈ 12.57), got \(gauge)")
        }
        self.vev = vev; self.lambda = lambda; self.gauge = gauge
    }

    var muSquared: Double { lambda * vev * vev }

    /// Scale invariant: μ² = λv² and every reference mass ∝ v (`vevRange` is where that is tested).
    public func withVev(_ vev: Double) throws -> (any ParticleModel)? { try DarkU1(vev: vev, lambda: lambda, gauge: gauge) }

    /// V0 = −μ²φ²/2 + λφ⁴/4: even.
    public var treePotentialIsEven: Bool { true }
    public func treePotential(_ phi: Double) -> Double {
        let p2 = phi * phi
        return -0.5 * muSquared * p2 + 0.25 * lambda * p2 * p2
    }

    public func treePotentialDerivative(_ phi: Double) -> Double {
        -muSquared * phi + lambda * phi * phi * phi
    }

    public var treeMassSquaredAtOrigin: Double? { -muSquared }
    public func treePotentialBeyondQuadratic(_ phi: Double) -> (value: Double, derivative: Double) {
        let p2 = phi * phi
        return (0.25 * lambda * p2 * p2, lambda * p2 * phi)
    }

    /// physics.md §1–§2 (Landau gauge): Z' (n = 3), h and G (n = 1 each). On-shell references:
    /// M² = M'² = m²(v) for Z' and h; for the Goldstone M_G² = m_h²(v) = 2λv² (IR regulator) and
    /// M'_G² = m_G²(v) = 0. Debye masses: Π_h = Π_G = (λ/3 + g²/4)T², Π_{Z'_L} = g²T²/3 (one
    /// longitudinal dof; the transverse ones are unscreened).
    public var species: [Species] {
        let g2 = gauge * gauge, v2 = vev * vev
        let scalarDebye = DebyeScreening(screenedDegreesOfFreedom: 1, coefficient: lambda / 3 + g2 / 4)
        return [
            Species(name: "Z'", degreesOfFreedom: 3, statistics: .boson,
                    mass: FieldDependentMass(quadratic: g2),
                    logReferenceMassSquared: g2 * v2, quadraticReferenceMassSquared: g2 * v2,
                    debye: DebyeScreening(screenedDegreesOfFreedom: 1, coefficient: g2 / 3), isScalar: false,
                    wallRole: .gaugeBoson(coupling: gauge)),
            Species(name: "h", degreesOfFreedom: 1, statistics: .boson,
                    mass: FieldDependentMass(constant: -muSquared, quadratic: 3 * lambda),
                    logReferenceMassSquared: 2 * lambda * v2, quadraticReferenceMassSquared: 2 * lambda * v2,
                    debye: scalarDebye, isScalar: true),
            Species(name: "G", degreesOfFreedom: 1, statistics: .boson,
                    mass: FieldDependentMass(constant: -muSquared, quadratic: lambda),
                    logReferenceMassSquared: 2 * lambda * v2, quadraticReferenceMassSquared: 0,
                    debye: scalarDebye, isScalar: true, wallRole: .goldstone),
        ]
    }

    /// Physical bosonic dof of the dark sector when light: in the symmetric phase a massless Z' (2) and the
    /// complex scalar (2); in the broken phase a massive Z' (3) and h (1). Either way 4 (the Landau-gauge
    /// loop count 3 + 1 + 1 includes the unphysical Goldstone).
    public var relativisticDegreesOfFreedom: Double { 4 }

    /// Broken phase, unitary gauge: the massive Z' (3 dof, m = g v) and the scalar φ (1 dof, m = √(2λ) v).
    public var brokenPhaseParticles: [PhysicalParticle] {
        [PhysicalParticle(name: "Z'", degreesOfFreedom: 3, mass: darkPhotonMass, statistics: .boson),
         PhysicalParticle(name: "phi", degreesOfFreedom: 1, mass: scalarMass, statistics: .boson)]
    }

    public var inputs: [(name: String, value: Double)] { [("v_GeV", vev), ("lambda", lambda), ("g", gauge)] }

    // MARK: Derived quantities

    /// Tree-level dark scalar mass m_φ = √(2λ) v (GeV).
    public var scalarMass: Double { (2 * lambda).squareRoot() * vev }
    /// Tree-level dark photon mass m_Z' = g v (GeV).
    public var darkPhotonMass: Double { gauge * vev }

    /// g_roll(λ) = {16π²λ/3 [1 − λ(5 + 2 ln 2)/(8π²)]}^{1/4}: above it the T = 0 potential keeps a
    /// barrier at the origin (S. Pascoli, FLASY 2025, for arXiv:2501.15649; physics.md §2, where it is
    /// derived as the zero of V''(0)/v² = −λ + 3g⁴/(16π²) + λ²(5 + 2 ln 2)/(8π²)).
    public static func rollingCoupling(lambda: Double) -> Double {
        let inner = 16 * Double.pi * Double.pi * lambda / 3 * (1 - lambda / (8 * Double.pi * Double.pi) * (5 + 2 * log(2.0)))
        return inner > 0 ? pow(inner, 0.25) : .nan
    }

    public var rollingCoupling: Double { Self.rollingCoupling(lambda: lambda) }

    /// One-loop estimate of the vacuum depth, v⁴[λ/4 − 3g⁴/(128π²)] (physics.md §2; scalar loops omitted).
    public var vacuumDepthEstimate: Double {
        pow(vev, 4) * (lambda / 4 - 3 * pow(gauge, 4) / (128 * Double.pi * Double.pi))
    }
}
