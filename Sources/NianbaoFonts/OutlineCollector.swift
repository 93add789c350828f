import CHarfBuzz
import NianbaoPDF

/// A glyph's outline through HarfBuzz's draw callbacks (any outline format, at the font's
/// variation coordinates), for Type 3 glyph procedures.
final class OutlineCollector {
    private(set) var elements: [OutlineElement] = []

    static func outline(of glyph: Int, in font: OpaquePointer) -> [OutlineElement] {
        let collector = OutlineCollector()
        withExtendedLifetime(collector) {
            hb_font_get_glyph_shape(font, hb_codepoint_t(glyph), functions, Unmanaged.passUnretained(collector).toOpaque())
        }
        return collector.elements
    }

    private static func collector(_ data: UnsafeMutableRawPointer?) -> OutlineCollector {
        Unmanaged<OutlineCollector>.fromOpaque(data!).takeUnretainedValue()
    }

    /// Made once and immutable, so shared by every thread.
    nonisolated(unsafe) private static let functions: OpaquePointer = {
        let funcs = hb_draw_funcs_create()!
        hb_draw_funcs_set_move_to_func(funcs, { _, data, _, x, y, _ in
            collector(data).elements.append(.move(Double(x), Double(y)))
        }, nil, nil)
        hb_draw_funcs_set_line_to_func(funcs, { _, data, _, x, y, _ in
            collector(data).elements.append(.line(Double(x), Double(y)))
        }, nil, nil)
        hb_draw_funcs_set_quadratic_to_func(funcs, { _, data, _, cx, cy, x, y, _ in
            collector(data).elements.append(.quadratic(Double(cx), Double(cy), Double(x), Double(y)))
        }, nil, nil)
        hb_draw_funcs_set_cubic_to_func(funcs, { _, data, _, x1, y1, x2, y2, x, y, _ in
            collector(data).elements.append(.cubic(Double(x1), Double(y1), Double(x2), Double(y2), Double(x), Double(y)))
        }, nil, nil)
        hb_draw_funcs_set_close_path_func(funcs, { _, data, _, _ in
            collector(data).elements.append(.close)
        }, nil, nil)
        hb_draw_funcs_make_immutable(funcs)
        return funcs
    }()
}
