"""Test configuration shared by the whole suite."""

from __future__ import annotations

import os
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

#: Test files whose tests share a module-scoped fixture that takes a minute or more to
#: build. Under pytest-xdist each of these files runs whole in one worker, so that its
#: fixture is built once, not once per worker; every other test goes, one by one, to
#: whichever worker is free. The files go first, those with the most tests first.
SHARED_FIXTURE_FILES = {
    "tests/test_lessons.py",  # executed: every lesson run in a kernel
    "tests/test_docs.py",  # built: the whole site, every lesson executed
    "tests/test_lessons_browser.py",  # lab, browser: JupyterLab and headless Chromium
    "tests/test_binder.py",  # binder_env: a fresh venv installed from binder/
}


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """xdist's ``load`` distribution (the default with ``-n``), keeping the files above whole.

    Not ``--dist loadgroup`` with ``xdist_group`` marks: with pytest 9.2 loadgroup
    silently stops grouping (pytest-xdist issue #1386), and every worker would build
    every fixture.
    """
    if config.getvalue("dist") != "load":
        return None  # a distribution asked for by name (loadfile, loadgroup...) is used as is
    from xdist.scheduler import LoadScopeScheduling

    class KeepSharedFixtureFilesWhole(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path in SHARED_FIXTURE_FILES else nodeid

    return KeepSharedFixtureFilesWhole(config, log)
