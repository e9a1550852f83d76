import ArgumentParser
import Foundation

@main
struct SupercoolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supercool",
        abstract: "Supercooled first-order phase transitions of a dark U(1) sector, their gravitational waves and PTA fits.",
        discussion: "Energies in GeV unless said. Exit codes: 0 success, 2 bad input, 3 a physics answer that is not a number (e.g. no barrier), 1 internal error.",
        subcommands: [InferCommand.self, EmulatorCommand.self, ModelCommand.self, PotentialCommand.self, BounceCommand.self, PointCommand.self, ReproduceCommand.self, CompletionCommand.self, ScanCommand.self, MapCommand.self, ValidateDomainCommand.self, SpectrumCommand.self, LikelihoodCommand.self, FitCommand.self, PlotCommand.self, BenchCommand.self, GenerateTablesCommand.self]
    )

    /// Parse, run, and turn every error into one line on stderr with a documented exit code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = asAsync(command) {
                try await asyncCommand.run()
            } else {
                do { try command.run() } catch {
                    // `--help`, `-h` and `help …` parse to ArgumentParser's own help command (not one of ours), whose run()
                    // throws the help text: print it with one rendering, as ArgumentParser itself does (exitCode(for:) and
                    // fullMessage(for:) below render it twice, ~15 % of the instructions of `supercool --help`).
                    if !isOwnCommand(type(of: command)) { Self.exit(withError: error) }
                    throw error
                }
            }
        } catch let error as UsageError {
            fail("error: \(error.description)", code: 2)
        } catch let error as PhysicsOutcome {
            fail("\(error.description)", code: 3)
        } catch let error as InternalError {
            fail("error: \(error.description)", code: 1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = Self.message(for: error)
            if code == .validationFailure || error is ValidationError || "\(type(of: error))".contains("Parser") || code.rawValue == 64 {
                fail("error: \(message.isEmpty ? String(describing: error) : message)", code: 2)
            }
            fail("error: \(message.isEmpty ? String(describing: error) : message)", code: 1)
        }
    }

    /// `command as? AsyncParsableCommand` with the existential opened: the runtime then looks the protocol up for the
    /// command's own type only, not first for the existential too (each lookup a scan of ~6,300 conformance records).
    static func asAsync(_ command: some ParsableCommand) -> (any AsyncParsableCommand)? { command as? any AsyncParsableCommand }

    /// Whether `type` is this tool's root command or one of its subcommands (at any depth): metatype identity, no names.
    static func isOwnCommand(_ type: ParsableCommand.Type, in tree: ParsableCommand.Type = SupercoolCommand.self) -> Bool {
        ObjectIdentifier(type) == ObjectIdentifier(tree) || tree.configuration.subcommands.contains { isOwnCommand(type, in: $0) }
    }

    static func fail(_ line: String, code: Int32) -> Never {
        let single = line.split(whereSeparator: \.isNewline).first.map(String.init) ?? line
        FileHandle.standardError.write((single + "\n").data(using: .utf8)!)
        Foundation.exit(code)
    }
}
