/// Integers as big-endian bytes, the byte order of PDF cross-reference streams, CFF and sfnt.
enum BigEndian {
    /// The low `count` bytes of `value`, most significant first (negative values in two's complement).
    static func bytes(_ value: Int, count: Int) -> [UInt8] {
        var out: [UInt8] = []
        append(value, count: count, to: &out)
        return out
    }

    /// The same, appended without an array of its own (offset tables hold thousands).
    static func append(_ value: Int, count: Int, to out: inout [UInt8]) {
        for shift in stride(from: 8 * (count - 1), through: 0, by: -8) { out.append(UInt8((value >> shift) & 0xFF)) }
    }
}
