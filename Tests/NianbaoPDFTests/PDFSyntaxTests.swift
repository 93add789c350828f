import Testing
@testable import NianbaoPDF

struct PDFSyntaxTests {
    @Test func numbersAreShortAndRounded() {
        #expect(PDFSyntax.number(0.1 + 0.2) == "0.3")
        #expect(PDFSyntax.number(-1.25) == "-1.25")
        #expect(PDFSyntax.number(0.0001) == "0")
        #expect(PDFSyntax.number(-0.0004) == "0")
        #expect(PDFSyntax.number(2) == "2")
        #expect(PDFSyntax.number(841.889764) == "841.89")
        #expect(PDFSyntax.number(0.05) == "0.05")
        #expect(PDFSyntax.number(12.0005) == "12.001")
    }

    @Test func stringsAndDates() {
        #expect(PDFSyntax.text("年A") == "<FEFF5E740041>")
        #expect(PDFSyntax.literal("a(b)\\c") == "(a\\(b\\)\\\\c)")
        #expect(PDFSyntax.date("2020-01-31T00:00:00+08:00") == "D:20200131000000+08'00'")
        #expect(PDFSyntax.date("2020-01-31T00:00:00Z") == "D:20200131000000Z")
    }

    /// Link targets are 7-bit ASCII in the PDF; the element's quoting is undone.
    @Test func linkAddressesAreASCII() {
        #expect(PageContentWriter.uri("http://www.qz.gov.cn/") == "http://www.qz.gov.cn/")
        #expect(PageContentWriter.uri("http://例子.cn/a'b") == "http://%E4%BE%8B%E5%AD%90.cn/a'b")
    }
}
