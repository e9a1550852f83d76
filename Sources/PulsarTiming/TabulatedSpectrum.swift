import Foundation

/// A user-tabulated GW spectrum h²Ω_GW(f) (`supercool likelihood --spectrum FILE`, in the spirit of PTArcade's
/// tabulated-spectrum import): interpolated linearly in (log f, log h²Ω), never extrapolated.
public struct TabulatedSpectrum: Sendable {
    /// Strictly increasing, positive, finite (Hz).
    public let frequencies: [Double]
    /// Positive and finite.
    public let h2Omega: [Double]
    let logF: [Double], logH: [Double]

    /// A problem with the table; `description` says where (line numbers for CSV input), without the file name.
    public struct Invalid: Error, CustomStringConvertible { public let description: String }

    public init(frequencies: [Double], h2Omega: [Double]) throws {
        guard frequencies.count == h2Omega.count else { throw Invalid(description: "\(frequencies.count) frequencies but \(h2Omega.count) h2Omega_GW values") }
        guard frequencies.count >= 2 else { throw Invalid(description: "needs at least 2 rows, has \(frequencies.count)") }
        for (i, (f, h)) in zip(frequencies, h2Omega).enumerated() {
            guard f.isFinite, f > 0 else { throw Invalid(description: "row \(i + 1): f_Hz = \(f) must be a positive finite number") }
            guard h.isFinite, h > 0 else { throw Invalid(description: "row \(i + 1): h2Omega_GW = \(h) must be a positive finite number (the table is interpolated in log-log)") }
            if i > 0, f <= frequencies[i - 1] { throw Invalid(description: "row \(i + 1): f_Hz = \(f) is not above the previous row's \(frequencies[i - 1]) (frequencies must increase strictly)") }
        }
        self.frequencies = frequencies
        self.h2Omega = h2Omega
        logF = frequencies.map { log($0) }
        logH = h2Omega.map { log($0) }
    }

    /// Parses CSV text: `#` comment lines and blank lines are skipped, then a header whose first two columns are
    /// `f_Hz,h2Omega_GW` (further columns, e.g. `supercool spectrum`'s budget parts, are ignored), then one row per
    /// frequency. Errors name the line.
    public init(csv text: String) throws {
        var header = false
        var fs = [Double](), hs = [Double]()
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if !header {
                guard fields.count >= 2, fields[0] == "f_Hz", fields[1] == "h2Omega_GW" else {
                    throw Invalid(description: "line \(n + 1): expected the header f_Hz,h2Omega_GW, found '\(line.prefix(60))'")
                }
                header = true
                continue
            }
            guard fields.count >= 2, let f = Double(fields[0]), let h = Double(fields[1]) else {
                throw Invalid(description: "line \(n + 1): expected two numbers f_Hz,h2Omega_GW, found '\(line.prefix(60))'")
            }
            guard f.isFinite, f > 0 else { throw Invalid(description: "line \(n + 1): f_Hz = \(fields[0]) must be a positive finite number") }
            guard h.isFinite, h > 0 else {
                throw Invalid(description: "line \(n + 1): h2Omega_GW = \(fields[1]) must be a positive finite number (the table is interpolated in log-log)")
            }
            if let last = fs.last, f <= last { throw Invalid(description: "line \(n + 1): f_Hz = \(fields[0]) is not above the previous row's \(last) (frequencies must increase strictly)") }
            fs.append(f); hs.append(h)
        }
        guard header else { throw Invalid(description: "no header f_Hz,h2Omega_GW") }
        try self.init(frequencies: fs, h2Omega: hs)
    }

    public var frequencyRange: ClosedRange<Double> { frequencies.first!...frequencies.last! }

    /// Relative slack at the table's ends, so that a table written with rounded bin frequencies still covers them.
    public static let coverageTolerance = 1e-6

    /// The part of `needed` the table does not cover (beyond `coverageTolerance`), as text ("[a, b) Hz" and/or
    /// "(c, d] Hz"); nil when it is covered.
    public func missingRange(of needed: ClosedRange<Double>) -> String? {
        let (lo, hi) = (frequencies.first!, frequencies.last!)
        var gaps = [String]()
        if needed.lowerBound < lo * (1 - Self.coverageTolerance) {
            gaps.append(String(format: "[%.6g, %.6g) Hz", needed.lowerBound, Swift.min(lo, needed.upperBound)))
        }
        if needed.upperBound > hi * (1 + Self.coverageTolerance) {
            gaps.append(String(format: "(%.6g, %.6g] Hz", Swift.max(hi, needed.lowerBound), needed.upperBound))
        }
        return gaps.isEmpty ? nil : gaps.joined(separator: " and ")
    }

    /// h²Ω at f: log-log linear interpolation; within `coverageTolerance` of an end, that end's value; NaN beyond.
    public func callAsFunction(_ f: Double) -> Double {
        guard f.isFinite, f > 0 else { return .nan }
        let n = frequencies.count
        if f <= frequencies[0] { return f >= frequencies[0] * (1 - Self.coverageTolerance) ? h2Omega[0] : .nan }
        if f >= frequencies[n - 1] { return f <= frequencies[n - 1] * (1 + Self.coverageTolerance) ? h2Omega[n - 1] : .nan }
        var (a, b) = (0, n - 1)
        while b - a > 1 {
            let m = (a + b) / 2
            if frequencies[m] <= f { a = m } else { b = m }
        }
        let t = (log(f) - logF[a]) / (logF[b] - logF[a])
        return exp(logH[a] + t * (logH[b] - logH[a]))
    }
}
