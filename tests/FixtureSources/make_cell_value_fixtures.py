#!/usr/bin/python3
"""Writes one small table three ways, as Excel would store it, to check that every format gives the same values:

    /usr/bin/python3 tests/FixtureSources/make_cell_value_fixtures.py
    soffice --headless --convert-to xls --outdir tests/Fixtures/xls tests/Fixtures/xlsx/rd_intensity_stored_values.xlsx

- tests/Fixtures/xlsx/rd_intensity_stored_values.xlsx: numbers stored in full, shown through number formats
  ("#,##0" rounds 1234.5678 to "1,235"; "0.0%" shows 0.0623 as "6.2%");
- tests/Fixtures/xls/rd_intensity_stored_values.xls: the same workbook saved as BIFF8 by LibreOffice (command above);
- tests/Fixtures/html/rd_intensity_excel_xnum.htm: Excel's "Save as Web Page" form, GB2312 bytes, each number in
  x:num="…" beside its displayed text.
Also the two multi-table pages of issue 10 item 5 (GB2312): a navigation table before the data table, and the data
table inside one cell of a layout table. The bytes are committed; tests never run this."""
import os, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'Fixtures')
ROWS = [('北京', 1234.5678, 0.0623), ('天津', 567.25, 0.0345), ('河北', 89.125, 0.0175)]
TITLE = '表2-1 各地区研发经费投入强度(2020年)'


def write(rel, data):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)


def xlsx():
    strings = [TITLE, '地区', '研发经费 (万元)', '投入强度'] + [r[0] for r in ROWS]
    idx = {s: i for i, s in enumerate(strings)}
    def s(ref, text):
        return f'<c r="{ref}" t="s"><v>{idx[text]}</v></c>'
    def n(ref, value, style):
        return f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>'
    rows = [f'<row r="1">{s("A1", TITLE)}</row>',
            f'<row r="2">{s("A2", "地区")}{s("B2", "研发经费 (万元)")}{s("C2", "投入强度")}</row>']
    for i, (name, money, share) in enumerate(ROWS, start=3):
        rows.append(f'<row r="{i}">{s(f"A{i}", name)}{n(f"B{i}", money, 1)}{n(f"C{i}", share, 2)}</row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C5"/>'
             f'<sheetData>{"".join(rows)}</sheetData></worksheet>')
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
           + ''.join(f'<si><t>{t}</t></si>' for t in strings) + '</sst>')
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
              '<borders count="1"><border/></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
              '</styleSheet>')
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheets><sheet name="2-1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                 '</Relationships>')
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
             '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
             '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
             '</Types>')
    path = os.path.join(OUT, 'xlsx', 'rd_intensity_stored_values.xlsx')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in [('[Content_Types].xml', types), ('_rels/.rels', root_rels), ('xl/workbook.xml', workbook),
                           ('xl/_rels/workbook.xml.rels', rels), ('xl/styles.xml', styles), ('xl/sharedStrings.xml', sst),
                           ('xl/worksheets/sheet1.xml', sheet)]:
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode('utf-8'))


def excel_html(body):
    return ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
            '<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">\n'
            '<style>.xl65 {mso-number-format:"\\#\\,\\#\\#0";} .xl66 {mso-number-format:"0\\.0%";}</style></head>\n'
            f'<body>\n{body}\n</body></html>\n').encode('gb2312')


def xnum_html():
    rows = ''.join(f'<tr><td>{name}</td><td class=xl65 x:num="{money!r}">{money:,.0f}</td>'
                   f'<td class=xl66 x:num="{share!r}">{share * 100:.1f}%</td></tr>\n' for name, money, share in ROWS)
    table = (f'<table x:str border=0 cellpadding=0 cellspacing=0>\n<tr><td colspan=3>{TITLE}</td></tr>\n'
             '<tr><td>地区</td><td>研发经费 (万元)</td><td>投入强度</td></tr>\n' + rows + '</table>')
    write('html/rd_intensity_excel_xnum.htm', excel_html(table))


DATA_TABLE = ('<table x:str border=0 cellpadding=0 cellspacing=0>\n'
              '<tr><td colspan=4>表1-1 分地区城镇单位就业人员数(2020年底)</td></tr>\n'
              '<tr><td colspan=4>单位：万人</td></tr>\n'
              '<tr><td>地区</td><td>合计</td><td>制造业</td><td>金融业</td></tr>\n'
              '<tr><td>北京</td><td x:num>100.5</td><td x:num>20.5</td><td x:num>3.5</td></tr>\n'
              '<tr><td>天津</td><td x:num>200.5</td><td x:num>30.5</td><td x:num>4.5</td></tr>\n'
              '</table>')


def multi_table_pages():
    nav = '<table border=0><tr><td><a href="/">首页</a></td><td><a href="/tjsj/">统计数据</a></td></tr></table>\n'
    write('html/employment_navigation_then_data_gb2312.htm', excel_html(nav + DATA_TABLE))
    layout = ('<table width=800 border=0>\n<tr><td><img src="logo.gif" alt="">国家统计局</td></tr>\n'
              f'<tr><td>\n{DATA_TABLE}\n</td></tr>\n'
              '<tr><td>版权所有 国家统计局</td></tr>\n</table>')
    write('html/employment_inside_layout_gb2312.htm', excel_html(layout))


xlsx()
xnum_html()
multi_table_pages()
