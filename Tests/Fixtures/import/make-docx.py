# Makes Tests/Fixtures/import/tjhq-zwfwb-2022.docx once, from tjhq-zwfwb-2022.txt's content, as a
# clerk's Word file would hold it: Word's own list numbers (一、) on heading-styled paragraphs,
# merged cells across columns and rows.
import sys, zipfile, shutil, re
from docx import Document
from docx.oxml.ns import qn
from docx.oxml import OxmlElement

src = [l for l in open(sys.argv[1], encoding='utf-8').read().split('\n') if l.strip()]
doc = Document()
NUM_ID = '77'

def numbered(text):
    p = doc.add_paragraph(text, style='Heading 1')
    pPr = p._p.get_or_add_pPr()
    numPr = OxmlElement('w:numPr')
    ilvl = OxmlElement('w:ilvl'); ilvl.set(qn('w:val'), '0')
    numId = OxmlElement('w:numId'); numId.set(qn('w:val'), NUM_ID)
    numPr.append(ilvl); numPr.append(numId); pPr.append(numPr)

def table(rows, columns):
    t = doc.add_table(rows=len(rows), cols=columns)
    t.style = 'Table Grid'
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            text, span, down = cell if isinstance(cell, tuple) else (cell, 1, 1)
            if text is None: c += span; continue   # the cell a merge from above covers
            t.cell(r, c).text = text
            if span > 1 or down > 1: t.cell(r, c).merge(t.cell(r + down - 1, c + span - 1))
            c += span

doc.add_paragraph('天津市红桥区政务服务办2022年政府信息公开工作年度报告', style='Title')
doc.add_paragraph(src[0])
numbered('总体情况')
doc.add_paragraph(src[2])
numbered('主动公开政府信息情况')
table([[('第二十条第（一）项', 4, 1)], ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
       ['规章', '0', '0', '0'], ['行政规范性文件', '0', '0', '0'],
       [('第二十条第（五）项', 4, 1)], ['信息内容', ('本年处理决定数量', 3, 1)], ['行政许可', ('1517', 3, 1)],
       [('第二十条第（六）项', 4, 1)], ['信息内容', ('本年处理决定数量', 3, 1)], ['行政处罚', ('0', 3, 1)], ['行政强制', ('0', 3, 1)],
       [('第二十条第（八）项', 4, 1)], ['信息内容', ('本年收费金额（单位：万元）', 3, 1)], ['行政事业性收费', ('0', 3, 1)]], 4)
numbered('收到和处理政府信息公开申请情况')
table([[('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3), ('申请人情况', 7, 1)],
       [(None, 3, 1), ('自然人', 1, 2), ('法人或其他组织', 5, 1), ('总计', 1, 2)],
       [(None, 3, 1), (None, 1, 1), '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', (None, 1, 1)],
       [('一、本年新收政府信息公开申请数量', 3, 1), '1', '0', '0', '0', '0', '3', '4'],
       [('二、上年结转政府信息公开申请数量', 3, 1), '0', '0', '0', '0', '0', '0', '0'],
       ['三、本年度办理结果', ('（一）予以公开', 2, 1), '1', '0', '0', '0', '0', '3', '4']], 10)
doc.save('plain.docx')

# Word's own numbering: 一、 二、 三、 (chineseCounting, "%1、") for list 77.
zin = zipfile.ZipFile('plain.docx')
zout = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
for item in zin.infolist():
    data = zin.read(item.filename)
    if item.filename == 'word/numbering.xml':
        xml = data.decode('utf-8')
        abstract = ('<w:abstractNum w:abstractNumId="77"><w:multiLevelType w:val="singleLevel"/>'
                    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
                    '<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
        xml = re.sub(r'(<w:abstractNum )', abstract + r'\1', xml, count=1)
        xml = xml.replace('</w:numbering>', '<w:num w:numId="77"><w:abstractNumId w:val="77"/></w:num></w:numbering>')
        data = xml.encode('utf-8')
    info = zipfile.ZipInfo(item.filename, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    zout.writestr(info, data)
zout.close()
