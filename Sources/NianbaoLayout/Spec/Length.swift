import Foundation

/// Points per millimetre; all layout values are in PDF points (1/72 inch).
public let pointsPerMillimetre = 72.0 / 25.4

/// Reads lengths and font sizes as layout files write them.
enum Units {
    /// Chinese type sizes (字号) in points.
    static let haoSizes: [String: Double] = [
        "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
        "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5,
        "0号": 42, "1号": 26, "2号": 22, "3号": 16, "4号": 14, "5号": 10.5, "6号": 7.5,
    ]

    /// `37mm`, `14pt` or a bare number of points.
    static func length(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("mm"), let v = Double(t.dropLast(2)) { return v * pointsPerMillimetre }
        if t.hasSuffix("pt"), let v = Double(t.dropLast(2)) { return v }
        return Double(t)
    }

    /// `三号`, `3号`, `小四` or a length.
    static func fontSize(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        return haoSizes[t] ?? length(t)
    }
}
