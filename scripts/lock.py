"""Write the pinned sets from the virtualenv (`make lock`): requirements.lock holds what the
product runs (pyproject's dependencies and everything they need), requirements-dev.lock the
test and lint tools on top. The production image installs only the first."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
HEADER = "# Pinned set for a fresh install: make regenerates nothing; refresh with 'make lock'.\n"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_closure(requirements: list[str]) -> set[str]:
    """Every distribution the requirements need, extras and environment markers honoured."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    stack = [Requirement(r) for r in requirements]
    while stack:
        req = stack.pop()
        key = (_norm(req.name), tuple(sorted(req.extras)))
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            continue
        for raw in dist.requires or []:
            child = Requirement(raw)
            markers = [{"extra": ""}, *({"extra": e} for e in req.extras)]
            if child.marker is None or any(child.marker.evaluate(m) for m in markers):
                stack.append(child)
    return {name for name, _extras in seen}


def main() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = runtime_closure(project["dependencies"])
    frozen = subprocess.run(  # noqa: S603 - our own interpreter's pip
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    pins = [p for p in frozen if p and not re.match(r"^(pip|setuptools|wheel)==", p)]
    product = [p for p in pins if _norm(p.split("==")[0]) in runtime]
    tools = [p for p in pins if _norm(p.split("==")[0]) not in runtime]
    (ROOT / "requirements.lock").write_text(HEADER + "\n".join(product) + "\n")
    (ROOT / "requirements-dev.lock").write_text(
        HEADER
        + "# Test and lint tools, on top of requirements.lock.\n-r requirements.lock\n"
        + "\n".join(tools)
        + "\n"
    )
    print(f"requirements.lock: {len(product)} pins; requirements-dev.lock: {len(tools)} more")


if __name__ == "__main__":
    main()
