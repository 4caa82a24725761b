"""The package's structure: layers that import only downwards, and no circles.

The package reads from the bottom up: the ground (exact numbers, the game), the
normal-form solver, the theories side by side (trees, bargaining, repeated play,
symbolic games, the course's exercises), private information (built on the trees),
then the models of the talks, their
scenarios, figures, apps, classroom sessions on oTree and the command line. A module may import from its own
layer or below, never from above, and inside one theory folder the data type
knows nothing of its solvers. These tests read every module's imports (lazy ones
inside functions included) from its source, and import every module in layer
order to show that each stands on what is below it.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import networkx as nx
import pytest

import negotiation

ROOT = Path(negotiation.__file__).parent

#: The layers, bottom first. A module belongs to the first entry that is a prefix of its name.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("negotiation._version",),
    ("negotiation.core",),
    ("negotiation.normal_form",),
    (
        "negotiation.trees",
        "negotiation.bargaining",
        "negotiation.repeated",
        "negotiation.symbolic",
        "negotiation.course",
    ),
    ("negotiation.information",),  # private information, built on the trees
    ("negotiation.models",),
    ("negotiation.scenarios",),
    ("negotiation.plots",),
    ("negotiation.widgets", "negotiation.present"),
    ("negotiation.classroom",),  # oTree projects of the models' games, their server and data
    ("negotiation.binder",),  # writes the Binder link from the git remote (make binder-link)
    ("negotiation.cli",),
    ("negotiation.__main__",),
)

#: Inside a theory folder: modules that hold the data type and must not import the
#: folder's solvers (anything in the folder not listed with them).
DATA_TYPES: dict[str, tuple[str, ...]] = {
    "negotiation.trees": (
        "negotiation.trees.nodes",
        "negotiation.trees.information_sets",
        "negotiation.trees.tree",
    ),
    "negotiation.bargaining": (
        "negotiation.bargaining._common",
        "negotiation.bargaining._frontier",
        "negotiation.bargaining.problem",
    ),
    "negotiation.core": ("negotiation.core._numbers", "negotiation.core.game"),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _is_module(name: str) -> bool:
    return name in MODULES


def imports_of(name: str) -> set[str]:
    """The package's modules that ``name`` imports, anywhere in its source."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("negotiation"):
                continue
            for alias in node.names:  # ``from . import scenarios`` imports a module
                sub = f"{target}.{alias.name}"
                found.add(sub if _is_module(sub) else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("negotiation"))
    found.discard(name)
    return found


def layer_of(name: str) -> int | None:
    for k, layer in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in layer):
            return k
    return None  # the package root: a face that hands names on


def test_every_module_has_a_layer():
    lost = [m for m in MODULES if m != "negotiation" and layer_of(m) is None]
    assert not lost, f"modules outside every layer (add them to LAYERS): {lost}"


def test_the_package_root_is_only_a_face():
    # The root hands on the most used names; it must not reach above the theories.
    for target in imports_of("negotiation"):
        layer = layer_of(target)
        assert layer is not None and layer <= 2, f"negotiation/__init__.py imports {target}"


def test_no_module_imports_from_a_higher_layer():
    upward = []
    for name in MODULES:
        mine = layer_of(name)
        if mine is None:
            continue
        for target in imports_of(name):
            theirs = layer_of(target)
            if theirs is not None and theirs > mine:
                upward.append(f"{name} (layer {mine}) imports {target} (layer {theirs})")
    assert not upward, "\n".join(upward)


def test_theories_side_by_side_do_not_import_each_other():
    theories = LAYERS[3]
    assert "negotiation.trees" in theories
    crossing = []
    for name in MODULES:
        home = next((t for t in theories if name == t or name.startswith(t + ".")), None)
        if home is None:
            continue
        for target in imports_of(name):
            other = next((t for t in theories if target == t or target.startswith(t + ".")), None)
            if other is not None and other != home:
                crossing.append(f"{name} imports {target}")
    assert not crossing, "\n".join(crossing)


@pytest.mark.parametrize("folder", sorted(DATA_TYPES))
def test_a_data_type_knows_nothing_of_its_solvers(folder):
    data = set(DATA_TYPES[folder])
    for name in data:
        assert name in MODULES, f"{name} is listed as a data type but does not exist"
        inside = {t for t in imports_of(name) if t.startswith(folder + ".")}
        assert inside <= data, f"{name} imports solvers of its folder: {sorted(inside - data)}"


def test_no_circles_of_imports():
    graph = nx.DiGraph()
    graph.add_nodes_from(MODULES)
    for name in MODULES:
        for target in imports_of(name):
            # importing a package runs its __init__; the face's own arrows are not circles
            if target in MODULES and MODULES[target].name != "__init__.py":
                graph.add_edge(name, target)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"circles of imports: {cycles}"


def test_the_import_graph_is_read_from_the_source():
    # The reader above must see lazy imports inside functions and submodule imports,
    # or the layer tests could pass by seeing nothing.
    assert "negotiation.trees.tree" in imports_of("negotiation.trees.spe")
    assert "negotiation.scenarios" in imports_of("negotiation.cli")
    assert "negotiation.repeated" in imports_of("negotiation.plots.dynamics")  # inside a function


def test_every_module_imports_in_layer_order():
    ordered = sorted(
        (m for m in MODULES if m not in {"negotiation", "negotiation.__main__"}),
        key=lambda m: (layer_of(m), m),
    )
    for name in ordered:
        importlib.import_module(name)
