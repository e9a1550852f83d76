import Bounce
import EffectivePotential
import SupercoolNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// V_eff(φ, T) at fixed T, seen by the bounce solver.
public struct ThermalBouncePotential: BouncePotential {
    public let potential: ThermalEffectivePotential
    public let temperature: Double
    public init(potential: ThermalEffectivePotential, temperature: Double) {
        self.potential = potential; self.temperature = temperature
    }
    /// V_eff(φ) − V_eff(0) (only differences in φ enter the bounce), summed as ½ V''(0) φ² + higher orders
    /// (`ThermalEffectivePotential.differenceFromOriginAndDerivative`): smooth to its own precision even where the
    /// φ²-terms cancel to 1e-8 (weak transitions near T_0, φ_b ≪ v), which adaptive steps need.
    public func value(_ phi: Double) -> Double { potential.differenceFromOriginAndDerivative(phi, temperature: temperature).value }
    public func derivative(_ phi: Double) -> Double { potential.differenceFromOriginAndDerivative(phi, temperature: temperature).derivative }
    public func valueAndDerivative(_ phi: Double) -> (value: Double, derivative: Double) {
        potential.differenceFromOriginAndDerivative(phi, temperature: temperature)
    }
    /// V'': at φ = 0 the analytic sum of the φ²-coefficients (when the model splits its tree potential), elsewhere a
    /// central difference of the smooth V' with a step relative to φ and v (the protocol default's absolute step,
    /// 1e-8 field units at φ = 0, would straddle a low-T barrier at ~0.017 v when v is small).
    public func secondDerivative(_ phi: Double) -> Double {
        if phi == 0, let c = potential.curvatureAtOriginAnalytic(temperature: temperature) { return c }
        let h = 1e-5 * max(abs(phi), 1e-3 * potential.vev)
        return (derivative(phi + h) - derivative(phi - h)) / (2 * h)
    }
}

/// The tunnelling problem of the thermal potential at T: from the symmetric phase φ = 0 to the
/// broken minimum, in O(3) (S3, thermal) or O(4) (S4, vacuum).
public struct ThermalTunnelling: Sendable {
    public let potential: ThermalEffectivePotential
    public let phases: PhaseStructure
    public let solver: BounceSolver
    /// Hand the solver V and V′ tabulated at the temperature (`tabulatedPotential`) instead of the exact sum: a
    /// bounce evaluates them ~10⁴ times, the table costs a few hundred evaluations. false: the exact potential.
    public var tabulate: Bool = true

    public init(potential: ThermalEffectivePotential, solver: BounceSolver = BounceSolver()) {
        self.potential = potential
        self.phases = PhaseStructure(potential: potential)
        self.solver = solver
    }

    /// V − V(0) and V′ at T as piecewise Chebyshev interpolants on 0 ≤ φ ≤ 1.05 φ_true, mirrored to φ < 0 when the model
    /// declares an even tree potential (`ParticleModel.treePotentialIsEven`: φ the radial mode of a complex field, as in
    /// both built-in models; otherwise V at φ < 0, only the last steps of an overshoot, is evaluated exactly), pieces of
    /// ratio 4 graded towards φ = 0 (where V has |φ|³ and φ⁴ ln φ terms) down to 4⁻¹⁰ of the range, below which, and
    /// at non-analytic points the fit does not resolve (mass thresholds), the exact potential is evaluated. Each
    /// piece is checked to 1e-11 of its own largest |V| and |V′| (`PiecewiseChebyshevTable`; measured worst 3e-11, ~1e-14 at the
    /// default conventions, against the
    /// exact potential in `TabulatedThermalPotentialTests`): relative accuracy survives near φ = 0, where V ∝ φ².
    public func tabulatedPotential(temperature T: Double, trueVacuum: Double) -> TabulatedPotential {
        let exact = ThermalBouncePotential(potential: potential, temperature: T)
        let upper = 1.05 * abs(trueVacuum)
        var breakpoints = [0.0]
        for k in stride(from: 10, through: 1, by: -1) { breakpoints.append(upper * pow(4, -Double(k))) }
        breakpoints.append(upper)
        // Degree 12: half the lookup cost of 24 for the same tolerance, and the table is built faster (measured:
        // DarkU1 bounce 0.66 → 0.48 ms at BP2, T = 0.01 v).
        let table = PiecewiseChebyshevTable(initialBreakpoints: breakpoints, degree: 12, exactPieces: [0]) { phi in
            let r = potential.differenceFromOriginAndDerivative(phi, temperature: T)
            return (r.value, r.derivative)
        }
        return TabulatedPotential(table: table, exact: exact, even: potential.model.treePotentialIsEven)
    }

    /// The tunnelling problem at T (GeV) in d dimensions, or the outcome that makes solving it pointless:
    /// no broken minimum deeper than the symmetric phase (no tunnelling), or an unstable origin (no barrier).
    public func problem(temperature T: Double, dimension: Double = 3) -> Result<BounceProblem, NoBounce> {
        guard potential.shiftedValue(0, temperature: T).isFinite else {
            return .failure(NoBounce(outcome: .failed(.potentialNotFinite(temperature: T))))
        }
        let minimum: Minimum?
        do { minimum = try phases.brokenMinimum(at: T) } catch {
            return .failure(NoBounce(outcome: .failed(.numerical("broken minimum at T = \(T) GeV: \(error)"))))
        }
        guard let broken = minimum, potential.differenceFromOriginAndDerivative(broken.phi, temperature: T).value < 0 else {
            return .failure(NoBounce(outcome: .noTunnelling(.noDeeperBrokenMinimum(temperature: T))))
        }
        // A bounce evaluates V thousands of times: below its tables J_B is a slow quadrature (minutes per bounce).
        if potential.leavesThermalTables(upTo: broken.phi, temperature: T) {
            return .failure(NoBounce(outcome: .failed(.belowThermalTables(temperature: T))))
        }
        if phases.curvatureAtOrigin(at: T) <= 0 {
            return .failure(NoBounce(outcome: .barrierVanished))
        }
        let V: any BouncePotential = tabulate ? tabulatedPotential(temperature: T, trueVacuum: broken.phi)
                                              : ThermalBouncePotential(potential: potential, temperature: T)
        return .success(BounceProblem(potential: V, falseVacuum: 0, trueVacuum: broken.phi, dimension: dimension))
    }

    /// The bounce at temperature T (GeV) in d dimensions.
    public func bounce(temperature T: Double, dimension: Double = 3) -> BounceOutcome {
        switch problem(temperature: T, dimension: dimension) {
        case .success(let p): return solver.solve(p)
        case .failure(let none): return none.outcome
        }
    }
}

/// Why a thermal tunnelling problem was not set up (carries the typed outcome).
public struct NoBounce: Error, Sendable {
    public let outcome: BounceOutcome
}
