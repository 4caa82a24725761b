"""The lessons: committed clean, complete, and run top to bottom in a fresh kernel with their apps driven."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
NOTEBOOKS = sorted(LESSONS.glob("[0-9][0-9]-*.ipynb"))
CELL_TIMEOUT = 120
SECTIONS = (
    "Learning objectives",
    "The story",
    "The model",
    "Explore",
    "Exercises",
    "Discussion",
    "What the model leaves out",
    "Further reading",
)


def ids(paths):
    return [p.stem for p in paths]


def load(path: Path):
    return nbformat.read(path, as_version=4)


def headings(nb) -> list[str]:
    out = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            out += [m.strip() for m in re.findall(r"^#{2,3}\s+(.+)$", cell.source, flags=re.M)]
    return out


def code(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def test_the_course_has_a_start_here_eight_lessons_and_a_capstone():
    names = [p.stem for p in NOTEBOOKS]
    assert names[0] == "00-start-here"
    assert [n[:2] for n in names] == [f"{k:02d}" for k in range(10)]
    assert names[-1].startswith("09-capstone-")


def test_every_model_is_taught_by_its_lesson():
    from negotiation.models import MODELS

    names = {p.stem for p in NOTEBOOKS}
    for model in MODELS.values():
        if not model.has_app:  # app and lesson still to come (MODELS says so)
            continue
        assert model.lesson in names, f"{model.name}: no lesson {model.lesson}.ipynb"
        assert f'APPS["{model.name}"]' in code(load(LESSONS / f"{model.lesson}.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_committed_without_outputs_or_execution_counts(path):
    nb = json.loads(path.read_text())
    for k, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"cell {k} has outputs"
            assert cell.get("execution_count") is None, f"cell {k} has an execution count"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert not (LESSONS / ".ipynb_checkpoints").exists()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_every_lesson_has_objectives_an_app_and_exercises(path):
    nb = load(path)
    heads = headings(nb)
    source = code(nb)
    assert "Learning objectives" in heads, "no 'Learning objectives' section"
    assert re.search(r"APPS\[\"\w+\"\]\(|payoff_editor\(", source), "no app"
    assert len(re.findall(r"(NumberQuestion|ChoiceQuestion)\(", source)) >= 2, (
        "fewer than two exercises"
    )
    assert "!pip" not in source and "%pip" not in source
    if path.stem not in ("00-start-here",) and not path.stem.startswith("09-"):
        for section in SECTIONS:
            assert section in heads, f"no '{section}' section"
        assert re.search(r"payoff_latex\(|_repr_latex_|Math\(|display_latex|\.latex", source), (
            "the model's formulas are not rendered with sympy"
        )


def test_teachers_notes_are_not_in_the_students_notebooks():
    for path in NOTEBOOKS:
        text = path.read_text().lower()
        assert "teacher's note" not in text and "teachers' notes" not in text, path.name


# Run in the lesson's own kernel after its last cell: every app the lesson keeps in a
# variable is driven from Python, each control to its minimum, maximum and back, and
# after each move the app must show no error and the model's own analysis.
DRIVE = """
from negotiation.widgets import App as _App
_apps = [v for v in list(globals().values()) if isinstance(v, _App)]
assert _apps, "the lesson keeps no app in a variable"
for _app in _apps:
    for _name, _control in _app.controls.items():
        _before = _control.value
        for _value in (_control.min, _control.max, _before):
            _control.value = _value
            assert _app.error == "", (_name, _value, _app.error)
            assert _app.analysis.headline == _app.model.analyse(_app.values, partner=_app.partner).headline, _name
print("drove", len(_apps), "apps")
"""


@pytest.fixture(scope="module")
def executed() -> dict[str, tuple[object, float, str]]:
    """Run every lesson once in a fresh kernel, then drive its apps (shared by the tests below)."""
    out = {}
    for path in NOTEBOOKS:
        nb = load(path)
        client = NotebookClient(
            nb,
            timeout=CELL_TIMEOUT,
            kernel_name="python3",
            resources={"metadata": {"path": str(LESSONS)}},
        )
        with client.setup_kernel():
            start = time.perf_counter()
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            seconds = time.perf_counter() - start
            drive = nbformat.v4.new_code_cell(DRIVE)
            nb.cells.append(drive)
            client.execute_cell(drive, len(nb.cells) - 1)
            nb.cells.pop()
        driven = "".join(o.get("text", "") for o in drive.outputs)
        out[path.stem] = (nb, seconds, driven)
    return out


@pytest.mark.slow  # the fixture executes every lesson (about a minute)
def test_all_lessons_run_top_to_bottom_in_under_two_minutes(executed):
    total = sum(seconds for _, seconds, _ in executed.values())
    report = ", ".join(f"{name} {seconds:.1f}s" for name, (_, seconds, _) in executed.items())
    print(f"\nlessons executed in {total:.1f} s: {report}")
    assert total < 120, report


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_cell_shows_an_error_or_a_warning(executed, path):
    nb, _, _ = executed[path.stem]
    for k, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", (
                f"cell {k}: {output.get('ename')}: {output.get('evalue')}"
            )
            if output["output_type"] == "stream":
                assert output["name"] != "stderr", (
                    f"cell {k} wrote to stderr: {output['text'][:500]}"
                )


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_every_lesson_displays_a_live_app_and_its_apps_were_driven(executed, path):
    nb, _, driven = executed[path.stem]
    assert driven.startswith("drove "), driven
    widgets = [
        o
        for c in nb.cells
        for o in c.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    assert widgets, "no widget was displayed"
