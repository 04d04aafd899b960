"""The HTML page as people see it: the Fuzhou sample's page rendered by headless Chromium at a
phone's width and a desktop's and printed to PDF, its figures read from the DOM and checked
against the JSON report of the same run, hostile ledger text checked to stay text, and the
same page from every way of making it (the CLI, --stream, the bindings).
"""
import json
import re
import subprocess
from decimal import ROUND_HALF_UP, Decimal

import pytest

from browser import Browser, chromium_path
from conftest import FUZHOU_LEDGER

Q1 = ("--from", "2020-01-01", "--to", "2020-03-31")
# The sample compared with the quarter before, with two thresholds that some districts cross.
OPTIONS = (*Q1, "--compare", "previous", "--alert", "resolution_rate<96%", "--alert", "open>4")
MONEY_KINDS = ("subsidy", "fee_reduction", "loan", "allowance")


@pytest.fixture(scope="module")
def browser():
    assert chromium_path(), "Chromium (Debian's chromium) is not installed"
    with Browser() as opened:
        yield opened


@pytest.fixture(scope="module")
def sample(run_cli, tmp_path_factory):
    """The sample's page and JSON report, written by one run."""
    out = tmp_path_factory.mktemp("page")
    done = run_cli("report", FUZHOU_LEDGER, *OPTIONS, "--json", out / "q1.json",
                   "--html", out / "q1.html")
    assert done.returncode == 0, done.stderr
    return out / "q1.html", json.loads((out / "q1.json").read_text(encoding="utf-8"))


def wan(amount: Decimal) -> str:
    """An amount in yuan as the page shows it: 万元, two decimals, half up, grouped."""
    return f"{(amount / 10000).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def expected_row(group):
    """A JSON report group's figures as the page's table shows them, computed here (the
    sample records the handling process, so its two columns are shown)."""
    cases = group["cases"]
    support = sum(Decimal(group["support"][kind]["amount"]) for kind in MONEY_KINDS)
    median = cases["days_to_resolve"]["median"]
    return {
        "overdue_open": f"{cases['overdue_open']:,}",
        "satisfaction_rate": cases["satisfaction_rate"]["display"] or "—",
        "coordinated": f"{cases['coordinated']:,}",
        "resolved": f"{cases['resolved']:,}",
        "open": f"{cases['open']:,}",
        "resolution_rate": cases["resolution_rate"]["display"] or "—",
        "on_time_rate": cases["on_time_rate"]["display"] or "—",
        "median_days": "—" if median is None else f"{median:,}",
        "support_total": wan(support),
        "workers": f"{group['return_to_work']['workers']:,}",
        "resumption_rate": group["resumption"]["rate"]["display"] or "—",
    }


READ_FIGURES = """JSON.stringify({
  figures: Object.fromEntries([...document.querySelectorAll('[data-figure]')]
      .map(e => [e.dataset.figure, e.textContent])),
  rows: [...document.querySelectorAll('tr[data-row]')].map(row => ({
      row: row.dataset.row, label: row.cells[0].textContent,
      cells: Object.fromEntries([...row.querySelectorAll('td[data-metric]')]
          .map(c => [c.dataset.metric, c.textContent]))})),
  bars: document.querySelectorAll('.bar-row').length,
  svgs: document.querySelectorAll('svg').length,
  scripts: document.scripts.length,
  width: document.documentElement.scrollWidth,
  headline: document.querySelector('.headline').textContent,
  title: document.querySelector('h1').textContent,
})"""


def test_the_page_is_one_file_that_asks_for_nothing(sample):
    page, _ = sample
    text = page.read_text(encoding="utf-8")
    assert "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; " in text
    for reference in (r"\bsrc=", r"\bhref=", r"url\(", r"@import", r"<script", r"<link",
                      r"<iframe", r"<img", r"https?:"):
        assert not re.search(reference, text), reference
    assert len(text.encode("utf-8")) < 100_000


@pytest.mark.parametrize("width", [375, 1280])
def test_the_figures_in_the_browser_are_the_json_reports(sample, browser, width, tmp_path):
    page, report = sample
    browser.load(page, width)
    assert browser.complaints() == []
    assert browser.requests() == [page.resolve().as_uri()]
    seen = json.loads(browser.evaluate(READ_FIGURES))
    # Nothing wider than the screen: the table scrolls inside its own box.
    assert seen["width"] <= width
    assert seen["scripts"] == 0
    assert seen["title"] == report["title"]

    groups = [*report["groups"], report["total"]]
    assert [row["row"] for row in seen["rows"]] == [*map(str, range(len(report["groups"]))),
                                                     "total"]
    for row, group in zip(seen["rows"], groups):
        label = "合计" if group is report["total"] else group["label"]["zh"]
        assert row["label"] == label
        assert row["cells"] == expected_row(group), label
    total = expected_row(report["total"])
    for figure in ("coordinated", "resolved", "open", "resolution_rate", "on_time_rate",
                   "median_days", "support_total", "workers", "resumption_rate",
                   "overdue_open", "satisfaction_rate"):
        assert seen["figures"][figure] == total[figure], figure
    # Every chart's bar is one SVG: 4 districts, 3 months, 4 kinds, 5 modes, 2 origins and 4
    # age buckets.
    assert seen["bars"] == seen["svgs"] == 4 + 3 + 4 + 5 + 2 + 4
    # The sentences are the JSON report's own words (its headline is the total's sentence).
    assert "合计协调企业、项目问题1147个" in seen["headline"]

    shot = tmp_path / f"page-{width}.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_alerts_and_changes_are_shown(sample, browser):
    page, report = sample
    browser.load(page, 1280)
    seen = json.loads(browser.evaluate("""JSON.stringify({
      alerts: [...document.querySelectorAll('.alerts li')].map(e => e.textContent),
      marked: [...document.querySelectorAll('td.alert')].map(
          c => c.closest('tr').cells[0].textContent + ':' + c.dataset.metric),
      changes: [...document.querySelectorAll('.change')].map(e => e.textContent)})"""))
    # Worked out from the JSON report: which districts (and the total) cross which threshold.
    expected = []
    for group in [*report["groups"], report["total"]]:
        label = "合计" if group is report["total"] else group["label"]["zh"]
        rate = group["cases"]["resolution_rate"]
        if rate["num"] * 100 < 96 * rate["den"]:
            expected.append(f"{label}:resolution_rate")
        if group["cases"]["open"] > 4:
            expected.append(f"{label}:open")
    assert sorted(seen["marked"]) == sorted(expected)
    assert len(seen["alerts"]) == len(expected)
    assert all(" · " in alert for alert in seen["alerts"])
    # 环比 against 2019 Q4, as the JSON report's comparison gives each change; the support's
    # sum computed here from its kinds.
    compared = report["total"]["comparison"]

    def shown(signed, unit=""):
        if signed is None:
            return "环比 上期无数据" if unit else "环比 上期为0"
        arrow = {"+": "▲ ", "-": "▼ "}.get(signed[0])
        return f"环比 {arrow}{signed[1:]}{unit}" if arrow else f"环比 = {signed}{unit}"

    support_base = sum(Decimal(compared["support"][kind]["amount"]["base"])
                       for kind in MONEY_KINDS)
    support_now = sum(Decimal(report["total"]["support"][kind]["amount"]) for kind in MONEY_KINDS)
    support_change = None
    if support_base > 0:
        support_change = f"{(support_now - support_base) / support_base * 100:+.1f}%"
    assert seen["changes"] == [
        shown(compared["cases"]["coordinated"]["relative_display"]),
        shown(compared["cases"]["resolved"]["relative_display"]),
        shown(compared["cases"]["open"]["relative_display"]),
        shown(compared["cases"]["resolution_rate"]["points_display"], "个百分点"),
        shown(compared["cases"]["on_time_rate"]["points_display"], "个百分点"),
        shown(compared["cases"]["overdue_open"]["relative_display"]),
        shown(compared["cases"]["satisfaction_rate"]["points_display"], "个百分点"),
        shown(support_change),
        shown(compared["return_to_work"]["workers"]["relative_display"]),
        shown(compared["resumption"]["rate"]["points_display"], "个百分点"),
    ]
    assert seen["changes"][:3] == ["环比 ▲ 6647.1%", "环比 上期为0", "环比 ▼ 17.6%"]


def test_the_printed_page_is_a4_with_title_and_page_numbers(sample, browser, tmp_path):
    page, report = sample
    browser.load(page, 1280)
    pdf = tmp_path / "q1.pdf"
    browser.pdf(pdf)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - 595.28) < 1 and abs(height - 841.89) < 1, info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 1 <= pages <= 4
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                          check=True).stdout.split("\f")
    for number, printed in enumerate(text[:pages], start=1):
        squeezed = re.sub(r"\s+", "", printed)
        assert re.sub(r"\s+", "", report["title"]) in squeezed
        assert f"第{number}页共{pages}页" in squeezed
    assert "1,147" in text[0]


HOSTILE = "<script>alert('x')</script>\"'</svg>&amp;"


def test_hostile_text_stays_text(run_cli, browser, tmp_path):
    ledger = json.loads(FUZHOU_LEDGER.read_text(encoding="utf-8"))
    ledger["districts"][0]["name"] = HOSTILE + "区"
    ledger["districts"][0]["name_en"] = HOSTILE
    for team in ledger["teams"]:
        team["name"] = HOSTILE + team["id"]
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(ledger, ensure_ascii=False), encoding="utf-8")
    # Headline templates are the user's text too: the total's sentence opens with it.
    templates = json.loads((FUZHOU_LEDGER.parents[2] / "data" / "headlines.json").read_text(
        encoding="utf-8"))
    templates["zh-Hans"]["total"] = HOSTILE + templates["zh-Hans"]["total"]
    templates_path = tmp_path / "headlines.json"
    templates_path.write_text(json.dumps(templates, ensure_ascii=False), encoding="utf-8")
    pages = {}
    for group_by, language in (("district", "zh-Hans"), ("team", "zh-Hans"), ("district", "en")):
        page = tmp_path / f"{group_by}-{language}.html"
        done = run_cli("report", path, *Q1, "--group-by", group_by, "--title", HOSTILE,
                       "--alert", "open>0", "--templates", templates_path,
                       "--language", language, "--html", page)
        assert done.returncode == 0, done.stderr
        browser.load(page, 375)
        assert browser.complaints() == []
        seen = json.loads(browser.evaluate("""JSON.stringify({
          scripts: document.scripts.length, title: document.title,
          h1: document.querySelector('h1').textContent,
          labels: [...document.querySelectorAll('tr[data-row] td:first-child')]
              .map(c => c.textContent),
          bars: document.querySelectorAll('.bar-row').length,
          svgs: document.querySelectorAll('svg').length,
          alerts: [...document.querySelectorAll('.alerts li')].map(e => e.textContent),
          headline: document.querySelector('.headline').textContent})"""))
        assert seen["scripts"] == 0
        assert seen["title"] == seen["h1"] == HOSTILE
        assert seen["bars"] == seen["svgs"]
        pages[group_by, language] = seen
    district = pages["district", "zh-Hans"]
    assert HOSTILE + "区" in district["labels"]
    assert any(a.startswith(HOSTILE + "区 · ") for a in district["alerts"])
    assert district["headline"].startswith(HOSTILE + "一季度，合计")
    assert HOSTILE in pages["district", "en"]["labels"]
    team_labels = [label for label in pages["team", "zh-Hans"]["labels"]
                   if label.startswith(HOSTILE)]
    assert len(team_labels) == len({team["id"] for team in ledger["teams"]
                                    if any(c.get("team") == team["id"] for c in ledger["cases"])})


def test_the_page_in_english_and_traditional_chinese(run_cli, browser, tmp_path):
    for language, lang, word in (("en", "en", "Resolution rate"), ("zh-Hant", "zh-TW", "辦結率")):
        page = tmp_path / f"{language}.html"
        done = run_cli("report", FUZHOU_LEDGER, *Q1, "--language", language, "--html", page)
        assert done.returncode == 0, done.stderr
        browser.load(page, 375)
        assert browser.complaints() == []
        assert browser.evaluate("document.documentElement.lang") == lang
        assert word in browser.evaluate("document.body.textContent")
        assert browser.evaluate("document.documentElement.scrollWidth") <= 375


def test_every_way_of_making_the_page_gives_the_same_bytes(run_cli, cli_path, sample, tmp_path):
    page, _ = sample
    streamed = tmp_path / "streamed.html"
    done = run_cli("report", FUZHOU_LEDGER, *OPTIONS, "--stream", "--html", streamed)
    assert done.returncode == 0, done.stderr
    assert streamed.read_bytes() == page.read_bytes()
    again = tmp_path / "again.html"
    assert run_cli("report", FUZHOU_LEDGER, *OPTIONS, "--html", again).returncode == 0
    assert again.read_bytes() == page.read_bytes()
    piped = subprocess.run([str(cli_path), "report", str(FUZHOU_LEDGER), *OPTIONS, "--html", "-"],
                           capture_output=True, timeout=120)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == page.read_bytes()


def test_html_options_and_refusals(run_cli, tmp_path):
    done = run_cli("report", FUZHOU_LEDGER, *Q1, "--html", tmp_path / "no-such-folder" / "q.html")
    assert done.returncode != 0
    assert "no-such-folder" in done.stderr
    done = run_cli("report", FUZHOU_LEDGER, *Q1, "--html", tmp_path / "q.html",
                   "--money-unit", "wan")
    assert "--money-unit applies to the workbook: give --xlsx" in done.stderr
    done = run_cli("report", FUZHOU_LEDGER, *Q1, "--json", tmp_path / "q.json", "--language", "en")
    assert "--language applies to the workbook and the page: give --xlsx or --html" in done.stderr
    assert not (tmp_path / "q.json").exists()
    done = run_cli("report", FUZHOU_LEDGER, *Q1, "--html", tmp_path / "q.html",
                   "--money-decimals", "4")
    assert done.returncode == 0, done.stderr
    assert '<td data-metric="support_total">8,888.1800</td>' in (tmp_path / "q.html").read_text(
        encoding="utf-8")


def test_the_bindings_write_the_same_page(run_cli, sample, tmp_path):
    caseledger = pytest.importorskip("caseledger")
    import pickle

    book = caseledger.Ledger.load(FUZHOU_LEDGER)
    r = caseledger.report(book, "2020-01-01", "2020-03-31")
    cli_page = tmp_path / "cli.html"
    assert run_cli("report", FUZHOU_LEDGER, *Q1, "--html", cli_page).returncode == 0
    assert r.to_html() == cli_page.read_text(encoding="utf-8")
    r.write_html(tmp_path / "py.html")
    assert (tmp_path / "py.html").read_bytes() == cli_page.read_bytes()
    english = r.to_html(language="en", title="Q1 <draft>")
    assert "<h1>Q1 &lt;draft&gt;</h1>" in english

    # A notebook shows the fragment, which a report without its ledger still has.
    fragment = r._repr_html_()
    assert fragment == r.to_html(fragment=True)
    assert fragment.startswith('<div class="caseledger" lang="zh-CN">')
    assert fragment in r.to_html()
    unpickled = pickle.loads(pickle.dumps(r))
    assert "<td>仓山区</td>" in unpickled._repr_html_()
    with pytest.raises(caseledger.UsageError, match="holds no ledger"):
        unpickled.to_html()
    with pytest.raises(caseledger.UsageError, match="holds no ledger"):
        unpickled.write_html(tmp_path / "none.html")
    assert not (tmp_path / "none.html").exists()

    streamed = tmp_path / "streamed.html"
    caseledger.stream_report(FUZHOU_LEDGER, "2020-01-01", "2020-03-31", html=streamed)
    assert streamed.read_bytes() == cli_page.read_bytes()
