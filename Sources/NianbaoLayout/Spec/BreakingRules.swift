import NianbaoModel

/// How titles, headings and table labels may be broken by meaning (GB/T 9704 7.3.1), beyond the
/// word boundaries a dictionary gives: words never to break inside, the administrative parts of an
/// agency's name after which a title breaks well, and the fixed ends of a report's title. Data of
/// the layout (`breaking:` in layouts/gbt9704.yaml).
public struct BreakingRules: Sendable, Equatable {
    /// Never broken inside, whatever the dictionary says (委员会, 办事处, 信访局 …).
    public var keepWhole: [String] = []
    /// The end of an administrative unit or body (县, 人民政府, 委员会 …): a good place to break an agency's name.
    public var administrativeParts: [String] = []
    /// How a report's title ends (政府信息公开工作年度报告 …): a title breaks best before it.
    public var titleEnds: [String] = []
    /// Characters a number keeps on its line (年, 月, 日, 件, 号 …): never broken before when they follow a digit.
    public var unitsAfterNumbers = "年月日号件条个项次人家位万亿元%％"

    public init() {}
}

extension BreakingRules {
    static func decode(_ reader: NodeReader) throws -> BreakingRules {
        let f = try reader.fields(allowed: ["keep-whole", "administrative-parts", "title-ends", "units-after-numbers"])
        var rules = BreakingRules()
        func words(_ key: String) throws -> [String] { try f[key]?.list().map { try $0.nonEmptyString() } ?? [] }
        rules.keepWhole = try words("keep-whole")
        rules.administrativeParts = try words("administrative-parts")
        rules.titleEnds = try words("title-ends")
        if let units = f["units-after-numbers"] { rules.unitsAfterNumbers = try units.string() }
        return rules
    }
}
