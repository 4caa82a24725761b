"""Binder: the pinned environment agrees with pyproject.toml and runs the lessons.

Two kinds of check:

* fast: ``binder/requirements.txt`` pins every dependency of the package and of its
  ``lessons`` extra exactly once, with a version inside the range ``pyproject.toml``
  allows; ``runtime.txt`` and ``postBuild`` are what repo2docker expects;
* slow: a fresh virtual environment is built the way repo2docker builds the image
  (``pip install -r binder/requirements.txt``, then ``binder/postBuild`` from the
  repository root, on a copy of the repository), and the start-here notebook and one
  lesson are executed in it with nbclient. pip's own cache is used (repo2docker
  passes ``--no-cache-dir``; here a warm cache makes the test take a minute, not ten).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
LESSONS = ROOT / "lessons"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;#]+)$")


def read_pins() -> dict[str, Version]:
    """``{canonical name: version}`` from requirements.txt; every line must be ``name==version``."""
    pins: dict[str, Version] = {}
    for number, raw in enumerate(
        (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines(), 1
    ):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        assert match, f"requirements.txt line {number}: expected name==version, got {raw!r}"
        name = canonicalize_name(match.group("name"))
        assert name not in pins, f"requirements.txt line {number}: {name} is pinned twice"
        pins[name] = Version(match.group("version"))
    return pins


def declared_requirements() -> list[Requirement]:
    """The package's dependencies and those of the ``lessons`` extra, from pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    reqs += [Requirement(r) for r in project["optional-dependencies"]["lessons"]]
    own = canonicalize_name(project["name"])
    return [r for r in reqs if canonicalize_name(r.name) != own]


def test_every_declared_dependency_is_pinned_within_its_range() -> None:
    pins = read_pins()
    for req in declared_requirements():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req} (pyproject.toml) is not pinned in binder/requirements.txt"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"binder/requirements.txt pins {name}=={pins[name]}, outside pyproject's {req}"
        )


def test_the_package_itself_is_installed_by_postbuild_not_pinned() -> None:
    assert "negotiation-games" not in read_pins()
    script = (BINDER / "postBuild").read_text(encoding="utf-8")
    assert script.startswith("#!/bin/bash\n")
    assert "set -euo pipefail" in script
    assert re.search(r"pip install --no-deps (-e )?\.", script)
    assert os.access(BINDER / "postBuild", os.X_OK), "postBuild must be executable"


def test_runtime_is_the_python_the_project_supports() -> None:
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"python-3\.\d+", runtime), runtime
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    from packaging.specifiers import SpecifierSet

    assert SpecifierSet(project["requires-python"]).contains(runtime.removeprefix("python-"))


# --- the environment itself (slow) --------------------------------------------------------------


def _runtime_python() -> str | None:
    """A Python of the version runtime.txt names: this one, or python3.X on PATH."""
    wanted = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip().removeprefix("python-")
    if f"{sys.version_info.major}.{sys.version_info.minor}" == wanted:
        return sys.executable
    return shutil.which(f"python{wanted}")


def _copy_repository(target: Path) -> None:
    """The files a clone would have (tracked plus new, not ignored), as repo2docker copies them."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
        files = [f for f in listed.split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = [
            str(p.relative_to(ROOT))
            for p in ROOT.rglob("*")
            if p.is_file() and not {".git", ".venv", "docs"} & set(p.relative_to(ROOT).parts)
        ]
    for name in files:
        source = ROOT / name
        if not source.is_file():
            continue  # deleted in the work tree
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)


RUNNER = r"""
import json, sys, nbformat
from nbclient import NotebookClient

path, cwd = sys.argv[1], sys.argv[2]
nb = nbformat.read(path, as_version=4)
# a first cell reports which Python the kernel runs: it must be this environment's
nb.cells.insert(0, nbformat.v4.new_code_cell("import sys; print(sys.prefix)"))
NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=False).execute(cwd=cwd)
print(json.dumps({"prefix": nb.cells[0].outputs[0]["text"].strip(), "cells": len(nb.cells) - 1}))
"""


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """``(venv, repository copy)`` built the repo2docker way; the build log on failure."""
    python = _runtime_python()
    if python is None:
        pytest.skip("no Python of the version binder/runtime.txt names is installed here")
    base = tmp_path_factory.mktemp("binder")
    repo, venv = base / "repo", base / "venv"
    _copy_repository(repo)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(VIRTUAL_ENV=str(venv), PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}")
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    steps = [
        [python, "-m", "venv", str(venv)],
        [str(venv / "bin/python"), "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"],
        ["bash", "binder/postBuild"],
    ]
    for step in steps:
        done = subprocess.run(step, cwd=repo, env=env, capture_output=True, text=True, timeout=1500)
        assert done.returncode == 0, (
            f"{' '.join(step)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
        )
    return venv, repo


def _installed(venv: Path) -> dict[str, str]:
    out = subprocess.run(
        [str(venv / "bin/python"), "-m", "pip", "list", "--format=json", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {canonicalize_name(d["name"]): d["version"] for d in json.loads(out)}


@pytest.mark.slow
@pytest.mark.timeout(1800)  # a cold pip cache downloads about 110 packages
def test_binder_environment_is_complete_and_consistent(binder_env: tuple[Path, Path]) -> None:
    venv, _ = binder_env
    check = subprocess.run(
        [str(venv / "bin/python"), "-m", "pip", "check"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    pins = read_pins()
    tools = {"pip", "setuptools", "wheel"}
    unpinned = sorted(set(_installed(venv)) - set(pins) - tools)
    assert not unpinned, f"installed but not pinned (a pin is missing): {unpinned}"
    wrong = {
        name: (version, str(pins[name]))
        for name, version in _installed(venv).items()
        if name in pins and Version(version) != pins[name]
    }
    assert not wrong, f"installed versions differ from the pins: {wrong}"


def _run_lesson(binder_env: tuple[Path, Path], name: str) -> None:
    venv, repo = binder_env
    notebook = repo / "lessons" / name
    done = subprocess.run(
        [str(venv / "bin/python"), "-c", RUNNER, str(notebook), str(notebook.parent)],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    assert done.returncode == 0, f"{name} failed in the Binder environment:\n{done.stderr[-6000:]}"
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert Path(result["prefix"]).resolve() == venv.resolve(), (
        f"the kernel ran in {result['prefix']}, not in the Binder environment {venv}"
    )
    assert result["cells"] > 0


@pytest.mark.slow
@pytest.mark.timeout(1800)  # a cold pip cache downloads about 110 packages
def test_start_here_runs_in_the_binder_environment(binder_env: tuple[Path, Path]) -> None:
    _run_lesson(binder_env, "00-start-here.ipynb")


@pytest.mark.slow
@pytest.mark.timeout(1800)  # a cold pip cache downloads about 110 packages
def test_a_lesson_runs_in_the_binder_environment(binder_env: tuple[Path, Path]) -> None:
    lessons = sorted(p.name for p in LESSONS.glob("[0-9][0-9]-*.ipynb"))
    others = [name for name in lessons if not name.startswith("00-")]
    if not others:
        pytest.skip("no lesson besides 00-start-here exists yet: only start-here was run")
    _run_lesson(binder_env, others[0])
