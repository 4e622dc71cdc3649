"""`make bench`: run every benchmarks/bench_*.py module and write its results.

Each module has `run() -> dict` returning {"title": str, "rows": [dict, ...], ...}. Timings are
reported as ratios against a baseline measured in the same process, because machines are noisy.
Results are printed as a table and written to benchmarks/results/<name>.json. A module whose
result has "verdict": "FAIL" (a correctness check) makes the run exit non-zero.
"""

import importlib
import json
import pkgutil
import sys
from pathlib import Path

import django

RESULTS = Path(__file__).resolve().parent / "results"


def _table(rows: list[dict]) -> str:
    if not rows:
        return "(no rows)"
    headers = list(rows[0])
    cells = [[str(row.get(h, "")) for h in headers] for row in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    body = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join([line, "  ".join("-" * w for w in widths), *body])


def main(selected: list[str]) -> int:
    django.setup()
    from django.test.utils import setup_databases, teardown_databases

    RESULTS.mkdir(exist_ok=True)
    here = Path(__file__).resolve().parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if selected:
        names = [n for n in names if any(s in n for s in selected)]
    # A throwaway test database (migrated, with the reference data), dropped afterwards.
    databases = setup_databases(verbosity=0, interactive=False)
    failed = []
    try:
        for name in names:
            if _run_one(name).get("verdict") == "FAIL":
                failed.append(name)
    finally:
        teardown_databases(databases, verbosity=0)
    if failed:
        print(f"\nFAILED: {', '.join(failed)}")
    return 1 if failed else 0


def _run_one(name: str) -> dict:
    module = importlib.import_module(f"benchmarks.{name}")
    result = module.run()
    print(f"\n== {result.get('title', name)}")
    print(_table(result.get("rows", [])))
    for note in result.get("notes", []):
        print(f"  {note}")
    (RESULTS / f"{name.removeprefix('bench_')}.json").write_text(
        json.dumps(result, indent=2, default=str)
    )
    return result


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jtai.settings_test")
    sys.exit(main(sys.argv[1:]))
