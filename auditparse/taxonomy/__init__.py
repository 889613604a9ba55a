"""The forced-labour indicator taxonomy, shipped as package data (``indicators.json``).

Twelve indicators: the eleven ILO indicators of forced labour plus recruitment fees. Each has a definition,
sub-indicators (from the US DOL Global Trace list, see the file's ``source``), cue patterns and examples.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    definition: str
    sub_indicators: tuple[str, ...]
    cues: tuple[str, ...]  # regular expressions, matched case-insensitively on word boundaries
    examples: tuple[str, ...]


@cache
def load_taxonomy() -> dict[str, Indicator]:
    """Return the indicators by id, in the order of :data:`auditparse.datamodel.nlp.INDICATORS`."""
    raw = json.loads(resources.files(__package__).joinpath("indicators.json").read_text(encoding="utf-8"))
    return {
        d["id"]: Indicator(
            d["id"], d["name"], d["definition"], tuple(d["sub_indicators"]), tuple(d["cues"]), tuple(d["examples"])
        )
        for d in raw["indicators"]
    }
