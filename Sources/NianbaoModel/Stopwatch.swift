/// Milliseconds between laps on the monotonic clock, for the timings a render reports.
public struct Stopwatch: Sendable {
    private var last = ContinuousClock.now

    public init() {}

    /// Milliseconds since the previous lap (or since the stopwatch was made).
    public mutating func lap() -> Double {
        let now = ContinuousClock.now
        defer { last = now }
        return (now - last).milliseconds
    }
}

extension Duration {
    public var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
