import Testing
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Issue 9, "Bad input and bad data": out-of-range and contradictory options, output files, bundled data.
@Suite struct RobustnessTests {
    typealias CLI = CLITests

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supercool-robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    enum Kind { case regular, fifo, link, characterDevice, directory, other, missing }
    static func fileType(_ path: String) -> Kind {
        var st = stat()
        guard lstat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFIFO: return .fifo
        case S_IFLNK: return .link
        case S_IFCHR: return .characterDevice
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    static func expectUsageError(_ arguments: [String], mentioning words: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 2, "\(arguments): exit \(r.status), \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(whereSeparator: \.isNewline).count == 1, "\(arguments): \(r.stderr)", sourceLocation: sourceLocation)
        for w in words { #expect(r.stderr.contains(w), "\(arguments): '\(w)' not in \(r.stderr)", sourceLocation: sourceLocation) }
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    // MARK: 1. No inf/nan in text or CSV: ranges that keep every result finite.

    @Test func rangesKeepTextAndCSVFinite() throws {
        try Self.expectUsageError(["spectrum", "--Tp", "0.0125", "--alpha", "340", "--HR", "4.9e-324"], mentioning: ["--HR", "[1e-6, 10]"])
        try Self.expectUsageError(["spectrum", "--Tp", "1e-300", "--alpha", "340", "--HR", "0.2"], mentioning: ["--Tp", "[1e-6, 1e16]"])
        try Self.expectUsageError(["spectrum", "--Tp", "0.01", "--alpha", "1e-300", "--HR", "0.2"], mentioning: ["--alpha", "[1e-6, 1e10]"])
        try Self.expectUsageError(["spectrum", "--Tp", "0.01", "--alpha", "10", "--HR", "0.2", "--vw", "1e-300"], mentioning: ["--vw", "[1e-3, 1]"])
        try Self.expectUsageError(["point", "--bp", "BP1", "--percolation", "1e-308"], mentioning: ["--percolation", "[1e-3, 5]"])
        // Every template stays finite at the corners of the allowed box (inf used to print with exit 0).
        for template in ["sw", "turb", "collision"] {
            for (tp, alpha, hr, vw) in [("1e-6", "1e-6", "1e-6", "1e-3"), ("1e16", "1e10", "10", "1"), ("1e-6", "1e10", "1e-6", "1e-3"), ("1e16", "1e-6", "1e-6", "1")] {
                let r = try CLI.run(["spectrum", "--Tp", tp, "--alpha", alpha, "--HR", hr, "--vw", vw, "--template", template,
                                     "--fmin", "1e-20", "--fmax", "1e10", "--points", "5"])
                #expect(r.status == 0, "\(template) \(tp) \(alpha) \(hr) \(vw): \(r.stderr)")
                let lower = r.stdout.lowercased()
                #expect(!lower.contains("inf ") && !lower.contains(",inf") && !lower.contains("nan"), "\(r.stdout)")
            }
        }
    }

    // MARK: 2. Out-of-range values are exit 2.

    @Test func outOfRangeIsExitTwo() throws {
        try Self.expectUsageError(["bounce", "--polynomial=0,0,1,-1,1", "--false-vacuum", "0", "--true-vacuum", "0"], mentioning: ["--true-vacuum"])
        try Self.expectUsageError(["bounce", "--polynomial=0,0,1,-1,1", "--true-vacuum", "0.5"], mentioning: ["--true-vacuum", "minimum"])
        try Self.expectUsageError(["bounce", "--polynomial=0,0,1,-1,1", "--false-vacuum", "0.3"], mentioning: ["--false-vacuum", "stationary"])
        try Self.expectUsageError(["potential", "--v", "1", "--lambda", "0.006", "--g", "0.75", "--T", "1e-308"], mentioning: ["--T", "1e-10 v"])
        try Self.expectUsageError(["bounce", "--bp", "BP1", "--T", "1e-300"], mentioning: ["--T", "1e-10 v"])
        // T = 0 stays allowed for the potential.
        let zero = try CLI.run(["potential", "--v", "1", "--lambda", "0.006", "--g", "0.75", "--T", "0", "--points", "3"])
        #expect(zero.status == 0, "\(zero.stderr)")
    }

    // MARK: 3. Ignored or contradictory options, per-command formats.

    @Test func ignoredOrContradictoryOptionsAreErrors() throws {
        try Self.expectUsageError(["bounce", "--bp", "BP1", "--T", "0.01", "--true-vacuum", "0.3"], mentioning: ["--true-vacuum", "--polynomial"])
        try Self.expectUsageError(["bounce", "--polynomial=0,0,1,-1,1", "--daisy", "none"], mentioning: ["--daisy"])
        try Self.expectUsageError(["fit", "--Tp", "0.01", "--alpha", "10", "--HR", "0.2", "--grid", "5"], mentioning: ["--grid", "--scan"])
        try Self.expectUsageError(["fit", "--scan", "--prefactor", "T4"], mentioning: ["--prefactor"])
        try Self.expectUsageError(["spectrum", "--Tp", "0.01", "--alpha", "10", "--HR", "0.2", "--percolation", "0.3"], mentioning: ["--percolation"])
        try Self.expectUsageError(["reproduce", "--explore", "--calibrate"], mentioning: ["--explore", "--calibrate"])
        try Self.expectUsageError(["reproduce", "--g-half-width", "0.001"], mentioning: ["--g-half-width", "--calibrate"])
        try Self.expectUsageError(["plot", "--format", "csv", "-o", "/dev/null"], mentioning: ["-o"])
    }

    @Test(arguments: [("model", ["text", "json"], "csv"), ("potential", ["csv", "json"], "text"), ("bounce", ["text", "json"], "csv"),
                      ("point", ["text", "json"], "csv"), ("reproduce", ["text", "json"], "csv"), ("spectrum", ["csv", "json"], "text"),
                      ("likelihood", ["text", "json"], "csv"), ("fit", ["text", "json"], "csv"), ("bench", ["text", "json"], "csv")])
    func helpListsOnlyAcceptedFormats(command: String, allowed: [String], refused: String) throws {
        let help = try CLI.run([command, "--help"])
        let lines = help.stdout.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("  --format") })
        let entry = lines[start...].prefix { $0 == lines[start] || $0.hasPrefix("      ") }.joined(separator: " ")
        for f in allowed { #expect(entry.contains(f), "\(command): \(entry)") }
        #expect(!entry.contains(refused), "\(command) advertises \(refused): \(entry)")
        let r = try CLI.run([command, "--format", refused])
        #expect(r.status == 2 && r.stderr.contains("--format") && r.stderr.contains(allowed.joined(separator: ", ")), "\(command): \(r.status) \(r.stderr)")
    }

    // MARK: 4. reproduce --points FILE.

    @Test func reproducePointsFileIsValidated() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String, _ text: String) throws -> String {
            let url = dir.appendingPathComponent(name); try text.write(to: url, atomically: true, encoding: .utf8); return url.path
        }
        try Self.expectUsageError(["reproduce", "--points", try file("empty.json", "[]")], mentioning: ["--points", "empty.json", "no benchmark point"])
        let bad = try file("bad.json", #"[{"name":"A","inputs":{"v_GeV":1,"lambda":0.006,"g":0.75}},{"name":"B","inputs":{"v_GeV":1,"lambda":0.006,"g":20}}]"#)
        try Self.expectUsageError(["reproduce", "--points", bad], mentioning: ["point #2 (B)", "inputs.g", "(0, 4π"])
        let missing = try file("missing.json", #"{"name":"C","inputs":{"v_GeV":1,"lambda":0.006}}"#)
        try Self.expectUsageError(["reproduce", "--points", missing], mentioning: ["point #1 (C)", "inputs.g", "missing"])
        let zero = try file("zero.json", #"{"name":"D","inputs":{"v_GeV":1,"lambda":0.006,"g":0.75},"published":{"Tp_MeV":0}}"#)
        try Self.expectUsageError(["reproduce", "--points", zero], mentioning: ["point #1 (D)", "published.Tp_MeV", "> 0"])
        // No published block: computed and printed without comparison.
        let bare = try file("bare.json", #"{"name":"BP1 inputs","inputs":{"v_GeV":0.5,"lambda":0.006,"g":0.75}}"#)
        let r = try CLI.run(["reproduce", "--points", bare, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let point = try #require((try CLI.json(r.stdout)["points"] as? [[String: Any]])?.first)
        #expect(point["published"] == nil && point["computed"] is [String: Any])
    }

    // MARK: 5. Bundled data: validated when loaded, the file named, exit 1.

    /// A SUPERCOOL_HOME with the checkout's data, `replacing` some files' text (or `replacingBytes` of the binary tables).
    static func home(replacing: [String: (String) -> String] = [:], replacingBytes: [String: (Data) -> Data] = [:]) throws -> URL {
        let real = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = try temporaryDirectory()
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("Data/pta"), withIntermediateDirectories: true)
        try fm.copyItem(at: real.appendingPathComponent("BenchmarkPoints"), to: dir.appendingPathComponent("BenchmarkPoints"))
        let tables = ["ng15_hd", "ng15_curn", "epta_dr2new_hd", "ppta_dr3_hd"].flatMap { ["pta/\($0).csv", "pta/\($0).bin"] }
        for name in ["gstar_sm.csv"] + tables {
            let source = real.appendingPathComponent("Data/" + name), target = dir.appendingPathComponent("Data/" + name)
            if let edit = replacing[name] {
                try edit(try String(contentsOf: source, encoding: .utf8)).write(to: target, atomically: true, encoding: .utf8)
            } else if let edit = replacingBytes[name] {
                try edit(try Data(contentsOf: source)).write(to: target)
            } else {
                try fm.createSymbolicLink(at: target, withDestinationURL: source)
            }
        }
        return dir
    }

    @Test func truncatedGStarTableIsADataError() throws {
        // Cut at 1 GeV: BP1 used to come out with α = 585 instead of 363, exit 0.
        let home = try Self.home(replacing: ["gstar_sm.csv": { text in
            text.split(separator: "\n").filter { $0.hasPrefix("#") || $0.hasPrefix("T_GeV") || Double($0.split(separator: ",")[0])! <= 1 }.joined(separator: "\n")
        }])
        defer { try? FileManager.default.removeItem(at: home) }
        let r = try CLI.run(["point", "--bp", "BP1", "--format", "json"], environment: ["SUPERCOOL_HOME": home.path])
        #expect(r.status == 1 && r.stderr.contains("gstar_sm.csv") && r.stdout.isEmpty, "\(r.status) \(r.stderr)")
    }

    @Test func truncatedPTATableIsADataErrorAndPlotDoesNotCrash() throws {
        // The program loads the binary form (Data/README.md): cut it after the header and 20 of its 30 bins' entries.
        let home = try Self.home(replacingBytes: ["pta/ng15_hd.bin": { $0.prefix(48 + 16 * 20) }])
        defer { try? FileManager.default.removeItem(at: home) }
        let env = ["SUPERCOOL_HOME": home.path]
        let svg = home.appendingPathComponent("out.svg").path
        let plot = try CLI.run(["plot", "--bp", "BP1", "--data", "ng15", "-o", svg], environment: env)
        #expect(plot.status == 1 && plot.stderr.contains("ng15_hd.bin"), "\(plot.status) \(plot.stderr)")
        #expect(!FileManager.default.fileExists(atPath: svg))
        let likelihood = try CLI.run(["likelihood", "--powerlaw", "--log10A", "-14.6", "--bins", "20"], environment: env)
        #expect(likelihood.status == 1 && likelihood.stderr.contains("ng15_hd.bin") && !likelihood.stderr.contains("--bins"), "\(likelihood.stderr)")
    }

    // MARK: 6. Output files.

    @Test func outputFilesNeverReplaceNonRegularFiles() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("fifo").path
        let mk = Process(); mk.executableURL = URL(fileURLWithPath: "/usr/bin/mkfifo"); mk.arguments = [fifo]
        try mk.run(); mk.waitUntilExit()
        #expect(Self.fileType(fifo) == .fifo)
        let target = dir.appendingPathComponent("target.csv").path
        try "keep\n".write(toFile: target, atomically: true, encoding: .utf8)
        let link = dir.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let polynomial = ["bounce", "--polynomial=0,0,2.6125232682,-5.7416821788,3", "--profile"]
        for path in [fifo, link, dir.appendingPathComponent("missing/x.csv").path, dir.path + "/name/", dir.path] {
            let r = try CLI.run(polynomial + [path])
            #expect(r.status == 2 && r.stderr.contains("--profile") && r.stdout.isEmpty, "\(path): \(r.status) \(r.stderr)")
            let plot = try CLI.run(["plot", "--bp", "BP1", "--data", "ng15", "-o", path])
            #expect(plot.status == 2 && plot.stderr.contains("-o"), "\(path): \(plot.status) \(plot.stderr)")
        }
        #expect(Self.fileType(fifo) == .fifo && Self.fileType(link) == .link)
        let kept = try String(contentsOfFile: target, encoding: .utf8)
        #expect(kept == "keep\n")
        // No stray files (temporary or empty) left behind.
        let listing = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(listing == ["fifo", "link.csv", "target.csv"])
        // A device is refused too and stays a device (plot -o /dev/full used to replace the node as root).
        let full = try CLI.run(["plot", "--bp", "BP1", "--data", "ng15", "-o", "/dev/full"])
        #expect(full.status == 2 && Self.fileType("/dev/full") == .characterDevice, "\(full.stderr)")
        // A regular file is replaced.
        let ok = try CLI.run(polynomial + [target])
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(ok.status == 0 && written.contains("r,phi,dphi_dr"))
    }
}
