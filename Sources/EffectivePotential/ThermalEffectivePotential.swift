#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// V_eff(φ, T) = V0 + V_CW+ct + V_T + V_daisy (physics.md §2), in GeV⁴, with its analytic ∂V/∂φ. The thermal
/// part is summed as J − J(0) (the massless constant added back in `value`), see `shiftedValue`.
///
/// - V_CW+ct = Σ_i n_i/(64π²) [m_i⁴ (ln(|m_i²|/M_i²) − 3/2) + 2 m_i² M'_i²] (on-shell-like counterterms:
///   v and m_φ stay at their tree values; fermions enter with −n_i).
/// - V_T = T⁴/(2π²) [Σ_b n_b J_B(m_b²/T²) − Σ_f n_f J_F(m_f²/T²)] (Quirós hep-ph/9901312 eq. 157).
/// - Daisy: see `PotentialConventions.Daisy`.
public struct ThermalEffectivePotential: Sendable {
    public let model: any ParticleModel
    public let conventions: PotentialConventions
    let terms: [LoopTerm]
    let thermal: ThermalFunctions

    /// A species flattened to plain numbers for the inner loop (no strings, no optionals: no
    /// reference counting per evaluation).
    struct LoopTerm: Sendable {
        let dof: Double
        let sign: Double            // +1 boson, −1 fermion
        let isBoson: Bool
        let isScalar: Bool
        let massConstant: Double
        let massQuadratic: Double
        let logReference: Double
        let quadraticReference: Double
        let resummed: Bool          // daisy applies under the chosen conventions
        let screenedDof: Double
        let debyeCoefficient: Double
    }

    public init(model: any ParticleModel, conventions: PotentialConventions = .default,
                thermalFunctions: ThermalFunctions = .standard) {
        self.model = model
        self.conventions = conventions
        self.thermal = thermalFunctions
        self.terms = model.species.map { s in
            let resummed = Self.isResummed(s, conventions)
            return LoopTerm(dof: s.degreesOfFreedom, sign: s.statistics == .boson ? 1 : -1, isBoson: s.statistics == .boson,
                            isScalar: s.isScalar, massConstant: s.mass.constant, massQuadratic: s.mass.quadratic,
                            logReference: s.logReferenceMassSquared, quadraticReference: s.quadraticReferenceMassSquared,
                            resummed: resummed, screenedDof: resummed ? s.debye!.screenedDegreesOfFreedom : 0,
                            debyeCoefficient: resummed ? s.debye!.coefficient : 0)
        }
    }

    public var vev: Double { model.vev }

    /// V_eff(φ, T) in GeV⁴.
    public func value(_ phi: Double, temperature T: Double) -> Double {
        shiftedValue(phi, temperature: T) + fieldIndependentPart(temperature: T)
    }

    /// V_eff(φ, T) minus its field-independent thermal part (`fieldIndependentPart`), GeV⁴. Differences in φ
    /// (barriers, ΔV, the bounce) are computed from this: that part, O(T⁴), would bury a weak
    /// transition's φ-dependence (ΔV/T⁴ ~ 1e-12) in round-off.
    public func shiftedValue(_ phi: Double, temperature T: Double) -> Double {
        evaluate(phi, T, wantDerivative: false).value
    }

    /// The field-independent thermal terms that `shiftedValue` leaves out (GeV⁴): T⁴/(2π²) [Σ_b n_b J_B(0) −
    /// Σ_f n_f J_F(0)] = −(π²/90) T⁴ (Σ_b n_b + 7/8 Σ_f n_f), the free energy of the species taken massless, plus,
    /// for scalars in the leading high-T treatment, their constant thermal-mass term n T² a/24 (m² = a + bφ²).
    public func fieldIndependentPart(temperature T: Double) -> Double {
        guard T > 0 else { return 0 }
        let T2 = T * T
        var sum = 0.0
        for s in terms {
            if s.isScalar && conventions.scalarThermal == .none { continue }
            sum += s.dof * (s.isBoson ? ThermalFunctions.bosonicMasslessLimit : -ThermalFunctions.fermionicMasslessLimit)
            if s.isScalar && conventions.scalarThermal == .leadingHighT {
                sum += s.dof * Double.pi * Double.pi / 12 * s.massConstant / T2
            }
        }
        return T2 * T2 / (2 * Double.pi * Double.pi) * sum
    }

    /// ∂V_eff/∂φ in GeV³.
    public func derivative(_ phi: Double, temperature T: Double) -> Double {
        evaluate(phi, T, wantDerivative: true).derivative
    }

    public func valueAndDerivative(_ phi: Double, temperature T: Double) -> (value: Double, derivative: Double) {
        let r = evaluate(phi, T, wantDerivative: true)
        return (r.value + fieldIndependentPart(temperature: T), r.derivative)
    }

    /// (`shiftedValue`, ∂V/∂φ).
    public func shiftedValueAndDerivative(_ phi: Double, temperature T: Double) -> (value: Double, derivative: Double) {
        evaluate(phi, T, wantDerivative: true)
    }

    /// ∂²V/∂φ² by a central difference of the analytic first derivative, step 1e-5 max(|φ|, 1e-3 v): relative
    /// to the field value, and to v near the origin (scale-free in v; small there, where the daisy's φ³-like
    /// terms make the error O(step)).
    public func secondDerivative(_ phi: Double, temperature T: Double) -> Double {
        let h = 1e-5 * max(abs(phi), 1e-3 * vev)
        return (derivative(phi + h, temperature: T) - derivative(phi - h, temperature: T)) / (2 * h)
    }

    /// ∂²V/∂φ² at φ = 0 from the analytic sum c(T) of the φ²-coefficients (GeV²), or nil when the model does not
    /// split its tree potential (`ParticleModel.treeMassSquaredAtOrigin`).
    public func curvatureAtOriginAnalytic(temperature T: Double) -> Double? {
        subtracted(0, T)?.curvature
    }

    /// (V(φ, T) − V(0, T), ∂V/∂φ) in GeV⁴ and GeV³, summed as ½ c(T) φ² + Σ R_i(φ): c(T) = V''(0, T) is the sum of
    /// every term's φ²-coefficient (tree −μ², thermal masses, CW and daisy slopes at φ = 0), computed once, and each
    /// R_i is a term's remainder beyond its quadratic part, computed without subtracting it (series, log1p, and
    /// (A+δ)^{3/2} − A^{3/2} − 3/2 √A δ = δ²(t + s/2)/(t + s)²). Summing the terms directly (`shiftedValue`,
    /// `derivative`) rounds each O(μ²φ) term separately: near T_0 of a weak transition, where c(T) ≪ μ² and φ ≪ v,
    /// that leaves a jitter of ~1e-16 μ²φ on V' (1e-7 of the barrier's V' at φ_b ~ 1e-4 v) and of ~1e-16 V(0) on
    /// V − V(0) (1e-3 of the barrier), too rough for an adaptive ODE. Here V' and V − V(0) are smooth to their own
    /// precision. Pieces without an exact remainder (J_B or J_F of a species with a φ-independent mass term, the
    /// Parwani-resummed loops) fall back to differences, so the result is always V − V(0); models that do not split
    /// their tree potential get `shiftedValue(φ) − shiftedValue(0)` and `derivative`.
    public func differenceFromOriginAndDerivative(_ phi: Double, temperature T: Double) -> (value: Double, derivative: Double) {
        if let r = subtracted(phi, T) { return (r.value, r.derivative) }
        let d = shiftedValueAndDerivative(phi, temperature: T)
        return (d.value - shiftedValue(0, temperature: T), d.derivative)
    }

    /// (m² + δ)² (ln|m² + δ|/M² − 3/2) + 2(m² + δ)M'² minus its value and slope at δ = 0: (remainder, d/dδ), and the
    /// slope 2m²(ln|m²|/M² − 1) + 2M'².
    private static func cwRemainder(_ a: Double, _ delta: Double, _ M2: Double, _ Mp2: Double) -> (slope: Double, value: Double, derivative: Double) {
        if a == 0 {
            guard delta != 0 else { return (2 * Mp2, 0, 0) }
            let L = log(abs(delta) / M2)
            return (2 * Mp2, delta * delta * (L - 1.5), 2 * delta * (L - 1))
        }
        let La = log(abs(a) / M2)
        let slope = 2 * a * (La - 1) + 2 * Mp2
        let x = delta / a
        guard 1 + x > 0 else {
            // The mass crosses zero: no cancellation to avoid at this size of δ.
            let m2 = a + delta
            let L = m2 == 0 ? 0 : log(abs(m2) / M2)
            let value = m2 * m2 * (L - 1.5) + 2 * m2 * Mp2 - (a * a * (La - 1.5) + 2 * a * Mp2) - slope * delta
            return (slope, value, 2 * m2 * (L - 1) + 2 * Mp2 - slope)
        }
        let l = log1p(x)
        // (1 + x)² ln(1 + x) − x = 3x²/2 + Σ_{n≥3} (−1)^{n+1} 2xⁿ/(n(n−1)(n−2)).
        var g: Double
        if abs(x) < 1e-3 {
            // Through x⁸ (the next term is < 1e-18 of 3x²/2); beyond, the direct form loses < 1e-13 of g.
            let c3 = 2.0 / 6, c4 = -2.0 / 24, c5 = 2.0 / 60, c6 = -2.0 / 120, c7 = 2.0 / 210, c8 = -2.0 / 336
            g = ((((((c8 * x + c7) * x + c6) * x + c5) * x + c4) * x + c3) * x + 1.5) * x * x
        } else {
            g = (1 + x) * (1 + x) * l - x
        }
        return (slope, delta * delta * (La - 1.5) + a * a * g, 2 * (delta * (La - 1) + (a + delta) * l))
    }

    /// (A + δ)₊^{3/2} minus its value and slope at δ = 0: (slope 3/2 √A₊, remainder, d/dδ).
    private static func threeHalvesRemainder(_ A: Double, _ delta: Double) -> (slope: Double, value: Double, derivative: Double) {
        guard A > 0 else {
            let m = max(A + delta, 0)
            return (0, m * m.squareRoot(), 1.5 * m.squareRoot())
        }
        let s = A.squareRoot()
        guard A + delta >= 0 else { return (1.5 * s, -A * s - 1.5 * s * delta, -1.5 * s) }
        let t = (A + delta).squareRoot()
        let sum = t + s
        return (1.5 * s, delta * delta * (t + 0.5 * s) / (sum * sum), 1.5 * delta / sum)
    }

    private func subtracted(_ phi: Double, _ T: Double) -> (value: Double, derivative: Double, curvature: Double)? {
        guard let m0 = model.treeMassSquaredAtOrigin else { return nil }
        let tree = model.treePotentialBeyondQuadratic(phi)
        var c = m0                       // V''(0, T)
        // rest(0) is 0 for a tree potential without a constant; subtracting it keeps V − V(0) right if a model has one.
        var rest = tree.value - model.treePotentialBeyondQuadratic(0).value, restDerivative = tree.derivative
        let T2 = T * T
        let phi2 = phi * phi
        let thermalPrefactor = T2 * T2 / (2 * Double.pi * Double.pi)
        let cwPrefactor = 1 / (64 * Double.pi * Double.pi)
        let parwani = conventions.daisy == .parwani && T > 0

        for s in terms {
            let a = s.massConstant, b = s.massQuadratic
            let delta = b * phi2
            let dDelta = 2 * b * phi        // dδ/dφ
            let sign = s.sign
            let resummed = s.resummed && T > 0
            let pi2 = resummed ? s.debyeCoefficient * T2 : 0
            let screened = resummed ? s.screenedDof : 0
            let n = s.dof

            // A piece k·f(a' + δ): c += 2b k f'(a'), rest += k R(δ), rest' += k R'(δ) dδ/dφ.
            func add(_ k: Double, _ piece: (slope: Double, value: Double, derivative: Double)) {
                c += 2 * b * k * piece.slope
                rest += k * piece.value
                restDerivative += k * piece.derivative * dDelta
            }
            func cw(_ mass2: Double, _ dof: Double) {
                guard dof != 0 else { return }
                add(sign * dof * cwPrefactor, Self.cwRemainder(mass2, delta, s.logReference, s.quadraticReference))
            }
            Self.forEachMode(mass2: a, dof: n, screened: parwani ? screened : 0, debyeShift: pi2, cw)

            guard T > 0 else { continue }

            func thermalLoop(_ mass2: Double, _ dof: Double) {
                guard dof != 0 else { return }
                if s.isScalar && conventions.scalarThermal == .leadingHighT {
                    // π²/12 · bφ²/T²: purely quadratic.
                    c += 2 * b * thermalPrefactor * dof * Double.pi * Double.pi / 12 / T2
                    return
                }
                let k = sign * thermalPrefactor * dof
                let y0 = mass2 / T2, y = (mass2 + delta) / T2
                if mass2 == 0 {
                    let linear = s.isBoson ? Double.pi * Double.pi / 12 : -Double.pi * Double.pi / 24
                    let beyond = s.isBoson ? thermal.bosonicBeyondLinearWithDerivative(y) : thermal.fermionicBeyondLinearWithDerivative(y)
                    if let beyond {
                        // J(y) − J(0) = linear·y + beyond(y), y = δ/T².
                        add(k, (linear / T2, beyond.value, beyond.derivative / T2))
                        return
                    }
                }
                let j0 = s.isBoson ? thermal.bosonicShiftedWithDerivative(y0) : thermal.fermionicShiftedWithDerivative(y0)
                let j = s.isBoson ? thermal.bosonicShiftedWithDerivative(y) : thermal.fermionicShiftedWithDerivative(y)
                add(k, (j0.derivative / T2, j.value - j0.value - j0.derivative * (y - y0), (j.derivative - j0.derivative) / T2))
            }
            if s.isScalar && conventions.scalarThermal == .none { continue }
            Self.forEachMode(mass2: a, dof: n, screened: parwani ? screened : 0, debyeShift: pi2, thermalLoop)

            // Arnold–Espinosa daisy: −T/(12π) n_L [(m² + Π)₊^{3/2} − (m²)₊^{3/2}].
            if conventions.daisy == .arnoldEspinosa && screened > 0 {
                let k = -T / (12 * Double.pi) * screened
                add(k, Self.threeHalvesRemainder(a + pi2, delta))
                add(-k, Self.threeHalvesRemainder(a, delta))
            }
        }
        return (0.5 * c * phi2 + rest, c * phi + restDerivative, c)
    }

    /// Whether the scalar-thermal option switches the daisy resummation of this species on.
    static func isResummed(_ s: Species, _ conventions: PotentialConventions) -> Bool {
        guard s.debye != nil, s.statistics == .boson, conventions.daisy != .none else { return false }
        return s.isScalar ? conventions.scalarThermal == .fullJB : true
    }

    /// Whether evaluating V at some φ in [0, φ_max] needs J_B below its tables (y < −(96π)²): only loops of
    /// tachyonic scalars with full J_B at small T/v. m² = a + bφ² is monotone in φ², so the ends suffice.
    public func leavesThermalTables(upTo phiMax: Double, temperature T: Double) -> Bool {
        guard T > 0 else { return false }
        let lowest = ThermalFunctions.lowestTabulatedY
        for s in terms where s.isBoson && !(s.isScalar && conventions.scalarThermal != .fullJB) {
            for phi in [0, phiMax] where (s.massConstant + s.massQuadratic * phi * phi) / (T * T) < lowest { return true }
        }
        return false
    }

    @inline(__always)
    private func evaluate(_ phi: Double, _ T: Double, wantDerivative: Bool) -> (value: Double, derivative: Double) {
        var value = model.treePotential(phi)
        var derivative = wantDerivative ? model.treePotentialDerivative(phi) : 0
        let T2 = T * T
        let thermalPrefactor = T2 * T2 / (2 * Double.pi * Double.pi)
        let cwPrefactor = 1 / (64 * Double.pi * Double.pi)
        let parwani = conventions.daisy == .parwani && T > 0

        for s in terms {
            let m2 = s.massConstant + s.massQuadratic * phi * phi
            let dm2 = 2 * s.massQuadratic * phi
            let sign = s.sign
            let resummed = s.resummed && T > 0
            let pi2 = resummed ? s.debyeCoefficient * T2 : 0
            let screened = resummed ? s.screenedDof : 0
            let n = s.dof

            // Coleman–Weinberg with on-shell counterterms; under Parwani the screened dof carry m² + Π.
            func cw(_ mass2: Double, _ dof: Double) {
                guard dof != 0 else { return }
                let M2 = s.logReference, Mp2 = s.quadraticReference
                let logTerm = mass2 == 0 ? 0 : log(abs(mass2) / M2)
                value += sign * dof * cwPrefactor * (mass2 * mass2 * (logTerm - 1.5) + 2 * mass2 * Mp2)
                if wantDerivative {
                    // d/dm² [m⁴(ln|m²|/M² − 3/2) + 2m²M'²] = 2m²(ln|m²|/M² − 1) + 2M'²
                    derivative += sign * dof * cwPrefactor * dm2 * (2 * mass2 * (logTerm - 1) + 2 * Mp2)
                }
            }
            Self.forEachMode(mass2: m2, dof: n, screened: parwani ? screened : 0, debyeShift: pi2, cw)

            guard T > 0 else { continue }

            // Thermal one-loop part.
            func thermalLoop(_ mass2: Double, _ dof: Double) {
                guard dof != 0 else { return }
                let y = mass2 / T2
                if s.isScalar && conventions.scalarThermal == .leadingHighT {
                    // Leading terms of the high-T expansion, J_B ≈ −π⁴/45 + π² y/12; the field-independent parts
                    // (−π⁴/45 and the constant mass term a/T²) are in `fieldIndependentPart`.
                    // (No scalar daisy in this treatment, so mass2 = a + bφ² here and its φ-part is bφ², exactly.)
                    value += thermalPrefactor * dof * (Double.pi * Double.pi / 12 * s.massQuadratic * phi * phi / T2)
                    if wantDerivative { derivative += thermalPrefactor * dof * Double.pi * Double.pi / 12 * dm2 / T2 }
                    return
                }
                let j = s.isBoson ? thermal.bosonicShiftedWithDerivative(y) : thermal.fermionicShiftedWithDerivative(y)
                value += sign * thermalPrefactor * dof * j.value
                if wantDerivative { derivative += sign * thermalPrefactor * dof * j.derivative * dm2 / T2 }
            }
            if s.isScalar && conventions.scalarThermal == .none { continue }
            Self.forEachMode(mass2: m2, dof: n, screened: parwani ? screened : 0, debyeShift: pi2, thermalLoop)

            // Arnold–Espinosa daisy: −T/(12π) n_L [Re(m² + Π)^{3/2} − Re(m²)^{3/2}].
            if conventions.daisy == .arnoldEspinosa && screened > 0 {
                let a = max(m2 + pi2, 0), b = max(m2, 0)
                let ra = a.squareRoot(), rb = b.squareRoot()
                value += -T / (12 * Double.pi) * screened * (a * ra - b * rb)
                if wantDerivative { derivative += -T / (12 * Double.pi) * screened * 1.5 * (ra - rb) * dm2 }
            }
        }
        return (value, derivative)
    }
}

extension ThermalEffectivePotential {
    /// The loop modes of one species: with Parwani's resummation its `screened` (longitudinal) dof carry m² + Π and the rest
    /// m² (Parwani, hep-ph/9204216; physics.md §2); without, all `dof` carry m². Written once for the CW and the thermal loops of both
    /// evaluation paths.
    @inline(__always)
    static func forEachMode(mass2 m2: Double, dof n: Double, screened: Double, debyeShift pi2: Double, _ body: (Double, Double) -> Void) {
        if screened > 0 {
            body(m2, n - screened)
            body(m2 + pi2, screened)
        } else {
            body(m2, n)
        }
    }
}
