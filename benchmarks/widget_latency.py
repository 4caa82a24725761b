"""Benchmark: how long an app takes to respond to a slider (issue 7).

For every control of every app in :data:`negotiation.widgets.APPS`, set the value
30 times across its range (evenly spaced, on the slider's step grid, starting from
the defaults) and time each update from setting ``control.value`` to every output
refreshed: the model's analysis, the text, the table HTML and each figure
re-rendered to PNG bytes and handed to its ``ipywidgets.Image``. Updates are
synchronous, so the time around the assignment is the whole update.

Targets on the project's 2-core machine: for every control, **median <= 25 ms and
p95 <= 40 ms**. The script prints one row per app and control (median, p95, max,
and updates that ended in an error shown in the app), then a summary per app and
PASS or FAIL; it exits with status 1 on FAIL.

``--rendering`` also measures the ways of getting a figure into a notebook that
were considered (on the 2x2 best-response diagram): a new figure per update shown
in an ``ipywidgets.Output`` through IPython's inline backend, updating the artists
of one figure and saving it with ``savefig``, and the apps' way (update artists,
redraw only them over a cached background, fast PNG).

Run: ``.venv/bin/python benchmarks/widget_latency.py [--apps a,b] [--rendering]``
(about a minute).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

MEDIAN_TARGET = 0.025
P95_TARGET = 0.040
MOVES = 30


def positions(control: Any, count: int = MOVES) -> list[Any]:
    """``count`` moves across the control's range on its step grid, each to a new value.

    Evenly spaced from the minimum to the maximum when the slider has enough
    positions; otherwise up and down across all of them (a slider set to its current
    value does nothing, so every move is a real change).
    """
    lo, hi, step = control.min, control.max, control.step
    n = round((hi - lo) / step)
    grid = [lo + k * step for k in range(n + 1)]
    if n + 1 > count:
        picks = [grid[round(k * n / (count - 1))] for k in range(count)]
    else:
        sweep = list(range(n + 1)) + list(range(n - 1, 0, -1))
        picks = [grid[sweep[k % len(sweep)]] for k in range(count)]
    out = [int(v) if isinstance(lo, int) else float(v) for v in picks]
    if out[0] == control.value:  # the first move must change something too
        out[0] = out[1] if len(out) > 1 and out[1] != control.value else grid[-1]
    return out


def time_control(app: Any, name: str) -> tuple[list[float], list[float], list[float], int]:
    """Latencies (seconds) of 30 moves of one control, the model's share, CPU time, errors.

    The CPU time (of this process, all threads) is what an update costs whatever
    else the machine is doing; the latency is what a student waits.

    The app's memory of analyses is cleared before each move, so every move pays
    for a fresh analysis (a student revisiting a position would not).
    """
    control = app.controls[name]
    times, analysis, cpu, errors = [], [], [], 0
    spent: list[float] = []
    original = app.analyse

    def timed(values: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(values)
        finally:
            spent.append(time.perf_counter() - start)

    app.analyse = timed
    try:
        for value in positions(control):
            app._cache.clear()
            spent.clear()
            start, start_cpu = time.perf_counter(), time.process_time()
            control.value = value
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            analysis.append(sum(spent))
            errors += bool(app.error)
    finally:
        del app.analyse
    return times, analysis, cpu, errors


def summary(times: list[float]) -> tuple[float, float, float]:
    arr = np.array(times)
    return float(np.median(arr)), float(np.percentile(arr, 95)), float(arr.max())


def run_apps(names: list[str]) -> bool:
    from negotiation.widgets import APPS

    ok = True
    print(f"load average (1 min) at the start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(
        f"{'app':18s} {'control':26s} {'median':>7s} {'p95':>7s} {'max':>7s} {'model':>7s} "
        f"{'cpu':>7s}  errors   (ms; model: median time in the model's analyse; "
        "cpu: median CPU time)"
    )
    worst: dict[str, tuple[float, float, float]] = {}
    for name in names:
        start = time.perf_counter()
        app = APPS[name]()
        built = time.perf_counter() - start
        for control in app.controls:
            app.reset()
            times, analysis, cpu, errors = time_control(app, control)
            med, p95, top = summary(times)
            model = float(np.median(analysis))
            cpu_med = float(np.median(cpu))
            flag = "" if med <= MEDIAN_TARGET and p95 <= P95_TARGET else "  <-- over target"
            ok &= not flag
            print(
                f"{name:18s} {control:26s} {1e3 * med:7.1f} {1e3 * p95:7.1f} {1e3 * top:7.1f}"
                f" {1e3 * model:7.1f} {1e3 * cpu_med:7.1f}  {errors:3d}{flag}"
            )
            w = worst.get(name, (0.0, 0.0, 0.0, built))
            worst[name] = (max(w[0], med), max(w[1], p95), max(w[2], model), built)
    print()
    print(
        f"{'app':18s} {'worst median':>13s} {'worst p95':>10s} {'model median':>13s} {'start-up':>9s}"
    )
    for name, (med, p95, model, built) in worst.items():
        print(
            f"{name:18s} {1e3 * med:10.1f} ms {1e3 * p95:7.1f} ms {1e3 * model:10.1f} ms "
            f"{built:7.2f} s"
        )
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.2f}")
    print()
    print(
        f"{'PASS' if ok else 'FAIL'}: every control median <= {1e3 * MEDIAN_TARGET:.0f} ms "
        f"and p95 <= {1e3 * P95_TARGET:.0f} ms"
    )
    return ok


def run_rendering() -> None:
    """The three ways of showing a live figure, on the 2x2 best-response diagram."""
    import ipywidgets as w

    from negotiation import solve
    from negotiation.models import MODELS
    from negotiation.plots import draw_best_responses, plot_best_responses
    from negotiation.widgets._render import LiveFigure

    model = MODELS["tariff_standoff"]
    games = [model.at(tariff=t) for t in range(10, 51)]
    solutions = [solve(g) for g in games]

    def measure(label: str, step: Callable[[int], Any]) -> None:
        step(0)
        times = []
        for k in range(MOVES):
            start = time.perf_counter()
            step(k % len(games))
            times.append(time.perf_counter() - start)
        med, p95, top = summary(times)
        print(f"{label:58s} {1e3 * med:7.1f} {1e3 * p95:7.1f} {1e3 * top:7.1f}")

    print(
        f"{'rendering (best-response diagram, per update)':58s} {'median':>7s} {'p95':>7s} {'max':>7s}"
    )
    image = w.Image(format="png")

    def inline(k: int) -> None:
        from IPython.core.pylabtools import print_figure

        fig = plot_best_responses(games[k], solutions[k])
        # what display(fig) in an Output widget does with the inline backend
        image.value = print_figure(fig, "png", bbox_inches="tight")

    measure("new figure + inline backend PNG (as display(fig) in Output)", inline)
    artists = draw_best_responses(games[0], solutions[0])

    def savefig(k: int) -> None:
        artists.update(games[k], solutions[k])
        buffer = io.BytesIO()
        artists.figure.savefig(buffer, format="png")
        image.value = buffer.getvalue()

    measure("update artists + savefig PNG (Image widget)", savefig)
    live = LiveFigure(draw_best_responses(games[0], solutions[0]))

    def blit(k: int) -> None:
        live.artists.update(games[k], solutions[k])
        image.value = live.render()

    measure("update artists + blit + fast PNG (Image widget; the apps)", blit)


def main(argv: list[str] | None = None) -> int:
    from negotiation.widgets import APPS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", default=",".join(APPS), help="comma-separated app names")
    parser.add_argument("--rendering", action="store_true", help="compare ways of rendering")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.apps.split(",") if n.strip()]
    unknown = [n for n in names if n not in APPS]
    if unknown:
        parser.error(f"unknown app(s) {unknown}; apps are {list(APPS)}")
    if args.rendering:
        run_rendering()
        print()
    return 0 if run_apps(names) else 1


if __name__ == "__main__":
    sys.exit(main())
