"""Problems and notes in Chinese (`--messages zh`, Problem.describe, Ledger.describe_notes).

An office's sheet is written here with openpyxl the way offices write one (a title, a 填报
line, the header on row 3, amounts in 万元 as the doubles Python tools store, the office's
own column, a 合计 row and a note), with mistakes in known cells. Each expected line is
written out by hand: the cell as Excel names it, the record and the reason in Chinese.
"""
import datetime
import os
import subprocess

import pytest

import caseledger

openpyxl = pytest.importorskip("openpyxl")

WINDOW = ["--from", "2020-01-01", "--to", "2020-03-31"]
D = datetime.datetime


def write_sheet(path, rows, total=None):
    """An office's sheet of `rows` under its header on row 3 (columns A to H), a 合计 row
    giving `total` as the subsidy's sum and a note under it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "问题台账"
    sheet.append(["仓山区“一企一议”企业复工复产问题协调台账"])
    sheet.merge_cells("A1:H1")
    sheet.append(["填报单位：仓山区复工复产指挥部", None, None, None, None, "填报日期：2020年3月31日"])
    sheet.append(["序号", "区县", "企业名称", "问题类别", "反映日期", "办结日期", "补助金额（万元）",
                  "联系人"])
    for row in rows:
        sheet.append(row)
    sheet.append(["合计", None, "办结2个", None, None, None, total, None])
    sheet.append(["备注：金额单位为万元"])
    book.save(path)


GOOD_ROWS = [
    [1, "仓山区", "甲公司", "资金", D(2020, 1, 5), D(2020, 1, 9), 837.9400000000001, "张三"],
    [2, "仓山区", "乙公司", "用工", D(2020, 1, 8), None, 99.98999999999999, "李四"],
    [3, "仓山区", "丙公司", "用工", D(2020, 1, 6), D(2020, 1, 10), 1.5, "王五"],
]


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Works in tmp_path, so that the lines name the file as a clerk gives it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


BOOK = "台账.xlsx"


def test_bad_cells_are_named_in_chinese(run_cli, in_tmp):
    rows = [list(r) for r in GOOD_ROWS]
    rows[1][3] = "招商"           # D5
    rows[1][4] = "2020年2月30日"  # E5
    rows[2][6] = "1.2345678"      # G6: 12,345.678 yuan
    book = BOOK
    write_sheet(book, rows)

    result = run_cli("validate", book, "--messages", "zh")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "台账.xlsx[问题台账]:D5: /cases/1/category (问题 2): 列“问题类别”：未知的问题类别“招商”"
        "（应为以下之一：用工、资金、审批、运输、防疫物资、原材料、用电、政策、其他）",
        "台账.xlsx[问题台账]:E5: /cases/1/reported_on (问题 2): 列“反映日期”："
        "“2020年2月30日”不是日历上的日期",
        "台账.xlsx[问题台账]:G6: /cases/2/subsidy (问题 3): 列“补助金额（万元）”："
        "金额“1.2345678万”折合为元后超过两位小数",
    ]
    assert result.stdout == "未通过：3 处错误\n"

    # English stays the default, at the same cells.
    english = run_cli("validate", book)
    assert english.stderr.splitlines()[1] == (
        "台账.xlsx[问题台账]:E5: /cases/1/reported_on (case 2): column '反映日期': "
        "'2020年2月30日' is not a calendar date")
    assert english.stdout == "invalid: 3 problems\n"

    # Python words the same problems the same way.
    with pytest.raises(caseledger.LedgerError) as raised:
        caseledger.Ledger.load(book, max_problems=100)
    problems = raised.value.problems
    assert [p.describe("zh") for p in problems] == result.stderr.splitlines()
    assert [p.describe() for p in problems] == english.stderr.splitlines()
    assert problems[0].describe("en") == str(problems[0])


def test_a_rule_names_the_row_of_its_record(run_cli, in_tmp):
    rows = [list(r) for r in GOOD_ROWS]
    rows[2][5] = D(2020, 1, 2)  # resolved before it was reported
    book = BOOK
    write_sheet(book, rows)
    result = run_cli("report", book, *WINDOW, "--json", "r.json", "--messages", "zh")
    assert result.returncode == 1
    assert result.stderr == ("台账.xlsx[问题台账]:A6: /cases/2/resolved_on (问题 3): "
                             "办结日期 2020-01-02 早于反映日期 2020-01-06\n")
    assert not (in_tmp / "r.json").exists()


def test_notes_and_a_wrong_total_in_chinese(run_cli, in_tmp):
    book = BOOK
    write_sheet(book, GOOD_ROWS, total=1000)
    result = run_cli("validate", book, "--messages", "zh")
    assert result.returncode == 0, result.stderr
    notes = [
        "台账.xlsx[问题台账]:1: 跳过第 3 行表头上方的 2 行（“仓山区“一企一议”企业复工复产问题协调台账”）",
        "台账.xlsx[问题台账]:3: 格式未定义的 1 列作为每条问题记录的附加字段保留：'联系人'",
        # 837.94 + 99.99 + 1.5 万元 is 939.43, not the 1000 the office wrote.
        "台账.xlsx[问题台账]:G7: 合计行在列“补助金额（万元）”中为 1000 万元，但上方各行合计为 939.43 万元",
        "台账.xlsx[问题台账]:7: 跳过合计行（“合计”），不计为问题",
        "台账.xlsx[问题台账]:8: 跳过表格下方的 1 行备注（“备注：金额单位为万元”）",
    ]
    assert result.stdout.splitlines() == ["note: " + n for n in notes] + [
        "通过：问题 3 个，帮扶措施 3 项，区县 1 个，企业 3 家，项目 0 个，服务队 0 支"]
    assert caseledger.Ledger.load(book).describe_notes("zh") == notes

    report = run_cli("report", book, *WINDOW, "--json", "r.json", "--messages", "zh")
    assert report.returncode == 0, report.stderr
    assert "caseledger: warning: " + notes[2] in report.stderr.splitlines()


def test_the_locale_chooses_the_default(cli_path, in_tmp):
    """Without --messages the locale decides, as POSIX orders its variables."""
    write_sheet(BOOK, [GOOD_ROWS[0], GOOD_ROWS[1], GOOD_ROWS[1]])  # case 2 twice

    def first_problem(**locale):
        env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
        result = subprocess.run([str(cli_path), "validate", BOOK], capture_output=True,
                                text=True, env={**env, **locale})
        assert result.returncode == 1
        return result.stderr.splitlines()[0]

    chinese = first_problem(LANG="zh_CN.UTF-8")
    assert "重复" in chinese and "duplicate" not in chinese
    assert first_problem(LANG="zh_TW.UTF-8") == chinese
    english = first_problem(LANG="en_US.UTF-8")
    assert "duplicate id '2'" in english
    assert first_problem() == english
    # LC_ALL over LC_MESSAGES over LANG.
    assert first_problem(LC_ALL="C.UTF-8", LANG="zh_CN.UTF-8") == english
    assert first_problem(LC_MESSAGES="zh_CN.UTF-8", LANG="en_US.UTF-8") == chinese
    assert first_problem(LC_ALL="", LC_MESSAGES="", LANG="zh_CN.UTF-8") == chinese


@pytest.mark.parametrize("command", ["report", "validate", "headline"])
def test_a_calendar_files_problem_in_chinese(run_cli, in_tmp, command):
    """The --calendar file is read with the command line, in the language it asks for."""
    (in_tmp / "福建.json").write_text(
        '{"format": "caseledger.calendar/1", "holidays": ["2020-13-01"]}', encoding="utf-8")
    write_sheet(BOOK, GOOD_ROWS)
    window = [] if command == "validate" else WINDOW
    for messages, reason in (("zh", "“2020-13-01”不是日历上的日期"),
                             ("en", "'2020-13-01' is not a calendar date")):
        result = run_cli(command, BOOK, *window, "--calendar", "福建.json", "--messages", messages)
        assert result.returncode == 1
        assert result.stderr == f"福建.json: holidays[0]: {reason}\n"


def test_an_unknown_language_is_refused(run_cli, tmp_path):
    result = run_cli("validate", tmp_path / "none.json", "--messages", "fr")
    assert result.returncode == 2
    assert "--messages: 'fr' is not en or zh" in result.stderr
    with pytest.raises(caseledger.UsageError, match="messages: 'fr' is not en or zh"):
        caseledger.Ledger.from_dict({"format": "caseledger.ledger/1"}).describe_notes("fr")
