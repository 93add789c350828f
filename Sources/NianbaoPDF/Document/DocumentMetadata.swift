import NianbaoLayout

/// The document's Info dictionary and, for PDF/A, its XMP packet: the same facts in both.
package struct DocumentMetadata {
    package var info: DocumentInfo
    package var producer: String

    package init(info: DocumentInfo, producer: String) {
        self.info = info
        self.producer = producer
    }

    package var infoDictionary: String {
        let date = PDFSyntax.date(info.creationDate)
        return "<< /Title \(PDFSyntax.text(info.title)) /Author \(PDFSyntax.text(info.author))"
            + " /Subject \(PDFSyntax.text(info.subject)) /Keywords \(PDFSyntax.text(info.keywords))"
            + " /Creator \(PDFSyntax.text(info.creator)) /Producer \(PDFSyntax.text(producer))"
            + " /CreationDate (\(date)) /ModDate (\(date)) >>"
    }

    /// XMP for PDF/A-2b (ISO 19005-2, 6.6): the PDF/A identification and the Info entries again.
    package var xmpPacket: String {
        func xml(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        return """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
           <pdfaid:part>2</pdfaid:part>
           <pdfaid:conformance>B</pdfaid:conformance>
           <dc:format>application/pdf</dc:format>
           <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(xml(info.title))</rdf:li></rdf:Alt></dc:title>
           <dc:creator><rdf:Seq><rdf:li>\(xml(info.author))</rdf:li></rdf:Seq></dc:creator>
           <dc:description><rdf:Alt><rdf:li xml:lang="x-default">\(xml(info.subject))</rdf:li></rdf:Alt></dc:description>
           <dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>
           <pdf:Keywords>\(xml(info.keywords))</pdf:Keywords>
           <pdf:Producer>\(xml(producer))</pdf:Producer>
           <xmp:CreatorTool>\(xml(info.creator))</xmp:CreatorTool>
           <xmp:CreateDate>\(info.creationDate)</xmp:CreateDate>
           <xmp:ModifyDate>\(info.creationDate)</xmp:ModifyDate>
           <xmp:MetadataDate>\(info.creationDate)</xmp:MetadataDate>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """
    }
}
