import Foundation

/// Where the project's bundled tables live: the `Data/` and `BenchmarkPoints/` folders of the
/// Supercool checkout. Looked up, in order: the `SUPERCOOL_HOME` environment variable; the current
/// directory and its parents; the executable's directory and its parents; the source checkout this
/// binary was built from. The program never reads anything outside these folders.
public struct ProjectResources: Sendable {
    public let root: URL

    public struct NotFound: Error, CustomStringConvertible {
        public let description: String
    }

    /// A bundled table that fails its validation (names the file): a fault of the installation, not of
    /// the user's input.
    public struct InvalidData: Error, CustomStringConvertible {
        public let description: String
        public init(file: URL, _ problem: String) { description = "invalid bundled data \(file.path): \(problem)" }
    }

    public init(root: URL) { self.root = root }

    public static func locate() throws -> ProjectResources {
        let fm = FileManager.default
        func isRoot(_ url: URL) -> Bool {
            fm.fileExists(atPath: url.appendingPathComponent("Data/gstar_sm.csv").path)
                && fm.fileExists(atPath: url.appendingPathComponent("BenchmarkPoints").path)
        }
        func searchUpwards(from start: URL) -> URL? {
            var url = start.standardizedFileURL
            for _ in 0..<12 {
                if isRoot(url) { return url }
                let parent = url.deletingLastPathComponent()
                if parent.path == url.path { break }
                url = parent
            }
            return nil
        }
        // getenv, not ProcessInfo's `environment`: setting ProcessInfo up and copying the whole environment into a dictionary
        // costs a call ~0.8 M instructions.
        if let home = getenv("SUPERCOOL_HOME").map({ String(cString: $0) }) {
            let url = URL(fileURLWithPath: home)
            guard isRoot(url) else {
                throw NotFound(description: "SUPERCOOL_HOME=\(home) does not contain Data/gstar_sm.csv and BenchmarkPoints/")
            }
            return ProjectResources(root: url)
        }
        if let url = searchUpwards(from: URL(fileURLWithPath: fm.currentDirectoryPath)) { return ProjectResources(root: url) }
        let executable = URL(fileURLWithPath: (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        if let url = searchUpwards(from: executable.deletingLastPathComponent()) { return ProjectResources(root: url) }
        // Sources/Cosmology/ProjectResources.swift → checkout root.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        if isRoot(source) { return ProjectResources(root: source) }
        throw NotFound(description: "cannot find Supercool's Data/ and BenchmarkPoints/ folders; run from the checkout or set SUPERCOOL_HOME")
    }

    public var dataDirectory: URL { root.appendingPathComponent("Data") }
    public var benchmarkPointsDirectory: URL { root.appendingPathComponent("BenchmarkPoints") }

    /// Lines of a bundled CSV file without `#` comments and blank lines.
    public func csvRows(_ relativePath: String) throws -> [[String]] {
        let url = dataDirectory.appendingPathComponent(relativePath)
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch { throw InvalidData(file: url, "cannot read it as UTF-8 text") }
        return text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            .map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
    }
}
