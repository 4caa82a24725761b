"""Present mode: the notebook it writes, the settings, and the command it would run.

Starting JupyterLab itself is not tested here (the lessons' browser tests do that);
what ``negotiation present`` adds is checked: the notebook is valid nbformat and shows
``APPS[model]()``, the settings are valid JSON accepted by JupyterLab's own schemas,
and ``--dry-run`` prints the exact command without starting anything.
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import nbformat
import pytest

from negotiation import scenarios
from negotiation.cli import main
from negotiation.models import MODELS
from negotiation.present import DEFAULT_FONT_SIZE, lab_overrides, prepare, present_notebook

LAB_SCHEMAS = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"


@pytest.mark.parametrize("model", [name for name, m in MODELS.items() if m.has_app])
def test_notebook_is_valid_and_shows_the_app(model: str) -> None:
    nb = nbformat.reads(json.dumps(present_notebook(model)), as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) == 1
    source = code[0].source
    compile(source, "present", "exec")
    assert f'APPS["{model}"]()' in source
    assert source.rstrip().endswith("app")  # the app is the cell's displayed value
    assert code[0].metadata["jupyter"]["source_hidden"] is True
    assert MODELS[model].title in nb.cells[0].source


def test_notebook_sets_the_scenario_values() -> None:
    nb = present_notebook("tariff_standoff", "july-2025-deal")
    source = "".join(nb["cells"][1]["source"])
    assert 'scenarios.load("july-2025-deal").values("tariff_standoff")' in source
    assert "app.controls[name].value = float(value)" in source
    # every value it sets is a parameter of the model (so a control of its app)
    values = scenarios.load("july-2025-deal").values("tariff_standoff")
    assert set(values) == set(MODELS["tariff_standoff"].parameter_names)


def test_overrides_are_valid_json_for_jupyterlab_schemas() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    overrides = json.loads(json.dumps(lab_overrides()))
    for plugin, settings in overrides.items():
        package, name = plugin.split(":")
        schema_file = LAB_SCHEMAS / package / f"{name}.json"
        if not schema_file.exists():
            pytest.skip(f"JupyterLab's schemas are not installed here ({schema_file})")
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        jsonschema.validate(settings, schema)  # raises on an unknown key or a wrong type
        assert set(settings) <= set(schema["properties"]), plugin
    fonts = overrides["@jupyterlab/apputils-extension:themes"]["overrides"]
    assert fonts["content-font-size1"] == f"{DEFAULT_FONT_SIZE}px"


@pytest.mark.parametrize("bad", [0, 7, 65, 22.5, True, "22"])
def test_font_size_is_checked(bad: object) -> None:
    with pytest.raises(ValueError, match="font size"):
        lab_overrides(bad)  # type: ignore[arg-type]


def test_prepare_writes_everything_in_one_folder(tmp_path: Path) -> None:
    plan = prepare("currency_claims", port=9123, font_size=30, directory=tmp_path)
    assert plan.notebook == tmp_path / "present-currency_claims.ipynb"
    nbformat.validate(nbformat.read(plan.notebook, as_version=4))
    overrides = json.loads((tmp_path / ".present/app-settings/overrides.json").read_text())
    assert overrides == lab_overrides(30)
    assert plan.command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tmp_path}" in plan.command
    assert "--LabApp.default_url=/doc/tree/present-currency_claims.ipynb" in plan.command
    assert f"--LabApp.app_settings_dir={tmp_path / '.present/app-settings'}" in plan.command
    assert f"--LabApp.user_settings_dir={tmp_path / '.present/user-settings'}" in plan.command
    assert "--ServerApp.port=9123" in plan.command


def test_a_scenario_file_is_passed_by_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = scenarios.template(["deal_compliance"]).replace("my-scenario", "mine")
    Path("mine.toml").write_text(text, encoding="utf-8")
    plan = prepare("deal_compliance", scenario="mine.toml", directory=tmp_path / "out")
    source = "".join(json.loads(plan.notebook.read_text())["cells"][1]["source"])
    assert json.dumps(str(tmp_path / "mine.toml")) in source


def test_dry_run_prints_the_command_and_starts_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "present",
            "tariff_standoff",
            "--scenario",
            "april-2025",
            "--port",
            "9001",
            "--dir",
            str(tmp_path),
            "--no-browser",
            "--dry-run",
        ]
    )
    out = capsys.readouterr().out
    assert status == 0
    command = shlex.split(out.split("command:", 1)[1].strip())
    assert command[1:3] == ["-m", "jupyterlab"]
    assert "--ServerApp.open_browser=False" in command
    assert "--ServerApp.port=9001" in command
    assert (tmp_path / "present-tariff_standoff.ipynb").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["present", "tariffs", "--dry-run"], "unknown model 'tariffs'"),
        (["present", "tariff_standoff", "--scenario", "nope", "--dry-run"], "nope"),
        (["present", "tariff_standoff", "--port", "70000", "--dry-run"], "port"),
        (["present", "tariff_standoff", "--font-size", "3", "--dry-run"], "font size"),
    ],
)
def test_mistakes_are_one_line_errors(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("negotiation: error:") and message in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_the_notebook_runs_when_the_apps_exist(tmp_path: Path) -> None:
    """Executes the present notebook in a kernel, once ``negotiation.widgets`` exists."""
    try:
        from negotiation.widgets import APPS
    except ImportError:
        pytest.skip("negotiation.widgets is not written yet: nothing to show")
    if "tariff_standoff" not in APPS:
        pytest.skip("negotiation.widgets has no tariff_standoff app yet")
    from nbclient import NotebookClient

    plan = prepare("tariff_standoff", scenario="april-2025", directory=tmp_path)
    nb = nbformat.read(plan.notebook, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3").execute(cwd=str(tmp_path))
    outputs = nb.cells[1].outputs
    assert outputs and not any(o.output_type == "error" for o in outputs)
