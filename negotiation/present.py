"""Present mode: one model's app on a projector, in large type, with one command.

``negotiation present tariff_standoff --scenario april-2025`` writes, into a fresh
folder, a one-cell notebook that shows ``negotiation.widgets.APPS[model]()`` (set to
the scenario's values, if one is given), and JupyterLab settings for a projector:
large fonts and the single-document ("simple") interface with no file browser open.
It then starts JupyterLab on that folder and opens the notebook; press Shift+Enter
(or *Run → Run All Cells*) to start the app.

Nothing of the teacher's own JupyterLab set-up is read or changed: the settings and
workspaces of the session live in the same temporary folder. With ``--dry-run`` the
command only writes the folder and prints what it would run.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     plan = prepare("tariff_standoff", scenario="april-2025", port=9000, directory=folder)
...     print(plan.notebook.name, plan.url_path)
...     print("--ServerApp.port=9000" in plan.command)
present-tariff_standoff.ipynb /doc/tree/present-tariff_standoff.ipynb
True
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_FONT_SIZE",
    "PresentPlan",
    "configure_parser",
    "lab_overrides",
    "prepare",
    "present_notebook",
    "run",
]

DEFAULT_FONT_SIZE = 22
"""Font size (pixels) of notebook text and code in present mode; the menus get 4 less."""


@dataclass(frozen=True)
class PresentPlan:
    """What ``negotiation present`` writes and runs.

    Attributes
    ----------
    directory : Path
        The folder JupyterLab serves: the notebook, its settings and workspaces.
    notebook : Path
        The one-cell notebook that shows the app.
    command : list of str
        The JupyterLab command line.
    url_path : str
        The page JupyterLab opens: the notebook in the single-document interface.
    """

    directory: Path
    notebook: Path
    command: list[str]
    url_path: str

    def describe(self) -> str:
        """What will happen, in a few lines (printed by ``--dry-run``)."""
        return "\n".join(
            [
                f"folder:   {self.directory}",
                f"notebook: {self.notebook.name}",
                f"opens:    {self.url_path}",
                f"command:  {shlex.join(self.command)}",
            ]
        )


def _source(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    return lines


def present_notebook(model: str, scenario: str | None = None) -> dict[str, Any]:
    """The notebook (nbformat 4 as a dictionary) that shows one model's app.

    Parameters
    ----------
    model : str
        A model name (a key of ``negotiation.models.MODELS``).
    scenario : str, optional
        A bundled scenario's name or the path of a scenario file; its values are
        set on the app's sliders.

    Examples
    --------
    >>> nb = present_notebook("currency_claims")
    >>> nb["nbformat"], len(nb["cells"])
    (4, 2)
    >>> print("".join(nb["cells"][1]["source"]))
    from negotiation.widgets import APPS
    <BLANKLINE>
    app = APPS["currency_claims"]()
    app
    >>> present_notebook("treasury_signal")
    Traceback (most recent call last):
    ...
    ValueError: model 'treasury_signal' has no app yet; models with an app are tariff_standoff, tariff_ladder, currency_claims, treasury_leverage, deal_bargaining, issue_linkage, deal_compliance
    """
    from .models import MODELS, get_model

    found = get_model(model)
    if not found.has_app:
        with_app = ", ".join(name for name, m in MODELS.items() if m.has_app)
        raise ValueError(f"model {model!r} has no app yet; models with an app are {with_app}")
    heading = f"# {found.title}\n\n{found.summary}"
    code = f"from negotiation.widgets import APPS\n\napp = APPS[{json.dumps(model)}]()\n"
    if scenario is not None:
        heading += f"\n\nScenario: `{scenario}`."
        code += (
            "\nfrom negotiation import scenarios\n\n"
            f"for name, value in scenarios.load({json.dumps(scenario)}).values({json.dumps(model)}).items():\n"
            "    app.controls[name].value = float(value)\n"
        )
    code += "app"
    heading += (
        "\n\n*Press Shift+Enter in the cell below (or Run → Run All Cells) to start the app.*"
    )
    return {
        "cells": [
            {"cell_type": "markdown", "id": "title", "metadata": {}, "source": _source(heading)},
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "app",
                "metadata": {"jupyter": {"source_hidden": True}, "tags": ["present"]},
                "outputs": [],
                "source": _source(code),
            },
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def lab_overrides(font_size: int = DEFAULT_FONT_SIZE) -> dict[str, dict[str, Any]]:
    """JupyterLab settings for a projector, as ``overrides.json`` holds them.

    Keys are JupyterLab plugin ids; the values follow each plugin's settings schema:
    larger fonts (``themes``), the single-document interface (``shell``), and no
    news or update pop-ups in front of the class (``notification``).

    Examples
    --------
    >>> lab_overrides(24)["@jupyterlab/apputils-extension:themes"]["overrides"]["code-font-size"]
    '24px'
    """
    if isinstance(font_size, bool) or not isinstance(font_size, int) or not 8 <= font_size <= 64:
        raise ValueError(
            f"font size must be a whole number of pixels from 8 to 64, got {font_size!r}"
        )
    return {
        "@jupyterlab/apputils-extension:themes": {
            "overrides": {
                "code-font-size": f"{font_size}px",
                "content-font-size1": f"{font_size}px",
                "ui-font-size1": f"{max(font_size - 4, 8)}px",
            }
        },
        "@jupyterlab/application-extension:shell": {"startMode": "single"},
        **course_lab_settings(),
    }


#: The course's JupyterLab settings, read by ``make lab`` (``--LabApp.app_settings_dir``),
#: by present mode and by Binder (``binder/postBuild`` copies the file into the image).
COURSE_LAB_SETTINGS = Path(__file__).parent / "lab_settings"


def course_lab_settings() -> dict[str, dict[str, Any]]:
    """The course's JupyterLab ``overrides.json``: no news or update pop-ups over the apps.

    JupyterLab 4 asks whether to fetch Jupyter news and shows a toast with it; on a
    projector that covers the app. ``@jupyterlab/apputils-extension:notification``
    with ``fetchNews: "false"`` (a string in its schema) and ``checkForUpdates: false``
    turns both off.

    Examples
    --------
    >>> course_lab_settings()["@jupyterlab/apputils-extension:notification"]["fetchNews"]
    'false'
    """
    text = (COURSE_LAB_SETTINGS / "overrides.json").read_text(encoding="utf-8")
    settings: dict[str, dict[str, Any]] = json.loads(text)
    return settings


def prepare(
    model: str,
    *,
    scenario: str | None = None,
    port: int | None = None,
    font_size: int = DEFAULT_FONT_SIZE,
    directory: str | Path | None = None,
    open_browser: bool = True,
) -> PresentPlan:
    """Write the notebook and settings for present mode and return the command to run.

    Parameters
    ----------
    model : str
        A model name; ``ValueError`` listing the models otherwise.
    scenario : str, optional
        A bundled scenario or a scenario file; it must give values for ``model``.
    port : int, optional
        The port to serve on (default: JupyterLab's choice, usually 8888).
    font_size : int
        Notebook font size in pixels.
    directory : path, optional
        Where to write (default: a new temporary folder).
    open_browser : bool
        Whether JupyterLab opens a browser (off on a remote server).
    """
    from . import scenarios
    from .models import get_model

    if not get_model(model).has_app:
        present_notebook(model)  # the ValueError naming the models with an app
    if scenario is not None:
        loaded = scenarios.load(scenario)
        if not loaded.covers(model):
            raise ValueError(
                f"scenario {loaded.name!r} has no values for model {model!r}; "
                f"it covers {', '.join(loaded.models)}"
            )
        if Path(scenario).suffix == ".toml":  # a file: the notebook runs in another folder
            scenario = str(Path(scenario).resolve())
    if port is not None and (isinstance(port, bool) or not 1 <= port <= 65535):
        raise ValueError(f"port must be from 1 to 65535, got {port!r}")
    overrides = lab_overrides(font_size)
    folder = (
        Path(directory)
        if directory is not None
        else Path(tempfile.mkdtemp(prefix="negotiation-present-"))
    )
    folder.mkdir(parents=True, exist_ok=True)
    notebook = folder / f"present-{model}.ipynb"
    notebook.write_text(
        json.dumps(present_notebook(model, scenario), indent=1) + "\n", encoding="utf-8"
    )
    settings = folder / ".present" / "app-settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(
        json.dumps(overrides, indent=2) + "\n", encoding="utf-8"
    )
    for sub in ("user-settings", "workspaces"):
        (folder / ".present" / sub).mkdir(parents=True, exist_ok=True)
    url_path = f"/doc/tree/{notebook.name}"
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={folder}",
        f"--LabApp.default_url={url_path}",
        f"--LabApp.app_settings_dir={settings}",
        f"--LabApp.user_settings_dir={folder / '.present' / 'user-settings'}",
        f"--LabApp.workspaces_dir={folder / '.present' / 'workspaces'}",
        f"--ServerApp.open_browser={open_browser}",
    ]
    if port is not None:
        command += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Jupyter refuses to run as root unless told; a container or a CI machine runs so.
        command.append("--ServerApp.allow_root=True")
    return PresentPlan(folder, notebook, command, url_path)


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``negotiation present`` to its (sub)parser."""
    parser.add_argument(
        "model", metavar="MODEL", help="the model whose app to show (see 'negotiation models')"
    )
    parser.add_argument(
        "--scenario", metavar="NAME|FILE", help="set the sliders to a scenario's values"
    )
    parser.add_argument(
        "--port",
        type=int,
        metavar="N",
        help="serve on this port (default: 8888 or the next free one)",
    )
    parser.add_argument(
        "--font-size", type=int, default=DEFAULT_FONT_SIZE, metavar="PX",
        help=f"notebook font size in pixels (default {DEFAULT_FONT_SIZE})",
    )  # fmt: skip
    parser.add_argument(
        "--dir", metavar="DIR", help="write the notebook here (default: a new temporary folder)"
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="do not open a browser (on a remote server)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="write the files, print the command, do not start"
    )


def run(args: argparse.Namespace) -> int:
    """Carry out ``negotiation present`` for parsed arguments; return the exit status.

    Mistakes (an unknown model or scenario, a bad port) raise ``ValueError``.
    """
    plan = prepare(
        args.model,
        scenario=args.scenario,
        port=args.port,
        font_size=args.font_size,
        directory=args.dir,
        open_browser=not args.no_browser,
    )
    print(plan.describe())
    if args.dry_run:
        return 0
    if importlib.util.find_spec("jupyterlab") is None:
        raise ValueError(
            "JupyterLab is not installed here: install the lesson extras "
            "(pip install 'negotiation-games[lessons]', or make lab)"
        )
    print("Starting JupyterLab; stop it with Ctrl+C.", flush=True)
    try:
        return subprocess.call(plan.command)
    except KeyboardInterrupt:
        return 0
