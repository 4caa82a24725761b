"""The course's JupyterLab settings: no news pop-up over the apps, in make lab, present mode and Binder."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from jupyterlab.commands import get_app_dir
from jupyterlab_server.settings_utils import _get_overrides, get_settings

from negotiation.present import COURSE_LAB_SETTINGS, course_lab_settings, lab_overrides, prepare

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "@jupyterlab/apputils-extension:notification"


def test_the_settings_file_is_shipped_and_turns_the_news_off():
    path = ROOT / "negotiation" / "lab_settings" / "overrides.json"
    assert path.resolve() == (COURSE_LAB_SETTINGS / "overrides.json").resolve()
    settings = json.loads(path.read_text(encoding="utf-8"))
    assert settings == {PLUGIN: {"checkForUpdates": False, "fetchNews": "false"}}
    # the values are ones the installed JupyterLab's schema allows ("false" is a string)
    schema_file = Path(get_app_dir()) / "schemas" / "@jupyterlab" / "apputils-extension"
    schema = json.loads((schema_file / "notification.json").read_text(encoding="utf-8"))
    allowed = {choice["const"] for choice in schema["properties"]["fetchNews"]["oneOf"]}
    assert "false" in allowed and schema["properties"]["checkForUpdates"]["type"] == "boolean"
    # packaged with the code, so that present mode finds it when installed
    assert "lab_settings/*.json" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_make_lab_starts_jupyterlab_with_the_course_settings(tmp_path):
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    dry = subprocess.run(
        [make, "-n", "-W", "pyproject.toml", "lab"], cwd=ROOT, capture_output=True, text=True
    )
    assert dry.returncode == 0, dry.stderr
    command = dry.stdout.replace("\\\n", " ")
    assert "jupyter lab" in command and "lessons/00-start-here.ipynb" in command
    match = re.search(r"--LabApp\.app_settings_dir=(\S+)", command)
    assert match, command
    folder = Path(match.group(1))
    assert (folder / "overrides.json").resolve() == (
        COURSE_LAB_SETTINGS / "overrides.json"
    ).resolve()
    # what JupyterLab's server reads from that folder and serves to the page
    overrides, error = _get_overrides(str(folder))
    assert not error and overrides[PLUGIN]["fetchNews"] == "false"
    served, _ = get_settings(
        str(folder),
        str(Path(get_app_dir()) / "schemas"),
        str(tmp_path / "user-settings"),  # no user settings: the course's defaults apply
        schema_name=PLUGIN,
    )
    defaults = served["schema"]["properties"]
    assert defaults["fetchNews"]["default"] == "false"
    assert defaults["checkForUpdates"]["default"] is False


def test_present_mode_and_binder_use_the_same_file(tmp_path):
    assert lab_overrides()[PLUGIN] == course_lab_settings()[PLUGIN]
    plan = prepare("tariff_standoff", directory=tmp_path, open_browser=False)
    written = json.loads((tmp_path / ".present" / "app-settings" / "overrides.json").read_text())
    assert written[PLUGIN] == {"checkForUpdates": False, "fetchNews": "false"}
    assert any(arg.startswith("--LabApp.app_settings_dir=") for arg in plan.command)
    post_build = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "cp negotiation/lab_settings/overrides.json" in post_build
    assert "get_app_dir()" in post_build and '/settings"' in post_build
