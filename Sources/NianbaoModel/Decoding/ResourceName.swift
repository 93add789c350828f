/// A layout's or template's name as a report may give it: letters, digits, `-`, `_` and inner
/// dots, so that it names a file in `layouts/` and never a path elsewhere.
package enum ResourceName {
    package static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 64, first != ".", first != "-",
              !name.contains("..") else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }
}
