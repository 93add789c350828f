import Testing
@testable import NianbaoLayout

@Suite struct NumberingTests {
    @Test func labelsFollowGBT9704() {
        #expect(Numbering.label(level: 1, index: 3) == "三、")
        #expect(Numbering.label(level: 2, index: 1) == "（一）")
        #expect(Numbering.label(level: 3, index: 10) == "10.")
        #expect(Numbering.label(level: 4, index: 2) == "（2）")
    }

    @Test func chineseNumerals() {
        #expect(Numbering.chinese(10) == "十")
        #expect(Numbering.chinese(11) == "十一")
        #expect(Numbering.chinese(20) == "二十")
        #expect(Numbering.chinese(21) == "二十一")
        #expect(Numbering.chinese(99) == "九十九")
    }
}

@Suite struct CharacterClassTests {
    /// The switch stands in for the Unicode property table: the same answer for every scalar.
    @Test func whitespaceMatchesTheUnicodeProperty() {
        let differing = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
            CharacterClass.isWhitespace($0) != $0.properties.isWhitespace
        }
        #expect(differing.isEmpty)
    }
}

@Suite struct TextNormalizerTests {
    @Test func asciiPunctuationInChineseBecomesFullWidth() {
        #expect(TextNormalizer.normalize("根据(条例)规定,特此公布;如下:") == "根据（条例）规定，特此公布；如下：")
    }

    @Test func urlsEmailsAndNumbersStayAsTyped() {
        #expect(TextNormalizer.normalize("网站(http://www.qz.gov.cn/)下载") == "网站（http://www.qz.gov.cn/）下载")
        #expect(TextNormalizer.normalize("邮箱:******@sina.com)。") == "邮箱：******@sina.com）。")
        #expect(TextNormalizer.normalize("共1,000条,时间12:30,比例3.5%") == "共1,000条，时间12:30，比例3.5%")
    }

    @Test func spacesNextToChineseGoButLatinSpacesStay() {
        #expect(TextNormalizer.normalize("2. 进一步 完善") == "2.进一步完善")
        #expect(TextNormalizer.normalize("使用 Microsoft Word 编辑") == "使用Microsoft Word编辑")
    }

    /// Text that needs nothing is returned as it is, and is exactly what the full pass gives.
    @Test(arguments: ["根据《中华人民共和国政府信息公开条例》规定。", "", "　全角空格开头", "尾部空格　", "中文,中文", "a, b",
                      "第一行\n第二行", "分隔\u{2028}符", "电话：0570-8888888。", "（一）组织领导"])
    func textAlreadyNormalIsUntouched(_ text: String) {
        #expect(TextNormalizer.normalize(text) == TextNormalizer.normalizeFully(text))
    }
}

@Suite struct JustificationTests {
    let shaper = FixedAdvanceShaper()

    func line(_ text: String) -> ShapedLine {
        shaper.shape(ShapeRequest(runs: [StyledRun(text, TextStyle(families: ["x"], size: 10))], width: nil)).lines[0]
    }

    @Test func slackGoesBetweenChineseCharactersNotIntoNumbers() {
        let justified = Justification.justify(line("截至2019年底共302条"), to: 150)
        let glyphs = justified.runs[0].glyphs
        // Digits keep their natural 5-point advance from each other.
        #expect(abs((glyphs[3].x - glyphs[2].x) - 5) < 1e-9)
        #expect(abs((glyphs[5].x - glyphs[4].x) - 5) < 1e-9)
        #expect(abs((glyphs[10].x - glyphs[9].x) - 5) < 1e-9)
        // The line now ends exactly at the measure.
        #expect(abs(glyphs.last!.x + glyphs.last!.advance - 150) < 1e-9)
        #expect(abs(justified.width - 150) < 1e-9)
    }

    @Test func lineWithoutStretchableGapsStays() {
        let latin = line("324000")
        #expect(Justification.justify(latin, to: 100) == latin)
    }
}

@Suite struct WideDigitTests {
    /// Digits typed full width are set narrow, their thousands separators as narrow commas.
    @Test(arguments: [("全年公开信息１,４８６条", "全年公开信息1,486条"), ("共２,７３１,４５６元", "共2,731,456元"),
                      ("第１，２项", "第1，2项"), ("１２３４５", "12345")])
    func fullWidthDigitsAreNarrowed(_ written: String, _ printed: String) {
        #expect(TextNormalizer.normalize(written) == printed)
    }
}

@Suite struct AddressGuardTests {
    @Test(arguments: ["见 http://www.gov.cn", "邮箱 ab***@qq.com", "网址www.x.gov.cn", "ftp://a", "x@"])
    func textWithAnAddressMarkIsLookedAt(_ text: String) {
        #expect(TextNormalizer.mayHoldAddress(text))
    }

    @Test(arguments: ["2023年共受理 1,234 件", "www 与 . 分开", ":/ /", "http:/x", "ww.x", "WWW.X.CN 大写不算"])
    func textWithoutOneIsNot(_ text: String) {
        #expect(!TextNormalizer.mayHoldAddress(text))
    }
}
