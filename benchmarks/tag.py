"""Tagger throughput on report text, beside baselines run in the same process.

Text: the text layer (pypdfium2) of ``samples/*.pdf`` and of up to 6 ILAB reports in ``../shared/corpus/ilab``.
Prints sentences/s of the whole tagger (fast tier on every sentence, MiniLM on candidates, statuses,
quantities), of the fast tier alone, of plain spaCy blank("en") + sentencizer (the floor), and of MiniLM on
every sentence (what the candidate filter saves), and the cold model-load time (a fresh process).
Targets (issue 3): >= 400 sentences/s end to end, model load <= 3 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Any

from auditparse.nlp.onnxtier import BATCH_TOKENS
from auditparse.settings import REPO_DIR, shared_dir


def report_pages() -> list[list[str]]:
    """The pages of each report (as :meth:`Tagger.tag_document` tags them: one batch per report)."""
    import pypdfium2 as pdfium

    files = sorted((REPO_DIR / "samples").glob("*.pdf"))
    files = [f for f in files if not f.stem.endswith("_scan")]
    ilab = shared_dir() / "corpus" / "ilab"
    if ilab.is_dir():
        files += sorted(ilab.glob("*.pdf"))[:6]
    reports = []
    for f in files:
        pdf = pdfium.PdfDocument(str(f))
        pages = [pdf[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(pdf))]
        pdf.close()
        reports.append([p for p in pages if p.strip()])
    return [r for r in reports if r]


def count_later_tier_rows(tier: Any) -> list[int]:
    """Wrap ``tier.probs`` to count the texts its later ensemble members read (the cascade's unsure ones)."""
    counter = [0]
    real = tier.probs

    def probs(texts: Any, batch_tokens: int = BATCH_TOKENS, members: slice | None = None) -> Any:
        if members is not None and members.start == 1:
            counter[0] += len(texts)
        return real(texts, batch_tokens, members)

    tier.probs = probs
    return counter


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:9.0f} sentences/s ({n} in {seconds:.2f} s)"


def main() -> None:
    code = (
        "import time; t = time.perf_counter(); from auditparse.nlp import load_tagger; load_tagger(); "
        "print(time.perf_counter() - t)"
    )
    cold = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    from auditparse.nlp import load_tagger
    from auditparse.nlp.segment import split_sentences
    from auditparse.nlp.tagger import import_spacy

    reports = report_pages()
    pages = [p for r in reports for p in r]
    n_sent = sum(len(split_sentences(p)) for p in pages)
    print(f"text: {len(reports)} reports, {len(pages)} pages, {n_sent} sentences (audit-tool segmentation); "
          "each report's pages are tagged as one batch")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start (shared machines run slower)")

    nlp = import_spacy().blank("en")
    nlp.add_pipe("sentencizer")
    t = time.perf_counter()
    base_n = sum(len(list(d.sents)) for d in nlp.pipe(pages))
    base_s = time.perf_counter() - t

    tagger = load_tagger()
    comp = tagger.component
    assert comp.tier is not None, "the tagger has no transformer tier"
    later = count_later_tier_rows(comp.tier)
    t = time.perf_counter()
    docs = [d for r in reports for d in tagger._docs(r)]
    found = [tagger._mentions(d) for d in docs]
    full_s = time.perf_counter() - t
    cand = sum(d.spans["indicators"].attrs.get("candidates", 0) for d in docs)
    cascade, comp.cascade = comp.cascade, None
    t = time.perf_counter()
    plain = [tagger._mentions(d) for r in reports for d in tagger._docs(r)]
    plain_s = time.perf_counter() - t
    comp.cascade = cascade
    def key(ms: list[Any]) -> list[tuple[str, str, int, int]]:  # what a reviewer sees; scores move a little
        return [(m.indicator, m.status, m.start, m.end) for m in ms]

    same = sum(key(a) == key(b) for a, b in zip(found, plain, strict=True))
    comp.use_transformer = False
    t = time.perf_counter()
    for r in reports:
        tagger.tag_texts(r)
    fast_s = time.perf_counter() - t
    comp.use_transformer = True

    sents = [p[a:b] for p in pages for a, b in split_sentences(p)][:200]
    t = time.perf_counter()
    batches = [(comp.tier.embedder.embed_tokens(ids), mask) for _, ids, mask in comp.tier.embedder.batches(sents, BATCH_TOKENS)]
    for session in comp.tier.sessions:  # every member on every sentence, repeats included, batched as the tier does
        for x, mask in batches:
            session.run(["logits"], {"x": x, "mask": mask})
    mini_s = time.perf_counter() - t
    distinct = 0  # token sequences the first tier runs: repeats within a report (headers, answer cells) run once
    for r in reports:
        texts = [s.text for d in docs[:len(r)] for s in d.sents]
        docs = docs[len(r):]
        if texts:
            chosen = [t for t, c in zip(texts, comp.candidates(texts, comp.fast_scores(texts)), strict=True) if c]
            distinct += len({tuple(e) for e in comp.tier.embedder.token_ids(chosen)})

    print(f"model load (cold process, incl. imports): {cold:.2f} s   [target <= 3 s]")
    print(f"auditparse tagger, end to end:   {rate(n_sent, full_s)}   [target >= 400]")
    print(f"the same, every tier on every candidate (no cascade): {rate(n_sent, plain_s)}; "
          f"same mentions on {same} of {len(pages)} pages")
    print(f"auditparse fast tier only:       {rate(n_sent, fast_s)}")
    print(f"baseline spaCy blank+sentencizer:{rate(base_n, base_s)}")
    print(f"baseline MiniLM on every sentence:{rate(len(sents), mini_s)}")
    print(f"sentences sent to MiniLM: {cand} of {n_sent} ({cand / max(n_sent, 1):.1%}); "
          f"to the later tiers of the ensemble (cascade {comp.cascade}): {later[0]} ({later[0] / max(cand, 1):.1%} of candidates); "
          f"distinct within their report, each run once: {distinct}")
    print(
        f"ratios: tagger / MiniLM-on-all = {(n_sent / full_s) / (len(sents) / mini_s):.1f}x; "
        f"tagger / spaCy floor = {(n_sent / full_s) / (base_n / base_s):.3f}x; cascade / no cascade = {plain_s / full_s:.2f}x"
    )


if __name__ == "__main__":
    main()
