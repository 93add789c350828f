import CPangoCairo

/// zlib-format compression for PDF's FlateDecode, by libdeflate: two to three times faster than
/// zlib at a better ratio. One compressor serves a whole document (it holds its tables).
public final class Deflater {
    private let compressor: OpaquePointer

    /// Level 6: measured on the seed, 11 ms and 293 KB; level 1 is 3 ms faster and 1.6 % larger,
    /// level 12 three times slower for 1.4 % less.
    public init(level: Int32 = 6) {
        compressor = libdeflate_alloc_compressor(level)
    }

    deinit { libdeflate_free_compressor(compressor) }

    public func deflate(_ bytes: [UInt8]) -> [UInt8] {
        let bound = libdeflate_zlib_compress_bound(compressor, bytes.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { target, count in
            count = bytes.withUnsafeBytes { source in
                libdeflate_zlib_compress(compressor, source.baseAddress, source.count, target.baseAddress, bound)
            }
            precondition(count > 0, "libdeflate: the output bound was too small")
        }
    }
}
