"""The documentation: it builds without a warning, its examples run, its links resolve.

* Every Markdown page's ``>>>`` examples run as one doctest per page (fast).
* The whole site is built with Sphinx as ``make docs`` does, but with warnings as
  errors (``-W --keep-going``) and ``nitpicky`` references, into a temporary
  folder; the lessons are executed as part of that build (slow).
* In the built HTML every internal link and anchor resolves, every model of
  :data:`negotiation.models.MODELS` has its explanation page and reference entry,
  and every name in every public module's ``__all__`` is documented.
"""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
import re
import subprocess
import sys
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

import negotiation
from negotiation.models import MODELS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GENERATED = ("reference/generated", "explanation/models", "lessons", "_build", "jupyter_execute")


def doc_pages() -> list[Path]:
    """The hand-written Markdown pages (not the generated ones)."""
    pages = []
    for path in sorted(DOCS.rglob("*.md")):
        rel = path.relative_to(DOCS).as_posix()
        if not any(rel.startswith(g + "/") for g in GENERATED) or rel == "lessons/index.md":
            pages.append(path)
    return pages


# --- code examples in the pages --------------------------------------------------------------

_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*(?P<info>[^\n`]*)$")


def code_blocks(text: str) -> Iterator[tuple[int, str, str]]:
    """``(line number, info string, content)`` of every fenced block of a MyST page."""
    lines = text.splitlines()
    k = 0
    while k < len(lines):
        match = _FENCE.match(lines[k].strip())
        if not match:
            k += 1
            continue
        fence, info = match.group("fence"), match.group("info").strip()
        start = k + 1
        j = start
        while j < len(lines) and lines[j].strip() != fence:
            j += 1
        yield start + 1, info, "\n".join(lines[start:j])
        k = j + 1


def page_doctest(path: Path) -> doctest.DocTest | None:
    """The ``>>>`` examples of one page's Python blocks, in order, as one doctest."""
    text = path.read_text(encoding="utf-8")
    parts = []
    for lineno, info, content in code_blocks(text):
        language = info.replace("{code-block}", "").strip().split(" ")[0]
        if language in ("python", "pycon", "{doctest}") and ">>>" in content:
            parts.append(content + "\n")
            del lineno
    if not parts:
        return None
    source = "\n".join(parts)
    parser = doctest.DocTestParser()
    return parser.get_doctest(source, {}, path.relative_to(ROOT).as_posix(), str(path), 0)


PAGES_WITH_EXAMPLES = [p for p in doc_pages() if page_doctest(p) is not None]


def test_the_pages_have_examples() -> None:
    names = {p.relative_to(DOCS).as_posix() for p in PAGES_WITH_EXAMPLES}
    assert "tutorial/index.md" in names
    assert "howto/solve-your-own-game.md" in names


@pytest.mark.parametrize(
    "page", PAGES_WITH_EXAMPLES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES_WITH_EXAMPLES]
)
def test_examples_in_page_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page's examples run top to bottom in a fresh namespace, in a scratch folder."""
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)
    test = page_doctest(page)
    assert test is not None
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    runner = doctest.DocTestRunner(optionflags=flags)
    report: list[str] = []
    runner.run(test, out=report.append)
    failed, attempted = runner.summarize(verbose=False)
    assert attempted > 0
    assert failed == 0, "\n".join(report)


# --- the build ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the HTML with warnings as errors, as ``make docs`` does plus ``-W``."""
    out = tmp_path_factory.mktemp("docs")
    html = out / "html"
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-n",
        "-E",
        "-q",
        "-d",
        str(out / "doctrees"),
        str(DOCS),
        str(html),
    ]
    env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1", "MPLBACKEND": "Agg"}
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=900)
    warnings = [line for line in done.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    assert done.returncode == 0, f"sphinx-build failed ({done.returncode}):\n" + "\n".join(
        warnings or [done.stderr[-5000:]]
    )
    return html


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            if (tag == "a" and name == "href") or (tag in ("img", "script") and name == "src"):
                self.links.append(value)
            if tag == "link" and name == "href":
                self.links.append(value)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.slow
@pytest.mark.timeout(900)  # the build executes every lesson
def test_internal_links_and_anchors_resolve(built: Path) -> None:
    pages = {p: _parse(p) for p in built.rglob("*.html")}
    assert len(pages) > 40
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//") or link.startswith("mailto:"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built)}: {link} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(built)}: {link} (no such anchor)")
    assert not broken, "\n".join(sorted(set(broken)))


def inventory(built: Path) -> dict[str, set[str]]:
    """``objects.inv`` as {role: {names}} (the format is four text lines, then zlib)."""
    data = (built / "objects.inv").read_bytes()
    body = data.split(b"\n", 4)[4]
    found: dict[str, set[str]] = {}
    for line in zlib.decompress(body).decode("utf-8").splitlines():
        match = re.match(r"(?x)(.+?)\s+(\S+:\S+)\s+(-?\d+)\s+(\S+)\s+(.*)", line)
        if match:
            found.setdefault(match.group(2), set()).add(match.group(1))
    return found


def public_modules() -> list[Any]:
    names = [negotiation.__name__] + [
        info.name
        for info in pkgutil.walk_packages(negotiation.__path__, negotiation.__name__ + ".")
        if not any(part.startswith("_") for part in info.name.split("."))
    ]
    return [importlib.import_module(name) for name in sorted(names)]


def _resolve(name: str) -> Any:
    """The object a dotted name means: an attribute of its parent before a submodule
    (``negotiation.solve`` is the function, as ``import negotiation`` sees it)."""
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            obj = getattr(obj, part, None)
        if obj is not None:
            return obj
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


@pytest.mark.slow
@pytest.mark.timeout(900)  # the build executes every lesson
def test_every_public_name_is_in_the_reference(built: Path) -> None:
    inv = inventory(built)
    documented = set().union(*(names for role, names in inv.items() if role.startswith("py:")))
    by_last: dict[str, list[str]] = {}
    for name in documented:
        by_last.setdefault(name.rsplit(".", 1)[-1], []).append(name)
    missing = []
    modules = public_modules()
    assert {"negotiation", "negotiation.models", "negotiation.trees"} <= {
        m.__name__ for m in modules
    }
    for module in modules:
        assert f"{module.__name__}" in documented or module.__name__ in {
            "negotiation.solve",
            "negotiation.classify",
            "negotiation.trees.credibility",
        }, f"module {module.__name__} has no reference page"
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if f"{module.__name__}.{name}" in documented:
                continue
            if any(_resolve(other) is obj for other in by_last.get(name, [])):
                continue  # documented where it is usually imported from
            missing.append(f"{module.__name__}.{name}")
    assert not missing, "not in the API reference: " + ", ".join(missing)


@pytest.mark.slow
@pytest.mark.timeout(900)  # the build executes every lesson
def test_every_model_has_an_explanation_and_a_reference(built: Path) -> None:
    inv = inventory(built)
    for name, model in MODELS.items():
        assert f"negotiation.models.{name}" in inv["py:module"], name
        assert f"negotiation.models.{name}.MODEL" in inv["py:data"], name
        page = built / "explanation" / "models" / f"{name}.html"
        text = page.read_text(encoding="utf-8")
        for parameter in model.parameters:
            assert parameter.name in text, (name, parameter.name)
        assert "stylized" in text or "assumption" in text, name


@pytest.mark.slow
@pytest.mark.timeout(900)  # the build executes every lesson
def test_every_lesson_is_an_executed_page(built: Path) -> None:
    lessons = sorted((ROOT / "lessons").glob("*.ipynb"))
    assert lessons, "no lessons found"
    for notebook in lessons:
        page = built / "lessons" / f"{notebook.stem}.html"
        assert page.exists(), f"{notebook.name} is not in the documentation"
        text = page.read_text(encoding="utf-8")
        assert "cell_output" in text, f"{notebook.name} was not executed"


def test_every_lesson_has_a_teaching_page() -> None:
    teaching = {p.name.split("-", 1)[0] for p in (DOCS / "teaching").glob("[0-9][0-9]-*.md")}
    for notebook in sorted((ROOT / "lessons").glob("[0-9][0-9]-*.ipynb")):
        assert notebook.name[:2] in teaching, f"no docs/teaching/{notebook.name[:2]}-*.md"


def test_readme_binder_badge_opens_the_start_here_notebook() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    urls = re.findall(r"\((https://mybinder\.org/v2/gh/[^)\s]+)\)", readme)
    assert len(urls) == 1, "exactly one Binder link, in one place"
    assert re.fullmatch(
        r"https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/HEAD\?urlpath=lab/tree/lessons/00-start-here\.ipynb",
        urls[0],
    ), urls[0]
    start_here = (ROOT / "lessons" / "00-start-here.ipynb").read_text(encoding="utf-8")
    # the start-here notebook shows students the same link (it cannot read the README)
    assert urls[0] in start_here, "lessons/00-start-here.ipynb does not show the README's link"
    owner = urls[0].split("/")[5]
    owners = set(re.findall(r"mybinder\.org/v2/gh/([^/]+)/", start_here))
    assert owners == {owner}, f"lessons/00-start-here.ipynb names {owners}, the README {owner!r}"
