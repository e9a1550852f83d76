import Testing
@testable import SupercoolNumerics

/// `DecimalText` must return exactly what the standard library's `Double(String)` / `Int(String)` return: bit for bit,
/// on the table's own formats (%.6f, %.10e), on random decimals at the edges of the exact fast path (15/16 digits,
/// |exponent| 22/23, tiny and huge numbers) and on text the fast path hands back (inf, nan, hex, malformed).
@Suite struct DecimalTextTests {
    static func parse(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { DecimalText.double($0) }
    }
    static func parseInt(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { DecimalText.integer($0) }
    }
    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        default: return false
        }
    }

    @Test func fixedCasesMatchTheStandardLibrary() {
        let cases = ["0", "-0", "+0", "0.0", "-0.000000", "1", "-3.295975", "-36.04365338911715", "1.9768264576e-09", "505861299.1401643",
                     "348517000.0", "1e22", "1e23", "1e-22", "1e-23", "9007199254740993", "900719925474099.3", "123456789012345",
                     "1234567890123456", "0.1", "0.30000000000000004", "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308",
                     "1e400", "-1e400", "1e-400", "inf", "-inf", "nan", "infinity", "0x1p-3", "", "-", "+", ".", ".5", "5.", "1e", "1e+",
                     "1.2.3", "1,5", " 1", "1 ", "--1", "1e5", "1E5", "1e+05", "-1.5E-05", "00012.5000", "0.000000000000000000000001"]
        for s in cases {
            #expect(Self.same(Self.parse(s), Double(s)), "'\(s)': \(String(describing: Self.parse(s))) vs \(String(describing: Double(s)))")
        }
        for s in ["0", "1", "-1", "+7", "42", "10000", "", "-", "+", "1.0", "1e3", " 1", "x", "123456789012345678", "1234567890123456789",
                  "99999999999999999999", "-9223372036854775808", "9223372036854775807", "9223372036854775808"] {
            #expect(Self.parseInt(s) == Int(s), "'\(s)'")
        }
    }

    /// 200,000 random decimals in the table formats and around the fast path's limits.
    @Test func randomDecimalsMatchTheStandardLibraryBitForBit() {
        var rng = SplitMix64(seed: 20261130)
        var mismatches = [String]()
        for i in 0..<200_000 {
            let s: String
            switch i % 4 {
            case 0:   // %.6f of a ln p
                s = String(format6: -40 * rng.nextUnit() + 2)
            case 1:   // %.10e and friends
                let m = Double(rng.next() >> 11) * 0x1p-53 * 10
                s = "\(rng.next() % 2 == 0 ? "-" : "")\(m)e\(Int(rng.next() % 61) - 30)"
            case 2:   // digit strings of 1…20 digits with a point somewhere and an exponent near ±22
                let n = 1 + Int(rng.next() % 20)
                var digits = (0..<n).map { _ in String(rng.next() % 10) }.joined()
                let point = Int(rng.next() % UInt64(n + 1))
                if point < n { digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point)) }
                if digits.hasPrefix(".") { digits = "0" + digits }
                if digits.hasSuffix(".") { digits += "0" }
                s = digits + (rng.next() % 2 == 0 ? "" : "e\(Int(rng.next() % 51) - 25)")
            default:  // any double, shortest round trip
                s = "\(Double(bitPattern: rng.next()))"
            }
            if !Self.same(Self.parse(s), Double(s)) && mismatches.count < 10 { mismatches.append(s) }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}

private extension String {
    /// "%.6f" without Foundation: the test target does not import it.
    init(format6 x: Double) {
        let scaled = (abs(x) * 1e6).rounded()
        let whole = Int(scaled) / 1_000_000, fraction = Int(scaled) % 1_000_000
        let f = String(fraction)
        self = (x < 0 ? "-" : "") + "\(whole)." + String(repeating: "0", count: 6 - f.count) + f
    }
}
