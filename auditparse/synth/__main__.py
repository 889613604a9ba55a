"""``python -m auditparse.synth --out DIR --count N [--seed S] [--scanned/--no-scanned] [--family F]``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from auditparse.synth import FAMILIES, generate, random_spec


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the reports into.")
@click.option("--count", type=click.IntRange(min=1), default=10, show_default=True, help="How many reports.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the first report (then +1 each).")
@click.option("--scanned/--no-scanned", default=True, show_default=True, help="Also write the scanned twin.")
@click.option("--family", type=click.Choice(FAMILIES), help="Only this layout family (default: random).")
@click.option("--risk", type=click.FloatRange(0, 3), default=1.0, show_default=True,
              help="Scales how many indicators are present (0 = none).")
@click.option("--bundled", is_flag=True, help="Regenerate the samples committed in samples/ (ignores --count).")
def main(out_dir: Path, count: int, seed: int, scanned: bool, family: str | None, risk: float,
         bundled: bool) -> None:
    """Generate synthetic audit reports: digital PDF, scanned twin and ground-truth JSON.

    Example: python -m auditparse.synth --out samples/generated --count 5 --family smeta
    """
    if bundled:
        from auditparse.synth.bundled import bundled_specs

        jobs = bundled_specs()
    else:
        overrides = {"family": family} if family else {}
        jobs = [(random_spec(seed + i, risk=risk, **overrides), scanned) for i in range(count)]
    start = time.perf_counter()
    for k, (spec, with_scan) in enumerate(jobs, 1):
        try:
            report = generate(spec, out_dir, scanned=with_scan and scanned)
        except OSError as e:
            raise click.BadParameter(f"cannot write to {out_dir}: {e.strerror or e}", param_hint="--out") from e
        click.echo(f"[{k}/{len(jobs)}] {report.name} ({report.pages} pages, "
                   f"{time.perf_counter() - start:.1f} s)", err=True)
        sys.stdout.write(f"{report.truth}\n")


if __name__ == "__main__":
    main()
