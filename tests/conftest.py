"""Test configuration shared by the whole suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
)
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


# --- parallel runs: ``pytest -n N`` (pytest-xdist), as ``make test`` does -------------------

#: Test files whose tests share a fixture that takes a minute or more to build, by group.
#: Under pytest-xdist each group runs whole in one worker, so that its fixture is built
#: once, not once per worker; every other test goes, one by one, to whichever worker is
#: free. The groups go first, those with the most tests first. A new test file that uses
#: ``lab`` or ``browser`` joins the "jupyterlab" group, to share them.
SHARED_FIXTURE_GROUPS = {
    "tests/test_lessons.py": "lessons",  # executed: every lesson run in a kernel
    "tests/test_docs.py": "docs",  # built: the whole site, every lesson executed
    "tests/test_lessons_browser.py": "jupyterlab",  # lab, browser (below)
    "tests/test_binder.py": "binder",  # binder_env: a fresh venv installed from binder/
}


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """xdist's ``load`` distribution (the default with ``-n``), keeping the groups above whole.

    Not ``--dist loadgroup`` with ``xdist_group`` marks: with pytest 9.2 loadgroup
    silently stops grouping (pytest-xdist issue #1386), and every worker would build
    every fixture.
    """
    if config.getvalue("dist") != "load":
        return None  # a distribution asked for by name (loadfile, loadgroup...) is used as is
    from xdist.scheduler import LoadScopeScheduling

    class KeepSharedFixtureGroupsWhole(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return SHARED_FIXTURE_GROUPS.get(nodeid.split("::", 1)[0], nodeid)

    return KeepSharedFixtureGroupsWhole(config, log)


# --- browser tests: one JupyterLab and one headless Chromium for the whole session ---------
# Starting them takes seconds; each test opens its notebook in a page (and a workspace) of
# its own and stops its kernels, so sharing them costs no isolation. Requested only by
# browser tests, which check first that Chromium is installed (see test_lessons_browser.py).

LESSONS = Path(__file__).resolve().parent.parent / "lessons"


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """JupyterLab serving a copy of the lessons (``jupyterlab_harness.LabServer``)."""
    from jupyterlab_harness import jupyterlab

    notebooks = sorted(LESSONS.glob("[0-9][0-9]-*.ipynb"))
    with jupyterlab(notebooks, tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium driven by Playwright."""
    from jupyterlab_harness import launch_browser
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch_browser(pw)
        yield b
        b.close()
