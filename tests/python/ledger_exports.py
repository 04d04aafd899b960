"""The Fuzhou sample (or any JSON ledger, as parsed by json.load) exported as an office
would keep it: a folder of CSV files with Chinese headers, Chinese enum values and local date
and money forms, and an xlsx workbook with a sheet per kind of record. Shared by the tests of
the command line (test_ingest.py) and of the bindings (test_bindings.py), which read the
exports back and compare with the JSON ledger.
"""
import csv
import datetime
import decimal

KINDS = ["districts", "enterprises", "projects", "teams", "units", "cases", "measures"]

# Every field of every kind, and the Chinese header an office would give it.
ZH_HEADERS = {
    "districts": {"id": "编号", "name": "区县", "name_en": "英文名", "parent": "所属城市"},
    "enterprises": {"id": "企业编号", "name": "企业名称", "district": "区县", "industry": "行业",
                    "key": "重点企业", "resumed_on": "复工日期"},
    "projects": {"id": "项目编号", "name": "项目名称", "district": "区县", "key": "重点项目",
                 "resumed_on": "复工日期"},
    "teams": {"id": "编号", "district": "区县", "kind": "类型", "name": "名称", "members": "人数"},
    "units": {"id": "编号", "name": "单位名称", "district": "区县", "kind": "类型"},
    "cases": {"id": "序号", "district": "区县", "reported_on": "反映日期", "category": "问题类别",
              "enterprise": "企业", "project": "项目", "channel": "反映渠道",
              "summary": "问题描述", "team": "服务队", "due_on": "办理时限",
              "resolved_on": "办结日期", "closed_on": "关闭日期", "status": "办理状态",
              "unit": "责任单位", "co_units": "协办单位", "due_workdays": "办理时限（工作日）",
              "extended_on": "延期日期", "extended_due_on": "延期至", "followed_up_on": "回访日期",
              "satisfaction": "满意度"},
    "measures": {"id": "编号", "district": "区县", "kind": "措施类型", "granted_on": "帮扶日期",
                 "enterprise": "企业", "project": "项目", "case": "问题编号", "amount": "金额（元）",
                 "mode": "运输方式", "workers": "人数", "origin": "省内外",
                 "origin_place": "来源地", "item": "物资", "quantity": "数量"},
}

# Chinese spellings of enum values, as clerks type them.
ZH_VALUES = {
    "category": {"labour": "用工", "funding": "资金", "approval": "审批", "logistics": "运输",
                 "epidemic_supplies": "防疫物资", "raw_materials": "原材料", "energy": "用电",
                 "policy": "政策", "other": "其他"},
    "channel": {"visit": "走访", "phone": "电话", "wechat": "微信", "website": "政府网站",
                "media": "媒体", "hotline": "热线", "other": "其他"},
    "status": {"open": "在办", "resolved": "已办结", "unresolvable": "无法解决",
               "withdrawn": "撤回"},
    "measure_kind": {"subsidy": "补助", "fee_reduction": "减免", "loan": "贷款",
                     "allowance": "返岗补助", "transport": "返岗运输", "supplies": "物资"},
    "team_kind": {"service_team": "服务队", "party_team": "党员攻坚队", "instructor": "指导员"},
    "mode": {"chartered_bus": "包车", "chartered_flight": "包机", "chartered_train": "包列",
             "dedicated_vehicle": "专车", "self_arranged": "自行返岗"},
    "origin": {"in_province": "省内", "out_of_province": "省外"},
    "satisfaction": {"satisfied": "满意", "basically_satisfied": "基本满意",
                     "dissatisfied": "不满意"},
}


def day(text):
    return datetime.date.fromisoformat(text)


def local_date(text, style):
    """The date in one of the forms offices write."""
    d = day(text)
    return {"slash": f"{d.year}/{d.month}/{d.day}", "dot": f"{d.year}.{d.month}.{d.day}",
            "zh": f"{d.year}年{d.month}月{d.day}日", "iso": text}[style]


def local_amount(text):
    """400000.00 as "40万", 4400000.00 as "440万元", other amounts as "¥1,234.50"."""
    amount = decimal.Decimal(text)
    if amount % 10000 == 0:
        wan = amount / 10000
        return f"{wan:f}万" if wan % 2 else f"{wan:f}万元"
    return f"¥{amount:,.2f}"


def zh_cell(kind, field, value, row_number):
    """A ledger value written as a clerk would, varying the forms from row to row."""
    if value is None:
        return ""
    if field.endswith("_on"):
        return local_date(value, ["slash", "dot", "zh", "iso"][row_number % 4])
    if field == "amount":
        return local_amount(value)
    if field == "key":
        return "是" if value else "否"
    if field in ("category", "channel", "status", "mode", "origin", "satisfaction"):
        return ZH_VALUES[field][value]
    if field == "co_units":
        return "、".join(value)
    if field == "kind" and kind == "units":
        return value  # free text
    if field == "kind":
        return ZH_VALUES["team_kind" if kind == "teams" else "measure_kind"][value]
    if field in ("workers", "quantity", "members"):
        return f"{value:,}"
    if field == "summary":
        # Commas, quotes and a line break: the writer must quote this cell.
        return f'{value}, "急"\n（第{row_number}行）'
    return str(value)


def write_csv_folder(ledger, folder, encoding):
    folder.mkdir()
    for kind in KINDS:
        fields = list(ZH_HEADERS[kind])
        with open(folder / f"{kind}.csv", "w", encoding=encoding, newline="") as out:
            writer = csv.writer(out)
            writer.writerow([ZH_HEADERS[kind][f] for f in fields])
            for n, record in enumerate(ledger[kind]):
                writer.writerow([zh_cell(kind, f, record.get(f), n) for f in fields])


def xlsx_cell(field, value):
    """A ledger value as a native spreadsheet value: dates, numbers, booleans."""
    if value is None:
        return None
    if field.endswith("_on"):
        return day(value)
    if field == "amount":
        return float(decimal.Decimal(value))
    if field == "co_units":
        return "/".join(value)
    return value


def write_xlsx_workbook(ledger, path):
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for kind in KINDS:
        sheet = book.create_sheet(kind)
        fields = list(ZH_HEADERS[kind])
        sheet.append(fields)
        for record in ledger[kind]:
            sheet.append([xlsx_cell(f, record.get(f)) for f in fields])
    book.save(path)
