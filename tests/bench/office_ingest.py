#!/usr/bin/env python3
"""Reading an office's flat sheet: caseledger against pandas.read_excel (and a CSV sheet
against pandas.read_csv with a group-by), and one build of caseledger against another (to
check a change keeps reading speed).

    office_ingest.py make ROWS OUT.xlsx            # a flat sheet like an office's, via XlsxWriter
    office_ingest.py make ROWS OUT.xlsx clean      # the same cases on a clean sheet (see below)
    office_ingest.py make ROWS OUT.csv             # the same cases as a GB18030 CSV sheet
    office_ingest.py pandas SHEET.xlsx RUNS        # pandas.read_excel alone, median seconds
    office_ingest.py pandas-csv SHEET.csv RUNS     # pandas.read_csv and a group-by, median seconds
    office_ingest.py cli CLI SHEET RUNS [ARGS…]    # `CLI ARGS… SHEET`, median seconds

The sheet has a title, a 填报 line, the header on row 3, ROWS cases with the office's own
columns (责任单位, 联系人) and amounts in 万元 stored as doubles (as pandas writes them), a 合计
row and a note: what `caseledger report` reads as it is and what pandas reads with
skiprows=2 into a frame (no checking, no report). The clean sheet is the yardstick for
reading as such: the header on row 1, only the eight columns the format defines, no 合计
row, no note. The CSV sheet is what Excel on a Chinese Windows saves (GB18030): the header on
row 1, the ten columns, amounts in 万元 to the fen.
"""
import random
import statistics
import subprocess
import sys
import time

HEADER = ["序号", "区县", "企业名称", "问题类别", "反映日期", "办结日期", "补助金额（万元）", "问题描述",
          "责任单位", "联系人"]
DISTRICTS = ["仓山区", "鼓楼区", "台江区", "晋安区", "马尾区", "长乐区"]
CATEGORIES = ["资金", "用工", "用电", "运输", "审批"]


def make(rows, path, clean=False):
    import datetime

    import xlsxwriter
    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = book.add_worksheet("问题台账")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    first = 1 if clean else 3  # the first case's row (0-based)
    if clean:
        sheet.write_row(0, 0, HEADER[:8])
    else:
        sheet.write_row(0, 0, ["福州市“一企一议”企业复工复产问题协调台账"])
        sheet.write_row(1, 0, ["填报单位：福州市复工复产指挥部", None, None, None, None, None,
                               "填报日期：2020年3月31日"])
        sheet.write_row(2, 0, HEADER)
    total = 0
    for r, row in enumerate(rows_of(rows), start=first):
        number, district, enterprise, category, reported, resolved, yuan, summary = row[:8]
        sheet.write_number(r, 0, number)
        sheet.write_string(r, 1, district)
        sheet.write_string(r, 2, enterprise)
        sheet.write_string(r, 3, category)
        sheet.write_datetime(r, 4, datetime.datetime.combine(reported, datetime.time()), day)
        if resolved:
            sheet.write_datetime(r, 5, datetime.datetime.combine(resolved, datetime.time()), day)
        total += yuan
        sheet.write_number(r, 6, yuan * 0.0001)  # 万元, scaled as a pandas column would be
        sheet.write_string(r, 7, summary)
        if clean:
            continue
        sheet.write_string(r, 8, row[8])
        sheet.write_string(r, 9, row[9])
    if clean:
        book.close()
        return
    sheet.write_row(3 + rows, 0, ["合计", None, f"共{rows}个"])
    sheet.write_number(3 + rows, 6, total / 10000)
    sheet.write_row(5 + rows, 0, ["备注：金额单位为万元"])
    book.close()


def rows_of(rows):
    """The bench sheet's cases as the ten cells of each row (dates as datetime.date, the
    subsidy in yuan), the same whatever the file."""
    import datetime
    random.seed(20200331)
    start = datetime.date(2020, 1, 1)
    for i in range(rows):
        district = DISTRICTS[i % len(DISTRICTS)]
        reported = start + datetime.timedelta(days=i % 80)
        resolved = reported + datetime.timedelta(days=1 + i % 9) if i % 3 else None
        yuan = random.randrange(1, 50000) * 100
        yield [i + 1, district, f"{district}企业{i % 20000}", CATEGORIES[i % len(CATEGORIES)],
               reported, resolved, yuan, f"第{i}号问题：复工所需{CATEGORIES[i % len(CATEGORIES)]}协调",
               f"{district}工信局", f"联系人{i % 50}"]


def make_csv(rows, path):
    import csv
    with open(path, "w", encoding="gb18030", newline="") as out:
        sheet = csv.writer(out)
        sheet.writerow(HEADER)
        for row in rows_of(rows):
            row[4] = row[4].isoformat()
            row[5] = row[5].isoformat() if row[5] else ""
            row[6] = f"{row[6] // 10000}.{row[6] % 10000 // 100:02d}"  # 万元, to the fen
            sheet.writerow(row)


def pandas_csv_summary(path):
    """What an analyst writes for the summary by district: the cases reported in 2020 Q1,
    how many are resolved, the days they took, and the subsidy granted."""
    import pandas
    frame = pandas.read_csv(path, encoding="gb18030")
    reported = pandas.to_datetime(frame["反映日期"])
    resolved = pandas.to_datetime(frame["办结日期"])
    frame = frame.assign(reported=reported, days=(resolved - reported).dt.days)
    window = frame[(reported >= "2020-01-01") & (reported <= "2020-03-31")]
    return window.groupby("区县").agg(cases=("序号", "size"), resolved=("办结日期", "count"),
                                     mean_days=("days", "mean"),
                                     subsidy=("补助金额（万元）", "sum"))


def median_seconds(run, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv):
    if argv[1] == "make" and argv[3].endswith(".csv"):
        make_csv(int(argv[2]), argv[3])
    elif argv[1] == "make":
        make(int(argv[2]), argv[3], clean=argv[4:] == ["clean"])
    elif argv[1] == "pandas":
        import pandas
        seconds = median_seconds(
            lambda: pandas.read_excel(argv[2], sheet_name=0, skiprows=2), int(argv[3]))
        print(f"{seconds:.2f}")
    elif argv[1] == "pandas-csv":
        seconds = median_seconds(lambda: pandas_csv_summary(argv[2]), int(argv[3]))
        print(f"{seconds:.2f}")
    elif argv[1] == "cli":
        command = [argv[2], *argv[5:], argv[3]]
        seconds = median_seconds(
            lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL),
            int(argv[4]))
        print(f"{seconds:.2f}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
