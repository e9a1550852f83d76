import Foundation

/// Text and CSV output get the same guarantee as JSON: a non-finite number is never printed. Every
/// text/CSV output is assembled first and checked as a whole (so nothing is printed on failure): any
/// standalone `inf`/`nan` token (Swift's and printf's spellings alike) is an internal error, exit 1.
enum FiniteText {
    /// The first non-finite token in `text` (`inf`, `-inf`, `nan`, `infinity`, any case), if any.
    static func nonFiniteToken(in text: String) -> String? {
        let bytes = Array(text.utf8)
        func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 }
        func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b + 32 : b }
        var i = 0
        while i + 3 <= bytes.count {
            let (a, b, c) = (lower(bytes[i]), lower(bytes[i + 1]), lower(bytes[i + 2]))
            let isInf = a == 105 && b == 110 && c == 102   // "inf"
            let isNaN = a == 110 && b == 97 && c == 110    // "nan"
            if (isInf || isNaN), i == 0 || !isLetter(bytes[i - 1]) {
                var end = i + 3
                if isInf, end + 5 <= bytes.count, String(decoding: bytes[end..<end + 5], as: UTF8.self).lowercased() == "inity" { end += 5 }
                if end == bytes.count || !isLetter(bytes[end]) { return String(decoding: bytes[i..<end], as: UTF8.self) }
            }
            i += 1
        }
        return nil
    }

    /// A message (an error's text, to be printed inside a CSV or table cell) with every non-finite token replaced by
    /// "non-finite": the message is data about a failure, and must not make the whole output unprintable.
    static func sanitized(_ message: String) -> String {
        var text = message
        while let token = nonFiniteToken(in: text), let range = text.range(of: token) {
            text.replaceSubrange(range, with: "non-finite")
        }
        return text
    }

    /// Throws `InternalError` when `text` contains a non-finite number.
    static func check(_ text: String, _ what: String) throws {
        if let token = nonFiniteToken(in: text) {
            throw InternalError("internal error: \(what) contains a non-finite number ('\(token)'); refusing to print it (please report the command line)")
        }
    }

    /// Prints `lines` (one per line) after checking them all.
    static func print(_ lines: [String], _ what: String) throws {
        let text = lines.map { $0 + "\n" }.joined()
        try check(text, what)
        Swift.print(text, terminator: "")
    }
}
