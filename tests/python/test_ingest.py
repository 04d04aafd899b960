"""The tabular readers give the same report as the JSON ledger they were exported from.

The Fuzhou sample is exported, by the helpers of ledger_exports.py and below, as
- a folder of GB18030 CSV files with Chinese headers, Chinese enum values, local date and
  money forms, and summaries with commas, quotes and line breaks inside quoted cells;
- an xlsx workbook with a sheet per kind of record (real date cells, numbers, booleans);
- a UTF-8 flat case sheet (CSV and xlsx) of the part of the ledger a flat sheet can hold,
  compared with that part written as a JSON ledger.
Every report must be byte-identical to the JSON ledger's.
"""
import csv
import decimal
import json

import pytest

from conftest import FUZHOU_LEDGER, without_inputs
from ledger_exports import (KINDS, ZH_VALUES, local_amount, local_date, write_csv_folder,
                            write_xlsx_workbook)

WINDOW = ["--from", "2020-01-01", "--to", "2020-03-31"]


@pytest.fixture(scope="module")
def fuzhou():
    return json.loads(FUZHOU_LEDGER.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------
# The flat sheet holds cases, the records they name and the measures that answer them
# (at most one per kind, granted on one day).

FLAT_COLUMNS = ["序号", "区县编号", "区县", "企业编号", "企业名称", "项目编号", "项目名称", "行业",
                "重点", "复工日期", "问题类别", "反映渠道", "问题描述", "服务队编号", "服务队",
                "服务队类型", "反映日期", "办理时限", "办结日期", "关闭日期", "办理状态", "帮扶日期",
                "补助金额", "减免金额", "贷款金额（万元）", "返岗补助金额", "返岗人数", "运输方式",
                "省内外", "来源地", "物资", "物资数量", "责任单位", "协办单位", "办理时限（工作日）",
                "延期日期", "延期至", "回访日期", "满意度"]
MONEY_COLUMN = {"subsidy": "补助金额", "fee_reduction": "减免金额", "loan": "贷款金额（万元）",
                "allowance": "返岗补助金额"}


def flat_part(ledger):
    """The ledger a flat sheet can hold, and that sheet's rows (dicts by column)."""
    by_id = {kind: {r["id"]: r for r in ledger[kind]} for kind in KINDS}
    answers = {}
    for m in ledger["measures"]:
        if m.get("case"):
            answers.setdefault(m["case"], []).append(m)
    part = {kind: [] for kind in KINDS}
    seen = {kind: set() for kind in KINDS}

    def take(kind, record):
        if record["id"] not in seen[kind]:
            seen[kind].add(record["id"])
            part[kind].append(record)

    rows = []
    for c in ledger["cases"]:
        d = by_id["districts"][c["district"]]
        take("districts", {"id": d["id"], "name": d["name"]})
        row = {"序号": c["id"], "区县编号": d["id"], "区县": d["name"],
               "问题类别": ZH_VALUES["category"][c["category"]],
               "反映日期": local_date(c["reported_on"], "zh")}
        for kind, id_column, name_column in (("enterprises", "企业编号", "企业名称"),
                                             ("projects", "项目编号", "项目名称")):
            subject = c.get(kind[:-1])
            if subject:
                s = by_id[kind][subject]
                take(kind, s)
                row.update({id_column: s["id"], name_column: s["name"],
                            "重点": "是" if s.get("key") else "否"})
                if s.get("resumed_on"):
                    row["复工日期"] = local_date(s["resumed_on"], "slash")
                if s.get("industry"):
                    row["行业"] = s["industry"]
        if c.get("team"):
            t = by_id["teams"][c["team"]]
            take("teams", {k: v for k, v in t.items() if k != "members"})
            row.update({"服务队编号": t["id"], "服务队": t["name"],
                        "服务队类型": ZH_VALUES["team_kind"][t["kind"]]})
        for field, column in (("channel", "反映渠道"), ("status", "办理状态")):
            if c.get(field):
                row[column] = ZH_VALUES[field][c[field]]
        for field, column in (("due_on", "办理时限"), ("resolved_on", "办结日期"),
                              ("closed_on", "关闭日期")):
            if c.get(field):
                row[column] = local_date(c[field], "dot")
        row["问题描述"] = c.get("summary", "")
        # The sheet names the units; the reader makes each one a unit with its name as id.
        case = dict(c)
        if c.get("unit"):
            case["unit"] = row["责任单位"] = by_id["units"][c["unit"]]["name"]
            take("units", {"id": case["unit"], "name": case["unit"]})
        if c.get("co_units"):
            case["co_units"] = [by_id["units"][u]["name"] for u in c["co_units"]]
            for name in case["co_units"]:
                take("units", {"id": name, "name": name})
            row["协办单位"] = "、".join(case["co_units"])
        if c.get("due_workdays"):
            row["办理时限（工作日）"] = str(c["due_workdays"])
        for field, column in (("extended_on", "延期日期"), ("extended_due_on", "延期至"),
                              ("followed_up_on", "回访日期")):
            if c.get(field):
                row[column] = local_date(c[field], "slash")
        if c.get("satisfaction"):
            row["满意度"] = ZH_VALUES["satisfaction"][c["satisfaction"]]
        take("cases", case)
        measures = answers.get(c["id"], [])
        kinds = [m["kind"] for m in measures]
        if measures and len(set(kinds)) == len(kinds) and \
                len({m["granted_on"] for m in measures}) == 1:
            row["帮扶日期"] = local_date(measures[0]["granted_on"], "iso")
            for m in measures:
                m = dict(m, id=f"{c['id']}-{m['kind']}")
                part["measures"].append(m)
                if m["kind"] in MONEY_COLUMN:
                    amount = decimal.Decimal(m["amount"])
                    row[MONEY_COLUMN[m["kind"]]] = (f"{amount / 10000:f}" if m["kind"] == "loan"
                                                    else local_amount(m["amount"]))
                elif m["kind"] == "transport":
                    row.update({"返岗人数": str(m["workers"]),
                                "运输方式": ZH_VALUES["mode"][m["mode"]],
                                "省内外": ZH_VALUES["origin"][m["origin"]],
                                "来源地": m.get("origin_place", "")})
                else:
                    row.update({"物资": m["item"], "物资数量": str(m["quantity"])})
        rows.append(row)
    part["format"] = ledger["format"]
    return part, rows


def report(run_cli, ledger_path, out, *extra):
    result = run_cli("report", ledger_path, *WINDOW, "--group-by", "district,category",
                     "--json", out, *extra)
    assert result.returncode == 0, result.stderr
    # Reports of the same data from different files differ only in the inputs they name.
    return without_inputs(out.read_bytes())


def test_gb18030_csv_folder_gives_the_json_report(fuzhou, run_cli, tmp_path):
    folder = tmp_path / "csv"
    write_csv_folder(fuzhou, folder, "gb18030")
    # Detected, and named.
    assert report(run_cli, folder, tmp_path / "csv.json") == \
        report(run_cli, FUZHOU_LEDGER, tmp_path / "json.json")
    assert report(run_cli, folder, tmp_path / "named.json", "--encoding", "gbk") == \
        without_inputs((tmp_path / "json.json").read_bytes())


def test_utf8_csv_folder_with_bom_gives_the_json_report(fuzhou, run_cli, tmp_path):
    folder = tmp_path / "csv"
    write_csv_folder(fuzhou, folder, "utf-8-sig")
    assert report(run_cli, folder, tmp_path / "csv.json") == \
        report(run_cli, FUZHOU_LEDGER, tmp_path / "json.json")


def test_xlsx_workbook_gives_the_json_report(fuzhou, run_cli, tmp_path):
    workbook = tmp_path / "ledger.xlsx"
    write_xlsx_workbook(fuzhou, workbook)
    assert report(run_cli, workbook, tmp_path / "xlsx.json") == \
        report(run_cli, FUZHOU_LEDGER, tmp_path / "json.json")


def test_flat_sheet_gives_the_report_of_its_part_of_the_ledger(fuzhou, run_cli, tmp_path):
    part, rows = flat_part(fuzhou)
    assert len(part["cases"]) == len(fuzhou["cases"]) and part["measures"]
    part_path = tmp_path / "part.json"
    part_path.write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
    expected = report(run_cli, part_path, tmp_path / "part-report.json")

    sheet = tmp_path / "台账.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, FLAT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    assert report(run_cli, sheet, tmp_path / "flat.json") == expected

    import openpyxl
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["本表为一企一议问题台账"])
    flat = book.create_sheet("问题台账")
    flat.append(FLAT_COLUMNS)
    for row in rows:
        flat.append([row.get(column) for column in FLAT_COLUMNS])
    workbook = tmp_path / "台账.xlsx"
    book.save(workbook)
    assert report(run_cli, workbook, tmp_path / "flat-xlsx.json", "--sheet", "问题台账") == expected


def test_damaged_row_is_named_by_file_line_column_and_header(fuzhou, run_cli, tmp_path):
    folder = tmp_path / "csv"
    write_csv_folder(fuzhou, folder, "gb18030")
    cases = (folder / "cases.csv").read_bytes().decode("gb18030").split("\r\n")
    # The third data row (after the header) starts at line 1 + 2 rows' lines.
    line = 1 + sum(row.count("\n") + 1 for row in cases[1:3]) + 1
    fields = next(csv.reader([cases[3]]))
    fields[2] = "2020年2月30日"
    buffer = []
    csv.writer(_Collect(buffer)).writerow(fields)
    cases[3] = buffer[0].rstrip("\r\n")
    (folder / "cases.csv").write_bytes("\r\n".join(cases).encode("gb18030"))
    result = run_cli("validate", folder)
    assert result.returncode == 1
    column = 1 + len(",".join(cases[3].split(",")[:2]).encode("gb18030")) + 1
    assert result.stderr.splitlines()[0] == (
        f"{folder / 'cases.csv'}:{line}:{column}: /cases/2/reported_on (case {fields[0]}): "
        "column '反映日期': '2020年2月30日' is not a calendar date")


class _Collect:
    def __init__(self, into):
        self.into = into

    def write(self, text):
        self.into.append(text)


def test_cli_options_for_tabular_ledgers(run_cli, tmp_path):
    sheet = tmp_path / "flat.csv"
    sheet.write_text("受理号,街道,类型,时间\nc1,连江县,招商引资,2020/1/5\n", encoding="gb18030")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"headers": {"受理号": "id", "街道": "district", "类型": "category",
                                               "时间": "reported_on"},
                                   "values": {"category": {"招商引资": "policy"}}},
                                  ensure_ascii=False), encoding="utf-8")
    ok = run_cli("validate", sheet, "--encoding", "gb18030", "--mapping", mapping)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == "ok: 1 case, 0 measures, 1 district, 0 enterprises, 0 projects, 0 teams\n"

    # A flat sheet keeps columns it does not know: the problem is the missing district.
    refused = run_cli("validate", sheet, "--encoding", "gb18030")
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == (
        f"{sheet}:1: /cases: missing required column 'district' (headed 'district', '区县', "
        "'所属区县', '区县名称')")
    strict = run_cli("validate", sheet, "--encoding", "gb18030", "--strict-columns")
    assert strict.returncode == 1
    assert f"{sheet}:1:1: /cases: unknown column '受理号'" in strict.stderr.splitlines()
    both = run_cli("validate", sheet, "--strict-columns", "--keep-extras")
    assert both.returncode == 2
    assert "--keep-extras and --strict-columns contradict each other" in both.stderr

    bad_encoding = run_cli("validate", sheet, "--encoding", "latin-1")
    assert bad_encoding.returncode == 2
    # an option's value the CLI cannot take, refused before the ledger is opened
    assert bad_encoding.stderr == (
        "caseledger: validate: unknown encoding 'latin-1' (auto, utf-8, gb18030, gbk) "
        "(see caseledger validate --help)\n")

    sheet_on_csv = run_cli("validate", sheet, "--sheet", "cases")
    assert sheet_on_csv.returncode == 2
    assert sheet_on_csv.stderr == "caseledger: the sheet option does not apply to a CSV ledger\n"


def test_ledger_converted_by_libreoffice_is_read_back(run_cli, tmp_path):
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    sheet = tmp_path / "flat.csv"
    # LibreOffice turns the ISO dates into date cells (serials in a date format), the ids
    # into numbers and keeps the rest as strings.
    sheet.write_text("序号,区县,企业名称,问题类别,反映日期,办结日期,补助金额\n"
                     "1,连江县,甲农业公司,资金,2020-01-05,2020-01-09,40万元\n"
                     "2,连江县,乙公司,用工,2020-01-06,,\n", encoding="utf-8")
    converted = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "xlsx", "--infilter=CSV:44,34,76,1", "--outdir", str(tmp_path),
         str(sheet)], capture_output=True, text=True, timeout=300)
    workbook = tmp_path / "flat.xlsx"
    assert workbook.exists(), converted.stderr
    from_csv = report(run_cli, sheet, tmp_path / "csv.json")
    assert report(run_cli, workbook, tmp_path / "xlsx.json") == from_csv
    result = run_cli("validate", workbook)
    assert result.stdout == "ok: 2 cases, 1 measure, 1 district, 2 enterprises, 0 projects, 0 teams\n"
