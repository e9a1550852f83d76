/// Numbers read straight from UTF-8 bytes, for the bundled tables (Data/pta: ~170,000 numbers per file), without making a
/// `String` per field. The result is always the double the standard library's `Double(String)` / `Int(String)` returns
/// for the same text (tested bit for bit), only faster.
public enum DecimalText {
    /// 10⁰ … 10²²: every one an exact double (10²² < 2⁵³·2²²; 5²² < 2⁵³).
    private static let exactPowersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// The double written in `bytes`, or nil if it is not a number. Fast path (Clinger 1990, "How to read floating point
    /// numbers accurately", PLDI '90, §6): text of the form `[+-]digits[.digits][(e|E)[+-]digits]` whose significand w is
    /// below 2⁵³ and whose decimal exponent e has |e| ≤ 22: w and 10^|e| are then exact doubles, so w·10^e (or w/10^−e) is a
    /// single correctly rounded operation, the correctly rounded value of the decimal, i.e. what strtod returns. Any other
    /// text (more digits, larger exponents, hexadecimal, inf, nan, empty) goes to the standard library, which decides.
    public static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = bytes.count
        var i = 0
        var negative = false
        if i < n && (bytes[i] == 0x2D || bytes[i] == 0x2B) { negative = bytes[i] == 0x2D; i &+= 1 }
        // w collects every digit; with at most 19 of them it cannot wrap (10¹⁹ < 2⁶⁴), and leading zeros add nothing.
        var w: UInt64 = 0
        let integerStart = i
        while i < n, case let d = bytes[i] &- 0x30, d < 10 { w = w &* 10 &+ UInt64(d); i &+= 1 }
        var digits = i &- integerStart
        guard digits > 0 else { return fallback(bytes) }
        var exponent = 0
        if i < n && bytes[i] == 0x2E {
            i &+= 1
            let fractionStart = i
            while i < n, case let d = bytes[i] &- 0x30, d < 10 { w = w &* 10 &+ UInt64(d); i &+= 1 }
            guard i > fractionStart else { return fallback(bytes) }
            exponent = fractionStart &- i
            digits &+= i &- fractionStart
        }
        if i < n && (bytes[i] == 0x65 || bytes[i] == 0x45) {
            i &+= 1
            var negativeExponent = false
            if i < n && (bytes[i] == 0x2D || bytes[i] == 0x2B) { negativeExponent = bytes[i] == 0x2D; i &+= 1 }
            let exponentStart = i
            var e = 0
            while i < n, case let d = bytes[i] &- 0x30, d < 10 { if e < 100_000 { e = e &* 10 &+ Int(d) }; i &+= 1 }
            guard i > exponentStart else { return fallback(bytes) }
            exponent &+= negativeExponent ? -e : e
        }
        guard i == n, digits <= 19, w < (1 << 53), exponent >= -22, exponent <= 22 else { return fallback(bytes) }
        let magnitude = exponent >= 0 ? Double(w) * exactPowersOfTen[exponent] : Double(w) / exactPowersOfTen[-exponent]
        return negative ? -magnitude : magnitude
    }

    /// The integer written in `bytes` (`[+-]digits`, as `Int(String)` reads it), or nil.
    public static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        var i = 0
        var negative = false
        if i < n && (bytes[i] == 0x2D || bytes[i] == 0x2B) { negative = bytes[i] == 0x2D; i += 1 }
        guard i < n, n - i <= 18 else { return n - i > 18 ? Int(String(decoding: bytes, as: UTF8.self)) : nil }
        var value = 0
        while i < n {
            let d = bytes[i] &- 0x30
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
            i += 1
        }
        return negative ? -value : value
    }

    private static func fallback(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        Double(String(decoding: bytes, as: UTF8.self))
    }
}
