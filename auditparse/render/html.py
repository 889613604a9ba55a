"""One self-contained HTML file: header, indicators with evidence, NCs, coverage, summary, and page images
(base64 JPEG) with the evidence boxes highlighted. Clicking a finding shows its page with its box.

No network access: CSS and JS are inline, images are data URIs.
"""

from __future__ import annotations

import base64
import html
import io
import json
import logging
from pathlib import Path
from typing import Any

from auditparse.datamodel import ReviewResult
from auditparse.render.common import STATUS_LABEL, coverage_rows, header_rows, indicator_label, pages_of

log = logging.getLogger(__name__)

#: resolution of the embedded page images
PAGE_DPI = 80
JPEG_QUALITY = 60

_CSS = """
*{box-sizing:border-box}body{margin:0;font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2330;background:#f4f5f7}
header{background:#1f3a5f;color:#fff;padding:12px 20px}header h1{margin:0;font-size:20px}
main{display:flex;gap:16px;padding:16px}#left{flex:1 1 55%;min-width:0}#right{flex:1 1 45%;position:sticky;top:8px;align-self:flex-start}
section{background:#fff;border-radius:6px;padding:12px 16px;margin-bottom:14px;box-shadow:0 1px 2px #0002}
h2{font-size:16px;margin:0 0 8px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e3e6ea;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f0f2f5}.present{color:#b3261e;font-weight:700}.ruled_out{color:#1e7b34}.not_found{color:#777}
.ev{cursor:pointer;padding:4px 6px;border-left:3px solid #ccc;margin:4px 0;background:#fafbfc}.ev:hover{background:#eef3fb}
.ev.pos{border-color:#b3261e}.ev.neg{border-color:#1e7b34}.ns{color:#a15c00;font-weight:600}
#viewer{position:relative;display:inline-block;width:100%}#viewer img{width:100%;display:block;border:1px solid #ccc}
.box{position:absolute;border:2px solid #e53935;background:#ffeb3b55}#strip{display:flex;flex-wrap:wrap;gap:4px;margin-top:8px}
#strip img{width:46px;cursor:pointer;border:2px solid transparent}#strip img.cur,#strip img.hit{border-color:#e53935}
#pageinfo{font-weight:600;margin-bottom:6px}
"""

_JS = """
const DATA=JSON.parse(document.getElementById('data').textContent);
document.querySelectorAll('img.thumb').forEach(t=>{t.src=DATA.pages[t.dataset.page].src;});
function showPage(n,boxes){const p=DATA.pages[n];const v=document.getElementById('viewer');
 document.getElementById('pageinfo').textContent='Page '+n+(p?'':' (no image)');
 v.querySelectorAll('.box').forEach(b=>b.remove());const img=document.getElementById('pageimg');
 if(p){img.src=p.src;(boxes||[]).forEach(b=>{if(!b)return;const d=document.createElement('div');d.className='box';
  d.style.left=(100*b[0]/p.w)+'%';d.style.top=(100*b[1]/p.h)+'%';d.style.width=(100*(b[2]-b[0])/p.w)+'%';
  d.style.height=(100*(b[3]-b[1])/p.h)+'%';v.appendChild(d);});}
 document.querySelectorAll('#strip img').forEach(t=>t.classList.toggle('cur',+t.dataset.page===n));}
document.querySelectorAll('[data-page]').forEach(el=>el.addEventListener('click',()=>{
 showPage(+el.dataset.page,el.dataset.box?[JSON.parse(el.dataset.box)]:DATA.boxes[el.dataset.page]||[]);}));
const first=document.querySelector('.ev.pos')||document.querySelector('.ev');
if(first){first.click();}else{const ks=Object.keys(DATA.pages);if(ks.length)showPage(+ks[0],[]);}
"""


def _esc(v: object) -> str:
    return html.escape(str(v))


def page_images(pdf: Path, pages: list[int], password: str | None = None,
                rotations: dict[int, int] | None = None) -> dict[int, dict[str, Any]]:
    """``{page: {"src": data-URI, "w": width_pt, "h": height_pt}}`` for the given pages, turned upright like the
    extraction turned them (evidence boxes are in upright coordinates); {} if the file is gone."""
    from auditparse.extract import render_page

    out: dict[int, dict[str, Any]] = {}
    for n in pages:
        try:
            img = render_page(pdf, n, scale=PAGE_DPI / 72, password=password)
        except Exception as e:  # a missing image must not lose the review
            log.warning("page %d: no image for the HTML view (%s)", n, type(e).__name__)
            continue
        turn = (rotations or {}).get(n, 0)
        if turn:
            img = img.rotate(-turn, expand=True)
        buf = io.BytesIO()
        img.convert("RGB").save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
        out[n] = {"src": "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii"),
                  "w": img.width * 72 / PAGE_DPI, "h": img.height * 72 / PAGE_DPI}
    return out


def render_html(result: ReviewResult, *, pdf: Path | None = None, password: str | None = None) -> str:
    """The review as ONE self-contained HTML page (inline CSS/JS, page images as base64 JPEG)."""
    src = Path(pdf or result.source.path)
    pages = list(range(1, result.source.pages + 1))
    images = page_images(src, pages, password, result.source.rotations) if src.is_file() else {}
    boxes: dict[int, list[Any]] = {}
    for f in result.indicators:
        for e in f.evidence:
            if e.bbox:
                boxes.setdefault(e.page, []).append(list(e.bbox))

    h = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
         '<meta name="viewport" content="width=device-width,initial-scale=1">',
         f"<title>auditparse review — {_esc(result.site.name or src.name)}</title><style>{_CSS}</style></head><body>",
         f"<header><h1>auditparse review: {_esc(result.site.name or src.name)}</h1></header><main><div id=left>"]
    h.append("<section><h2>Audit</h2><table>")
    h += [f"<tr><th>{_esc(k)}</th><td{' class=ns' if v == 'not stated' else ''}>{_esc(v)}</td></tr>"
          for k, v in header_rows(result)]
    h.append("</table></section><section><h2>Forced-labour indicators (ILO)</h2><table>"
             "<tr><th>Indicator</th><th>Status</th><th>Severity</th><th>Pages</th></tr>")
    for f in sorted(result.indicators, key=lambda f: ("present", "ruled_out", "not_found").index(f.status)):
        h.append(f"<tr><td>{_esc(indicator_label(f.indicator))}</td><td class={f.status}>{STATUS_LABEL[f.status]}</td>"
                 f"<td>{_esc(f.severity or '-')}</td><td>{pages_of(f.evidence)}</td></tr>")
        if f.evidence:
            h.append("<tr><td colspan=4>")
            for e in f.evidence:
                cls = "pos" if e.status in ("present", "remediated") else "neg" if e.status == "negated" else ""
                box = f" data-box='{json.dumps(list(e.bbox))}'" if e.bbox else ""
                h.append(f"<div class='ev {cls}' data-page={e.page}{box}><b>p.{e.page}</b> "
                         f"<i>{_esc(e.status)}</i> <small>{e.score:.2f}</small> — “{_esc(e.quote)}”</div>")
            h.append("</td></tr>")
    h.append("</table></section><section><h2>Non-compliances</h2>")
    if result.non_compliances:
        h.append("<table><tr><th>Ref</th><th>Severity</th><th>Clause</th><th>Finding</th><th>Corrective action</th>"
                 "<th>Due</th><th>Page</th></tr>")
        for nc in result.non_compliances:
            sev = _esc(nc.severity or "-") + (f" <small>({_esc(nc.severity_label)})</small>" if nc.severity_label else "")
            attr = f" class=ev data-page={nc.page}" if nc.page else ""
            h.append(f"<tr{attr}><td>{_esc(nc.reference or '-')}</td><td>{sev}</td><td>{_esc(nc.clause or '-')}</td>"
                     f"<td>{_esc(nc.text)}</td><td>{_esc(nc.corrective_action or '-')}</td>"
                     f"<td>{_esc(nc.due_date or '-')}</td><td>{_esc(nc.page or '-')}</td></tr>")
        h.append("</table>")
    else:
        h.append("<p>No non-compliance list found in the report.</p>")
    h.append("</section><section><h2>Audit coverage</h2><p><small>“not stated” means the report does not say; "
             "it is not “compliant”.</small></p><table>")
    h += [f"<tr><th>{_esc(k)}</th><td{' class=ns' if v in ('not stated', 'NO') else ''}>{_esc(v)}</td></tr>"
          for k, v in coverage_rows(result)]
    h.append("</table>" + "".join(f"<p class=ns>{_esc(n)}</p>" for n in result.coverage.notes))
    h.append("</section><section><h2>Summary (quoted from the report)</h2><ul>")
    h += [f"<li class=ev data-page={s.page}>{_esc(s.text)} <small>(p. {s.page})</small></li>" for s in result.summary]
    h.append("</ul></section></div><div id=right><section><div id=pageinfo></div><div id=viewer>"
             "<img id=pageimg alt='page image'></div><div id=strip>")
    hits = set(boxes)
    h += [f"<img data-page={n} class='thumb{' hit' if n in hits else ''}' alt='page {n}'>" for n in images]
    data = {"pages": {str(n): im for n, im in images.items()}, "boxes": {str(k): v for k, v in boxes.items()}}
    h.append("</div></section></div></main>")
    payload = json.dumps(data).replace("</", "<\\/")
    h.append(f"<script type='application/json' id=data>{payload}</script>")
    h.append(f"<script>{_JS}</script></body></html>")
    return "".join(h)
