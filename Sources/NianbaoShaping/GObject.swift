import CPangoCairo

/// Releases a GObject's reference.
func unref(_ pointer: OpaquePointer) {
    g_object_unref(UnsafeMutableRawPointer(pointer))
}

func unref<T>(_ pointer: UnsafeMutablePointer<T>) {
    g_object_unref(UnsafeMutableRawPointer(pointer))
}

/// Pango units (1/1024 pt at 72 dpi) to points.
func points(_ pangoUnits: Int32) -> Double { Double(pangoUnits) / Double(PANGO_SCALE) }

/// Points to Pango units.
func pangoUnits(_ points: Double) -> Int32 { Int32((points * Double(PANGO_SCALE)).rounded()) }
