import CSystem
import NianbaoPDF

/// zlib-format compression for PDF's FlateDecode. A deflater serves one thread at a time; keep one
/// per worker (its compressors hold half a megabyte of tables).
///
/// Thorough streams (page content, structure, cross-reference) go through libdeflate at level 6;
/// font programs through ISA-L's igzip at level 3, which is twice as fast as libdeflate's fastest
/// level on glyph outlines for 0.5 % more bytes. Measured on the seed: libdeflate 6 throughout,
/// 293,313 bytes; fonts at libdeflate 1, 295,568 bytes and 3 ms less; fonts at igzip 3, 296,971
/// bytes and 3 ms less again (of about 33 ms per report).
public final class Deflater {
    private let thorough: OpaquePointer
    /// igzip's working memory for its level 3.
    private var levelBuffer = [UInt8](repeating: 0, count: Int(nianbao_igzip_level3_buffer_size))

    public init() {
        thorough = libdeflate_alloc_compressor(6)
    }

    deinit { libdeflate_free_compressor(thorough) }

    public func deflate(_ bytes: [UInt8], effort: DeflateEffort) -> [UInt8] {
        switch effort {
        case .thorough: return libdeflate(bytes)
        case .quick: return igzip(bytes) ?? libdeflate(bytes)   // rare: incompressible or huge
        }
    }

    private func libdeflate(_ bytes: [UInt8]) -> [UInt8] {
        let compressor = thorough
        let bound = libdeflate_zlib_compress_bound(compressor, bytes.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { target, count in
            count = bytes.withUnsafeBytes { source in
                libdeflate_zlib_compress(compressor, source.baseAddress, source.count, target.baseAddress, bound)
            }
            precondition(count > 0, "libdeflate: the output bound was too small")
        }
    }

    /// nil when the output would not fit a buffer a little larger than the input (incompressible
    /// data), or the input is too large for igzip's 32-bit counts.
    private func igzip(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count < Int(UInt32.max / 2) else { return nil }
        let capacity = bytes.count + bytes.count / 16 + Int(ISAL_DEF_MAX_HDR_SIZE) + 64
        var stream = isal_zstream()
        isal_deflate_stateless_init(&stream)
        let result = [UInt8](unsafeUninitializedCapacity: capacity) { target, count in
            count = 0
            bytes.withUnsafeBufferPointer { source in
                levelBuffer.withUnsafeMutableBufferPointer { buffer in
                    stream.level = 3
                    stream.level_buf = buffer.baseAddress
                    stream.level_buf_size = UInt32(buffer.count)
                    stream.gzip_flag = UInt16(IGZIP_ZLIB)
                    stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                    stream.avail_in = UInt32(source.count)
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(capacity)
                    stream.end_of_stream = 1
                    stream.flush = UInt16(NO_FLUSH)
                    if isal_deflate_stateless(&stream) == COMP_OK { count = Int(stream.total_out) }
                }
            }
        }
        return result.isEmpty && !bytes.isEmpty ? nil : result
    }
}
