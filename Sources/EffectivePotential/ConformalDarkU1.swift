import Foundation

/// Classically conformal dark U(1): a complex scalar Φ = (φ + iG)/√2 of charge 1 with no mass term (μ² = 0), a
/// dark photon Z' (m = gφ) and two Weyl fermions with a Majorana-type Yukawa y (m = yφ/√2, charges ±1/2), broken
/// radiatively (Coleman–Weinberg). The model of TransitionListener's `conformal_dark_u1` (Balan, Bringmann,
/// Kahlhoefer, Matuszak, Tasillo, arXiv:2502.19478), written from its definition:
///
/// - T = 0: V = λφ⁴/4 + Σ ±n m⁴ [ln(m²/m²(v)) − 25/6]/(64π²) with every m² = bφ² (no constant), which sums to
///   V = S φ⁴ [ln(φ²/v²) − 1/2]/(64π²), S = Σ ±n b² = 10λ² + 3g⁴ − y⁴ (h: 3λ, G: λ, Z': g², χ: y²/2 ×4 dof).
///   V'(v) = 0 fixes λ = 11S/(48π²), i.e. λ = [12π² − √((288π⁴ − 1815g⁴ + 605y⁴)/2)]/55.
/// - In Supercool's CW form (each species' log reference m²(v), constant −3/2, no quadratic term) the same V needs
///   the tree quartic V0 = S φ⁴/(64π²): V0 + V_CW = S φ⁴ [ln(φ²/v²) − 3/2 + 1]/(64π²). The scalar loop masses keep λ.
/// - Debye masses: Π_h = Π_G = (λ/3 + g²/4 + y²/12) T², Π_{Z'_L} = (1/3 + 1/12) g² T² = 5g²T²/12 (one screened dof).
///   With `--scalars full --daisy ae` this is TransitionListener's potential (full J_B for scalars, Arnold–Espinosa).
public struct ConformalDarkU1: ParticleModel, Equatable {
    /// Symmetry-breaking scale v_φ (GeV).
    public let vev: Double
    /// Gauge coupling g_D.
    public let gauge: Double
    /// Yukawa coupling of the dark fermions (0: none).
    public let yukawa: Double
    /// The scalar quartic that V'(v) = 0 requires (derived, not an input).
    public let lambda: Double

    public var name: String { "ConformalDarkU1(v = \(vev) GeV, g = \(gauge), y = \(yukawa))" }

    public struct InvalidParameter: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// v in `DarkU1.vevRange`; 0 < g < 4π; 0 ≤ y < 4π; and the loops must break the symmetry: 288π⁴ − 1815g⁴ + 605y⁴
    /// ≥ 0 (λ real) and 3g⁴ − y⁴ > 0 (then S = 10λ² + 3g⁴ − y⁴ > 0: v a minimum, ΔV0 = S v⁴/(128π²) > 0).
    public init(vev: Double, gauge: Double, yukawa: Double) throws {
        guard vev.isFinite, DarkU1.vevRange.contains(vev) else {
            throw InvalidParameter(description: "v (vev) must be in [1e-12, 1e16] GeV, got \(vev)")
        }
        guard gauge.isFinite, gauge > 0, gauge < 4 * Double.pi else {
            throw InvalidParameter(description: "g (gauge coupling g_D) must be in (0, 4π ≈ 12.57), got \(gauge)")
        }
        guard yukawa.isFinite, yukawa >= 0, yukawa < 4 * Double.pi else {
            throw InvalidParameter(description: "y (dark Yukawa) must be in [0, 4π ≈ 12.57), got \(yukawa)")
        }
        let pi2 = Double.pi * Double.pi
        let discriminant = (288 * pi2 * pi2 - 1815 * pow(gauge, 4) + 605 * pow(yukawa, 4)) / 2
        guard discriminant >= 0 else {
            let gMax = pow((288 * pi2 * pi2 + 605 * pow(yukawa, 4)) / 1815, 0.25)
            throw InvalidParameter(description: "g (gauge coupling) must be ≤ \(String(format: "%.4f", gMax)) for y = \(yukawa) in the conformal-u1 model (288π⁴ − 1815g⁴ + 605y⁴ ≥ 0: a real λ with V'(v) = 0), got \(gauge)")
        }
        // The small root in the cancellation-free form 11A/(24π² + 2√D), A = 3g⁴ − y⁴ ((12π² − √D)/55 loses all digits
        // for g ≲ 1e-4): the same number, as the tests check.
        let a = 3 * pow(gauge, 4) - pow(yukawa, 4)
        guard a > 0 else {
            throw InvalidParameter(description: "y (dark Yukawa) must be < 3^{1/4} g = \(String(format: "%.4g", pow(3, 0.25) * gauge)) in the conformal-u1 model (3g⁴ − y⁴ > 0: else v is not a minimum), got \(yukawa)")
        }
        let lambda = 11 * a / (24 * pi2 + 2 * discriminant.squareRoot())
        self.vev = vev; self.gauge = gauge; self.yukawa = yukawa; self.lambda = lambda
    }

    /// Classically scale invariant: v is the only scale (the renormalisation condition is imposed at v).
    public func withVev(_ vev: Double) throws -> (any ParticleModel)? { try ConformalDarkU1(vev: vev, gauge: gauge, yukawa: yukawa) }

    /// S = Σ ±n b² = 10λ² + 3g⁴ − y⁴: the φ⁴ ln φ coefficient times 64π².
    public var loopCoefficient: Double { 10 * lambda * lambda + 3 * pow(gauge, 4) - pow(yukawa, 4) }

    /// V0 ∝ φ⁴: even.
    public var treePotentialIsEven: Bool { true }
    public func treePotential(_ phi: Double) -> Double { loopCoefficient * pow(phi, 4) / (64 * Double.pi * Double.pi) }
    public func treePotentialDerivative(_ phi: Double) -> Double { 4 * loopCoefficient * pow(phi, 3) / (64 * Double.pi * Double.pi) }
    public var treeMassSquaredAtOrigin: Double? { 0 }
    public func treePotentialBeyondQuadratic(_ phi: Double) -> (value: Double, derivative: Double) {
        (treePotential(phi), treePotentialDerivative(phi))
    }

    public var species: [Species] {
        let g2 = gauge * gauge, v2 = vev * vev, y2 = yukawa * yukawa
        let scalarScreening = DebyeScreening(screenedDegreesOfFreedom: 1, coefficient: lambda / 3 + g2 / 4 + y2 / 12)
        var list = [
            Species(name: "Z'", degreesOfFreedom: 3, statistics: .boson, mass: FieldDependentMass(quadratic: g2),
                    logReferenceMassSquared: g2 * v2, quadraticReferenceMassSquared: 0,
                    debye: DebyeScreening(screenedDegreesOfFreedom: 1, coefficient: 5 * g2 / 12), isScalar: false,
                    wallRole: .gaugeBoson(coupling: gauge)),
            Species(name: "h", degreesOfFreedom: 1, statistics: .boson, mass: FieldDependentMass(quadratic: 3 * lambda),
                    logReferenceMassSquared: 3 * lambda * v2, quadraticReferenceMassSquared: 0, debye: scalarScreening, isScalar: true),
            Species(name: "G", degreesOfFreedom: 1, statistics: .boson, mass: FieldDependentMass(quadratic: lambda),
                    logReferenceMassSquared: lambda * v2, quadraticReferenceMassSquared: 0, debye: scalarScreening, isScalar: true,
                    wallRole: .goldstone),
        ]
        if yukawa > 0 {
            list.append(Species(name: "chi", degreesOfFreedom: 4, statistics: .fermion, mass: FieldDependentMass(quadratic: y2 / 2),
                                logReferenceMassSquared: y2 * v2 / 2, quadraticReferenceMassSquared: 0, debye: nil, isScalar: false))
        }
        return list
    }

    /// Symmetric phase: massless Z' (2), complex scalar (2), and the two Weyl fermions (4 × 7/8) if y > 0.
    public var relativisticDegreesOfFreedom: Double { 4 + (yukawa > 0 ? 3.5 : 0) }

    /// Broken phase: massive Z' (3), the scalar (m² = V''(v) = S v²/(8π²)) and the fermions (4 dof, m = yv/√2).
    public var brokenPhaseParticles: [PhysicalParticle] {
        var list = [PhysicalParticle(name: "Z'", degreesOfFreedom: 3, mass: darkPhotonMass, statistics: .boson),
                    PhysicalParticle(name: "phi", degreesOfFreedom: 1, mass: scalarMass, statistics: .boson)]
        if yukawa > 0 {
            list.append(PhysicalParticle(name: "chi", degreesOfFreedom: 4, mass: yukawa * vev / 2.squareRoot(), statistics: .fermion))
        }
        return list
    }

    public var inputs: [(name: String, value: Double)] { [("v_GeV", vev), ("g", gauge), ("y", yukawa)] }
    public var derivedParameters: [(name: String, value: Double)] { [("lambda_derived", lambda)] }

    /// m_φ = √(V''(v)) = √(S/(8π²)) v at one loop (GeV).
    public var scalarMass: Double { (loopCoefficient / (8 * Double.pi * Double.pi)).squareRoot() * vev }
    /// m_Z' = g v (GeV).
    public var darkPhotonMass: Double { gauge * vev }
}
