"""Reference baselines on the tagger corpus: how hard are the dev and test splits for simple models?

Two baselines, both trained or tuned on ``train.jsonl`` only and scored on dev/test with the same metrics as
``auditparse eval tagger`` (per-indicator F1 over (sentence, indicator) pairs, micro/macro F1, false alarms on
sentences whose mentions are all negated):

* ``keywords``: an indicator fires when any of a few hand-picked keywords occurs (no negation handling);
* ``tfidf-lr``: word 1–2-gram + character 2–5-gram TF-IDF, one logistic regression per indicator.

They are floors for the real tagger, not models to ship. Run: ``python data/tagger/baseline.py`` (also rewrites the
table in the data card).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from auditparse.datamodel.nlp import INDICATORS

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
KEYWORDS = {
    "abuse_of_vulnerability": r"undocumented|irregular|no (valid )?permit|expired (visa|permit)|illegal|vulnerab",
    "deception": r"promised|contract substitution|misled|different from|told .* would",
    "restriction_of_movement": r"curfew|gate pass|escort|not allowed to (leave|go)|locked|permission to leave",
    "isolation": r"phone|remote|isolat|contact (with )?(their )?famil",
    "physical_sexual_violence": r"slap|beat|hit|kick|punch|sexual|assault|touch|grop",
    "intimidation_threats": r"threat|intimidat|deport|blacklist|retaliat|warned",
    "retention_of_identity_documents": r"passport|identity (card|document)|id card|work permit",
    "withholding_of_wages": r"withh|delay|late|unpaid|deposit|deduct|arrears",
    "debt_bondage": r"debt|loan|advance|owe|indebted|bond",
    "abusive_working_living_conditions": r"overcrowd|no (running |drinking |clean )?water|toilet|unsanitary|degrad",
    "excessive_overtime": r"overtime|hours|rest day|day off|consecutive",
    "recruitment_fees": r"fee|paid .* agent|recruitment cost|broker",
}


def load(split: str) -> list[dict]:
    """Read one split of the corpus."""
    with (HERE / f"{split}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def score(records: list[dict], predicted: list[set[str]]) -> dict:
    """Per-indicator and micro/macro F1 plus the false-alarm rate on negated-only sentences."""
    per: dict[str, dict[str, float]] = {}
    tp_all = fp_all = fn_all = 0
    for ind in INDICATORS:
        tp = sum(ind in p and ind in r["indicators"] for r, p in zip(records, predicted, strict=True))
        fp = sum(ind in p and ind not in r["indicators"] for r, p in zip(records, predicted, strict=True))
        fn = sum(ind not in p and ind in r["indicators"] for r, p in zip(records, predicted, strict=True))
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        per[ind] = {"f1": 2 * tp / max(1, 2 * tp + fp + fn), "support": tp + fn}
    negated_only = [p for r, p in zip(records, predicted, strict=True)
                    if r["mentions"] and all(m["status"] == "negated" for m in r["mentions"])]
    return {
        "per_indicator": per,
        "micro_f1": 2 * tp_all / max(1, 2 * tp_all + fp_all + fn_all),
        "macro_f1": sum(v["f1"] for v in per.values()) / len(per),
        "false_alarm_negated_only": sum(bool(p) for p in negated_only) / max(1, len(negated_only)),
        "negated_only": len(negated_only),
    }


def keyword_predict(records: list[dict]) -> list[set[str]]:
    """Fire every indicator whose keyword pattern occurs in the text."""
    patterns = {ind: re.compile(p, re.IGNORECASE) for ind, p in KEYWORDS.items()}
    return [{ind for ind, pat in patterns.items() if pat.search(r["text"])} for r in records]


def tfidf_predict(train: list[dict], records: list[dict]) -> list[set[str]]:
    """Fit TF-IDF + one-vs-rest logistic regression on ``train`` and predict ``records``."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer

    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
    texts = [r["text"] for r in train]
    x = hstack([words.fit_transform(texts), chars.fit_transform(texts)]).tocsr()
    mlb = MultiLabelBinarizer(classes=list(INDICATORS))
    y = mlb.fit_transform([r["indicators"] for r in train])
    model = OneVsRestClassifier(LogisticRegression(C=10, max_iter=2000, class_weight="balanced")).fit(x, y)
    texts = [r["text"] for r in records]
    pred = model.predict(hstack([words.transform(texts), chars.transform(texts)]).tocsr())
    return [{INDICATORS[j] for j in row.nonzero()[0]} for row in pred]


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    train = load("train")
    rows = []
    for split in ("dev", "test"):
        records = load(split)
        for name, predicted in (("keywords", keyword_predict(records)), ("tfidf-lr", tfidf_predict(train, records))):
            s = score(records, predicted)
            rows.append((split, name, s))
    lines = ["| split | baseline | micro-F1 | macro-F1 | false alarms on negated-only | lowest indicator F1 |",
             "|---|---|---|---|---|---|"]
    for split, name, s in rows:
        worst = min(s["per_indicator"].items(), key=lambda kv: kv[1]["f1"])
        lines.append(f"| {split} | {name} | {s['micro_f1']:.3f} | {s['macro_f1']:.3f} | "
                     f"{s['false_alarm_negated_only']:.1%} (of {s['negated_only']}) | {worst[0]} {worst[1]['f1']:.2f} |")
    table = "\n".join(lines)
    card = HERE / "README.md"
    text = card.read_text(encoding="utf-8")
    start, end = "<!-- baseline:start -->", "<!-- baseline:end -->"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        card.write_text(f"{head}{start}\n{table}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")
    print(table)  # noqa: T201 - report script


if __name__ == "__main__":
    main()
