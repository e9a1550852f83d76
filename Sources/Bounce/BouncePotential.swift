import SupercoolNumerics

/// A one-field potential for the bounce solver: V(φ) and V'(φ), any units (GeV⁴ and GeV³ for physics).
public protocol BouncePotential: Sendable {
    func value(_ phi: Double) -> Double
    func derivative(_ phi: Double) -> Double
    /// V''(φ); the default is a central difference of V'.
    func secondDerivative(_ phi: Double) -> Double
    /// V and V' together (override when sharing work is cheaper).
    func valueAndDerivative(_ phi: Double) -> (value: Double, derivative: Double)
}

extension BouncePotential {
    public func valueAndDerivative(_ phi: Double) -> (value: Double, derivative: Double) { (value(phi), derivative(phi)) }

    public func secondDerivative(_ phi: Double) -> Double {
        let h = 1e-5 * max(abs(phi), 1e-3)
        return (derivative(phi + h) - derivative(phi - h)) / (2 * h)
    }
}

/// V(φ) = Σ_n c_n φⁿ.
public struct PolynomialPotential: BouncePotential, Equatable {
    public let coefficients: [Double]

    public init(coefficients: [Double]) { self.coefficients = coefficients }

    @inline(__always)
    public func value(_ phi: Double) -> Double {
        var sum = 0.0
        for c in coefficients.reversed() { sum = sum * phi + c }
        return sum
    }

    @inline(__always)
    public func derivative(_ phi: Double) -> Double {
        var sum = 0.0
        var n = coefficients.count - 1
        while n >= 1 { sum = sum * phi + Double(n) * coefficients[n]; n -= 1 }
        return sum
    }

    public func valueAndDerivative(_ phi: Double) -> (value: Double, derivative: Double) {
        var value = 0.0, derivative = 0.0
        var n = coefficients.count - 1
        while n >= 0 {
            derivative = derivative * phi + value
            value = value * phi + coefficients[n]
            n -= 1
        }
        return (value, derivative)
    }

    public func secondDerivative(_ phi: Double) -> Double {
        var sum = 0.0
        var n = coefficients.count - 1
        while n >= 2 { sum = sum * phi + Double(n * (n - 1)) * coefficients[n]; n -= 1 }
        return sum
    }

    /// Degree after dropping trailing zero coefficients.
    public var degree: Int { (coefficients.lastIndex(where: { $0 != 0 }) ?? 0) }
}

/// A potential given by closures (for models and tests).
public struct ClosurePotential: BouncePotential {
    let v: @Sendable (Double) -> Double
    let dv: @Sendable (Double) -> Double
    public init(value: @escaping @Sendable (Double) -> Double, derivative: @escaping @Sendable (Double) -> Double) {
        self.v = value; self.dv = derivative
    }
    public func value(_ phi: Double) -> Double { v(phi) }
    public func derivative(_ phi: Double) -> Double { dv(phi) }
}

/// κ V(φ/a): used by the scaling tests (S_d → a^d κ^{(2−d)/2}... see BounceTests).
public struct RescaledPotential<Base: BouncePotential>: BouncePotential {
    public let base: Base
    public let amplitude: Double   // κ
    public let fieldScale: Double  // a
    public init(base: Base, amplitude: Double, fieldScale: Double) {
        self.base = base; self.amplitude = amplitude; self.fieldScale = fieldScale
    }
    public func value(_ phi: Double) -> Double { amplitude * base.value(phi / fieldScale) }
    public func derivative(_ phi: Double) -> Double { amplitude / fieldScale * base.derivative(phi / fieldScale) }
    public func secondDerivative(_ phi: Double) -> Double { amplitude / (fieldScale * fieldScale) * base.secondDerivative(phi / fieldScale) }
}

/// A potential tabulated once (V and V′ as piecewise Chebyshev interpolants, `PiecewiseChebyshevTable`) in front of
/// the exact one, which is evaluated where the table has no piece (outside its range, at non-analytic points) and for
/// V″. With `even`, V(−φ) = V(φ) and the table covers |φ|. The bounce solver is specialised for this type.
public struct TabulatedPotential: BouncePotential {
    public let table: PiecewiseChebyshevTable
    public let exact: any BouncePotential
    public let even: Bool

    public init(table: PiecewiseChebyshevTable, exact: any BouncePotential, even: Bool) {
        self.table = table; self.exact = exact; self.even = even
    }

    @inline(__always)
    public func valueAndDerivative(_ phi: Double) -> (value: Double, derivative: Double) {
        let x = even ? abs(phi) : phi
        if let r = table.evaluate(x) { return (r.value, even && phi < 0 ? -r.derivative : r.derivative) }
        return exact.valueAndDerivative(phi)
    }
    public func value(_ phi: Double) -> Double { valueAndDerivative(phi).value }
    public func derivative(_ phi: Double) -> Double { valueAndDerivative(phi).derivative }
    public func secondDerivative(_ phi: Double) -> Double { exact.secondDerivative(phi) }
}
