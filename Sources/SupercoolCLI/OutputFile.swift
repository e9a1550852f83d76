import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files the CLI writes (`plot -o`, `bounce --profile`, `completion --output`). Only regular files are
/// written, and they are replaced atomically: the text goes to a temporary file in the same directory,
/// which is renamed over the target, so a failed write leaves neither a partial nor an empty file.
/// Devices, FIFOs, symbolic links and directories are refused, never replaced (a rename over /dev/full
/// would replace the device node when run as root).
enum OutputFile {
    /// Checks, before any long computation, that `path` can be written: a regular file or a new name in an
    /// existing, writable directory. Throws `UsageError` (exit 2) naming `option`.
    static func validate(_ path: String, option: String) throws {
        guard !path.isEmpty else { throw UsageError("\(option): empty file name") }
        guard !path.hasSuffix("/") else { throw UsageError("\(option): \(path) names a directory; give a file name") }
        var st = stat()
        if lstat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw UsageError("\(option): \(path) is a directory; give a file name")
            case S_IFLNK: throw UsageError("\(option): \(path) is a symbolic link; refusing to replace it (give the target's path)")
            default: throw UsageError("\(option): \(path) is not a regular file (device, FIFO or socket); refusing to write it")
            }
        } else if errno != ENOENT {
            throw UsageError("\(option): cannot write \(path): \(String(cString: strerror(errno)))")
        }
        // Probe: a temporary file can be created (and removed) in the target's directory.
        let (fd, temporary) = try makeTemporary(besides: path, option: option)
        close(fd)
        unlink(temporary)
    }

    /// Writes `text` to `path` (validated again first). Throws `UsageError` for a path that cannot be
    /// written, `InternalError` (exit 1) when writing itself fails (disk full, I/O error).
    static func write(_ text: String, to path: String, option: String) throws {
        try validate(path, option: option)
        let (fd, temporary) = try makeTemporary(besides: path, option: option)
        var failure: String?
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno)); break
            }
            offset += n
        }
        // fsync before rename: a crash must not leave a renamed but empty file.
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil {
            // The target may have changed since validate(): never rename over a non-regular file.
            var st = stat()
            if lstat(path, &st) == 0, st.st_mode & S_IFMT != S_IFREG {
                unlink(temporary)
                throw UsageError("\(option): \(path) is not a regular file; refusing to replace it")
            }
            // The new file gets the usual permissions (mkstemp creates it 0600).
            let mask = umask(0); umask(mask)
            fchmodOrIgnore(temporary, 0o666 & ~mask)
            if rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        }
        if let failure {
            unlink(temporary)
            throw InternalError("\(option): writing \(path) failed: \(failure)")
        }
    }

    private static func fchmodOrIgnore(_ path: String, _ mode: mode_t) { _ = chmod(path, mode) }

    private static func makeTemporary(besides path: String, option: String) throws -> (Int32, String) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageError("\(option): cannot write \(path): directory \(directory) does not exist")
        }
        var template = Array((directory + "/." + url.lastPathComponent + ".supercool-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw UsageError("\(option): cannot write \(path): \(String(cString: strerror(errno)))") }
        return (fd, String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}
