import Testing
@testable import NianbaoImport

@Suite struct HeadingNumberTests {
    @Test(arguments: [("一、政府信息公开工作的基本概况", 1, "政府信息公开工作的基本概况"), ("(一)组织领导", 2, "组织领导"),
                      ("（二）公开载体", 2, "公开载体"), ("1、加强组织领导", 3, "加强组织领导"), ("2. 进一步完善", 3, "进一步完善"),
                      ("10.建议提案", 3, "建议提案"), ("（1）依申请", 4, "依申请")])
    func numbersGiveLevels(_ text: String, _ level: Int, _ rest: String) {
        let number = HeadingNumber(text)
        #expect(number?.level == level && number?.text == rest)
    }

    @Test(arguments: ["2019年度，我委", "1.5万元用于", "一是专职工作人员不足", "（注：数据）", "一、"])
    func otherTextHasNone(_ text: String) {
        #expect(HeadingNumber(text) == nil)
    }
}
