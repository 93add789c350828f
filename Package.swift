// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "nianbao",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Nianbao", targets: ["Nianbao"]),
        .executable(name: "nianbao", targets: ["NianbaoCLI"]),
        .executable(name: "nianbao-fuzz", targets: ["NianbaoFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // cairo, pango, pangocairo, fontconfig.
        .systemLibrary(
            name: "CPangoCairo",
            path: "Sources/CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev", "libfontconfig-dev"])]
        ),
        // Compression (libdeflate, ISA-L's igzip) and glibc's malloc statistics and syncfs.
        .systemLibrary(name: "CSystem", path: "Sources/CSystem", providers: [.apt(["libdeflate-dev", "libisal-dev"])]),
        // Font files: HarfBuzz reads, subsets and draws them; FreeType checks what a reader will load.
        .systemLibrary(
            name: "CHarfBuzz",
            path: "Sources/CHarfBuzz",
            pkgConfig: "harfbuzz-subset",
            providers: [.apt(["libharfbuzz-dev", "libfreetype-dev"])]
        ),
        // ICU's word break iterator behind a function that shows no ICU type (Foundation has an ICU of its own).
        .target(name: "CICUShim", path: "Sources/CICUShim", linkerSettings: [.linkedLibrary("icuuc")]),
        .target(name: "NianbaoModel", dependencies: ["Yams"]),
        .target(name: "NianbaoLayout", dependencies: ["NianbaoModel", "Yams"]),
        // libxml2's HTML parser, for portal pages saved from the browser.
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Published reports (text copied from a portal, a saved portal page) read into the report format.
        // The page's tree as plain records, so that no libxml2 (or its ICU) type reaches Swift.
        .target(name: "CHTMLShim", dependencies: ["CLibXML2"], path: "Sources/CHTMLShim"),
        .target(name: "NianbaoImport", dependencies: ["NianbaoModel", "CHTMLShim", "ZIPFoundation"]),
        // Our PDF writer and font embedding: pure Swift, no C.
        .target(name: "NianbaoPDF", dependencies: ["NianbaoModel", "NianbaoLayout", .product(name: "Crypto", package: "swift-crypto")]),
        // The font files behind the writer's fonts: metrics, subsets, outlines, through HarfBuzz.
        .target(name: "NianbaoFonts", dependencies: ["CHarfBuzz", "NianbaoPDF"]),
        // Shaping: Pango on fontconfig, and the project's fonts/ made known to fontconfig.
        .target(name: "NianbaoShaping", dependencies: ["CPangoCairo", "NianbaoLayout", "NianbaoPDF", "NianbaoFonts"]),
        // The C adapters the writer and the batch are given: compression, disk flushes, malloc.
        .target(name: "NianbaoSystem", dependencies: ["CSystem", "NianbaoPDF"]),
        // Painting with cairo: the PNG previews and the cairo PDF engine.
        .target(name: "NianbaoCairo", dependencies: ["CPangoCairo", "NianbaoModel", "NianbaoLayout", "NianbaoPDF", "NianbaoShaping"]),
        // Chinese word boundaries for breaking titles, headings and labels by meaning.
        .target(name: "NianbaoSegmenter", dependencies: ["CICUShim", "NianbaoLayout"]),
        .target(name: "Nianbao", dependencies: ["NianbaoModel", "NianbaoLayout", "NianbaoPDF", "NianbaoFonts", "NianbaoShaping", "NianbaoSystem", "NianbaoCairo", "NianbaoSegmenter", "NianbaoImport", .product(name: "Crypto", package: "swift-crypto")]),
        .executableTarget(
            name: "NianbaoCLI",
            dependencies: ["Nianbao", "NianbaoModel", "NianbaoImport", "NianbaoSystem", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "NianbaoFuzz", dependencies: ["Nianbao", "NianbaoShaping", "NianbaoSystem", "NianbaoPDF", "NianbaoFonts"]),
        .testTarget(name: "NianbaoModelTests", dependencies: ["NianbaoModel"]),
        .testTarget(name: "NianbaoLayoutTests", dependencies: ["NianbaoLayout"]),
        .testTarget(name: "NianbaoImportTests", dependencies: ["NianbaoImport", "NianbaoModel", "ZIPFoundation"]),
        .testTarget(name: "NianbaoPDFTests", dependencies: ["NianbaoPDF"]),
        .testTarget(name: "NianbaoFontsTests", dependencies: ["NianbaoFonts", "NianbaoPDF"]),
        .testTarget(name: "NianbaoTests", dependencies: ["Nianbao", "NianbaoLayout", "NianbaoModel", "NianbaoCairo"]),
    ]
)
