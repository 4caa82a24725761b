"""Every lesson in a real JupyterLab, in headless Chromium, driven with the keyboard.

Starts JupyterLab on a free loopback port with a random token, opens each lesson,
runs all cells from the Run menu, checks that no cell shows an error, moves a slider
with the keyboard, waits for the equilibrium text to change (and prints how long that
took), and saves a screenshot to ``artifacts/screenshots/``. Uses Debian's Chromium
(``/usr/bin/chromium``): with ``CI=true`` a missing browser fails the run; elsewhere
these tests are skipped with a message.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from jupyterlab_harness import PANEL, browser_available, error_outputs, run_all_cells

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]-*.ipynb"))
SHOTS = ROOT / "artifacts" / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not browser_available():
    if os.environ.get("CI", "").lower() == "true":
        raise RuntimeError(
            "CI=true but Chromium is missing at /usr/bin/chromium: .ci/run must install it (apt-get install chromium)"
        )
    pytest.skip(
        "headless Chromium not found at /usr/bin/chromium (apt-get install chromium); browser tests skipped",
        allow_module_level=True,
    )


# The fixtures ``lab`` (JupyterLab on a copy of the lessons) and ``browser`` (headless
# Chromium) are in tests/conftest.py: one of each for all the browser tests of a run.


KEY_LATENCIES: dict[str, float] = {}


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_runs_in_jupyterlab_and_its_slider_moves_the_equilibrium(lab, browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    messages: list[str] = []
    page.on("pageerror", lambda exc: messages.append(str(exc)))
    try:
        page.goto(lab.notebook_url(path.name))
        run_all_cells(page)
        errors = error_outputs(page)
        assert errors == [], f"{path.name}: cells show errors:\n" + "\n---\n".join(errors)

        panel = page.locator(PANEL)
        text = panel.locator(".ng-equilibrium-text").first
        text.wait_for(state="visible", timeout=60_000)
        # Displaying the app sends the sliders' values to the browser and back: that echo
        # is not a move, so "What changed" must not report one nobody made.
        first_change = panel.locator(".ng-change").first.inner_text()
        assert "stays at" not in first_change, f"{path.name}: {first_change}"
        slider = panel.locator(".widget-slider .noUi-handle").first
        slider.scroll_into_view_if_needed()
        before = text.inner_text()
        changed_after = None
        for key in ("End", "Home"):
            slider.focus()
            start = time.perf_counter()
            page.keyboard.press(key)
            try:
                page.wait_for_function(
                    "([el, old]) => el.innerText !== old",
                    arg=[text.element_handle(), before],
                    timeout=10_000,
                )
            except Exception:
                continue
            changed_after = time.perf_counter() - start
            break
        assert changed_after is not None, (
            f"{path.name}: moving the slider did not change the equilibrium text"
        )
        KEY_LATENCIES[path.stem] = changed_after
        print(f"\n{path.stem}: key press -> new equilibrium text in {changed_after * 1e3:.0f} ms")
        assert all(not e.inner_text().strip() for e in panel.locator(".ng-error").all()), (
            f"{path.name}: the app shows an error"
        )
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{path.stem}.png"), full_page=False)
        maps = panel.locator(".ng-map-status")
        if maps.count():  # the standoff's equilibrium map, for a look
            image = maps.first.locator("xpath=following-sibling::*[1]")
            image.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / f"{path.stem}-map.png"), full_page=False)
        assert not [m for m in messages if "Error" in m], messages
    finally:
        page.close()
        lab.shutdown_kernels()


def test_print_key_latencies():
    """A summary line for the report (runs after the lessons)."""
    if KEY_LATENCIES:
        worst = max(KEY_LATENCIES.values())
        print(
            f"\nkey press -> changed text: worst {worst * 1e3:.0f} ms over {len(KEY_LATENCIES)} lessons"
        )
