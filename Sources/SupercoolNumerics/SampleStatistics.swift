/// Summaries of a sample of numbers (timings, errors): written once for every command that reports them.
public enum SampleStatistics {
    /// The sample median: the middle value, or the mean of the middle two for an even count; nil for no values.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return 0.5 * (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2])
    }
}
