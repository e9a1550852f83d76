import Testing
import Foundation
@testable import EffectivePotential

/// J_B and J_F against independent evaluations: direct quadrature, the Bessel-series representation,
/// and the high- and low-temperature expansions (Quirós hep-ph/9901312 §6; Curtin et al. 1612.00466 App. A).
@Suite struct ThermalFunctionsTests {
    let J = ThermalFunctions.standard

    /// Points across every evaluation region, including deep tachyonic y (Re J_B) and Matsubara cusps.
    static let bosonicSamples: [Double] = [
        -90_000, -60_000, -20_000, -9000, -5000, -2500.5, -1579.1367, -1000, -631.65, -400, -250, -157.9137, -100, -60, -39.4784, -39.4, -30, -15, -8, -4.0001,
        -3.9, -2, -0.5, -1e-3, 0, 1e-6, 1e-3, 0.3, 1, 3.99, 4.01, 7, 15, 40, 100, 300, 1000, 3000, 10_000, 16_000, 20_000,
    ]

    @Test func bosonicTableMatchesQuadrature() throws {
        for y in Self.bosonicSamples {
            let reference = try ThermalFunctions.bosonQuadrature(y)
            let value = J.bosonic(y)
            // Relative 1e-8, with a floor where Re J_B crosses zero (y < 0) so that "relative" stays meaningful.
            let tolerance = 1e-8 * max(abs(reference), y < 0 ? 1e-3 : 0)
            #expect(abs(value - reference) <= tolerance, "J_B(\(y)) = \(value), quadrature \(reference)")
        }
    }

    /// Below the tables (y < −(96π)²) J_B falls back to the exact quadrature: finite, and continuous with the
    /// table at the edge.
    @Test func beyondTheNegativeTableIsTheQuadrature() throws {
        let edge = ThermalFunctions.lowestTabulatedY
        #expect(abs(edge + pow(96 * Double.pi, 2)) < 1e-6)
        let inside = J.bosonic(edge * (1 - 1e-9)), outside = J.bosonic(edge * (1 + 1e-9))
        #expect(outside.isFinite && abs(outside - inside) < 1e-6 * max(1, abs(inside)))
    }

    @Test func besselSeriesAgreesWithQuadrature() throws {
        for y in [0.3, 2.0, 5.0, 50.0, 900.0] {
            let series = try ThermalFunctions.bosonBesselSeries(y)
            let quad = try ThermalFunctions.bosonQuadrature(y)
            #expect(abs(series / quad - 1) < 1e-10, "y = \(y): \(series) vs \(quad)")
            let fSeries = try ThermalFunctions.fermionBesselSeries(y)
            let fQuad = try ThermalFunctions.fermionQuadrature(y)
            #expect(abs(fSeries / fQuad - 1) < 1e-10, "y = \(y): \(fSeries) vs \(fQuad)")
        }
    }

    @Test func fermionicTableMatchesQuadrature() throws {
        for y in [0, 1e-6, 0.01, 0.5, 2, 3.99, 4.01, 10, 60, 500, 5000, 15000, 17000] as [Double] {
            let reference = try ThermalFunctions.fermionQuadrature(y)
            #expect(abs(J.fermionic(y) - reference) <= 1e-8 * abs(reference), "J_F(\(y))")
        }
    }

    /// High-T expansion: J_B ≈ −π⁴/45 + π²y/12 − πy^{3/2}/6 − y²/32 ln(y/a_b), with a remainder O(y³).
    @Test func highTemperatureLimit() throws {
        let lnAb = 2 * log(4 * Double.pi) - 2 * 0.5772156649015329 + 1.5
        for y in [1e-4, 1e-3, 1e-2, 0.1] {
            let truncated = -pow(Double.pi, 4) / 45 + Double.pi * Double.pi * y / 12 - Double.pi / 6 * pow(y, 1.5)
                - y * y / 32 * (log(y) - lnAb)
            let quad = try ThermalFunctions.bosonQuadrature(y)
            // Next term: −2π^{7/2} ζ(3) Γ(3/2)/3! (y/4π²)³ ≈ 3.2e-4 y³.
            // Floor 1e-11: the quadrature reference itself is good to ~1e-12 relative on |J_B| ≈ 2.2.
            #expect(abs(quad - truncated) < 4e-4 * y * y * y + 1e-11, "y = \(y)")
            #expect(abs(J.bosonic(y) - truncated) < 4e-4 * y * y * y + 1e-14)
            // Fermions: 7π⁴/360 − π²y/24 − y²/32 ln(y/a_f) + O(y³).
            let lnAf = 2 * log(Double.pi) - 2 * 0.5772156649015329 + 1.5
            let fTruncated = 7 * pow(Double.pi, 4) / 360 - Double.pi * Double.pi * y / 24 - y * y / 32 * (log(y) - lnAf)
            #expect(abs(J.fermionic(y) - fTruncated) < 1e-2 * y * y * y + 1e-14)
        }
        // Negative y: the real part loses the y^{3/2} term and keeps ln|y|.
        for y in [-1e-3, -1e-2] {
            let truncated = -pow(Double.pi, 4) / 45 + Double.pi * Double.pi * y / 12 - y * y / 32 * (log(-y) - lnAb)
            let quad = try ThermalFunctions.bosonQuadrature(y)
            #expect(abs(quad - truncated) < 4e-4 * abs(y * y * y) + 1e-11, "y = \(y)")
        }
    }

    /// Low-T (Boltzmann) limit: J_B ≈ −√(π/2) y^{3/4} e^{−√y} [1 + 15/(8√y) + 105/(128 y)] + O(y^{−3/2}).
    @Test func lowTemperatureLimit() {
        for y in [400.0, 2500.0, 10_000.0] {
            let s = y.squareRoot()
            let boltzmann = -(Double.pi / 2).squareRoot() * pow(y, 0.75) * exp(-s) * (1 + 15 / (8 * s) + 105 / (128 * y))
            #expect(abs(J.bosonic(y) / boltzmann - 1) < 0.5 / (y * s), "y = \(y)")
            #expect(abs(J.fermionic(y) / (-boltzmann) - 1) < 0.5 / (y * s) + 2 * exp(-s))
        }
    }

    @Test func derivativesMatchFiniteDifferences() {
        // Skip the Matsubara branch points y = −(2πn)²: there Re J_B has a (y + 4π²n²)^{3/2} cusp and a
        // central difference is wrong by O(√h), not the analytic derivative.
        let cusps = (1...20).map { -pow(2 * Double.pi * Double($0), 2) }
        for y in Self.bosonicSamples where abs(y) > 1e-2 && abs(y) < 18_000 && !cusps.contains(where: { abs($0 - y) < 1e-3 * abs(y) }) {
            let h = 1e-5 * max(abs(y), 1)
            let numeric = (J.bosonic(y + h) - J.bosonic(y - h)) / (2 * h)
            let analytic = J.bosonicWithDerivative(y).derivative
            #expect(abs(analytic - numeric) <= 1e-6 * max(abs(numeric), 1e-3) + 1e-9, "dJ_B/dy at \(y): \(analytic) vs \(numeric)")
        }
        for y in [0.01, 0.7, 3.0, 5, 80, 2000] as [Double] {
            let h = 1e-5 * max(abs(y), 1)
            let numeric = (J.fermionic(y + h) - J.fermionic(y - h)) / (2 * h)
            #expect(abs(J.fermionicWithDerivative(y).derivative - numeric) <= 1e-6 * max(abs(numeric), 1e-12))
        }
    }
}
