#!/usr/bin/python3
"""Writes the seed corpora in tests/fuzz/corpus/<target>/ (checked in; rerun only to change
the seeds): small valid and nearly valid inputs for each fuzz target. The xlsx seeds are
made with openpyxl (Debian's python3-openpyxl), both as a whole .xlsx and as the parts
listing the xlsx target zips itself (tests/fuzz/xlsx_ledger_fuzz.cpp)."""

import io
import json
import pathlib
import zipfile

import openpyxl

root = pathlib.Path(__file__).resolve().parent / "corpus"


def write(target, name, content):
    folder = root / target
    folder.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    (folder / name).write_bytes(data)


# --- JSON ledger: one record of each kind, cut down from the Fuzhou sample -------------
ledger = {
    "format": "caseledger.ledger/1",
    "districts": [{"id": "cangshan", "name": "仓山区", "name_en": "Cangshan", "parent": "福州市"}],
    "enterprises": [{"id": "CS-E0001", "name": "福州汇通光电科技有限公司", "district": "cangshan",
                     "industry": "电子信息", "key": False, "resumed_on": "2020-02-17"}],
    "projects": [{"id": "CS-P001", "name": "仓山万达二期", "district": "cangshan", "key": True,
                  "resumed_on": "2020-02-20"}],
    "teams": [{"id": "CS-T01", "district": "cangshan", "kind": "party_team", "name": "一队",
               "members": 12}],
    "cases": [
        {"id": "CS-C0001", "district": "cangshan", "enterprise": "CS-E0001", "category": "labour",
         "channel": "visit", "team": "CS-T01", "reported_on": "2020-02-03",
         "due_on": "2020-02-10", "resolved_on": "2020-02-08", "status": "resolved",
         "summary": "缺工"},
        {"id": "CS-C0002", "district": "cangshan", "project": "CS-P001", "category": "funding",
         "reported_on": "2020-02-05", "closed_on": "2020-02-09", "status": "unresolvable"},
    ],
    "measures": [
        {"id": "CS-M0001", "district": "cangshan", "kind": "subsidy", "enterprise": "CS-E0001",
         "case": "CS-C0001", "granted_on": "2020-02-08", "amount": 400000.5},
        {"id": "CS-M0002", "district": "cangshan", "kind": "transport", "project": "CS-P001",
         "granted_on": "2020-02-12", "mode": "chartered_bus", "workers": 60,
         "origin": "out_of_province", "origin_place": "陇西"},
        {"id": "CS-M0003", "district": "cangshan", "kind": "supplies", "enterprise": "CS-E0001",
         "granted_on": "2020-02-01", "item": "口罩", "quantity": 500},
    ],
}
write("json_ledger", "one_of_each.json", json.dumps(ledger, ensure_ascii=False, indent=1))
write("json_ledger", "compact.json", json.dumps(ledger, ensure_ascii=False, separators=(",", ":")))
write("json_ledger", "empty_ledger.json", '{"format": "caseledger.ledger/1", "cases": []}')
write("json_ledger", "exponent_amount.json",
      '{"format":"caseledger.ledger/1","districts":[{"id":"d","name":"D"}],'
      '"cases":[],"measures":[{"id":"m","district":"d","kind":"loan",'
      '"granted_on":"2020-01-01","amount":1.5E+6}]}')
write("json_ledger", "extras_and_nesting.json",
      '{"format":"caseledger.ledger/1","note":{"a":[1,[2,{"b":null}]]},'
      '"districts":[{"id":"d","name":"D","x":{"y":[true,false,-0.0,1e400]}}],"cases":[]}')
write("json_ledger", "two_ledgers.json",
      json.dumps(ledger, ensure_ascii=False, separators=(",", ":")) + "\n#next\n" +
      '{"format":"caseledger.ledger/1","measures":[],"districts":[{"id":"d2","name":"鼓楼区"}],'
      '"cases":[{"id":"c9","district":"d2","category":"funding","reported_on":"2020-02-03"}]}')
write("json_ledger", "broken.json", '{"format": "caseledger.ledger/1", "cases": [{"id": "c1",')
write("json_ledger", "escapes.json",
      '{"format":"caseledger.ledger/1","districts":[{"id":"\\u4ed3\\ud83d\\ude00","name":"\\"\\n"}]}')

# --- CSV: the flat sheet and a folder of tables ----------------------------------------
write("csv_ledger", "flat.csv",
      "序号,区县,企业名称,项目名称,重点,复工日期,问题类别,反映渠道,反映日期,办结日期,服务队,"
      "补助金额,贷款金额（万元）,返岗人数,运输方式,省内外,来源地,物资,物资数量,帮扶日期\n"
      "1,连江县,甲农业公司,,否,2020/2/10,资金,走访,2020/1/5,2020/1/20,一队,40万,550,,,,,,,\n"
      "2,连江县,甲农业公司,,,,用工,,2020/2/1,,一队,,,60,专车,省外,陇西,,,2020/2/20\n"
      "3,闽侯县,,乙工程,是,,防疫物资,,2020/2/3,2020/2/4,,,,,,,,口罩,500,\n")
write("csv_ledger", "flat_quoted_crlf.csv",
      '\ufeffid,district,reported_on,category,summary\r\n'
      '1,d1,2020-01-05,funding,"a ""quoted"", multi\r\nline"\r\n'
      '2,d1,43835,labour,\r')
write("csv_ledger", "flat_gb18030.csv",
      "序号,区县,问题类别,反映日期\n1,闽侯县,用电,2020年1月5日\n".encode("gb18030"))
write("csv_ledger", "folder.csv",
      "#folder\n"
      "#districts.csv\nid,name,name_en,parent\nminhou,闽侯县,Minhou,福州市\n"
      "#enterprises.csv\n企业编号,企业名称,区县,行业,重点企业,复工日期\n"
      "e1,闽兴公司,minhou,制造业,是,2020年2月10日\n"
      "#projects.csv\n项目编号,项目名称,区县,重点项目,复工日期\np1,乙工程,minhou,是,2020/4/10\n"
      "#teams.csv\n编号,区县,类型,名称,人数\nt1,minhou,党员攻坚队,一队,12\n"
      "#cases.csv\n序号,区县,反映日期,问题类别,企业,项目,反映渠道,问题描述,服务队,办理时限,"
      "办结日期,关闭日期,办理状态\n"
      "c1,minhou,2020.1.10,用电,e1,,走访,电费,t1,2020-01-20,2020年1月11日,,已办结\n"
      "c2,minhou,43860,资金,,p1,,,,,,,\n"
      "#measures.csv\n编号,区县,措施类型,帮扶日期,企业,项目,问题编号,金额,运输方式,人数,省内外,"
      "来源地,物资,数量\n"
      "m1,minhou,减免,2020/2/15,e1,,c1,16万元,,,,,,\n"
      "m2,minhou,返岗运输,2020/2/20,e1,,,,专车,60,省外,陇西,,\n"
      'm3,minhou,物资,2020/2/1,,p1,,,,,,,口罩,"1,000"\n')
write("csv_ledger", "two_sheets.csv",
      "序号,区县,企业名称,问题类别,反映日期,办结日期,补助金额,责任单位\n"
      "1,连江县,甲农业公司,资金,2020/1/5,2020/1/20,40万,区工信局\n"
      "2,连江县,甲农业公司,用工,2020/2/1,,,区人社局\n"
      "#next\n"
      "编号,区县,企业名称,问题类别,反映日期,办结日期,补助金额,责任单位\n"
      "c1,闽侯县,乙公司,用电,2020/2/3,2020/2/4,16万,区工信局\n"
      "c2,连江县,甲农业公司,资金,2020/3/3,,,\n")
write("csv_ledger", "folder_misnamed.csv",
      "#folder\n#districts.csv\nid,name\nd1,x\n#case.csv\nid\n")

# --- xlsx: a sheet per kind, and a flat sheet with a date cell -------------------------
def workbook_bytes(sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


import datetime  # noqa: E402  (only the xlsx seeds need it)

per_kind = workbook_bytes([
    ("districts", [["id", "name"], ["d1", "仓山区"]]),
    ("cases", [["id", "district", "reported_on", "category", "status"],
               ["c1", "d1", datetime.date(2020, 1, 5), "funding", "open"],
               ["c2", "d1", "2020/1/6", "用工", None]]),
    ("measures", [["id", "district", "kind", "granted_on", "amount", "case"],
                  ["m1", "d1", "subsidy", datetime.date(2020, 1, 7), 1234.5, "c1"]]),
])
flat = workbook_bytes([
    ("台账", [["序号", "区县", "企业名称", "问题类别", "反映日期", "补助金额"],
                 [1, "连江县", "甲公司", "资金", datetime.date(2020, 2, 3), "40万"],
                 [2, "连江县", "甲公司", "用工", 43865, None]]),
])
write("xlsx_ledger", "per_kind.xlsx", per_kind)


def shared_strings_workbook():
    """A flat sheet as libxlsxwriter's kin xlsxwriter writes it: shared strings, a date
    number format, a boolean."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("台账")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for column, header in enumerate(["序号", "区县", "项目名称", "重点", "问题类别", "反映日期",
                                     "贷款金额（万元）"]):
        sheet.write_string(0, column, header)
    sheet.write_number(1, 0, 1)
    sheet.write_string(1, 1, "闽侯县")
    sheet.write_string(1, 2, "乙工程")
    sheet.write_boolean(1, 3, True)
    sheet.write_string(1, 4, "资金")
    sheet.write_datetime(1, 5, datetime.datetime(2020, 2, 3), day)
    sheet.write_number(1, 6, 550)
    book.close()
    return out.getvalue()


shared = shared_strings_workbook()
write("xlsx_ledger", "shared_strings.xlsx", shared)
write("xlsx_ledger", "flat.xlsx", flat)


def parts_listing(package):
    """The package as the xlsx target's text form: "@@ <name>" lines before each part."""
    listing = b""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for name in archive.namelist():
            if name.startswith(("docProps/", "xl/theme/")):
                continue  # the reader never looks there; smaller seeds fuzz faster
            listing += b"@@ " + name.encode() + b"\n" + archive.read(name) + b"\n"
    return listing


write("xlsx_ledger", "per_kind.parts", parts_listing(per_kind))
write("xlsx_ledger", "flat.parts", parts_listing(flat))
write("xlsx_ledger", "shared_strings.parts", parts_listing(shared))
# A finding: a cell reference past XFD whose letters wrapped around to column B in 32 bits
# (tests/xlsx_ledger_test.cpp, ACellBeyondColumnXfdIsRefusedHoweverLongItsLetters).
write("xlsx_ledger", "wide_column.parts",
      parts_listing(shared).replace(b'<c r="B2"', b'<c r="MWLQKWX2"', 1))

# --- money and dates: every form the parsers know, and their edges ---------------------
amounts = ["0", "400000", "400000.5", "400000.00", "-12.30", "4e5", "1.5E+2", "1.25e1",
           "1e-2", "92233720368547758.07", "92233720368547758.08", "-92233720368547758.08",
           "1,234.50", "¥1,234.50", "￥3亿", "40万", "40万元", "1.5万", "1.2亿", "0.00000001亿",
           " 12 ", "1.234", ".5", "5.", "+1", "--1", "1e99999999999", "元"]
for i, text in enumerate(amounts):
    write("money_parse", f"amount_{i:02}", text)
dates = ["2020-01-05", "2020-02-29", "2019-02-29", "0000-01-01", "9999-12-31", "2020/1/5",
         "2020.1.5", "2020年1月5日", "2020年12月31日", "43831", "43835.0", "60", "2958465",
         "2958466", "\u30002020-3-1\u3000", "2020-1/5", "-001-01-01", "99999999999999999999"]
for i, text in enumerate(dates):
    write("date_parse", f"date_{i:02}", text)


# --- dictionaries: the tokens a mutation is unlikely to find byte by byte --------------
def write_dictionary(target, tokens):
    lines = [f"# Tokens for {target}_fuzz, written by make_corpus.py."]
    for token in dict.fromkeys(tokens):
        escaped = "".join(
            chr(b) if 0x20 <= b < 0x7F and chr(b) not in '"\\' else f"\\x{b:02X}"
            for b in token.encode("utf-8"))
        lines.append(f'"{escaped}"')
    (root.parent / f"{target}.dict").write_text("\n".join(lines) + "\n")


fields = ["format", "districts", "enterprises", "projects", "teams", "cases", "measures", "id",
          "name", "name_en", "parent", "district", "industry", "key", "resumed_on", "kind",
          "members", "enterprise", "project", "category", "channel", "team", "reported_on",
          "due_on", "resolved_on", "closed_on", "status", "summary", "case", "granted_on",
          "amount", "mode", "workers", "origin", "origin_place", "item", "quantity"]
values = ["caseledger.ledger/1", "labour", "funding", "approval", "logistics",
          "epidemic_supplies", "raw_materials", "visit", "phone", "wechat", "website", "media",
          "hotline", "other", "open", "resolved", "unresolvable", "withdrawn", "subsidy",
          "fee_reduction", "loan", "allowance", "transport", "supplies", "chartered_bus",
          "chartered_flight", "chartered_train", "dedicated_vehicle", "self_arranged",
          "in_province", "out_of_province", "service_team", "party_team", "instructor"]
write_dictionary("json_ledger",
                 [f'"{f}":' for f in fields] + [f'"{v}"' for v in values] +
                 ["2020-02-29", "1e5", "1.5E+2", "-0", "null", "true", "false", "[]", "{}",
                  "\\u4ed3", "\\ud83d\\ude00", "#next\n"])
headers = ["序号", "区县", "企业名称", "项目名称", "企业编号", "项目编号", "重点", "复工日期",
           "问题类别", "反映渠道", "反映日期", "办结日期", "关闭日期", "办理时限", "办理状态",
           "问题描述", "服务队", "补助金额", "贷款金额（万元）", "返岗人数", "运输方式", "省内外",
           "来源地", "物资", "物资数量", "帮扶日期", "措施类型", "金额", "问题编号", "人数", "数量",
           "用电", "资金", "用工", "走访", "已办结", "撤回", "是", "否", "万元", "亿", "¥",
           "年", "月", "日", "\u3000"]
write_dictionary("csv_ledger", fields + values + headers + ["#folder\n", "#next\n", "#cases.csv\n",
                 "#districts.csv\n", "#measures.csv\n", '""', "\r\n", "\ufeff"])
write_dictionary("xlsx_ledger", fields + headers + [
    "@@ xl/worksheets/sheet1.xml\n", "@@ xl/sharedStrings.xml\n", "@@ xl/workbook.xml\n",
    "@@ xl/styles.xml\n", "@@ xl/_rels/workbook.xml.rels\n", "<row", "<c r=\"", "t=\"s\"",
    "t=\"b\"", "t=\"inlineStr\"", "t=\"str\"", "s=\"1\"", "<v>", "</v>", "<is><t>", "<si>",
    "<r><t>", "<sheet ", "r:id=\"rId1\"", "numFmtId=\"14\"", "<numFmt ", "formatCode=\"",
    "<xf ", "<cellXfs", "&amp;", "&#24207;", "<![CDATA[", "XFD1048576", "AAA1"])
write_dictionary("money_parse", ["万", "亿", "元", "¥", "￥", ",", ".", "e", "E+", "E-", "-",
                                 "9223372036854775807", "\u3000"])
write_dictionary("date_parse", ["年", "月", "日", "-", "/", ".", "2020", "02", "29", "43831",
                                "2958465", ".0", "\u3000"])
