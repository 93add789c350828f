/// Integers as big-endian bytes, the byte order of PDF cross-reference streams, CFF and sfnt.
enum BigEndian {
    /// The low `count` bytes of `value`, most significant first (negative values in two's complement).
    static func bytes(_ value: Int, count: Int) -> [UInt8] {
        (0..<count).map { UInt8((value >> (8 * (count - 1 - $0))) & 0xFF) }
    }
}
