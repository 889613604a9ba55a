"""Shared test fixtures: golden-file comparison (``--update-golden``), the reference corpus, the samples.

Golden files live in ``tests/golden/<sample>/<stage>.json``, normalised (floats rounded, keys sorted) so they
diff well. A missing golden file FAILS; write or refresh them on purpose with ``pytest --update-golden``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from auditparse.settings import REPO_DIR, shared_dir

GOLDEN_DIR = Path(__file__).parent / "golden"
SAMPLES_DIR = REPO_DIR / "samples"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", default=False, help="rewrite tests/golden/* from the current output"
    )


def normalise(obj: Any, ndigits: int = 1) -> Any:
    """``obj`` with floats rounded to ``ndigits`` and tuples as lists, ready for a stable JSON dump."""
    if isinstance(obj, float):
        return round(obj, ndigits) + 0.0  # + 0.0 turns -0.0 into 0.0
    if isinstance(obj, dict):
        return {str(k): normalise(v, ndigits) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [normalise(v, ndigits) for v in obj]
    return obj


def dump_golden(obj: Any, ndigits: int = 1) -> str:
    """The canonical golden-file text of ``obj``: normalised, sorted keys, two-space indent."""
    return json.dumps(normalise(obj, ndigits), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[..., None]:
    """``golden(sample, stage, obj, ndigits=1)``: compare ``obj`` with ``tests/golden/<sample>/<stage>.json``.

    With ``--update-golden`` the file is (re)written instead. A missing file fails the test.
    """
    update = request.config.getoption("--update-golden")

    def check(sample: str, stage: str, obj: Any, ndigits: int = 1) -> None:
        path = GOLDEN_DIR / sample / f"{stage}.json"
        text = dump_golden(obj, ndigits)
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        if not path.exists():
            pytest.fail(f"golden file {path} is missing; create it with `pytest --update-golden` and review it")
        expected = json.loads(path.read_text(encoding="utf-8"))
        assert json.loads(text) == expected, f"output differs from {path} (run `pytest --update-golden` to accept)"

    return check


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only reference folder (``../shared``); tests using it skip when it is absent."""
    path = shared_dir()
    if not path.is_dir():
        pytest.skip(f"reference material not found at {path} (set AUDITPARSE_SHARED)")
    return path
