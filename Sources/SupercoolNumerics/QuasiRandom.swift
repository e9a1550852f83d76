// Deterministic sample designs on the unit hypercube [0, 1)^d for parameter scans: the Sobol low-discrepancy
// sequence and Latin hypercube sampling, with the small seedable generator both rely on. Pure Swift (no GSL);
// the same inputs give bit-identical points on every platform.

/// Why a sample design cannot be made: a count, dimension or index outside the allowed range (which it carries).
public enum SampleDesignError: Error, Sendable, Equatable, CustomStringConvertible {
    case dimensions(Int, allowed: ClosedRange<Int>)
    case count(Int, allowed: ClosedRange<Int>)
    /// A Sobol index (or `skip + count − 1`) beyond the 2^32 points of the 32-bit sequence.
    case index(Int, allowed: ClosedRange<Int>)

    public var description: String {
        switch self {
        case .dimensions(let d, let r): return "dimensions \(d) outside the allowed range \(r.lowerBound)...\(r.upperBound)"
        case .count(let n, let r): return "count \(n) outside the allowed range \(r.lowerBound)...\(r.upperBound)"
        case .index(let i, let r): return "index \(i) outside the allowed range \(r.lowerBound)...\(r.upperBound)"
        }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small, seedable generator, identical on every platform.
/// The state is advanced by the golden-ratio increment before mixing (as in Vigna's reference `splitmix64.c`),
/// so seed 0 gives 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f, …
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }
    /// Uniform in 0..<bound (bound ≥ 1) by rejection of the first 2^64 mod bound outputs: unbiased, and fixed here
    /// (not the standard library's `random(in:)`, whose algorithm may change between Swift versions).
    mutating func nextIndex(below bound: UInt64) -> UInt64 {
        let threshold = (0 &- bound) % bound
        while true {
            let r = next()
            if r >= threshold { return r % bound }
        }
    }
}

/// The Sobol sequence in 1…21 dimensions with the Joe–Kuo direction numbers (file `new-joe-kuo-6.21201`;
/// S. Joe and F. Y. Kuo, SIAM J. Sci. Comput. 30, 2635 (2008)), 32-bit precision, in Gray-code order
/// (Antonov–Saleev): the same points, in the same order, as Joe and Kuo's `sobol.cc` and
/// `scipy.stats.qmc.Sobol(scramble=False)`.
///
/// Index 0 is the origin and is **not** skipped: `points(count:skip:)` starts at index `skip` (default 0). The first
/// 2^m points (skip 0, or any skip that is a multiple of 2^m) are a (t, m, d)-net: in particular each coordinate
/// takes each of the 2^m values k/2^m … (k+1)/2^m exactly once. Skipping the origin (skip 1) loses that balance;
/// to avoid the corner use a digital shift instead.
///
/// Optional digital shift: with `digitalShiftSeed`, every coordinate of every point is XOR-ed with one 32-bit
/// word per dimension (the high half of successive `SplitMix64(seed:)` outputs). The shifted points keep the net
/// property (a digital shift maps elementary intervals onto elementary intervals) and are reproducible from the seed.
public struct SobolSequence: Sendable, Equatable {
    /// Dimensions with transcribed direction numbers.
    public static let dimensionRange = 1...21
    /// Indices of the 32-bit sequence: 0 … 2^32 − 1.
    public static let indexRange = 0...Int(UInt32.max)
    /// Bits per coordinate: points are multiples of 2^−32 in [0, 1).
    public static let bits = 32

    public let dimensions: Int
    public let digitalShiftSeed: UInt64?
    private let shift: [UInt32]

    public init(dimensions: Int, digitalShiftSeed: UInt64? = nil) throws(SampleDesignError) {
        guard Self.dimensionRange.contains(dimensions) else { throw .dimensions(dimensions, allowed: Self.dimensionRange) }
        self.dimensions = dimensions
        self.digitalShiftSeed = digitalShiftSeed
        if let seed = digitalShiftSeed {
            var rng = SplitMix64(seed: seed)
            shift = (0..<dimensions).map { _ in UInt32(truncatingIfNeeded: rng.next() >> 32) }
        } else {
            shift = Array(repeating: 0, count: dimensions)
        }
    }

    /// Point number `index` (0 is the origin when unshifted): x_j = ⊕_k g_k v_{j,k} with g the Gray code of `index`.
    public func point(_ index: Int) throws(SampleDesignError) -> [Double] {
        guard Self.indexRange.contains(index) else { throw .index(index, allowed: Self.indexRange) }
        return integerPoint(index).map(Self.unit)
    }

    /// `count` consecutive points from index `skip` (Gray-code recursion: one XOR per coordinate and point).
    public func points(count: Int, skip: Int = 0) throws(SampleDesignError) -> [[Double]] {
        let maxCount = Self.indexRange.upperBound + 1
        guard (1...maxCount).contains(count) else { throw .count(count, allowed: 1...maxCount) }
        guard Self.indexRange.contains(skip) else { throw .index(skip, allowed: Self.indexRange) }
        guard skip <= maxCount - count else { throw .index(skip + count - 1, allowed: Self.indexRange) }
        let table = Self.directionNumbers
        var x = integerPoint(skip)
        var result: [[Double]] = []
        result.reserveCapacity(count)
        result.append(x.map(Self.unit))
        for n in (skip + 1)..<(skip + count) {
            // Gray(n) differs from Gray(n − 1) in bit c = number of trailing zeros of n.
            let c = n.trailingZeroBitCount
            for j in 0..<dimensions { x[j] ^= table[j][c] }
            result.append(x.map(Self.unit))
        }
        return result
    }

    /// The 32-bit integer coordinates (shift applied) of point `index`.
    private func integerPoint(_ index: Int) -> [UInt32] {
        let gray = UInt32(truncatingIfNeeded: index ^ (index >> 1))
        let table = Self.directionNumbers
        return (0..<dimensions).map { j in
            var x = shift[j], g = gray, k = 0
            while g != 0 {
                if g & 1 != 0 { x ^= table[j][k] }
                g >>= 1
                k += 1
            }
            return x
        }
    }

    private static func unit(_ x: UInt32) -> Double { Double(x) * 0x1p-32 }

    /// Joe–Kuo `new-joe-kuo-6.21201`, dimensions 2…21: degree s of the primitive polynomial, its interior
    /// coefficients a (binary, highest first), and the initial direction integers m_1 … m_s (m_k odd, < 2^k).
    private static let joeKuo: [(s: Int, a: UInt32, m: [UInt32])] = [
        (1, 0, [1]),                        // d = 2
        (2, 1, [1, 3]),                     // 3
        (3, 1, [1, 3, 1]),                  // 4
        (3, 2, [1, 1, 1]),                  // 5
        (4, 1, [1, 1, 3, 3]),               // 6
        (4, 4, [1, 3, 5, 13]),              // 7
        (5, 2, [1, 1, 5, 5, 17]),           // 8
        (5, 4, [1, 1, 5, 5, 5]),            // 9
        (5, 7, [1, 1, 7, 11, 19]),          // 10
        (5, 11, [1, 1, 5, 1, 1]),           // 11
        (5, 13, [1, 1, 1, 3, 11]),          // 12
        (5, 14, [1, 3, 5, 5, 31]),          // 13
        (6, 1, [1, 3, 3, 9, 7, 49]),        // 14
        (6, 13, [1, 1, 1, 15, 21, 21]),     // 15
        (6, 16, [1, 3, 1, 13, 27, 49]),     // 16
        (6, 19, [1, 1, 1, 15, 7, 5]),       // 17
        (6, 22, [1, 3, 1, 15, 13, 25]),     // 18
        (6, 25, [1, 1, 5, 5, 19, 61]),      // 19
        (7, 1, [1, 3, 7, 11, 23, 15, 103]), // 20
        (7, 4, [1, 3, 7, 13, 13, 15, 69]),  // 21
    ]

    /// v_{j,k} as 32-bit integers (v · 2^32), k = 0 … 31: dimension 1 is van der Corput (v_k = 2^−(k+1));
    /// the others follow Bratley–Fox's recurrence
    /// v_k = v_{k−s} ⊕ (v_{k−s} ≫ s) ⊕ ⊕_{i=1}^{s−1} a_i v_{k−i}, from v_k = m_k 2^−k for k ≤ s.
    private static let directionNumbers: [[UInt32]] = {
        var table: [[UInt32]] = [(0..<32).map { UInt32(1) << (31 - $0) }]
        for (s, a, m) in joeKuo {
            var v = [UInt32](repeating: 0, count: 32)
            for k in 0..<32 {
                if k < s {
                    v[k] = m[k] << (31 - k)
                } else {
                    v[k] = v[k - s] ^ (v[k - s] >> s)
                    for i in 1..<s where (a >> (s - 1 - i)) & 1 == 1 { v[k] ^= v[k - i] }
                }
            }
            table.append(v)
        }
        return table
    }()
}

/// Latin hypercube sampling (McKay, Beckman, Conover 1979): each dimension cut into `count` equal bins
/// [k/count, (k+1)/count), one point per bin, at a uniform random position inside it, with an independent random
/// permutation of the bins per dimension.
public enum LatinHypercube {
    /// Sanity limits: a mistyped count or dimension is an error, not an attempt to allocate it.
    public static let countRange = 1...(1 << 32)
    public static let dimensionRange = 1...(1 << 16)

    /// `count` points in [0, 1)^`dimensions`, reproducible from `seed`. The draws, from one `SplitMix64(seed:)`,
    /// are, dimension after dimension: a Fisher–Yates shuffle of the bins (i = count−1 … 1 swaps i with a uniform
    /// index in 0…i), then one `nextUnit()` per point for its position in its bin.
    public static func sample(count: Int, dimensions: Int, seed: UInt64) throws(SampleDesignError) -> [[Double]] {
        guard countRange.contains(count) else { throw .count(count, allowed: countRange) }
        guard dimensionRange.contains(dimensions) else { throw .dimensions(dimensions, allowed: dimensionRange) }
        var rng = SplitMix64(seed: seed)
        var result = [[Double]](repeating: [Double](repeating: 0, count: dimensions), count: count)
        let n = Double(count)
        var bins = [Int](0..<count)
        for j in 0..<dimensions {
            for i in 0..<count { bins[i] = i }
            for i in stride(from: count - 1, to: 0, by: -1) {
                bins.swapAt(i, Int(rng.nextIndex(below: UInt64(i + 1))))
            }
            for i in 0..<count {
                let lower = Double(bins[i]) / n, upper = Double(bins[i] + 1) / n
                // Rounding of lower + u (upper − lower) may reach the upper edge: keep the point inside its bin.
                result[i][j] = min(lower + rng.nextUnit() * (upper - lower), upper.nextDown)
            }
        }
        return result
    }
}
