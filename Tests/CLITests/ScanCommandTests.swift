import Testing
import Foundation
import ParameterScan

/// `supercool scan` as a user runs it: killed with SIGKILL and resumed, refusals with exit 2, export formats.
@Suite(.serialized) struct ScanCommandTests {
    static func temporary(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supercool-scan-cli-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return path
    }

    static let small = ["--v", "0.01:100:24:log", "--lambda", "0.006", "--g-rel", "-0.05", "--jobs", "1", "--quiet"]

    @Test("kill -9 mid-scan keeps every committed point and a sound file; the same command resumes and ends equal to an uninterrupted run")
    func killAndResume() throws {
        let db = Self.temporary("killed.sqlite")
        let process = Process()
        process.executableURL = CLITests.executable
        process.arguments = ["scan", "--db", db] + Self.small
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for a few committed points (the first one carries the bounces), then SIGKILL: no chance to clean up.
        let deadline = Date().addingTimeInterval(120)
        var committed = 0
        while Date() < deadline && process.isRunning {
            if FileManager.default.fileExists(atPath: db), let n = try? ScanStore(readingFrom: db).finishedIndices().count { committed = n }
            if committed >= 4 { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(process.isRunning, "the scan ended before it could be killed (\(committed) points)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let afterKill = try ScanStore(readingFrom: db)
        #expect(try afterKill.integrityCheck() == "ok")
        let kept = try afterKill.finishedIndices().count
        #expect(kept >= committed && kept < 24, "\(kept) points after the kill")

        let resumed = try CLITests.run(["scan", "--db", db] + Self.small)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("24 points, \(kept) already done, \(24 - kept) computed"), "\(resumed.stdout)")

        let fresh = Self.temporary("uninterrupted.sqlite")
        #expect(try CLITests.run(["scan", "--db", fresh] + Self.small).status == 0)
        let a = try ScanStore(readingFrom: db).records(), b = try ScanStore(readingFrom: fresh).records()
        #expect(a.count == 24 && b.count == 24)
        for (x, y) in zip(a, b) { #expect(x.samePhysics(as: y), "point \(x.index)") }
    }

    @Test("Bad input exits 2 with the option or file named, before any work")
    func refusals() throws {
        let db = Self.temporary("refusals.sqlite")
        let cases: [([String], String)] = [
            (["--v", "1:2", "--lambda", "0.006", "--g", "0.7"], "--v"),
            (["--lambda", "0.006", "--g", "0.7:0.8:3:cubic"], "--g"),
            (["--lambda", "0.006"], "--g"),
            (["--lambda", "0.006", "--g", "0.7", "--g-rel", "-0.1"], "--g"),
            (["--lambda", "0.006", "--g", "0.7", "--shard", "4/4"], "--shard"),
            (["--lambda", "0.006", "--g", "0.7", "--points", "10"], "--points"),
            (["--lambda", "0.006:0.01", "--g", "0.7:0.8", "--sample", "lhs"], "--points"),
            (["--lambda", "20", "--g", "0.7"], "lambda"),
            (["--v", "1e20", "--lambda", "0.006", "--g", "0.7"], "v"),
            (["--model", "conformal-u1", "--lambda", "0.006", "--g", "0.7"], "--lambda"),
            (["--lambda", "0.006", "--g", "0.7", "--data", "ng15,lisa"], "--data"),
        ]
        for (args, named) in cases {
            let r = try CLITests.run(["scan", "--db", db] + args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(named), "\(args): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: db), "\(args) created the database")
        }
        let unwritable = try CLITests.run(["scan", "--db", "/nonexistent-dir/x.sqlite", "--lambda", "0.006", "--g", "0.7"])
        #expect(unwritable.status == 2 && unwritable.stderr.contains("/nonexistent-dir/x.sqlite"), "\(unwritable.stderr)")
        // A database of another spec is refused, and left as it was.
        let one = Self.temporary("spec.sqlite")
        #expect(try CLITests.run(["scan", "--db", one, "--v", "1", "--lambda", "0.006", "--g-rel", "-0.05", "--quiet"]).status == 0)
        let other = try CLITests.run(["scan", "--db", one, "--v", "1", "--lambda", "0.006", "--g-rel", "-0.05", "--vw", "0.9", "--quiet"])
        #expect(other.status == 2 && other.stderr.contains("transition conventions"), "\(other.stderr)")
        #expect(try ScanStore(readingFrom: one).finishedIndices().count == 1)
        let notOurs = Self.temporary("notours.sqlite")
        try String(repeating: "text ", count: 40).write(toFile: notOurs, atomically: true, encoding: .utf8)
        let foreign = try CLITests.run(["scan", "export", "--db", notOurs])
        #expect(foreign.status == 2 && foreign.stderr.contains("not a Supercool scan database"), "\(foreign.stderr)")

        // Export: CSV header and one row; JSON parses and carries the full report.
        let csv = try CLITests.run(["scan", "export", "--db", one, "--format", "csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("index,v_GeV,lambda,g,g_rel,status,Tc_MeV"))
        let json = try CLITests.run(["scan", "export", "--db", one, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let points = try #require(object["points"] as? [[String: Any]])
        #expect(points.count == 1 && (points[0]["report"] as? [String: Any])?["Tp_MeV"] is Double)
    }

    @Test("--from-csv takes the listed points (shared (λ, g) solved once); --sample sobol stays in its ranges")
    func csvAndSampledDesigns() throws {
        let csv = Self.temporary("points.csv")
        try "# two v at one (λ, g)\nv_GeV,lambda,g_rel,comment\n0.5,0.006,-0.05,a\n2,0.006,-0.05,b\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let db = Self.temporary("csv.sqlite")
        let r = try CLITests.run(["scan", "--db", db, "--from-csv", csv, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try ScanStore(readingFrom: db).records()
        #expect(rows.map(\.vev) == [0.5, 2] && rows.allSatisfy { $0.gaugeRelative == -0.05 })
        #expect(rows.map(\.curveReused) == [false, true])
        let bad = try CLITests.run(["scan", "--db", Self.temporary("bad.sqlite"), "--from-csv", csv, "--g", "0.7"])
        #expect(bad.status == 2 && bad.stderr.contains("'g'"), "\(bad.stderr)")

        let sobol = Self.temporary("sobol.sqlite")
        let s = try CLITests.run(["scan", "--db", sobol, "--v", "0.1:10:log", "--lambda", "0.005:0.007", "--g-rel", "-0.2:-0.01",
                                  "--sample", "sobol", "--points", "2", "--seed", "3", "--quiet"])
        #expect(s.status == 0, "\(s.stderr)")
        let points = try ScanStore(readingFrom: sobol).records()
        #expect(points.count == 2)
        for p in points {
            #expect((0.1...10).contains(p.vev) && (0.005...0.007).contains(p.second) && (-0.2...(-0.01)).contains(p.gaugeRelative ?? 1))
        }
    }
}

@Suite struct InferCommandTests {
    @Test("infer --model powerlaw --format json reports lnZ, its error, per-parameter summaries and ln B against smbhb")
    func powerLawJSON() throws {
        let r = try CLITests.run(["infer", "--model", "powerlaw", "--data", "ng15", "--bins", "14", "--seed", "1", "--live", "100",
                                  "--format", "json", "--against", "smbhb", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try CLITests.json(r.stdout)
        #expect(j["lnZ"] is Double && j["lnZ_error"] is Double)
        let parameters = try #require(j["parameters"] as? [[String: Any]])
        #expect(parameters.map { $0["name"] as? String } == ["log10_A", "gamma"])
        for p in parameters { #expect(p["mean"] is Double && p["median"] is Double && (p["interval68"] as? [Double])?.count == 2) }
        let against = try #require(j["against"] as? [String: Any])
        #expect(against["lnB"] is Double && against["lnB_error"] is Double)
    }

    @Test("infer --smbhb-prior nanograv: --with-smbhb and --against smbhb sample the same (log10 A, γ) prior")
    func nanogravPrior() throws {
        let r = try CLITests.run(["infer", "--model", "pt", "--with-smbhb", "--smbhb-prior", "nanograv", "--against", "smbhb", "--live", "40",
                                  "--seed", "3", "--format", "json", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try CLITests.json(r.stdout)
        #expect(j["smbhb_prior"] as? String == "nanograv")
        let names = try #require(j["parameters"] as? [[String: Any]]).map { $0["name"] as? String }
        #expect(names == ["log10_Tp_GeV", "log10_alpha", "log10_HR", "log10_A_smbhb", "gamma_smbhb"])
        let against = try #require(j["against"] as? [String: Any])
        #expect(against["smbhb_prior"] as? String == "nanograv" && against["parameter_names"] as? [String] == ["log10_A", "gamma"])
        // The default keeps γ = 13/3 in both.
        let d = try CLITests.run(["infer", "--model", "smbhb", "--live", "30", "--format", "json", "--quiet"])
        let dj = try CLITests.json(d.stdout)
        #expect(dj["smbhb_prior"] as? String == "uniform" && (dj["parameters"] as? [[String: Any]])?.count == 1)
    }

    @Test("infer --corner and --predictive write SVGs with no NaN; the samples CSV has one column per parameter")
    func plots() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supercool-infer-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let corner = dir.appendingPathComponent("corner.svg").path, predictive = dir.appendingPathComponent("pred.svg").path
        let samples = dir.appendingPathComponent("samples.csv").path
        let r = try CLITests.run(["infer", "--model", "powerlaw", "--live", "60", "--quiet", "--corner", corner, "--predictive", predictive, "--samples", samples])
        #expect(r.status == 0, "\(r.stderr)")
        for path in [corner, predictive] {
            let svg = try String(contentsOfFile: path, encoding: .utf8)
            #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n") && !svg.contains("NaN") && !svg.contains("\"nan") && !svg.contains("inf\""))
        }
        let header = try String(contentsOfFile: samples, encoding: .utf8).split(separator: "\n").first
        #expect(header == "weight,log_likelihood,log_prior_volume,log10_A,gamma")
    }

    @Test("infer refuses bad input with exit 2, naming the option")
    func refusals() throws {
        for (args, named) in [(["--model", "powerlaw", "--live", "5"], "--live"), (["--model", "smbhb", "--template", "turb"], "--template"),
                              (["--model", "pt", "--template", "budget"], "--kappa-col"), (["--model", "pt", "--vw", "2"], "--vw"),
                              (["--model", "nonsense"], "model"), (["--model", "powerlaw", "--seed", "18446744073709551615"], "--seed"),
                              (["--model", "pt", "--smbhb-prior", "nanograv"], "--smbhb-prior"),
                              (["--model", "powerlaw", "--smbhb-prior", "nanograv", "--against", "powerlaw"], "--smbhb-prior"),
                              (["--model", "smbhb", "--smbhb-prior", "holodeck"], "smbhb-prior"),
                              (["--model", "darku1"], "--emulator"), (["--model", "pt", "--emulator", "/tmp/x.json"], "--emulator"),
                              (["--model", "darku1", "--emulator", "/tmp/x.json", "--kappa-col", "0.5"], "--kappa-col"),
                              (["--model", "darku1", "--emulator", "/nonexistent-dir/x.json"], "--emulator"),
                              (["--model", "powerlaw", "--g-rel", "-0.01:0.01"], "--g-rel")] {
            let r = try CLITests.run(["infer"] + args)
            #expect(r.status == 2 && r.stderr.contains(named), "\(args): \(r.stderr)")
        }
    }
}

@Suite struct EmulatorCommandTests {
    @Test("emulator build/check and infer --model darku1 refuse bad input with exit 2, naming the option or the file")
    func refusals() throws {
        let notEmulator = FileManager.default.temporaryDirectory.appendingPathComponent("supercool-not-emulator-\(getpid()).json").path
        try "{\"format\": \"something-else\"}".write(toFile: notEmulator, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: notEmulator) }
        for (args, named) in [(["emulator", "build", "-o", "/tmp/e.json", "--lambda-nodes", "2"], "--lambda-nodes"),
                              (["emulator", "build", "-o", "/tmp/e.json", "--lambda", "0.1:0.01"], "--lambda"),
                              (["emulator", "build", "-o", "/tmp/e.json", "--g-rel", "-2:0.01"], "--g-rel"),
                              (["emulator", "build", "-o", "/tmp/e.json", "--g-rel-width", "0"], "--g-rel-width"),
                              (["emulator", "check", "--emulator", notEmulator], notEmulator),
                              (["emulator", "check", "--emulator", "/nonexistent.json"], "/nonexistent.json"),
                              (["infer", "--model", "darku1", "--emulator", notEmulator], notEmulator)] {
            let r = try CLITests.run(args)
            #expect(r.status == 2 && r.stderr.contains(named), "\(args): \(r.stderr)")
        }
    }
}

@Suite struct PlotPointsTests {
    /// --points and --published draw direct-mode spectra: the CSV rows equal `spectrum --Tp --alpha --HR` at the same
    /// frequency (same T*, g*, template); --smbhb adds three series (median and 68 % of log10 A) of slope f^{2/3}.
    @Test("plot --points/--published/--smbhb: the drawn curves are the direct-mode spectra; the SMBHB band is a γ = 13/3 power law")
    func givenPoints() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supercool-plotpoints-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let csv = dir.appendingPathComponent("points.csv").path
        try "# two points\nalpha,Tp_GeV,HR,label,gstar\n100,0.01,0.3,strong,\n0.5,0.05,0.1,weak,20\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let r = try CLITests.run(["plot", "--points", csv, "--smbhb", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        // Rows: "label",x,y,weight (labels hold commas; curves have an empty weight).
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        func series(_ prefix: String) -> [(Double, Double)] {
            rows.filter { $0[0].hasPrefix("\"" + prefix) }.compactMap { c in
                guard let x = Double(c[c.count - 3]), let y = Double(c[c.count - 2]) else { return nil }
                return (x, y)
            }
        }
        for (label, args) in [("strong", ["--Tp", "0.01", "--alpha", "100", "--HR", "0.3"]), ("weak", ["--Tp", "0.05", "--alpha", "0.5", "--HR", "0.1", "--gstar", "20"])] {
            let drawn = series(label)
            #expect(drawn.count == 201, "\(label)")
            let (f, y) = drawn[120]
            let s = try CLITests.run(["spectrum"] + args + ["--fmin", "\(f)", "--fmax", "\(f * 1.0000001)", "--points", "2", "--format", "json"])
            let j = try CLITests.json(s.stdout)
            let expected = try #require((j["h2Omega_GW"] as? [Double])?.first)
            #expect(abs(y / expected - 1) < 1e-5, "\(label): \(y) vs \(expected)")
        }
        let median = series("SMBHB median"), low = series("SMBHB 16"), high = series("SMBHB 84")
        #expect(median.count == 201 && low.count == 201 && high.count == 201)
        let slope = log10(median[200].1 / median[0].1) / log10(median[200].0 / median[0].0)
        #expect(abs(slope - 2.0 / 3) < 1e-9)
        #expect(low[50].1 < median[50].1 && median[50].1 < high[50].1)
        // --published: the benchmark table's own T_p, α, H*R* (BP1: 12.54 MeV, 342.34, 0.4771), no transition computed.
        let p = try CLITests.run(["plot", "--published", "--bp", "BP1", "--format", "csv"])
        #expect(p.status == 0 && p.stdout.contains("BP1 (published): T_p = 12.5 MeV, α = 342, H*R* = 0.477") && !p.stderr.contains("computing"), "\(p.stderr)")
        let svgPath = dir.appendingPathComponent("points.svg").path
        let svg = try CLITests.run(["plot", "--points", csv, "--published", "--bp", "BP2", "--smbhb", "-o", svgPath])
        #expect(svg.status == 0, "\(svg.stderr)")
        let text = try String(contentsOfFile: svgPath, encoding: .utf8)
        #expect(text.contains("SMBHB γ = 13/3") && text.contains("BP2 (published)") && !text.contains("NaN"))
        // Bad input: exit 2 naming the file, line and column.
        try "Tp_GeV,alpha,HR\n0.01,-3,0.3\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let bad = try CLITests.run(["plot", "--points", csv, "-o", svgPath])
        #expect(bad.status == 2 && bad.stderr.contains("line 2") && bad.stderr.contains("'alpha'"), "\(bad.stderr)")
        try "Tp_GeV,HR\n0.01,0.3\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let noAlpha = try CLITests.run(["plot", "--points", csv, "-o", svgPath])
        #expect(noAlpha.status == 2 && noAlpha.stderr.contains("no column 'alpha'"), "\(noAlpha.stderr)")
        let budget = try CLITests.run(["plot", "--published", "--template", "budget", "-o", svgPath])
        #expect(budget.status == 2 && budget.stderr.contains("--template budget"), "\(budget.stderr)")
    }
}
