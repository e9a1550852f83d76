import Bounce
import EffectivePotential

/// V_eff(φ, T) at fixed T, seen by the bounce solver.
public struct ThermalBouncePotential: BouncePotential {
    public let potential: ThermalEffectivePotential
    public let temperature: Double
    public init(potential: ThermalEffectivePotential, temperature: Double) {
        self.potential = potential; self.temperature = temperature
    }
    public func value(_ phi: Double) -> Double { potential.value(phi, temperature: temperature) }
    public func derivative(_ phi: Double) -> Double { potential.derivative(phi, temperature: temperature) }
    public func valueAndDerivative(_ phi: Double) -> (value: Double, derivative: Double) {
        potential.valueAndDerivative(phi, temperature: temperature)
    }
}

/// The tunnelling problem of the thermal potential at T: from the symmetric phase φ = 0 to the
/// broken minimum, in O(3) (S3, thermal) or O(4) (S4, vacuum).
public struct ThermalTunnelling: Sendable {
    public let potential: ThermalEffectivePotential
    public let phases: PhaseStructure
    public let solver: BounceSolver

    public init(potential: ThermalEffectivePotential, solver: BounceSolver = BounceSolver()) {
        self.potential = potential
        self.phases = PhaseStructure(potential: potential)
        self.solver = solver
    }

    /// The bounce at temperature T (GeV) in d dimensions.
    public func bounce(temperature T: Double, dimension: Double = 3) -> BounceOutcome {
        guard let broken = phases.brokenMinimum(at: T) else {
            return .noTunnelling("no broken minimum at T = \(T) GeV")
        }
        if phases.curvatureAtOrigin(at: T) <= 0 {
            return .barrierVanished("the origin is not a minimum at T = \(T) GeV: no barrier, S = 0")
        }
        let problem = BounceProblem(potential: ThermalBouncePotential(potential: potential, temperature: T),
                                    falseVacuum: 0, trueVacuum: broken.phi, dimension: dimension)
        return solver.solve(problem)
    }
}
