"""The shape of the product's code, read from the source with `ast` (nothing is imported).

Data flows one way: `agencies` <- `inspections` <- `reports`, with `jtai` below all three;
no module imports another that (directly or not) imports it back; no module grows past
what a reader can hold; and nothing the product runs depends on the tests or on the test
factories (factory_boy is a test extra, absent from a production install).
"""

from __future__ import annotations

import ast
from collections import deque
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("agencies", "inspections", "reports")
PACKAGES = (*APPS, "jtai")

# Each app may import only the apps before it.
LAYERS = {"agencies": set(), "inspections": {"agencies"}, "reports": {"agencies", "inspections"}}

# `jtai` is the project: settings, shared helpers, the shell. It imports nothing from the
# apps, except the composition root, whose job is to wire the apps together: the URL
# configurations that mount each app's URLs, the Celery app that finds their tasks, and the
# management commands that drive several apps at once (the demo seed, `start`).
COMPOSITION_ROOT = {"jtai.urls", "jtai.api_urls", "jtai.celery"}
COMPOSITION_ROOT_PACKAGES = ("jtai.management.commands.",)

MAX_LINES = 500
# Modules that are data rather than code: long because what they hold is long.
LONG_DATA_MODULES = {
    "inspections/framework_data.py": "the frameworks as published, one literal per framework",
}


def _is_test_support(parts: tuple[str, ...]) -> bool:
    """Migrations (generated), tests, and the test factories are not product code."""
    return (
        "migrations" in parts
        or "tests" in parts
        or parts[-1] in ("factories.py", "conftest.py")
        or parts[-1].startswith("test_")
    )


@cache
def product_modules() -> dict[str, Path]:
    """Dotted module name -> file, for every product module."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if _is_test_support(parts):
                continue
            name = ".".join(parts)[: -len(".py")]
            modules[name.removesuffix(".__init__")] = path
    return modules


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.is_dir() or path.with_name(path.name + ".py").exists()


def imported_names(name: str, path: Path) -> set[str]:
    """Every module name `name` imports, anywhere in the file (inside functions and
    `TYPE_CHECKING` blocks too), with relative imports resolved. `from x import y` names
    `x.y` when y is a module, else `x`."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(name, path).split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            for alias in node.names:
                candidate = f"{source}.{alias.name}"
                names.add(candidate if _is_module(candidate) else source)
    return names


def _owning_module(name: str) -> str | None:
    """The product module a name resolves to (`agencies.models.User` -> `agencies.models`)."""
    known = product_modules()
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


@cache
def import_graph() -> dict[str, set[str]]:
    """Product module -> the product modules it imports."""
    graph = {}
    for name, path in product_modules().items():
        targets = {_owning_module(target) for target in imported_names(name, path)}
        graph[name] = {target for target in targets if target and target != name}
    return graph


def _app(module: str) -> str:
    return module.split(".")[0]


def _shortest_cycle(graph: dict[str, set[str]], start: str, members: set[str]) -> list[str]:
    """The shortest path from `start` back to itself, within one strongly connected set."""
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in sorted(graph[node] & members):
            if target == start:
                path = [node]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if target not in previous:
                previous[target] = node
                queue.append(target)
    return []


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a path) per group of modules that import each other (Tarjan's SCC)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        # Iterative, so a long chain of imports cannot exhaust the recursion limit.
        work = [(node, iter(sorted(graph[node])))]
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        while work:
            current, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                    break
                if target in on_stack:
                    low[current] = min(low[current], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[current])
                if low[current] == index[current]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == current:
                            break
                    groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [
        _shortest_cycle(graph, min(group), group)
        for group in groups
        if len(group) > 1 or min(group) in graph[min(group)]
    ]


def _arrows(allowed) -> list[str]:
    return sorted(
        f"{source} -> {target}"
        for source, targets in import_graph().items()
        for target in targets
        if not allowed(source, target)
    )


def test_the_reader_sees_the_imports_it_must():
    """Guards the other tests: a reader that found nothing would pass them all."""
    graph = import_graph()
    assert "agencies.models" in graph["inspections.models.frameworks"]  # absolute import
    assert "agencies.models" in graph["agencies.selectors"]  # relative import
    assert "jtai.exceptions" in graph["agencies.importers.rows"]
    assert "agencies.importers.rows" in graph["agencies.importers.lookup"]  # within a package
    assert len(graph) > 100


def test_cycle_finder_reports_the_path():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert sorted(import_cycles(graph)) == [["a", "b", "c", "a"], ["e", "e"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    cycles = import_cycles(import_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_apps_import_only_the_layers_below():
    def allowed(source, target):
        source_app, target_app = _app(source), _app(target)
        if source_app not in LAYERS or target_app not in LAYERS or source_app == target_app:
            return True
        return target_app in LAYERS[source_app]

    arrows = _arrows(allowed)
    assert not arrows, "imports against the layers (agencies <- inspections <- reports):\n" + (
        "\n".join(arrows)
    )


def test_jtai_imports_the_apps_only_from_the_composition_root():
    def allowed(source, target):
        if _app(source) != "jtai" or _app(target) not in APPS:
            return True
        return source in COMPOSITION_ROOT or source.startswith(COMPOSITION_ROOT_PACKAGES)

    arrows = _arrows(allowed)
    assert not arrows, "jtai importing an app outside its composition root:\n" + "\n".join(arrows)


def test_the_product_never_imports_tests_or_factories():
    offenders = sorted(
        f"{name} -> {target}"
        for name, path in product_modules().items()
        for target in imported_names(name, path)
        if target.split(".")[0] == "tests"
        or (target.split(".")[0] in PACKAGES and "factories" in target.split("."))
    )
    assert not offenders, "product code importing test code:\n" + "\n".join(offenders)


def test_the_factories_follow_the_layers_too():
    """A test of `agencies` needs no inspection: its factories build none."""
    arrows = sorted(
        f"{app}.factories -> {target}"
        for app in APPS
        for target in imported_names(f"{app}.factories", ROOT / app / "factories.py")
        if _app(target) in LAYERS and _app(target) != app and _app(target) not in LAYERS[app]
    )
    assert not arrows, "factories importing a later app:\n" + "\n".join(arrows)


def test_no_product_module_is_over_500_lines():
    too_long = sorted(
        f"{path.relative_to(ROOT)}: {count} lines"
        for path in product_modules().values()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
        and path.relative_to(ROOT).as_posix() not in LONG_DATA_MODULES
    )
    assert not too_long, f"modules over {MAX_LINES} lines:\n" + "\n".join(too_long)


def test_long_data_modules_still_exist():
    """A data module removed or renamed takes its allowance with it."""
    assert all((ROOT / path).exists() for path in LONG_DATA_MODULES)
