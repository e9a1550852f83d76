import Testing
@testable import SupercoolNumerics

/// Sobol points against scipy's unscrambled Joe–Kuo sequence, their stratification, Latin hypercube bins,
/// SplitMix64's published outputs, and out-of-range inputs as typed errors.
@Suite struct QuasiRandomTests {
    /// The first 16 points in 10 dimensions, times 16 (all are multiples of 1/16), from scipy 1.17.1:
    /// python -c "from scipy.stats import qmc; x = qmc.Sobol(d=10, scramble=False).random(16);
    ///            [print([int(v*16) for v in r]) for r in x]"
    static let first16Times16: [[Int]] = [
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        [8, 8, 8, 8, 8, 8, 8, 8, 8, 8],
        [12, 4, 4, 4, 12, 12, 4, 12, 12, 12],
        [4, 12, 12, 12, 4, 4, 12, 4, 4, 4],
        [6, 6, 10, 14, 6, 2, 6, 14, 14, 10],
        [14, 14, 2, 6, 14, 10, 14, 6, 6, 2],
        [10, 2, 14, 10, 10, 14, 2, 2, 2, 6],
        [2, 10, 6, 2, 2, 6, 10, 10, 10, 14],
        [3, 5, 15, 7, 9, 5, 7, 15, 15, 5],
        [11, 13, 7, 15, 1, 13, 15, 7, 7, 13],
        [15, 1, 11, 3, 5, 9, 3, 3, 3, 9],
        [7, 9, 3, 11, 13, 1, 11, 11, 11, 1],
        [5, 3, 5, 9, 15, 7, 1, 1, 1, 15],
        [13, 11, 13, 1, 7, 15, 9, 9, 9, 7],
        [9, 7, 1, 13, 3, 11, 5, 13, 13, 3],
        [1, 15, 9, 5, 11, 3, 13, 5, 5, 11],
    ]

    /// Single points far into the sequence in all 21 dimensions, times 2^32 (exact), which exercise every
    /// transcribed m_k and the recurrence up to bit 32, from scipy 1.17.1:
    /// python -c "from scipy.stats import qmc
    /// for n in [100, 1023, 4096, 123456, 99999999, 2**32-1]:
    ///     s = qmc.Sobol(d=21, scramble=False, bits=32); s.fast_forward(n); print(n, [int(v*2**32) for v in s.random(1)[0]])"
    static let farPointsTimes2To32: [(index: Int, x: [UInt64])] = [
        (100, [1778384896, 1107296256, 3321888768, 3120562176, 3791650816, 3187671040, 100663296, 2046820352, 2717908992,
               2986344448, 1979711488, 2919235584, 2046820352, 3657433088, 1375731712, 2113929216, 2919235584, 3187671040,
               3590324224, 1442840576, 3254779904]),
        (1023, [4194304, 3233808384, 2629828608, 624951296, 801112064, 1883242496, 599785472, 2654994432, 1480589312,
                3653238784, 2915041280, 155189248, 557842432, 2856321024, 1556086784, 1992294400, 1346371584, 3762290688,
                2512388096, 1371537408, 3720347648]),
        (4096, [1572864, 2021130240, 3589799936, 2664955904, 708313088, 2331508736, 3043491840, 3593994240, 2847408128,
                4272422912, 3629645824, 477626368, 2256011264, 1696071680, 2845310976, 1192755200, 492306432, 2534932480,
                194510848, 1997012992, 2888302592]),
        (123456, [113803264, 784891904, 1319665664, 1934065664, 726630400, 872972288, 3074457600, 1993113600, 3034218496,
                  1069711360, 2143649792, 3355148288, 2370732032, 1204518912, 3278536704, 2840559616, 2453766144, 1596227584,
                  3788210176, 674988032, 507215872]),
        (99999999, [17363168, 2271801568, 2597882400, 3503542368, 2050674912, 2069014688, 2155848032, 1682963424, 3269138784,
                    3656743008, 3290872224, 1276934176, 2578364256, 2060046368, 1152700640, 3950810720, 1924566752, 456297056,
                    3754540640, 250915232, 916663840]),
        (4294967295, [1, 4294967295, 3305133397, 1342505107, 2953698205, 1086045115, 3222291575, 2271450689, 2218067473,
                      2197780721, 2177894957, 2267256725, 2185692887, 638582947, 3642593693, 1925502805, 2471086999, 532609949,
                      3019960555, 4043309067, 1090715661]),
    ]

    @Test func firstPointsMatchScipy() throws {
        // The published start of dimensions 1 and 2.
        let two = try SobolSequence(dimensions: 2).points(count: 6)
        #expect(two.map { $0[0] } == [0, 0.5, 0.75, 0.25, 0.375, 0.875])
        #expect(two.map { $0[1] } == [0, 0.5, 0.25, 0.75, 0.375, 0.875])
        for d in [1, 2, 3, 10] {
            let sobol = try SobolSequence(dimensions: d)
            let expected = Self.first16Times16.map { row in row.prefix(d).map { Double($0) / 16 } }
            #expect(try sobol.points(count: 16) == expected, "d = \(d)")
            #expect(try (0..<16).map { try sobol.point($0) } == expected, "d = \(d)")
        }
    }

    @Test func farPointsMatchScipyInAll21Dimensions() throws {
        let sobol = try SobolSequence(dimensions: 21)
        for (index, x) in Self.farPointsTimes2To32 {
            let expected = x.map { Double($0) * 0x1p-32 }
            #expect(try sobol.point(index) == expected, "index \(index)")
            // The Gray-code recursion from an earlier skip reaches the same point.
            #expect(try sobol.points(count: 3, skip: index - 2).last == expected, "index \(index)")
        }
    }

    @Test func bulkRecursionEqualsDirectPoints() throws {
        let sobol = try SobolSequence(dimensions: 21)
        let bulk = try sobol.points(count: 300, skip: 1000)
        for (i, p) in bulk.enumerated() { #expect(p == (try sobol.point(1000 + i))) }
    }

    /// The first 2^k points: each of the 2^k intervals [i/2^k, (i+1)/2^k) holds exactly one coordinate, in every
    /// dimension, for k ≤ 12; also with a digital shift, and for the block of 2^k points starting at a multiple of 2^k.
    @Test func firstPowerOfTwoPointsAreStratified() throws {
        for sobol in [try SobolSequence(dimensions: 21), try SobolSequence(dimensions: 21, digitalShiftSeed: 7)] {
            for k in 0...12 {
                let n = 1 << k
                for skip in [0, 5 * n] {
                    let pts = try sobol.points(count: n, skip: skip)
                    for j in 0..<21 {
                        var hits = [Int](repeating: 0, count: n)
                        for p in pts { hits[Int(p[j] * Double(n))] += 1 }   // exact: p[j] is a multiple of 2^-32
                        #expect(hits.allSatisfy { $0 == 1 }, "k = \(k), skip = \(skip), dimension \(j + 1)")
                    }
                }
            }
        }
    }

    @Test func digitalShiftIsReproducibleAndMovesTheOrigin() throws {
        let a = try SobolSequence(dimensions: 5, digitalShiftSeed: 42), b = try SobolSequence(dimensions: 5, digitalShiftSeed: 42)
        let c = try SobolSequence(dimensions: 5, digitalShiftSeed: 43)
        #expect(try a.points(count: 64) == b.points(count: 64))
        #expect(try a.points(count: 64) != c.points(count: 64))
        #expect(try a.point(0) != [0, 0, 0, 0, 0])
        #expect(try a.points(count: 64).allSatisfy { $0.allSatisfy { $0 >= 0 && $0 < 1 } })
    }

    @Test func outOfRangeInputsAreTypedErrors() throws {
        #expect(throws: SampleDesignError.dimensions(0, allowed: 1...21)) { try SobolSequence(dimensions: 0) }
        #expect(throws: SampleDesignError.dimensions(22, allowed: 1...21)) { try SobolSequence(dimensions: 22) }
        let sobol = try SobolSequence(dimensions: 2)
        let indices = 0...4_294_967_295
        #expect(throws: SampleDesignError.index(-1, allowed: indices)) { try sobol.point(-1) }
        #expect(throws: SampleDesignError.index(4_294_967_296, allowed: indices)) { try sobol.point(4_294_967_296) }
        #expect(throws: SampleDesignError.count(0, allowed: 1...4_294_967_296)) { try sobol.points(count: 0) }
        #expect(throws: SampleDesignError.index(-3, allowed: indices)) { try sobol.points(count: 2, skip: -3) }
        #expect(throws: SampleDesignError.index(4_294_967_296, allowed: indices)) {
            try sobol.points(count: 2, skip: 4_294_967_295)
        }
        #expect(try sobol.points(count: 1, skip: 4_294_967_295) == [[1 * 0x1p-32, 4_294_967_295 * 0x1p-32]])
        #expect(throws: SampleDesignError.count(0, allowed: LatinHypercube.countRange)) {
            try LatinHypercube.sample(count: 0, dimensions: 3, seed: 1)
        }
        #expect(throws: SampleDesignError.dimensions(-2, allowed: LatinHypercube.dimensionRange)) {
            try LatinHypercube.sample(count: 10, dimensions: -2, seed: 1)
        }
        #expect("\(SampleDesignError.dimensions(22, allowed: 1...21))" == "dimensions 22 outside the allowed range 1...21")
    }

    @Test func latinHypercubeHasOnePointPerBin() throws {
        for (count, dimensions) in [(1, 1), (2, 3), (7, 4), (100, 6), (1000, 2)] {
            let x = try LatinHypercube.sample(count: count, dimensions: dimensions, seed: 2024)
            #expect(x.count == count && x.allSatisfy { $0.count == dimensions })
            for j in 0..<dimensions {
                // One point per bin ⇔ the i-th smallest coordinate lies in [i/n, (i+1)/n), with the edges as computed.
                let sorted = x.map { $0[j] }.sorted()
                for (i, v) in sorted.enumerated() {
                    #expect(v >= Double(i) / Double(count) && v < Double(i + 1) / Double(count), "n = \(count), dim \(j), bin \(i)")
                }
            }
        }
    }

    @Test func latinHypercubeIsReproducibleAndSeedDependent() throws {
        let a = try LatinHypercube.sample(count: 50, dimensions: 4, seed: 11)
        #expect(try LatinHypercube.sample(count: 50, dimensions: 4, seed: 11) == a)
        let b = try LatinHypercube.sample(count: 50, dimensions: 4, seed: 12)
        #expect(b != a)
        // Not merely a different permutation of the same bins: the positions differ too.
        #expect(Set(a.flatMap { $0 }).isDisjoint(with: b.flatMap { $0 }))
        // Independent permutations: the dimensions are not all in the same bin order.
        let order = { (j: Int) in a.map { Int($0[j] * 50) } }
        #expect(order(0) != order(1) || order(1) != order(2))
    }

    /// Vigna's splitmix64.c from seed 0 (state advanced before mixing), the convention DomainSweep has always used.
    @Test func splitMix64PublishedOutputs() {
        var rng = SplitMix64(seed: 0)
        #expect([rng.next(), rng.next(), rng.next()] == [0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f])
        var unit = SplitMix64(seed: 0)
        #expect(unit.nextUnit() == Double(UInt64(0xe220a8397b1dcdaf) >> 11) * 0x1p-53)
        var bounded = SplitMix64(seed: 5)
        #expect((0..<1000).allSatisfy { _ in bounded.nextIndex(below: 7) < 7 })
    }
}
