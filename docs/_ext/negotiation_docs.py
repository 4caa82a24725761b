"""A small Sphinx extension that keeps the documentation tied to the code.

What it does, at build time:

* **Reference pages** (``reference/generated/*.rst``): one page per public module
  of :mod:`negotiation` (no name part starting with ``_``). Every name in a
  module's ``__all__`` is documented exactly once, under the shortest public path
  that exports it (``negotiation.solve``, not ``negotiation.normal_form.equilibria.solve``); the
  other modules that export it link there. New modules and names appear without
  editing the docs.
* **Model pages** (``explanation/models/*.rst``): one page per entry of
  :data:`negotiation.models.MODELS`, made of the model module's docstring (story,
  players, formulas, calibration, what it leaves out) and tables generated from
  its ``PARAMETERS`` and the bundled scenarios, each source key shown with its
  full citation from :mod:`negotiation.models.sources`.
* **Directives** ``model-parameters``, ``model-scenarios``, ``sources-table`` and
  ``model-registry`` that build those tables from the code, so they cannot drift.
* **Lessons**: copies ``../lessons/*.ipynb`` into ``lessons/`` (git-ignored) so
  MyST-NB executes and renders them as pages.
* **References by identity**: a cross-reference to a name that is documented under
  another public path (``negotiation.normal_form.classification.classify``, or a relative ``GameTree``
  inside a submodule's docstring) is resolved to the place where that object is
  documented. A reference to an object that exists but is private renders as code
  without a link; anything else stays a nitpicky warning.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

PACKAGE = "negotiation"
REFERENCE_DIR = "reference/generated"
MODELS_DIR = "explanation/models"
LESSONS_DIR = "lessons"

#: Where each reference page is listed in the reference index, by module prefix.
GROUPS: tuple[tuple[str, str], ...] = (
    ("negotiation.core", "Games, equilibria and the command line"),
    ("negotiation.normal_form", "Games, equilibria and the command line"),
    ("negotiation.trees", "Game trees"),
    ("negotiation.information", "Private information"),
    ("negotiation.symbolic", "Payoffs as formulas"),
    ("negotiation.bargaining", "Bargaining, offers and linkage"),
    ("negotiation.repeated", "Repeated play and learning"),
    ("negotiation.models", "The models of the talks"),
    ("negotiation.scenarios", "The models of the talks"),
    ("negotiation.plots", "Figures, apps and the classroom"),
    ("negotiation.widgets", "Figures, apps and the classroom"),
    ("negotiation.present", "Figures, apps and the classroom"),
    ("negotiation.course", "Figures, apps and the classroom"),
    ("negotiation", "Games, equilibria and the command line"),
)


# --- the public API ----------------------------------------------------------------------


def public_modules() -> list[ModuleType]:
    """Every public module of the package, imported, in name order.

    A module that fails to import stops the build: the reference must not go
    silently missing.
    """
    root = importlib.import_module(PACKAGE)
    names = [PACKAGE]
    for info in pkgutil.walk_packages(root.__path__, PACKAGE + "."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        names.append(info.name)
    modules = []
    for name in sorted(names):
        try:
            modules.append(importlib.import_module(name))
        except Exception as exc:  # pragma: no cover - reported by the build
            raise ExtensionError(f"cannot import {name} for the API reference: {exc!r}") from exc
    return modules


def exported(module: ModuleType) -> list[str]:
    return [str(n) for n in getattr(module, "__all__", ())]


@dataclass(frozen=True)
class Entry:
    """One public object and where it is documented."""

    name: str
    obj: Any
    home: str  # the module under which it is documented

    @property
    def canonical(self) -> str:
        return f"{self.home}.{self.name}"


def _key(name: str, obj: Any) -> tuple[str, int]:
    return (name, id(obj))


def plan_api(modules: Iterable[ModuleType]) -> dict[tuple[str, int], Entry]:
    """Where each exported object is documented: the shortest public module exporting it."""
    plan: dict[tuple[str, int], Entry] = {}
    for module in modules:
        for name in exported(module):
            obj = getattr(module, name)
            key = _key(name, obj)
            current = plan.get(key)
            depth = module.__name__.count(".")
            if current is None or depth < current.home.count("."):
                plan[key] = Entry(name, obj, module.__name__)
    return plan


def _kind(obj: Any) -> str:
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, BaseException) else "class"
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return "function"
    return "data"


def attribute_doc(name: str, obj: Any) -> list[str]:
    """The ``#:`` or string docstring of a module-level value, from whichever module defines it."""
    root = importlib.import_module(PACKAGE)
    candidates = [PACKAGE] + [i.name for i in pkgutil.walk_packages(root.__path__, PACKAGE + ".")]
    for modname in candidates:
        try:
            module = importlib.import_module(modname)
        except Exception:  # pragma: no cover
            continue
        if getattr(module, name, _MISSING) is not obj:
            continue
        try:
            docs = ModuleAnalyzer.for_module(modname).find_attr_docs()
        except Exception:  # pragma: no cover - no source available
            continue
        lines = docs.get(("", name))
        if lines:
            return [line for line in lines]
    return []


_MISSING = object()


def _value_repr(obj: Any) -> str | None:
    text = repr(obj)
    if "\n" in text or len(text) > 90:
        return None
    return text


def _underline(title: str, char: str = "=") -> str:
    return f"{title}\n{char * len(title)}"


def _pagename(modname: str) -> str:
    return modname


def module_page(module: ModuleType, plan: dict[tuple[str, int], Entry], clashes: set[str]) -> str:
    """The reST source of one module's reference page."""
    modname = module.__name__
    lines = [
        f".. This page is generated by docs/_ext/negotiation_docs.py from {modname}; do not edit.",
        "",
        _underline(f"``{modname}``"),
        "",
        f".. automodule:: {modname}",
    ]
    if modname in clashes:
        # A function of the parent package has the same dotted name as this module.
        lines.append("   :no-index:")
    lines.append("")
    here: list[Entry] = []
    elsewhere: list[Entry] = []
    for name in exported(module):
        entry = plan[_key(name, getattr(module, name))]
        (here if entry.home == modname else elsewhere).append(entry)
    if here:
        lines += [".. currentmodule:: " + modname, ""]
    for entry in here:
        kind = _kind(entry.obj)
        if kind == "function":
            lines += [f".. autofunction:: {entry.canonical}", ""]
        elif kind in ("class", "exception"):
            lines += [f".. autoclass:: {entry.canonical}", "   :members:", "   :show-inheritance:"]
            listed = attribute_names(entry.obj.__doc__)
            if listed:
                # documented by the class's "Attributes" section: not a second time
                lines.append(f"   :exclude-members: {', '.join(sorted(listed))}")
            lines.append("")
        else:
            lines += [f".. py:data:: {entry.name}"]
            value = _value_repr(entry.obj)
            if value is not None:
                lines.append(f"   :value: {value}")
            doc = attribute_doc(entry.name, entry.obj)
            if doc:
                lines.append("")
                lines += ["   " + line if line.strip() else "" for line in doc]
            lines.append("")
    if elsewhere:
        lines += [
            ".. rubric:: Also exported here",
            "",
            f"These names are part of ``{modname}.__all__`` and are documented where they are "
            "usually imported from:",
            "",
        ]
        for entry in elsewhere:
            role = {"function": "func", "class": "class", "exception": "exc"}.get(
                _kind(entry.obj), "data"
            )
            lines.append(f"* ``{entry.name}``: :py:{role}:`{entry.canonical}`")
        lines.append("")
    return "\n".join(lines)


def group_of(modname: str) -> str:
    for prefix, title in GROUPS:
        if modname == prefix or modname.startswith(prefix + "."):
            return title
    return GROUPS[-1][1]


def reference_index(modules: list[ModuleType]) -> str:
    """The reST index of the generated reference pages, grouped by topic."""
    groups: dict[str, list[str]] = {}
    for _, title in GROUPS[::-1]:
        groups.setdefault(title, [])
    order = list(dict.fromkeys(title for _, title in GROUPS[-1:] + GROUPS[:-1]))
    for module in modules:
        groups[group_of(module.__name__)].append(module.__name__)
    lines = [
        ".. This page is generated by docs/_ext/negotiation_docs.py; do not edit.",
        "",
        _underline("Modules"),
        "",
    ]
    for title in order:
        if not groups[title]:
            continue
        lines += [".. toctree::", f"   :caption: {title}", "   :maxdepth: 1", ""]
        lines += [f"   {_pagename(m)}" for m in groups[title]]
        lines.append("")
    lines += [
        ".. toctree::",
        "   :caption: Bibliography",
        "   :maxdepth: 1",
        "",
        "   bibliography",
        "",
    ]
    return "\n".join(lines)


# --- models and sources --------------------------------------------------------------------


def _models() -> dict[str, Any]:
    from negotiation.models import MODELS

    return MODELS


def _number(value: Any) -> str:
    from negotiation import format_number

    if isinstance(value, Fraction) and value.denominator != 1:
        return f"{value.numerator}/{value.denominator} (= {format_number(value)})"
    return format_number(value)


def model_page(name: str) -> str:
    """The reST source of the explanation page of one model."""
    model = _models()[name]
    module = importlib.import_module(f"negotiation.models.{name}")
    doc = inspect.cleandoc(module.__doc__ or "")
    first, _, rest = doc.partition("\n")
    title = f"{model.title}: ``{name}``"
    lines = [
        f".. This page is generated by docs/_ext/negotiation_docs.py from negotiation.models.{name}; do not edit.",
        "",
        f".. currentmodule:: negotiation.models.{name}",
        "",
        f".. _model-{name}:",
        "",
        _underline(title),
        "",
        f"*{first.strip()}*",
        "",
        f"**Kind:** {model.kind}. **Lesson:** "
        + (f"``{model.lesson}``" if model.lesson else "none yet (no lesson or app teaches it yet)")
        + f". **Summary:** {model.summary}",
        "",
        f"Use it in code with ``MODELS[{name!r}]`` (:py:data:`negotiation.models.MODELS`), "
        f"and see :py:mod:`negotiation.models.{name}` for the API.",
        "",
        *cite_lines(repair_simple_tables(rest.strip().splitlines())),
        "",
        _underline("Parameters, defaults and sources", "-"),
        "",
        "Generated from the model's ``PARAMETERS`` when the documentation is built. A source "
        "key names a row of the calibration table (:ref:`calibration-sources`); ``assumption`` "
        "marks a **stylized** value, chosen to tell the story rather than measured.",
        "",
        f".. model-parameters:: {name}",
        "",
        _underline("The model in the dated scenarios", "-"),
        "",
        "The values each bundled scenario gives this model (``negotiation scenarios`` lists "
        "them), with the reason stated for every assumption.",
        "",
        f".. model-scenarios:: {name}",
        "",
    ]
    return "\n".join(lines)


def _table(
    headers: list[str], rows: list[list[nodes.Node | str]], widths: list[int]
) -> nodes.table:
    table = nodes.table(classes=["negotiation-table"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for h in headers:
        row += nodes.entry("", nodes.paragraph(text=h))
    head += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            if isinstance(cell, nodes.Node):
                entry += cell
            else:
                entry += nodes.paragraph(text=cell)
            row += entry
        body += row
    return table


def _citation(key: str) -> nodes.Node:
    from negotiation.models.sources import ASSUMPTION, SOURCES

    para = nodes.paragraph()
    if key == ASSUMPTION:
        para += nodes.strong(text="stylized assumption")
        return para
    if key not in SOURCES:
        para += nodes.Text(key)
        return para
    src = SOURCES[key]
    para += nodes.literal(text=key)
    para += nodes.Text(f": {src.figure}, {src.value} ({src.date}). {src.citation}.")
    return para


class ModelParameters(SphinxDirective):
    """``.. model-parameters:: NAME``: every parameter of a model with its full source."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        models = _models()
        name = self.arguments[0]
        if name not in models:
            raise self.error(f"unknown model {name!r}; models are {', '.join(models)}")
        rows: list[list[nodes.Node | str]] = []
        for p in models[name].parameters:
            rows.append(
                [
                    nodes.paragraph("", "", nodes.literal(text=p.name)),
                    p.description,
                    _number(p.default),
                    p.unit,
                    f"{_number(p.low)} to {_number(p.high)}",
                    _citation(p.source),
                ]
            )
        headers = ["parameter", "meaning", "default", "unit", "allowed range", "source"]
        return [_table(headers, rows, [14, 22, 8, 8, 10, 38])]


class ModelScenarios(SphinxDirective):
    """``.. model-scenarios:: NAME``: a model's values in every bundled scenario."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from negotiation import scenarios

        models = _models()
        name = self.arguments[0]
        if name not in models:
            raise self.error(f"unknown model {name!r}")
        loaded = [scenarios.load(s) for s in scenarios.names()]
        loaded = [s for s in loaded if s.covers(name)]
        if not loaded:
            return [nodes.paragraph(text="No bundled scenario gives values for this model.")]
        headers = ["parameter", *[f"{s.name} ({s.date})" for s in loaded], "unit"]
        rows: list[list[nodes.Node | str]] = []
        for p in models[name].parameters:
            cells: list[nodes.Node | str] = [nodes.paragraph("", "", nodes.literal(text=p.name))]
            for s in loaded:
                entry = s.entries[name].get(p.name)
                if entry is None:
                    cells.append("(default)")
                    continue
                para = nodes.paragraph()
                para += nodes.Text(_number(entry.value) + " ")
                if entry.is_assumption:
                    para += nodes.emphasis(text=f"assumption: {entry.reason}")
                else:
                    para += nodes.literal(text=entry.source)
                if entry.note:
                    para += nodes.Text(f" ({entry.note})")
                cells.append(para)
            cells.append(p.unit)
            rows.append(cells)
        widths = [14, *[max(10, 70 // len(loaded)) for _ in loaded], 8]
        return [_table(headers, rows, widths)]


class SourcesTable(SphinxDirective):
    """``.. sources-table::``: every published figure, with the parameters that use it."""

    def run(self) -> list[nodes.Node]:
        from negotiation.models.sources import SOURCES

        users: dict[str, list[str]] = {}
        for model in _models().values():
            for p in model.parameters:
                users.setdefault(p.source, []).append(f"{model.name}.{p.name}")
        rows: list[list[nodes.Node | str]] = []
        for key, src in SOURCES.items():
            used = users.get(key, [])
            para = nodes.paragraph()
            for k, u in enumerate(used):
                if k:
                    para += nodes.Text(", ")
                para += nodes.literal(text=u)
            if not used:
                para += nodes.Text("(scenario files and lesson text only)")
            rows.append(
                [
                    nodes.paragraph("", "", nodes.literal(text=key)),
                    src.figure,
                    src.value,
                    src.date,
                    src.citation,
                    para,
                ]
            )
        n_assumed = len(users.get("assumption", []))
        table = _table(
            ["key", "figure", "value", "date", "citation", "used by (model.parameter)"],
            rows,
            [14, 16, 24, 8, 18, 20],
        )
        note = nodes.paragraph(
            text=f"{len(SOURCES)} sourced figures; {n_assumed} model parameters are stylized "
            "assumptions (source 'assumption')."
        )
        return [table, note]


class ModelRegistry(SphinxDirective):
    """``.. model-registry::``: the models, their kind and lesson, linking to their pages."""

    def run(self) -> list[nodes.Node]:
        rows: list[list[nodes.Node | str]] = []
        for model in _models().values():
            ref = nodes.paragraph()
            pending = pending_xref(
                "",
                nodes.inline(text=model.title),
                refdomain="std",
                reftype="ref",
                reftarget=f"model-{model.name}",
                refexplicit=True,
                refwarn=True,
            )
            ref += pending
            rows.append(
                [
                    nodes.paragraph("", "", nodes.literal(text=model.name)),
                    ref,
                    model.kind,
                    model.lesson or "(none yet)",
                    str(len(model.parameters)),
                    model.summary,
                ]
            )
        return [
            _table(
                ["name", "model", "kind", "lesson", "parameters", "summary"],
                rows,
                [14, 14, 10, 16, 6, 40],
            )
        ]


# --- docstrings: numpydoc details that napoleon and nitpicky disagree on -------------------------

_SECTION_RULE = re.compile(r"^\s*-{3,}\s*$")


def _is_type_expression(text: str) -> bool:
    """True for a type written as Python (``numpy.ndarray``, ``tuple[str, ...]``, ``A | None``).

    Prose such as ``tuple of (path, action)`` or ``str or None`` is not: napoleon would
    turn each of its words into a cross-reference.
    """
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return False
    allowed = (
        ast.Expression, ast.Name, ast.Attribute, ast.Subscript, ast.Tuple, ast.List,
        ast.Load, ast.BinOp, ast.BitOr, ast.Constant, ast.Slice,
    )  # fmt: skip
    return all(isinstance(n, allowed) for n in ast.walk(tree))


def _section_entries(lines: list[str], title: str) -> Iterator[tuple[int, str]]:
    """``(index, line)`` of the entry lines of a numpydoc section (not their descriptions)."""
    k = 0
    while k < len(lines) - 1:
        if lines[k].strip() == title and _SECTION_RULE.match(lines[k + 1]):
            indent = len(lines[k]) - len(lines[k].lstrip())
            j = k + 2
            while j < len(lines):
                line = lines[j]
                if j + 1 < len(lines) and line.strip() and _SECTION_RULE.match(lines[j + 1]):
                    break  # the next section
                if line.strip() and len(line) - len(line.lstrip()) == indent:
                    yield j, line
                j += 1
            k = j
        else:
            k += 1


def attribute_names(doc: str | None) -> set[str]:
    """The names listed in a numpydoc ``Attributes`` section."""
    lines = inspect.cleandoc(doc or "").splitlines()
    names: set[str] = set()
    for _, line in _section_entries(lines, "Attributes"):
        head = line.split(" : ", 1)[0]
        names.update(n.strip() for n in head.split(",") if n.strip())
    return names


def before_napoleon(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Split ``x, y : T`` attributes into one entry each; keep prose colons in one-liners."""
    if what in ("property", "attribute", "data") and lines:
        head, colon, _ = lines[0].partition(":")
        if colon and not _is_type_expression(head):
            # napoleon would read "The slider step: ..." as type "The slider step"
            lines.insert(0, "")
        return
    entries = list(_section_entries(lines, "Attributes"))
    for index, line in reversed(entries):
        head, sep, typ = line.partition(" : ")
        names = [n.strip() for n in head.split(",")]
        if len(names) < 2:
            continue
        indent = line[: len(line) - len(line.lstrip())]
        end = index + 1
        while end < len(lines) and (
            not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > len(indent)
        ):
            end += 1
        description = lines[index + 1 : end]
        block: list[str] = []
        for n in names:
            block.append(f"{indent}{n}{sep}{typ}")
            block.extend(description)
        lines[index:end] = block


_TYPE_OPTION = re.compile(r"^(\s*):type: (.*)$")


_BORDER = re.compile(r"^(\s*)(=+(?: +=+)+)\s*$")


def repair_simple_tables(lines: list[str]) -> list[str]:
    """Widen the columns of a reST simple table whose text runs into a column margin.

    Docutils rejects such a table ("Text in column margin"); the text is fine, only
    the ``===`` borders are a character short. Each cell is taken as the text from its
    column's start to the next column's start, and the borders are redrawn to fit.
    """
    out = list(lines)
    k = 0
    while k < len(out):
        top = _BORDER.match(out[k])
        if not top:
            k += 1
            continue
        indent, border = top.groups()
        starts = [len(indent) + m.start() for m in re.finditer(r"=+", border)]
        end = k + 1
        borders = [k]
        while end < len(out) and out[end].strip():
            if _BORDER.match(out[end]) and out[end].strip() == border.strip():
                borders.append(end)
            end += 1
        if len(borders) < 2:
            k = end
            continue
        rows = range(k, borders[-1] + 1)
        cells: dict[int, list[str]] = {}
        for r in rows:
            if r in borders:
                continue
            text = out[r]
            cells[r] = [
                text[a : (starts[i + 1] if i + 1 < len(starts) else len(text))].rstrip()
                for i, a in enumerate(starts)
            ]
        widths = [len(m.group()) for m in re.finditer(r"=+", border)]
        needed = [
            max([widths[i]] + [len(c[i]) for c in cells.values()]) for i in range(len(starts))
        ]
        overflow = any(
            out[r][starts[i + 1] - 2 : starts[i + 1]].strip()
            for r in cells
            for i in range(len(starts) - 1)
            if len(out[r]) > starts[i + 1] - 2
        )
        if overflow:
            new_border = indent + "  ".join("=" * w for w in needed)
            for r in rows:
                if r in borders:
                    out[r] = new_border
                else:
                    out[r] = (
                        indent
                        + "  ".join(
                            c.strip().ljust(w) for c, w in zip(cells[r], needed, strict=True)
                        )
                    ).rstrip()
        k = borders[-1] + 1
    return out


def after_napoleon(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Show prose types as text; turn docstring citations into bibliography links."""
    k = 0
    while k < len(lines):
        match = _TYPE_OPTION.match(lines[k])
        if match and not _is_type_expression(match.group(2)):
            indent, typ = match.groups()
            del lines[k]
            # skip the rest of the directive's options and the blank line after them
            j = k
            while (
                j < len(lines) and lines[j].strip().startswith(":") and lines[j].startswith(indent)
            ):
                j += 1
            if j < len(lines) and not lines[j].strip():
                j += 1
            lines[j:j] = [f"{indent}Type: {typ}.", ""]
            k = j + 2
            continue
        k += 1
    lines[:] = cite_lines(repair_simple_tables(lines))


# --- citations: one bibliography instead of one citation per docstring ---------------------------

_CITATION = re.compile(r"^(\s*)\.\. \[([A-Za-z][\w.-]*)\] (.*)$")
_CITE_REF = re.compile(r"(?<![\w`])\[([A-Za-z][\w.-]*)\]_")


def bib_label(key: str) -> str:
    return "bib-" + key.lower()


def cite_lines(lines: list[str]) -> list[str]:
    """``.. [Key] text`` becomes a plain list item; ``[Key]_`` links to the bibliography.

    Citations in reST are global, and the same work is cited in many docstrings: one
    bibliography page (:func:`bibliography_page`) holds them all.
    """
    out: list[str] = []
    k = 0
    while k < len(lines):
        match = _CITATION.match(lines[k])
        if match:
            indent, key, text = match.groups()
            out.append(f"{indent}* [{key}] {text}")
            k += 1
            while k < len(lines) and lines[k].strip() and lines[k].startswith(indent + " "):
                out.append(f"{indent}  {lines[k].strip()}")
                k += 1
            continue
        out.append(
            _CITE_REF.sub(lambda m: f":ref:`[{m.group(1)}] <{bib_label(m.group(1))}>`", lines[k])
        )
        k += 1
    return out


def collect_citations() -> dict[str, list[tuple[str, str]]]:
    """Every ``.. [Key] text`` in the package's source: key -> [(text, module), ...]."""
    root = Path(importlib.import_module(PACKAGE).__file__ or "").parent
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(root.rglob("*.py")):
        modname = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        modname = modname.removesuffix(".__init__")
        lines = path.read_text(encoding="utf-8").splitlines()
        for k, line in enumerate(lines):
            match = _CITATION.match(line)
            if not match:
                continue
            indent, key, text = match.groups()
            j = k + 1
            while j < len(lines) and lines[j].strip() and lines[j].startswith(indent + " "):
                text += " " + lines[j].strip()
                j += 1
            found.setdefault(key, []).append((" ".join(text.split()), modname))
    return found


def bibliography_page() -> str:
    """The reST source of the bibliography of every work cited in the docstrings."""
    lines = [
        ".. This page is generated by docs/_ext/negotiation_docs.py; do not edit.",
        "",
        ".. _bibliography:",
        "",
        _underline("Works cited in the code"),
        "",
        "Every work cited in a docstring of the package, by the key the docstrings use "
        "(``[Nash1950]``), with the modules that cite it. The theory behind the lessons, "
        "with further reading, is in :doc:`/explanation/theory`.",
        "",
    ]
    for key, uses in sorted(collect_citations().items(), key=lambda kv: kv[0].lower()):
        texts = list(dict.fromkeys(text for text, _ in uses))
        modules = sorted({m for _, m in uses})
        lines += [f".. _{bib_label(key)}:", "", f"**[{key}]** {texts[0]}"]
        for other in texts[1:]:
            lines += ["", f"   *The same key also names:* {other}"]
        cited = ", ".join(
            f":py:mod:`{m}`" if not _private_module(m) else f"``{m}``" for m in modules
        )
        lines += ["", f"   Cited in {cited}.", ""]
    return "\n".join(lines)


def _private_module(modname: str) -> bool:
    return any(part.startswith("_") for part in modname.split("."))


# --- generated files -------------------------------------------------------------------------


def _write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _sync_folder(folder: Path, files: dict[str, str | bytes], pattern: str) -> None:
    """Make ``folder`` hold exactly ``files`` among the names matching ``pattern``."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(pattern):
        if old.name not in files:
            old.unlink()
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            if not path.exists() or path.read_bytes() != content:
                path.write_bytes(content)
        else:
            _write_if_changed(path, content)


def lessons_source(app: Sphinx) -> Path:
    return (Path(app.srcdir) / app.config.negotiation_lessons_dir).resolve()


def lesson_notebooks(app: Sphinx) -> list[Path]:
    return sorted(lessons_source(app).glob("*.ipynb"))


def generate(app: Sphinx) -> None:
    """Write the generated pages and copy the lessons before Sphinx reads the sources."""
    src = Path(app.srcdir)
    modules = public_modules()
    plan = plan_api(modules)
    # A function of a package whose dotted name is also a module's (negotiation.solve).
    clashes = {e.canonical for e in plan.values() if _kind(e.obj) != "data"} & {
        m.__name__ for m in modules
    }
    pages = {f"{_pagename(m.__name__)}.rst": module_page(m, plan, clashes) for m in modules}
    pages["index.rst"] = reference_index(modules)
    pages["bibliography.rst"] = bibliography_page()
    _sync_folder(src / REFERENCE_DIR, dict(pages), "*.rst")

    models = {f"{name}.rst": model_page(name) for name in _models()}
    _sync_folder(src / MODELS_DIR, dict(models), "*.rst")

    notebooks: dict[str, str | bytes] = {nb.name: nb.read_bytes() for nb in lesson_notebooks(app)}
    _sync_folder(src / LESSONS_DIR, notebooks, "*.ipynb")

    _PLAN.clear()
    _PLAN.update(plan)


# --- references by identity ------------------------------------------------------------------

#: The documented home of every public object, filled when the build starts (not pickled).
_PLAN: dict[tuple[str, int], Entry] = {}


def _locate(path: str) -> tuple[str, list[str], Any] | None:
    """Import the longest module prefix of ``path`` and walk the rest with getattr."""
    if not (path == PACKAGE or path.startswith(PACKAGE + ".")):
        return None
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        modname = ".".join(parts[:cut])
        try:
            obj: Any = importlib.import_module(modname)
        except ImportError:
            continue
        rest = parts[cut:]
        for part in rest:
            if obj is None:
                return None
            try:
                obj = getattr(obj, part)
            except AttributeError:
                # a dataclass field without a default is not a class attribute
                fields = getattr(obj, "__dataclass_fields__", {}) if inspect.isclass(obj) else {}
                if part not in fields:
                    return None
                obj = None
        return modname, rest, obj
    return None


_DOCSTRING_OF = re.compile(r"docstring of ([\w.]+)")


def _contexts(node: nodes.Element) -> Iterator[str]:
    """Modules and classes in whose namespace a relative name may live, nearest first."""
    module = node.get("py:module")
    klass = node.get("py:class")
    if module and klass:
        yield f"{module}.{klass}"
    # autodoc records where a docstring really comes from ("docstring of a.b.c")
    source = _DOCSTRING_OF.search(str(node.source or ""))
    if source:
        path = source.group(1).split(".")
        for cut in range(len(path), 0, -1):
            prefix = ".".join(path[:cut])
            if cut < len(path):
                yield prefix
            found = _locate(prefix)
            home = getattr(found[2], "__module__", None) if found else None
            if isinstance(home, str):
                yield home  # where a class or function is defined
    if module:
        parts = str(module).split(".")
        for cut in range(len(parts), 0, -1):
            yield ".".join(parts[:cut])


def _candidates(node: nodes.Element) -> Iterator[str]:
    target = str(node["reftarget"]).lstrip(".~")
    yield target
    for context in dict.fromkeys(_contexts(node)):
        yield f"{context}.{target}"


def resolve_by_identity(
    app: Sphinx, env: Any, node: nodes.Element, contnode: nodes.Element
) -> nodes.Element | None:
    if node.get("refdomain") != "py":
        return None
    if node["reftarget"] in app.config.negotiation_pending_modules:
        # Announced in a docstring, not written yet: shown as code until it exists.
        return contnode
    domain = env.get_domain("py")
    if not _PLAN:
        _PLAN.update(plan_api(public_modules()))
    plan = _PLAN
    objects = domain.objects
    for candidate in _candidates(node):
        found = _locate(candidate)
        if found is None:
            continue
        modname, rest, _obj = found
        names: list[str] = []
        if not rest:
            names.append(modname)
        else:
            owner = importlib.import_module(modname)
            head = getattr(owner, rest[0])
            entry = plan.get(_key(rest[0], head))
            names.append(candidate)
            if entry is not None:
                # the documented path, then its documented owners (an undocumented
                # dataclass field links to its class)
                for cut in range(len(rest), 0, -1):
                    names.append(".".join([entry.canonical, *rest[1:cut]]))
        for name in names:
            if name in objects:
                found_entry = objects[name]
                return make_refnode(
                    app.builder,
                    node["refdoc"],
                    found_entry.docname,
                    found_entry.node_id,
                    contnode,
                    name,
                )
        # It exists in the code but is not part of the documented API (a private helper,
        # a constant not in __all__): show it as code, without a link.
        if _is_private(candidate):
            return contnode
    return _resolve_by_name(app, node, contnode, plan)


def _resolve_by_name(
    app: Sphinx, node: nodes.Element, contnode: nodes.Element, plan: dict[tuple[str, int], Entry]
) -> nodes.Element | None:
    """A bare name no namespace explains (imported only for type checking): look it up
    in every loaded module of the package; link if that names one documented object,
    show it as code if it names one private object."""
    target = str(node["reftarget"]).lstrip(".~")
    if not target.isidentifier():
        return None
    found = {
        id(obj): obj
        for modname, module in list(sys.modules.items())
        if module is not None and (modname == PACKAGE or modname.startswith(PACKAGE + "."))
        for obj in [getattr(module, target, _MISSING)]
        if obj is not _MISSING and (inspect.isclass(obj) or inspect.isfunction(obj))
    }
    if len(found) != 1:
        return None
    obj = next(iter(found.values()))
    entry = plan.get(_key(target, obj))
    objects = app.env.get_domain("py").objects
    if entry is not None and entry.canonical in objects:
        found_entry = objects[entry.canonical]
        return make_refnode(
            app.builder,
            node["refdoc"],
            found_entry.docname,
            found_entry.node_id,
            contnode,
            entry.canonical,
        )
    return contnode if entry is None else None


def _is_private(path: str) -> bool:
    """True when ``path`` is not a documented public name (so no link is expected)."""
    parts = path.split(".")
    if any(p.startswith("_") for p in parts):
        return True
    found = _locate(path)
    if found is None:
        return False
    modname, rest, _obj = found
    if not rest:
        return False
    module = importlib.import_module(modname)
    return rest[0] not in exported(module)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("negotiation_lessons_dir", "../lessons", "env", types=frozenset({str}))
    app.add_config_value("negotiation_pending_modules", [], "env", types=frozenset({list}))
    app.connect("builder-inited", generate)
    app.connect("missing-reference", resolve_by_identity, priority=400)
    app.connect("autodoc-process-docstring", before_napoleon, priority=400)
    app.connect("autodoc-process-docstring", after_napoleon, priority=600)
    app.add_directive("model-parameters", ModelParameters)
    app.add_directive("model-scenarios", ModelScenarios)
    app.add_directive("sources-table", SourcesTable)
    app.add_directive("model-registry", ModelRegistry)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
