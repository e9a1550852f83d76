import Foundation
import Supercool

/// A model as a user would write it in their own package, from the protocol alone: a dark photon of a U(1)
/// broken by a complex scalar (V0 = −μ²φ²/2 + λφ⁴/4), written out from arXiv:2501.15649 §2 (physics.md §1–§2)
/// without looking at `DarkU1` — Landau gauge: Z' (3 dof, m² = g²φ²), radial mode (m² = 3λφ² − μ²) and Goldstone
/// (m² = λφ² − μ²); on-shell references m²(v), the Goldstone's log reference m_h²(v); Debye Π_L = g²T²/3 for the
/// one longitudinal Z' mode, (λ/3 + g²/4)T² for the scalars. For the wall friction the Z' is marked as the gauge boson
/// (coupling g) and G as the Goldstone it eats.
struct UserDarkPhoton: ParticleModel {
    let vev: Double, lambda: Double, gauge: Double

    var name: String { "user dark photon" }
    func treePotential(_ phi: Double) -> Double { -0.5 * lambda * vev * vev * phi * phi + 0.25 * lambda * pow(phi, 4) }
    func treePotentialDerivative(_ phi: Double) -> Double { -lambda * vev * vev * phi + lambda * pow(phi, 3) }

    var species: [Species] {
        let mu2 = lambda * vev * vev, g2 = gauge * gauge, v2 = vev * vev
        let scalarScreening = DebyeScreening(screenedDegreesOfFreedom: 1, coefficient: lambda / 3 + g2 / 4)
        return [
            Species(name: "Z'", degreesOfFreedom: 3, statistics: .boson, mass: FieldDependentMass(quadratic: g2),
                    logReferenceMassSquared: g2 * v2, quadraticReferenceMassSquared: g2 * v2,
                    debye: DebyeScreening(screenedDegreesOfFreedom: 1, coefficient: g2 / 3), isScalar: false,
                    wallRole: .gaugeBoson(coupling: gauge)),
            Species(name: "h", degreesOfFreedom: 1, statistics: .boson, mass: FieldDependentMass(constant: -mu2, quadratic: 3 * lambda),
                    logReferenceMassSquared: 2 * mu2, quadraticReferenceMassSquared: 2 * mu2, debye: scalarScreening, isScalar: true),
            Species(name: "G", degreesOfFreedom: 1, statistics: .boson, mass: FieldDependentMass(constant: -mu2, quadratic: lambda),
                    logReferenceMassSquared: 2 * mu2, quadraticReferenceMassSquared: 0, debye: scalarScreening, isScalar: true,
                    wallRole: .goldstone),
        ]
    }
    /// Massless Z' (2) and complex scalar (2) in the symmetric phase.
    var relativisticDegreesOfFreedom: Double { 4 }
    var brokenPhaseParticles: [PhysicalParticle] {
        [PhysicalParticle(name: "Z'", degreesOfFreedom: 3, mass: gauge * vev, statistics: .boson),
         PhysicalParticle(name: "phi", degreesOfFreedom: 1, mass: (2 * lambda).squareRoot() * vev, statistics: .boson)]
    }
}
