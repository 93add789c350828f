/// A value computed the first time it is asked for, then kept (shared by every copy of what holds
/// `value`).
final class Remembered<Value> {
    private var compute: (() -> Value)?
    private var result: Value?

    init(_ compute: @escaping () -> Value) { self.compute = compute }

    func value() -> Value {
        if let result { return result }
        let made = compute!()
        result = made
        compute = nil
        return made
    }
}
