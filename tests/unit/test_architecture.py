"""The package's arrows point one way: no import loop among the modules of src/lifsampling
(imports inside functions count), and the config layer knows nothing of the families or of
your data files."""

import ast
import pkgutil
from pathlib import Path

import lifsampling

SRC = Path(next(iter(lifsampling.__path__)))  # a namespace package: no __init__.py
LIMIT_LINES = 600


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in SRC.rglob("*.py")}


def _imports(name: str, path: Path) -> set[str]:
    """The lifsampling modules `name` imports (at the top or inside a function)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}".rstrip(".")
            # `from pkg import sub` imports the submodule `sub`; else the module itself
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                       for a in node.names]
        else:
            continue
        out |= {t for t in targets if t in MODULES and t != name}
    if name == "lifsampling.experiments":  # finds every module of the package at import
        out |= {f"{name}.{m.name}" for m in pkgutil.iter_modules([str(path.parent)])}
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _loop_from(start: str) -> list[str] | None:
    stack, seen = [(start, [start])], set()
    while stack:
        node, trail = stack.pop()
        for nxt in GRAPH[node]:
            if nxt == start:
                return [*trail, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*trail, nxt]))
    return None


def test_no_import_loop():
    loops = {name: loop for name in GRAPH if (loop := _loop_from(name))}
    assert not loops, next(iter(loops.values()))


def test_the_config_layer_imports_no_family_and_no_user_data():
    config = {n: deps for n, deps in GRAPH.items() if n.startswith("lifsampling.config")}
    offenders = {n: sorted(d for d in deps if d.startswith("lifsampling.experiments")
                           or d == "lifsampling.user_data") for n, deps in config.items()}
    assert not any(offenders.values()), offenders


def test_the_finder_sees_a_known_loop():
    """The loop finder on a graph with a loop (the check can fail)."""
    GRAPH["test.a"], GRAPH["test.b"] = {"test.b"}, {"test.a"}
    try:
        assert _loop_from("test.a") == ["test.a", "test.b", "test.a"]
    finally:
        del GRAPH["test.a"], GRAPH["test.b"]


def test_no_module_over_600_lines():
    long = {n: len(p.read_text().splitlines()) for n, p in MODULES.items()}
    assert not {n: k for n, k in long.items() if k > LIMIT_LINES}, \
        {n: k for n, k in long.items() if k > LIMIT_LINES}


SHARED_EXPERIMENT_MODULES = {"generative", "stages"}  # samplers and stages several families use


def _family(module: str) -> str | None:
    """The experiments member a module belongs to (`l18_fig3` for l18_fig3.science)."""
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "experiments" else None


def test_no_family_imports_another():
    """A family's walls: what two families share lives in a concept module or in
    experiments.generative / stages, never in one family imported by another."""
    offenders = {
        name: sorted(d for d in deps
                     if _family(d) not in (None, _family(name), *SHARED_EXPERIMENT_MODULES))
        for name, deps in GRAPH.items()
        if _family(name) not in (None, *SHARED_EXPERIMENT_MODULES)}
    assert not any(offenders.values()), {n: d for n, d in offenders.items() if d}
