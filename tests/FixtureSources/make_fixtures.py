#!/usr/bin/python3
"""Writes the extraction test fixtures (raw bytes) under tests/Fixtures. Run once with Debian's python3 + python3-xlwt:

    /usr/bin/python3 tests/FixtureSources/make_fixtures.py

The bytes are committed; tests never run this. Values follow one rule so tests can check any cell by hand:
value(province code p, data column c (1-based)) = p * 10 + c + 0.5   (e.g. Beijing 11, column 3 -> 113.5)
The national row uses p = 0 (column 3 -> 3.5)."""
import io, os, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'Fixtures')

def v(p, c):
    return p * 10 + c + 0.5

SECTORS_2002 = ['农、林、牧、渔业', '采矿业', '制造业', '电力、燃气及水的生产和供应业', '建筑业', '交通运输、仓储和邮政业',
                '信息传输、计算机服务和软件业', '批发和零售业', '住宿和餐饮业', '金融业', '房地产业', '租赁和商务服务业',
                '科学研究、技术服务和地质勘查业', '水利、环境和公共设施管理业', '居民服务和其他服务业', '教育',
                '卫生、社会保障和社会福利业', '文化、体育和娱乐业', '公共管理和社会组织']
SECTORS_2011 = ['农、林、牧、渔业', '采矿业', '制造业', '电力、热力、燃气及水生产和供应业', '建筑业', '批发和零售业',
                '交通运输、仓储和邮政业', '住宿和餐饮业', '信息传输、软件和信息技术服务业', '金融业', '房地产业',
                '租赁和商务服务业', '科学研究和技术服务业', '水利、环境和公共设施管理业', '居民服务、修理和其他服务业',
                '教育', '卫生和社会工作', '文化、体育和娱乐业', '公共管理、社会保障和社会组织']
SECTORS_EN_2011 = ['Agriculture, Forestry, Animal Husbandry and Fishery', 'Mining', 'Manufacturing',
                   'Production and Supply of Electricity, Heat, Gas and Water', 'Construction', 'Wholesale and Retail Trades',
                   'Transport, Storage and Post', 'Hotels and Catering Services', 'Information Transmission, Software and Information Technology',
                   'Financial Intermediation', 'Real Estate', 'Leasing and Business Services', 'Scientific Research and Technical Services',
                   'Management of Water Conservancy, Environment and Public Facilities', 'Services to Households, Repair and Other Services',
                   'Education', 'Health and Social Work', 'Culture, Sports and Entertainment',
                   'Public Management, Social Security and Social Organization']
GROUPS = [('医药制造业', 'Manufacture of Medicines'), ('航空、航天器及设备制造业', 'Manufacture of Aircrafts and Spacecrafts'),
          ('电子及通信设备制造业', 'Manufacture of Electronic and Communication Equipment'),
          ('计算机及办公设备制造业', 'Manufacture of Computers and Office Equipment'),
          ('医疗仪器设备及仪器仪表制造业', 'Manufacture of Medical Equipments and Measuring Instruments'),
          ('信息化学品制造业', 'Manufacture of Information Chemicals')]

def write(rel, data):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)

# ---------------------------------------------------------------- HTML 1: Excel "Save as Web Page", GB18030 (meta gb2312)
# Quirks: title and unit rows inside the table (colspan), unit on its own row in two languages, header words split over two
# rows, stub names padded with U+3000, English names in their own column, a regional row, blank spacer rows, missing markers,
# footnote markers on a label and a number, thousands separators, full-width digits, footnotes after the table.
def labour_excel_html():
    cols = len(SECTORS_2002) + 1
    w = cols + 2
    rows = []
    rows.append(f'<tr height=24><td colspan={w} class=xl24>表4-2　按行业分城镇单位就业人员(2011年)</td></tr>')
    rows.append(f'<tr><td colspan={w} class=xl25>Employed Persons in Urban Units by Sector and Region (2011)</td></tr>')
    rows.append(f'<tr><td colspan={w} class=xl26>单位：万人</td></tr>')
    rows.append(f'<tr><td colspan={w} class=xl26>(10 000 persons)</td></tr>')
    # header: words split over two rows for 合计 and the first sector; others rowspan=2
    h1 = ['<td rowspan=2>地　　区</td>', '<td rowspan=2>Region</td>', '<td>合</td>', '<td>农、林、牧、</td>']
    h2 = ['<td>计</td>', '<td>渔业</td>']
    for name in SECTORS_2002[1:]:
        h1.append(f'<td rowspan=2>{name}</td>')
    rows.append('<tr>' + ''.join(h1) + '</tr>')
    rows.append('<tr>' + ''.join(h2) + '</tr>')
    rows.append('<tr>' + '<td></td>' * w + '</tr>')  # spacer
    def body(label_zh, label_en, p, overrides=None):
        cells = [f'<td>{label_zh}</td>', f'<td>{label_en}</td>']
        for c in range(1, cols + 1):
            text = f'{v(p, c)}'
            if overrides and c in overrides:
                text = overrides[c]
            cells.append(f'<td x:num>{text}</td>')
        return '<tr>' + ''.join(cells) + '</tr>'
    rows.append(body('全　　国', 'National Total', 0, {1: '1,234.5'}))
    rows.append('<tr>' + '<td>&nbsp;</td>' * w + '</tr>')
    rows.append(body('东部地区', 'Eastern Region', 99))
    rows.append(body('北　　京①', 'Beijing', 11, {2: '—', 3: '113.5*'}))
    rows.append(body('山　　西', 'Shanxi', 14, {4: '…'}))
    rows.append(body('内 蒙 古', 'Inner Mongolia', 15, {5: '１５５.５'}))
    rows.append('<tr>' + '<td></td>' * w + '</tr>')
    rows.append(body('陕　　西', 'Shaanxi', 61, {6: '/'}))
    rows.append(body('西　　藏', 'Tibet', 54, {7: '-'}))
    table = '<table border=0 cellpadding=0 cellspacing=0 style="border-collapse:collapse">' + '\n'.join(rows) + '</table>'
    html = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
            '<head>\n<meta http-equiv=Content-Type content="text/html; charset=gb2312">\n'
            '<meta name=ProgId content=Excel.Sheet>\n<meta name=Generator content="Microsoft Excel 11">\n'
            '<style>.xl24{font-size:14.0pt}</style>\n</head>\n<body link=blue vlink=purple>\n'
            + table +
            '\n<p>注：①北京数据含中央在京单位。</p>\n<p>资料来源：劳动统计年鉴。</p>\n</body>\n</html>\n')
    write('html/labour_2012_excel_gb18030.htm', html.encode('gb18030'))

# ---------------------------------------------------------------- HTML 2: LibreOffice export, UTF-8
# Quirks: title and unit in <p> above the table, bilingual header cells with <br>, a spanning upper header level
# (按行业分 over the sectors), a year block then a province block in the stub, and a "continued" page: a second table
# under a 续表 / continued title with the header repeated.
def labour_libreoffice_html():
    def header():
        h1 = '<tr><td rowspan=2>地区<br>Region</td><td rowspan=2>合计<br>Total</td>' \
             f'<td colspan={len(SECTORS_2011)}>按行业分<br>By Sector</td></tr>'
        h2 = '<tr>' + ''.join(f'<td>{zh}<br>{en}</td>' for zh, en in zip(SECTORS_2011, SECTORS_EN_2011)) + '</tr>'
        return h1 + '\n' + h2
    def body(label, p):
        return '<tr><td>' + label + '</td>' + ''.join(f'<td sdval="{v(p, c)}">{v(p, c)}</td>' for c in range(1, 21)) + '</tr>'
    t1 = [header(), body('2013', 1), body('2014', 2), body('全国 National Total', 0), body('北京 Beijing', 11), body('天津 Tianjin', 12)]
    t2 = [header(), body('上海 Shanghai', 31), body('宁夏 Ningxia', 64), body('新疆 Xinjiang', 65)]
    html = ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n<head>\n'
            '<meta http-equiv="content-type" content="text/html; charset=utf-8"/>\n'
            '<meta name="generator" content="LibreOffice 7.4"/>\n</head>\n<body>\n'
            '<p>4-2 按行业分城镇单位就业人员(2015年)</p>\n<p>Employed Persons in Urban Units by Sector and Region (2015)</p>\n'
            '<p>单位：万人　(10 000 persons)</p>\n'
            '<table cellspacing="0" border="0">\n' + '\n'.join(t1) + '\n</table>\n'
            '<p>4-2 续表 continued</p>\n'
            '<table cellspacing="0" border="0">\n' + '\n'.join(t2) + '\n</table>\n'
            '<p>注：2013、2014年为全国数据。</p>\n</body>\n</html>\n')
    write('html/labour_2016_libreoffice_utf8.html', html.encode('utf-8'))

# ---------------------------------------------------------------- HTML 3: plain table, GB18030 with a lying UTF-8 meta
# High-tech export delivery, edition 2014 (data year 2013, information chemicals present), unit 千元 (converted to 万元).
def hightech_plain_html(path, declared):
    head = ['地区'] + ['合计'] + [g[0] for g in GROUPS]
    rows = ['<tr>' + ''.join(f'<th>{h}</th>' for h in head) + '</tr>']
    def body(label, p):
        return '<tr><td>' + label + '</td>' + ''.join(f'<td>{v(p, c)}</td>' for c in range(1, 8)) + '</tr>'
    for label, p in [('全国', 0), ('东部地区', 97), ('中部地区', 98), ('西部地区', 99), ('东北地区', 96),
                     ('北京', 11), ('山西', 14), ('陕西', 61)]:
        rows.append(body(label, p))
    html = (f'<html><head><meta charset="{declared}"><title>2-5</title></head><body>'
            '<h3>2-5 各地区高技术产业出口交货值(2013年)</h3><p>单位：千元</p>'
            '<table>' + ''.join(rows) + '</table><p>注：东部地区等为地区合计。</p></body></html>')
    write(path, html.encode('gb18030'))

# ---------------------------------------------------------------- xlsx, hand-built SpreadsheetML (fixed timestamps)
def col_letter(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')

def xlsx(path, grid, merges):
    rows_xml = []
    for r, row in enumerate(grid):
        cells = []
        for c, val in enumerate(row):
            if val is None or val == '':
                continue
            ref = f'{col_letter(c)}{r + 1}'
            if isinstance(val, (int, float)):
                cells.append(f'<c r="{ref}"><v>{val}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{esc(val)}</t></is></c>')
        rows_xml.append(f'<row r="{r + 1}">' + ''.join(cells) + '</row>')
    merge_xml = ''
    if merges:
        merge_xml = f'<mergeCells count="{len(merges)}">' + ''.join(f'<mergeCell ref="{m}"/>' for m in merges) + '</mergeCells>'
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData>' + ''.join(rows_xml) + '</sheetData>' + merge_xml + '</worksheet>')
    files = {
        '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        '_rels/.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        'xl/worksheets/sheet1.xml': sheet,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode('utf-8'))
    write(path, buf.getvalue())

# High-tech export delivery, edition 2017 (data year 2016): a group header merged over two sub-columns,
# 出口交货值 being an "of which" column (#) beside 销售产值; multi-line bilingual cells; title and unit rows above.
def hightech_export_xlsx():
    groups = GROUPS
    width = 2 + 2 + 2 * len(groups)
    title = ['2-5 各地区高技术产业销售产值和出口交货值(2016年)'] + [''] * (width - 1)
    title_en = ['Sales Value and Export Delivery Value of High-tech Industry by Region (2016)'] + [''] * (width - 1)
    unit = ['单位：万元'] + [''] * (width - 1)
    unit_en = ['(10 000 yuan)'] + [''] * (width - 1)
    h1 = ['地区', 'Region', '合计\nTotal', ''] + sum([[f'{zh}\n{en}', ''] for zh, en in groups], [])
    h2 = ['', '', '销售产值\nSales Value', '#出口交货值\nExport Delivery'] + ['销售产值\nSales Value', '#出口交货值\nExport Delivery'] * len(groups)
    grid = [title, title_en, unit, unit_en, h1, h2]
    merges = [f'A1:{col_letter(width - 1)}1', 'A5:A6', 'B5:B6', 'C5:D5'] + \
             [f'{col_letter(4 + 2 * i)}5:{col_letter(5 + 2 * i)}5' for i in range(len(groups))]
    for zh, en, p in [('全    国', 'National Total', 0), ('东部地区', 'Eastern Region', 97), ('北    京', 'Beijing', 11),
                      ('内 蒙 古', 'Inner Mongolia', 15), ('黑 龙 江', 'Heilongjiang', 23), ('陕    西', 'Shaanxi', 61)]:
        row = [zh, '  ' + en] + [v(p, c) for c in range(1, width - 1)]
        grid.append(row)
    grid[-1][9] = ''  # Shaanxi, column J (data column 8): printed blank = missing
    xlsx('xlsx/hightech_export_2017.xlsx', grid, merges)

# High-tech employment, edition 2021 (data year 2020): units inside the header cells "(人)\n(person)".
def hightech_employment_xlsx():
    width = 2 + 1 + len(GROUPS)
    grid = [['2-3 各地区高技术产业从业人员平均人数(2020年)'] + [''] * (width - 1),
            ['Average Employed Persons of High-tech Industry by Region (2020)'] + [''] * (width - 1),
            ['地区', 'Region', '合计\n(人)\nTotal\n(person)'] + [f'{zh}\n(人)\n{en}\n(person)' for zh, en in GROUPS]]
    for zh, en, p in [('全国', 'National Total', 0), ('北京', 'Beijing', 11), ('山西', 'Shanxi', 14), ('新疆', 'Xinjiang', 65)]:
        grid.append([zh, en] + [v(p, c) for c in range(1, width - 1)])
    xlsx('xlsx/hightech_employment_2021.xlsx', grid, [f'A1:{col_letter(width - 1)}1'])

# ---------------------------------------------------------------- xls (BIFF8) via xlwt: labour, edition 2011 (2010 data)
def labour_xls():
    import xlwt
    wb = xlwt.Workbook(encoding='utf-8')
    ws = wb.add_sheet('4-2')
    cols = len(SECTORS_2002) + 1
    ws.write_merge(0, 0, 0, cols, '4-2 按行业分城镇单位就业人员(2010年)')
    ws.write(1, 0, '单位：万人')
    ws.write_merge(2, 3, 0, 0, '地区')
    ws.write_merge(2, 3, 1, 1, '合计')
    ws.write_merge(2, 2, 2, cols, '按行业分')
    for i, name in enumerate(SECTORS_2002):
        ws.write(3, 2 + i, name)
    for r, (label, p) in enumerate([('全国', 0), ('北京市', 11), ('山西省', 14), ('广西壮族自治区', 45), ('新疆维吾尔自治区', 65)]):
        ws.write(4 + r, 0, label)
        for c in range(1, cols + 1):
            ws.write(4 + r, c, v(p, c))
    ws.write(10, 0, '注：本表为城镇单位数据。')
    buf = io.BytesIO()
    wb.save(buf)
    write('xls/labour_2011.xls', buf.getvalue())

# ---------------------------------------------------------------- NBS portal CSVs
def nbs_csv():
    years = list(range(2023, 2009, -1))
    def years_csv(indicator_line, rows, encoding='utf-8-sig', note=True):
        lines = ['数据库：分省年度数据 ', indicator_line + ' ', '地区\t,' + ''.join(f'{y}年\t,' for y in years)]
        for label, p, blanks in rows:
            cells = []
            for i, y in enumerate(years):
                cells.append('' if y in blanks else f'{p * 10 + (y - 2000) + 0.5}')
            lines.append(f'{label}\t,' + ''.join(f'{c}\t,' for c in cells))
        if note:
            lines.append('注：2023年数据为初步核算数。')
            lines.append('数据来源：国家统计局')
        return ('\n'.join(lines) + '\n').encode(encoding)
    write('csv/fsnd_gdp.csv', years_csv('指标：地区生产总值(亿元)', [('北京市', 11, ()), ('内蒙古自治区', 15, (2010,)),
                                                                  ('广西壮族自治区', 45, ()), ('陕西省', 61, ()), ('山西省', 14, ())]))
    write('csv/fsnd_usd_cny.csv', years_csv('指标：人民币汇率(元/美元)', [('全国', 0, ())]))
    write('csv/fsnd_population_gb18030.csv', years_csv('指标：年末常住人口(万人)', [('北京市', 11, ()), ('  新疆维吾尔自治区 ', 65, ())],
                                                       encoding='gb18030'))
    # Single-year export with indicators as columns and units inside the header cells.
    lines = ['数据库：分省年度数据 ', '时间：2023年 ',
             '地区\t,地区生产总值 (亿元) \t,第一产业增加值 (亿元) \t,人均地区生产总值 (元/人) \t,']
    for label, p in [('北京市', 11), ('天津市', 12)]:
        lines.append(f'{label}\t,{p * 100 + 0.5}\t,{p + 0.25}\t,{p * 1000}\t,')
    lines.append('数据来源：国家统计局')
    write('csv/fsnd_multi_2023.csv', ('\n'.join(lines) + '\n').encode('utf-8-sig'))

# ---------------------------------------------------------------- a malformed table: one cell is not a number
def malformed_html():
    html = ('<html><head><meta charset="utf-8"></head><body><table>'
            '<tr><td colspan=3>2-3 各地区高技术产业从业人员平均人数(2015年)</td></tr>'
            '<tr><td colspan=3>单位：人</td></tr>'
            '<tr><td>地区</td><td>合计</td><td>医药制造业</td></tr>'
            '<tr><td>北京</td><td>1200</td><td>300</td></tr>'
            '<tr><td>天津</td><td>12o0</td><td>250</td></tr>'
            '</table></body></html>')
    write('html/hightech_employment_malformed.html', html.encode('utf-8'))

labour_excel_html()
labour_libreoffice_html()
hightech_plain_html('html/hightech_export_2014_plain_gb18030.htm', 'gb2312')
hightech_plain_html('html/hightech_export_2014_lying_utf8_meta.htm', 'utf-8')
hightech_export_xlsx()
hightech_employment_xlsx()
labour_xls()
nbs_csv()
malformed_html()
print('fixtures written to', os.path.normpath(OUT))
