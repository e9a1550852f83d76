import Testing
import Foundation

/// The `supercool` executable end to end: outputs, JSON keys, exit codes, one-line errors.
@Suite struct CLITests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let executable: URL = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("supercool"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("supercool"),
            root.appendingPathComponent(".build/debug/supercool"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }()

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(arguments: ["BP1", "BP2", "BP3", "BP4"])
    func modelAnswersForBenchmarkPoints(bp: String) throws {
        let r = try Self.run(["model", "--bp", bp, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r.stdout)
        for key in ["m_phi_GeV", "m_Zp_GeV", "deltaV0_GeV4", "g_roll", "Tc_GeV"] {
            #expect(j[key] is Double, "\(bp): key \(key)")
        }
        #expect(!r.stdout.lowercased().contains("nan"))
    }

    @Test func modelValuesForBP1() throws {
        let j = try Self.json(try Self.run(["model", "--bp", "BP1", "--format", "json"]).stdout)
        #expect(abs((j["m_phi_GeV"] as! Double) - 0.0547722557505166) < 1e-12)
        #expect(abs((j["m_Zp_GeV"] as! Double) - 0.375) < 1e-12)
        let text = try Self.run(["model", "--bp", "BP1"])
        #expect(text.status == 0 && text.stdout.contains("T_c"))
    }

    @Test(arguments: ["BP1", "BP2", "BP3", "BP4"])
    func potentialAnswers(bp: String) throws {
        let r = try Self.run(["potential", "--bp", bp, "--T", "0.02", "--points", "5", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let points = try #require(try Self.json(r.stdout)["points"] as? [[String: Any]])
        #expect(points.count == 5)
        let csv = try Self.run(["potential", "--v", "1", "--lambda", "0.006", "--g", "0.75", "--T", "0.02", "--points", "3", "--daisy", "parwani"])
        #expect(csv.status == 0)
        #expect(csv.stdout.contains("phi_GeV,V_GeV4,DeltaV_GeV4,dVdphi_GeV3"))
    }

    /// Bad input: exit code 2 and one line on stderr naming the parameter.
    @Test(arguments: [
        (["model", "--v", "1", "--lambda", "-0.1", "--g", "0.75"], "lambda"),
        (["model", "--v", "0", "--lambda", "0.006", "--g", "0.75"], "v"),
        (["model", "--v", "1", "--lambda", "abc", "--g", "0.75"], "lambda"),
        (["model", "--v", "1", "--lambda", "0.006", "--g", "nan"], "g"),
        (["model", "--v", "1", "--lambda", "0.006", "--g", "0"], "g"),
        (["potential", "--bp", "BP1", "--T", "-1"], "--T"),
        (["potential", "--bp", "BP1", "--T", "0.01", "--points", "1"], "--points"),
        (["model", "--bp", "BP9"], "BP9"),
        (["bounce", "--polynomial=0,0,x"], "--polynomial"),
        (["bounce", "--polynomial=0,0,1,-1", "--dimension", "5"], "--dimension"),
        (["bounce", "--bp", "BP1"], "--T"),
    ] as [([String], String)])
    func badInputIsRejectedClearly(arguments: [String], parameter: String) throws {
        let r = try Self.run(arguments)
        #expect(r.status == 2, "\(arguments): status \(r.status), stderr \(r.stderr)")
        let lines = r.stderr.split(whereSeparator: \.isNewline)
        #expect(lines.count == 1, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains(parameter), "\(arguments): \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func bounceJSON() throws {
        let r = try Self.run(["bounce", "--polynomial=0,0,2.6125232682,-5.7416821788,3", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r.stdout)
        for key in ["action", "phi0", "true_vacuum", "wall_radius", "derrick_ratio"] { #expect(j[key] is Double, "key \(key)") }
        #expect(abs((j["action"] as! Double) / 67.23059 - 1) < 2e-6)
        #expect(abs((j["true_vacuum"] as! Double) - 1) < 1e-12)
    }

    @Test func bounceOfModelAndPhysicsOutcomes() throws {
        let r = try Self.run(["bounce", "--bp", "BP1", "--T", "0.0125", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r.stdout)
        #expect((j["action_over_T"] as! Double) > 150 && (j["action_over_T"] as! Double) < 200)
        // Above T_c there is nothing to tunnel to: a physics answer (exit 3), not a number.
        let hot = try Self.run(["bounce", "--bp", "BP1", "--T", "0.2"])
        #expect(hot.status == 3 && hot.stderr.contains("no tunnelling"))
        #expect(hot.stdout.isEmpty)
    }

    @Test func profileIsWritten() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("supercool-profile-\(UUID().uuidString).csv").path
        let r = try Self.run(["bounce", "--polynomial=0,0,2.6125232682,-5.7416821788,3", "--dimension", "4", "--profile", path])
        #expect(r.status == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("r,phi,dphi_dr"))
        #expect(text.split(separator: "\n").count > 20)
        try? FileManager.default.removeItem(atPath: path)
    }

    @Test func reproduceJSON() throws {
        let r = try Self.run(["reproduce", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let points = try #require(try Self.json(r.stdout)["points"] as? [[String: Any]])
        #expect(points.map { $0["name"] as? String } == ["BP1", "BP2", "BP3", "BP4"])
        for p in points {
            let computed = try #require(p["computed"] as? [String: Any])
            for key in ["Tp_MeV", "HR", "alpha", "m_phi_GeV", "m_Zp_GeV", "Tn_MeV", "Tf_MeV", "Treh_MeV", "beta_over_H", "completes"] {
                #expect(computed.keys.contains(key), "\(p["name"]!): \(key)")
            }
            #expect(p["published"] is [String: Any] && p["inputs"] is [String: Any])
        }
        // BP3 and BP4 (printed inputs) do not percolate: null, not NaN.
        let bp4 = try #require(points[3]["computed"] as? [String: Any])
        #expect(bp4["Tp_MeV"] is NSNull && (bp4["completes"] as? Bool) == false)
        #expect(!r.stdout.lowercased().contains("nan"))
    }

    @Test func completionScan() throws {
        // Two points that both complete: no window edge to refine, so the (debug-build) test stays quick.
        let r = try Self.run(["completion", "--lambda", "0.006", "--v", "1", "--g-from", "0.7497", "--g-to", "0.7499", "--steps", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("g,Tp_GeV,alpha,HR,completes,status"))
        #expect(r.stderr.contains("g_roll = 0.74956"))
        #expect(r.stdout.split(separator: "\n").count == 4)
        let bad = try Self.run(["completion", "--lambda", "0.006", "--steps", "1"])
        #expect(bad.status == 2 && bad.stderr.contains("--steps"))
    }

    /// Scans: the status column is the outcome code with its reason; a progress line (rate, ETA) per finished point;
    /// out-of-range v is exit 2 (was 1); an unusable --output is refused before any point is computed.
    @Test func completionScanReportsOutcomesAndChecksItsInputsFirst() throws {
        // g = 0.6 (barrier vanishes below T_c: used to crash the root finder) and 0.95 (symmetric phase deeper).
        let r = try Self.run(["completion", "--lambda", "0.006", "--v", "1", "--g-from", "0.6", "--g-to", "0.95", "--steps", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("g,Tp_GeV,alpha,HR,completes,status,reason"))
        #expect(r.stdout.contains(",completes,\"percolates and completes\"") && r.stdout.contains(",symmetric_phase_deeper,"))
        #expect(r.stderr.contains("[1/2]") && r.stderr.contains("ETA"))
        let far = try Self.run(["completion", "--lambda", "0.006", "--v", "1e17"])
        #expect(far.status == 2 && far.stderr.contains("--v"), "\(far.stderr)")
        let start = Date()
        let badOutput = try Self.run(["completion", "--lambda", "0.006", "--output", "/nonexistent-dir/scan.csv"])
        #expect(badOutput.status == 2 && badOutput.stderr.contains("--output"))
        #expect(Date().timeIntervalSince(start) < 5, "the output path must be checked before the scan")
    }

    /// The second built-in model: `--model conformal-u1` with v, g, y (λ derived); options of the other model are errors.
    @Test func conformalModelRunsThroughPoint() throws {
        let r = try Self.run(["point", "--model", "conformal-u1", "--v", "0.14", "--g", "0.692", "--y", "0.01", "--scalars", "full", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r.stdout)
        let inputs = try #require(j["inputs"] as? [String: Any]), computed = try #require(j["computed"] as? [String: Any])
        #expect(inputs["model"] as? String == "conformal-u1" && inputs["y"] as? Double == 0.01)
        #expect(computed["status"] as? String == "completes")
        #expect(abs((computed["m_Zp_GeV"] as? Double ?? 0) - 0.692 * 0.14) < 1e-12)
        let withLambda = try Self.run(["point", "--model", "conformal-u1", "--v", "1", "--g", "0.7", "--lambda", "0.01"])
        #expect(withLambda.status == 2 && withLambda.stderr.contains("--lambda"))
        let withY = try Self.run(["point", "--v", "1", "--lambda", "0.006", "--g", "0.7", "--y", "0.1"])
        #expect(withY.status == 2 && withY.stderr.contains("--y"))
        // A benchmark file naming its model, with the peer code's numbers as references.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("BenchmarkPoints/ConformalU1/TL-BP1.json").path
        let rep = try Self.run(["reproduce", "--points", file, "--scalars", "full", "--format", "json"])
        #expect(rep.status == 0, "\(rep.stderr)")
        let point = try #require((try Self.json(rep.stdout))["points"] as? [[String: Any]]).first
        let deviation = try #require(point?["relative_deviation"] as? [String: Any])
        #expect(abs(deviation["Tp"] as? Double ?? 1) < 2e-4 && abs(deviation["alpha"] as? Double ?? 1) < 5e-4)
        let direct = try Self.run(["spectrum", "--Tp", "0.01", "--alpha", "1", "--HR", "0.1", "--model", "conformal-u1", "--y", "0.3"])
        #expect(direct.status == 2 && direct.stderr.contains("not both"), "\(direct.stderr)")
        let unsupported = try Self.run(["model", "--model", "conformal-u1", "--v", "1", "--g", "0.7"])
        #expect(unsupported.status == 2 && unsupported.stderr.contains("darku1"))
    }

    /// Points that used to end in internal errors (issue 9) answer with exit 0, a status code and its reason.
    @Test func formerInternalErrorsAnswer() throws {
        for (v, lambda, g, code) in [("1", "0.006", "0.6", "completes"), ("27.0287", "0.000124024", "0.28650163", "no_nucleation")] {
            let r = try Self.run(["point", "--v", v, "--lambda", lambda, "--g", g, "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let computed = try #require((try Self.json(r.stdout))["computed"] as? [String: Any]
                                        ?? ((try Self.json(r.stdout))["points"] as? [[String: Any]])?.first?["computed"] as? [String: Any])
            #expect(computed["status"] as? String == code)
            #expect((computed["status_reason"] as? String)?.isEmpty == false)
            let text = try Self.run(["point", "--v", v, "--lambda", lambda, "--g", g])
            #expect(text.status == 0 && !text.stdout.lowercased().contains("nan"))
        }
    }

    @Test func powerLawLikelihoodJSON() throws {
        // Negative values after an option parse as typed.
        let r = try Self.run(["likelihood", "--powerlaw", "--log10A", "-14.6", "--gamma", "4.3333333", "--data", "ng15", "--bins", "14", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let lnL = try #require(try Self.json(r.stdout)["lnL"] as? Double)
        #expect(lnL > -19 && lnL < -17)
        let both = try Self.run(["likelihood", "--powerlaw", "--log10A", "-14.6", "--data", "both"])
        #expect(both.status == 0 && both.stdout.contains("share pulsars"))
        let bad = try Self.run(["likelihood", "--powerlaw", "--log10A", "-14.6", "--bins", "99"])
        #expect(bad.status == 2 && bad.stderr.contains("--bins"))
    }

    /// `likelihood --spectrum`: `supercool spectrum`'s own CSV scores as `fit` does (200 log-spaced points: 0.01);
    /// a table that misses part of the bins, or is malformed, is refused naming the file and the range (exit 2).
    @Test func tabulatedSpectrumLikelihood() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supercool-spectrum-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let direct = ["--Tp", "0.0125", "--alpha", "340", "--HR", "0.2"]
        let csv = try Self.run(["spectrum"] + direct)
        #expect(csv.status == 0, "\(csv.stderr)")
        let path = dir.appendingPathComponent("s.csv").path
        try csv.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        let fit = try Self.json(try Self.run(["fit"] + direct + ["--data", "both", "--format", "json"]).stdout)
        let r = try Self.run(["likelihood", "--spectrum", path, "--data", "both", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r.stdout)
        let lnL = try #require(j["lnL"] as? Double), fitLnL = try #require(fit["lnL"] as? Double)
        #expect(abs(lnL - fitLnL) < 0.01, "\(lnL) vs fit \(fitLnL)")
        let sets = try #require(j["datasets"] as? [[String: Any]])
        #expect(sets.map { $0["bins"] as? Int } == [14, 9] && (sets[0]["ceffyl_offset"] as? Double).map { abs($0 + 91.505284) < 1e-5 } == true)
        #expect(j["spectrum_points"] as? Int == 200)
        let text = try Self.run(["likelihood", "--spectrum", path, "--data", "epta", "--bins", "5"])
        #expect(text.status == 0 && text.stdout.contains("EPTA DR2new (5 bins): ln L = ") && text.stdout.contains("200 points"), "\(text.stdout)")
        // Only 3–20 nHz: NG15's 14 bins need 1.98–27.7 nHz.
        let short = try Self.run(["spectrum"] + direct + ["--fmin", "3e-9", "--fmax", "2e-8", "--points", "20"])
        let shortPath = dir.appendingPathComponent("short.csv").path
        try short.stdout.write(toFile: shortPath, atomically: true, encoding: .utf8)
        let uncovered = try Self.run(["likelihood", "--spectrum", shortPath])
        #expect(uncovered.status == 2 && uncovered.stderr.contains("short.csv") && uncovered.stderr.contains("missing [1.97683e-09, 3e-09) Hz and (2e-08, 2.76756e-08] Hz"), "\(uncovered.stderr)")
        // EPTA's first bin (2.87 nHz) lies below 3 nHz too; its 6th (17.2 nHz) is covered.
        let epta = try Self.run(["likelihood", "--spectrum", shortPath, "--bins", "6", "--data", "epta"])
        #expect(epta.status == 2 && epta.stderr.contains("EPTA DR2new's 6 bins") && epta.stderr.contains("missing [2.8693e-09, 3e-09) Hz") && !epta.stderr.contains(" and "), "\(epta.stderr)")
        let broken = dir.appendingPathComponent("broken.csv").path
        try "f_Hz,h2Omega_GW\n1e-10,1e-9\n1e-6,0\n".write(toFile: broken, atomically: true, encoding: .utf8)
        for (arguments, mentioned) in [(["--spectrum", broken], "broken.csv: line 3: h2Omega_GW = 0"),
                                       (["--spectrum", dir.appendingPathComponent("none.csv").path], "none.csv: no such file"),
                                       (["--spectrum", path, "--log10A", "-14"], "--log10A and --gamma apply to --powerlaw"),
                                       (["--spectrum", path, "--powerlaw", "--log10A", "-14"], "cannot be combined"),
                                       ([], "--powerlaw (with --log10A) or --spectrum FILE"),
                                       (["--powerlaw"], "--log10A"),
                                       (["--spectrum", path, "--bins", "31"], "--bins must be in 1…30")] {
            let e = try Self.run(["likelihood"] + arguments)
            #expect(e.status == 2 && e.stderr.contains(mentioned) && e.stdout.isEmpty, "\(arguments): \(e.status) \(e.stderr)")
        }
    }

    @Test func spectrumDirectAndModelWithoutSpectrum() throws {
        let r = try Self.run(["spectrum", "--Tp", "0.0125", "--alpha", "340", "--HR", "0.2", "--points", "4", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r.stdout)
        #expect((j["f_Hz"] as? [Double])?.count == 4 && (j["h2Omega_GW"] as? [Double])?.count == 4)
        // BP4 as printed does not percolate: no spectrum, a physics answer (exit 3).
        let none = try Self.run(["spectrum", "--bp", "BP4"])
        #expect(none.status == 3 && none.stderr.contains("no GW spectrum"))
        let missing = try Self.run(["spectrum", "--Tp", "0.01", "--alpha", "10"])
        #expect(missing.status == 2 && missing.stderr.contains("--HR"))
    }

    /// Every template is reachable from the command line; sound waves at α ≫ 1 carry a validity note.
    @Test(arguments: ["sw", "hh2017", "turb", "sw+turb", "collision", "budget"])
    func spectrumTemplates(template: String) throws {
        let r = try Self.run(["spectrum", "--Tp", "0.0125", "--alpha", "340", "--HR", "0.2", "--points", "3", "--template", template, "--format", "json"]
                             + (template == "budget" ? ["--kappa-col", "0.3"] : []))
        #expect(r.status == 0, "\(r.stderr)")
        let values = try #require(try Self.json(r.stdout)["h2Omega_GW"] as? [Double])
        #expect(values.count == 3 && values.allSatisfy { $0.isFinite && $0 > 0 })
        #expect(r.stderr.contains("outside the range where") == ["sw", "hh2017", "turb", "sw+turb"].contains(template))
    }

    /// The budget template: in direct mode only with --kappa-col (else exit 2 naming it), its parts printed beside the total;
    /// a model point takes its split from its walls and refuses --kappa-col; the PTA scan needs --kappa-col.
    @Test func budgetTemplateAndItsSplit() throws {
        let direct = ["spectrum", "--Tp", "0.0125", "--alpha", "340", "--HR", "0.2", "--points", "3", "--template", "budget", "--format", "json"]
        let refused = try Self.run(direct)
        #expect(refused.status == 2 && refused.stderr.contains("--kappa-col") && refused.stderr.contains("[0, 1]"))
        let r = try Self.run(direct + ["--kappa-col", "0.5"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r.stdout)
        let total = try #require(j["h2Omega_GW"] as? [Double])
        let parts = try ["h2Omega_col", "h2Omega_sw", "h2Omega_turb"].map { try #require(j[$0] as? [Double]) }
        for i in total.indices { #expect(abs(parts.reduce(0) { $0 + $1[i] } / total[i] - 1) < 1e-12) }
        #expect(j["kappa_col"] as? Double == 0.5 && abs((j["alpha_eff"] as? Double ?? 0) - 170) < 1e-9)
        for bad in [["--kappa-col", "1.5"], ["--kappa-col", "nan"]] {
            let e = try Self.run(direct + bad)
            #expect(e.status == 2 && e.stderr.contains("--kappa-col must be in [0, 1]"), "\(e.stderr)")
        }
        let wrongTemplate = try Self.run(["spectrum", "--Tp", "0.0125", "--alpha", "340", "--HR", "0.2", "--kappa-col", "0.5"])
        #expect(wrongTemplate.status == 2 && wrongTemplate.stderr.contains("--template budget"))
        let model = try Self.run(["spectrum", "--bp", "BP1", "--template", "budget", "--kappa-col", "0.5"])
        #expect(model.status == 2 && model.stderr.contains("walls"))
        let fromWalls = try Self.run(["spectrum", "--bp", "BP1", "--template", "budget", "--points", "3", "--format", "json"])
        #expect(fromWalls.status == 0, "\(fromWalls.stderr)")
        #expect((try Self.json(fromWalls.stdout)["kappa_col"] as? Double ?? 1) < 1e-10)
        let scan = try Self.run(["fit", "--scan", "--grid", "2", "--template", "budget"])
        #expect(scan.status == 2 && scan.stderr.contains("--kappa-col"))
        let scanned = try Self.run(["fit", "--scan", "--grid", "2", "--template", "budget", "--kappa-col", "0", "--format", "json"])
        #expect(scanned.status == 0, "\(scanned.stderr)")
    }

    /// --gstar-dark free-energy: the dark plasma counted as 6.2067 dof (FreeEnergyCountTests), reported in the conventions.
    @Test func gstarDarkFreeEnergy() throws {
        let fast = ["point", "--v", "0.5", "--lambda", "0.00165", "--g", "0.54", "--format", "json"]
        let r = try Self.run(fast + ["--gstar-dark", "free-energy"]), physical = try Self.run(fast)
        #expect(r.status == 0 && physical.status == 0, "\(r.stderr)")
        func gstar(_ run: Run) throws -> Double {
            let computed = try #require(try Self.json(run.stdout)["computed"] as? [String: Any])
            return try #require(computed["gstar_at_Tp"] as? Double)
        }
        // T_p moves by 1e-5 relative between the two (TransitionAnalysisTests), g*_SM(T_p) by far less than 1e-3.
        #expect(abs(try gstar(r) - gstar(physical) - 2.2067) < 1e-3)
        let bad = try Self.run(["point", "--bp", "BP1", "--gstar-dark", "free"])
        #expect(bad.status == 2 && bad.stderr.contains("--gstar-dark"))
    }

    @Test func fitAndPlot() throws {
        let fit = try Self.run(["fit", "--Tp", "0.0125", "--alpha", "340", "--HR", "0.2", "--data", "ng15", "--format", "json"])
        #expect(fit.status == 0, "\(fit.stderr)")
        let j = try Self.json(fit.stdout)
        for key in ["lnL", "delta_lnL_vs_smbhb", "delta_lnL_vs_noise"] { #expect(j[key] is Double, "\(key)") }
        // What was fitted is recorded: template, data set and bins, g*, v_w.
        #expect(j["template"] as? String == "sw" && j["data"] as? String == "ng15" && j["v_w"] as? Double == 1)
        #expect((j["datasets"] as? [[String: Any]])?.first?["bins"] as? Int == 14 && (j["gstar"] as? Double).map { $0 > 10 && $0 < 100 } == true)
        let fitText = try Self.run(["fit", "--Tp", "0.0125", "--alpha", "340", "--HR", "0.2", "--data", "both", "--template", "hh2017", "--gstar", "20"])
        #expect(fitText.stdout.contains("template hh2017") && fitText.stdout.contains("NANOGrav 15-yr (14 bins) + EPTA DR2new (9 bins)")
                && fitText.stdout.contains("g* = 20, v_w = 1"), "\(fitText.stdout)")
        let scan = try Self.json(try Self.run(["fit", "--scan", "--grid", "3", "--data", "epta", "--bins", "5", "--format", "json"]).stdout)
        let scanInfo = try #require(scan["scan"] as? [String: Any])
        #expect(scanInfo["v_w"] as? Double == 1 && scanInfo["gstar"] is NSNull && (scan["datasets"] as? [[String: Any]])?.first?["bins"] as? Int == 5)
        // plot --format csv honours -o (stdout without it).
        let csvPath = FileManager.default.temporaryDirectory.appendingPathComponent("supercool-\(UUID().uuidString).csv").path
        let csvPlot = try Self.run(["plot", "--bp", "BP1", "--data", "ng15", "--format", "csv", "-o", csvPath])
        #expect(csvPlot.status == 0 && csvPlot.stdout.hasPrefix("wrote \(csvPath)"), "\(csvPlot.stderr)")
        let written = try String(contentsOfFile: csvPath, encoding: .utf8)
        #expect(written.hasPrefix("series,x_f_Hz,y_h2Omega,weight\n") && written.contains("NANOGrav 15-yr bin 14") && written.contains("BP1: T_p"))
        try? FileManager.default.removeItem(atPath: csvPath)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("supercool-\(UUID().uuidString).svg").path
        let plot = try Self.run(["plot", "--bp", "BP1,BP4", "--data", "ng15,epta", "-o", path])
        #expect(plot.status == 0, "\(plot.stderr)")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("BP1: T_p") && svg.contains("BP4: no spectrum") && svg.contains("2306.16213"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        try? FileManager.default.removeItem(atPath: path)
        // The budget's parts, dashed, with their legend; --components needs a sum of sources.
        let parts = try Self.run(["plot", "--bp", "BP1", "--template", "budget", "--components", "-o", path])
        #expect(parts.status == 0, "\(parts.stderr)")
        let budgetSVG = try String(contentsOfFile: path, encoding: .utf8)
        #expect(budgetSVG.contains("stroke-dasharray=\"8,4\"") && budgetSVG.contains("turbulence") && budgetSVG.contains("κ_col"))
        #expect(!budgetSVG.contains("nan") && !budgetSVG.contains("inf"))
        try? FileManager.default.removeItem(atPath: path)
        let single = try Self.run(["plot", "--bp", "BP1", "--template", "sw", "--components", "-o", path])
        #expect(single.status == 2 && single.stderr.contains("--components"))
    }

    /// Inputs that used to be accepted silently, or to end as NaN scored as noise, are clear errors (exit 2).
    @Test func contradictoryOrOutOfRangeInputs() throws {
        let cases: [([String], String)] = [
            (["fit", "--Tp", "0.01", "--alpha", "1e200", "--HR", "0.2"], "--alpha"),
            (["spectrum", "--Tp", "0.01", "--alpha", "10", "--HR", "0.2", "--gstar", "1e9"], "--gstar"),
            (["spectrum", "--Tp", "0.01", "--alpha", "10", "--HR", "0.2", "--fmax", "1e300"], "--fmin/--fmax"),
            (["spectrum", "--bp", "BP1", "--gstar", "16.8"], "--gstar"),
            (["spectrum", "--bp", "BP1", "--Tp", "0.01", "--alpha", "10", "--HR", "0.2"], "not both"),
            (["likelihood", "--powerlaw", "--log10A", "-14.6", "--format", "csv"], "--format"),
            (["plot", "--data", "", "-o", "/tmp/supercool-unused.svg"], "--data"),
            (["bounce", "--polynomial", "0,0,1,-1", "--bp", "BP1"], "--polynomial"),
        ]
        for (arguments, mentioned) in cases {
            let r = try Self.run(arguments)
            #expect(r.status == 2 && r.stderr.contains(mentioned), "\(arguments): exit \(r.status), \(r.stderr)")
        }
    }

    /// --with-smbhb refits the SMBHB amplitude with the spectrum: ln L never drops below the spectrum alone.
    @Test func fitWithSMBHBNeverLowersTheLikelihood() throws {
        let base = ["fit", "--Tp", "0.0125", "--alpha", "340", "--HR", "0.2", "--template", "hh2017", "--format", "json"]
        let alone = try Self.json(try Self.run(base).stdout)
        let with = try Self.json(try Self.run(base + ["--with-smbhb"]).stdout)
        let a = try #require(alone["lnL"] as? Double), w = try #require(with["lnL"] as? Double)
        #expect(w >= a - 1e-9)
        #expect((with["smbhb_log10A_with_spectrum"] as? [Double])?.count == 1)
    }
}
