#include "io/html/page.hpp"

namespace caseledger::detail {

// Every rule is under .caseledger, so that the fragment a notebook embeds styles itself and
// nothing around it. The colours are the Okabe–Ito palette's blue and orange, which
// colour-blind readers tell apart and which stay apart in grey (dark and light); alerts
// carry a ⚠ as well as their colour. The fonts are the systems' own Chinese fonts, so
// nothing is loaded. Bars are grid rows of text and an SVG bar, so that their labels reflow
// at a phone's width instead of shrinking with a drawing.
const std::string_view page_style = R"css(
.caseledger{--ink:#1b1b1b;--muted:#595959;--line:#cfcfcf;--main:#0072b2;--second:#e69f00;
--alert:#b8430b;--soft:#f1f5f9;color:var(--ink);background:#fff;line-height:1.5;
font-family:"Noto Sans CJK SC","Noto Sans CJK TC","Source Han Sans SC","WenQuanYi Micro Hei",
"Microsoft YaHei","PingFang SC","Hiragino Sans GB","Heiti SC",sans-serif;
max-width:1120px;margin:0 auto;padding:16px;box-sizing:border-box}
.caseledger *{box-sizing:border-box}
.caseledger h1{font-size:1.4rem;line-height:1.3;margin:0 0 .3rem}
.caseledger h2{font-size:1.1rem;margin:1.6rem 0 .6rem;padding-bottom:.2rem;
border-bottom:2px solid var(--main)}
.caseledger .meta{color:var(--muted);font-size:.875rem;margin:0}
.caseledger .headline{font-size:1.05rem;background:var(--soft);border-left:4px solid var(--main);
padding:.6rem .8rem;margin:1rem 0}
.caseledger .group-headlines{margin:.4rem 0 0;padding-left:1.2rem;font-size:.9rem}
.caseledger .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));
gap:8px;margin:1rem 0}
.caseledger .figure{border:1px solid var(--line);border-radius:6px;padding:.5rem .7rem}
.caseledger .figure-name{font-size:.8rem;color:var(--muted)}
.caseledger .figure-value{font-size:1.55rem;font-weight:700;line-height:1.25;
font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.caseledger .unit{font-size:.8rem;font-weight:400;margin-left:2px}
.caseledger .change{font-size:.8rem;color:var(--muted)}
.caseledger .alerts{list-style:none;padding:0;margin:0}
.caseledger .alerts li,.caseledger td.alert{color:var(--alert);font-weight:700}
.caseledger .alerts li::before,.caseledger td.alert::before{content:"\26A0\FE0E  "}
.caseledger .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,22rem),1fr));
gap:12px}
.caseledger figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;
break-inside:avoid}
.caseledger figcaption{font-weight:700;margin-bottom:.4rem}
.caseledger .legend{font-size:.8rem;color:var(--muted);margin:-.2rem 0 .3rem}
.caseledger .swatch{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 .6em;
vertical-align:-.05em}
.caseledger .swatch.main{background:var(--main)}
.caseledger .swatch.second{background:var(--second)}
.caseledger .bar-row{display:grid;grid-template-columns:minmax(3.5em,32%) minmax(2em,1fr) auto;
gap:6px;align-items:center;font-size:.85rem;margin:3px 0}
.caseledger .bar-label{overflow-wrap:anywhere}
.caseledger .bar-row svg{display:block;width:100%;height:14px}
.caseledger .bar-value{font-variant-numeric:tabular-nums;white-space:nowrap;text-align:right}
.caseledger .bar-row.alert .bar-value{color:var(--alert);font-weight:700}
.caseledger rect.track{fill:#ececec}
.caseledger rect.main{fill:var(--main)}
.caseledger rect.second{fill:var(--second)}
.caseledger rect.alert{fill:var(--alert)}
.caseledger .empty{color:var(--muted);font-size:.85rem}
.caseledger .table-wrap{overflow-x:auto}
.caseledger table{border-collapse:collapse;font-size:.85rem;min-width:100%}
.caseledger th,.caseledger td{border:1px solid var(--line);padding:4px 6px;text-align:right;
white-space:nowrap;font-variant-numeric:tabular-nums}
.caseledger th:first-child,.caseledger td:first-child{text-align:left;position:sticky;left:0;
background:#fff;white-space:normal;min-width:5em}
.caseledger thead th{background:#e8eef5;font-weight:700}
.caseledger tfoot td{font-weight:700;background:#f4f4f4}
.caseledger footer{color:var(--muted);font-size:.8rem;margin-top:1.5rem}
@media (min-width:700px){.caseledger{padding:24px}.caseledger h1{font-size:1.7rem}}
)css";

// A4 with the title at the top of every page and its number at the bottom (Chromium and
// other browsers of 2024 on print the page margin boxes); the whole page's width, no
// scrolling table, and blocks that do not break across pages. The title goes in at
// `@top-center` (page.cpp), as a CSS string. The rules start at `html` to outweigh the
// screen rules, which come later in the page (in its body, with the fragment).
const std::string_view page_print_style = R"css(
@media print{
html .caseledger{max-width:none;padding:0;font-size:10pt}
html .caseledger .table-wrap{overflow:visible}
html .caseledger th:first-child,html .caseledger td:first-child{position:static}
html .caseledger .figure,html .caseledger tr,html .caseledger .headline{break-inside:avoid}
html .caseledger h2{break-after:avoid}
html .caseledger .charts{grid-template-columns:1fr 1fr}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)css";

}  // namespace caseledger::detail
