"""The tariff standoff app: the payoff table, the best-response diagram, and where it flips.

Lesson 1's idea is that the *class* of the standoff (Prisoner's Dilemma, Chicken,
Deadlock...) and its equilibrium change with the payoffs. Besides the table and
the diagram, the app shows, along the slider moved last, the exact values at
which the equilibrium flips (:func:`negotiation.symbolic.regimes`) as a coloured
strip with the current value marked. Those thresholds are exact (sympy) and take
tens of milliseconds, so they are computed once the sliders rest and remembered
per slider and position of the other sliders; the update itself never waits.

Below, an equilibrium map (:func:`negotiation.symbolic.equilibrium_map`) over two
sliders chosen in two menus (the tariff and the value of Japan's package at first)
shows every region of the plane at once, with the current point on it. Moving one
of those two sliders moves the point; moving another slider changes the regions,
which are redrawn once the sliders rest.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..core._numbers import Number
from ..models import Analysis
from ..plots import draw_equilibrium_map
from ..symbolic import EquilibriumMap, Regimes, equilibrium_map, regimes
from ._base import FigureView, control_label, value_text
from ._normal_form import NormalFormApp

__all__ = ["TariffStandoffApp", "regime_strip_html"]

_STRIP_COLOURS = ("#CDE6F7", "#F8DDA8", "#BFE6D6", "#F9F3B0", "#EFCFE2", "#B9D3EA", "#F4C3A4")
_CACHE = 256


def _equilibria(structure: Any) -> str:
    if structure is None:
        return "not solved exactly"
    return str(structure.equilibria_text())


def _short(structure: Any) -> str:
    """The equilibria in a few words, for a narrow strip: ``(Hold, Accommodate)``, ``mixed``."""
    if structure is None:
        return "?"
    cells = [f"({a}, {b})" for a, b in structure.pure_labels]
    if structure.mixed:
        cells.append("mixed")
    return " + ".join(cells) if cells else "none pure"


def regime_strip_html(result: Regimes, current: Number) -> str:
    """A horizontal strip of a parameter's range coloured by equilibrium, the current value marked.

    Examples
    --------
    >>> from negotiation.models import MODELS
    >>> from negotiation.symbolic import regimes
    >>> model = MODELS["tariff_standoff"]
    >>> r = regimes(model.build(), "concession_value", {
    ...     k: v for k, v in model.defaults.items() if k != "concession_value"})
    >>> page = regime_strip_html(r, 5)
    >>> page.count("ng-regime"), "8.288" in page
    (2, True)
    """
    p = result.parameter
    low, high = float(p.low), float(p.high)
    span = high - low
    # merge neighbouring regimes with the same equilibria (only the class differs)
    pieces: list[list[Any]] = []
    for r in result.regimes:
        key = (r.structure.pure, r.structure.mixed)
        if pieces and pieces[-1][2] == key:
            pieces[-1][1] = float(r.high)
            pieces[-1][3].append(r.structure.class_name or "")
        else:
            pieces.append([float(r.low), float(r.high), key, [r.structure.class_name or ""], r])
    colours: dict[Any, str] = {}
    cells = []
    for lo, hi, key, classes, regime in pieces:
        colour = colours.setdefault(key, _STRIP_COLOURS[len(colours) % len(_STRIP_COLOURS)])
        width = 100 * (hi - lo) / span
        label = html.escape(_short(regime.structure))
        kinds = html.escape(
            _equilibria(regime.structure)
            + ": "
            + " / ".join(dict.fromkeys(c for c in classes if c))
        )
        cells.append(
            f"<div class='ng-regime' title='{kinds}' style='width:{width:.3f}%;background:{colour};"
            f"overflow:hidden;white-space:nowrap;text-overflow:ellipsis;padding:4px 4px;"
            f"font-size:13px;border-right:2px solid #222;box-sizing:border-box'>{label}</div>"
        )
    where = 100 * (float(current) - low) / span
    marker = (
        f"<div style='position:absolute;left:calc({where:.3f}% - 9px);top:-14px;font-size:18px;"
        f"line-height:1'>▼</div>"
    )
    ticks = "".join(
        f"<div style='position:absolute;left:{100 * (float(b) - low) / span:.3f}%;"
        f"transform:translateX(-50%);font-size:12px;color:#333'>"
        f"{html.escape(value_text(p, float(b)))}</div>"
        for b in _changes(result)
    )
    return (
        "<div style='position:relative;margin:18px 0 4px 0;max-width:620px'>"
        f"{marker}<div style='display:flex;border:1px solid #444;border-radius:3px'>"
        + "".join(cells)
        + f"</div><div style='position:relative;height:18px'>{ticks}</div></div>"
    )


def _changes(result: Regimes) -> list[Any]:
    """Thresholds where the equilibria (not just the class) change."""
    out = []
    for t in result.thresholds:
        left, right = t.left, t.right
        if left is None or right is None or (left.pure, left.mixed) != (right.pure, right.mixed):
            out.append(t.value)
    return out


class TariffStandoffApp(NormalFormApp):
    """Lesson 1: hold or cut, retaliate or accommodate; the class of the game and where it flips."""

    model_name = "tariff_standoff"
    primary_parameters = (
        "tariff",
        "concession_value",
        "war_cost_us",
        "retaliation_value",
        "war_cost_partner",
    )
    payoff_units = ("$bn", "% of GDP")
    #: The two sliders of the equilibrium map at first (across, up) and its grid size.
    map_axes = ("tariff", "concession_value")
    map_resolution = 121

    def _build_outputs(self) -> list[Any]:
        outputs = super()._build_outputs()
        self.flips = w.HTML("", layout=w.Layout(width="100%"))
        self.flips.add_class("ng-flips")
        self._regimes: OrderedDict[tuple[Any, ...], Regimes] = OrderedDict()
        self._focus = self.primary[0]
        return [*outputs, self.flips, self._build_map()]

    # --- the equilibrium map ----------------------------------------------------------
    def _build_map(self) -> Any:
        options = [
            (control_label(p, self.partner).rsplit(" (", 1)[0], p.name)
            for p in self.model.parameters
        ]
        across, up = self.map_axes
        self.map_x = w.Dropdown(options=options, value=across, description="Across")
        self.map_y = w.Dropdown(options=options, value=up, description="Up")
        for menu in (self.map_x, self.map_y):
            menu.layout = w.Layout(width="360px", max_width="100%")
            menu.observe(self._on_map_axes, names="value")
        self.map_status = w.HTML("")
        self.map_status.add_class("ng-map-status")
        self.map_result: EquilibriumMap = self._compute_map(across, up)
        self.figures["equilibrium_map"] = FigureView(
            draw_equilibrium_map(self.map_result, current=self._map_point(across, up)),
            max_width="720px",
        )
        self.map_box = w.VBox(
            [
                w.HTML(
                    "<div class='ng-details'><b>The map.</b> Which equilibrium, for every "
                    "pair of values of two sliders (the others as they are now).</div>"
                ),
                w.HBox([self.map_x, self.map_y], layout=w.Layout(flex_flow="row wrap")),
                self.map_status,
                self.figures["equilibrium_map"].widget,
            ],
            layout=w.Layout(width="100%"),
        )
        return self.map_box

    def _map_point(self, x: str, y: str) -> tuple[float, float]:
        return float(self.values[x]), float(self.values[y])

    def _map_fixed(self, x: str, y: str) -> dict[str, Number]:
        return {k: v for k, v in self.values.items() if k not in (x, y)}

    def _compute_map(self, x: str, y: str) -> EquilibriumMap:
        return equilibrium_map(
            self.model.build(),
            x,
            y,
            resolution=self.map_resolution,
            fixed=self._map_fixed(x, y),
        )

    @property
    def map_is_current(self) -> bool:
        """Whether the map's regions are for the current values of the other sliders."""
        r = self.map_result
        return dict(r.fixed) == self._map_fixed(r.x.name, r.y.name)

    def _show_map_point(self) -> None:
        view = self.figures["equilibrium_map"]
        x, y = self.map_result.x.name, self.map_result.y.name
        if not self.map_is_current:
            self.map_status.value = (
                "<div class='ng-details' style='color:#666'>Another slider moved: the map is "
                "being redrawn for its new value…</div>"
            )
            return
        self.map_status.value = ""
        point = self._map_point(x, y)
        view.update((id(self.map_result), point), current=point)

    def _redraw_map(self, x: str, y: str) -> None:
        """Compute the map for the current values and show it (a new figure if the axes change)."""
        result = self._compute_map(x, y)
        old = self.figures["equilibrium_map"]
        self.map_result = result
        point = self._map_point(x, y)
        if (old.artists.result.x.name, old.artists.result.y.name) == (x, y):
            old.live.invalidate(relayout=True)  # the legend may have gained entries
            old.update((id(result), point), result, point)
        else:
            import matplotlib.pyplot as plt

            plt.close(old.figure)
            view = FigureView(draw_equilibrium_map(result, current=point), max_width="720px")
            self.figures["equilibrium_map"] = view
            self.map_box.children = (*self.map_box.children[:-1], view.widget)
            view.update((id(result), point), current=point)
        self.map_status.value = ""

    def _on_map_axes(self, change: Any) -> None:
        x, y = self.map_x.value, self.map_y.value
        if x == y:
            self.map_status.value = (
                "<div class='ng-details' style='color:#B00020'>Choose two different sliders "
                "for the map.</div>"
            )
            return
        try:
            self._redraw_map(x, y)
        except Exception as exc:  # shown in the app, never raised into the notebook
            self._show_error(exc)

    def _key(self, name: str) -> tuple[Any, ...]:
        return (name, tuple(sorted((k, v) for k, v in self.values.items() if k != name)))

    def thresholds(self, name: str | None = None) -> Regimes:
        """The regimes along one parameter at the other current values (exact, remembered)."""
        name = name or self._focus
        self.model.parameter(name)  # a ValueError naming the parameters if unknown
        key = self._key(name)
        hit = self._regimes.get(key)
        if hit is None:
            fixed = {k: v for k, v in self.values.items() if k != name}
            hit = regimes(self.model.build(), name, fixed)
            self._regimes[key] = hit
            if len(self._regimes) > _CACHE:
                self._regimes.popitem(last=False)
        return hit

    def _refresh(self, analysis: Analysis) -> None:
        super()._refresh(analysis)
        self._show_flips()
        self._show_map_point()

    def _show_flips(self) -> None:
        name = self._focus
        result = self._regimes.get(self._key(name))
        p = self.model.parameter(name)
        label = html.escape(control_label(p, self.partner).rsplit(" (", 1)[0])
        if result is None:
            self.flips.value = (
                f"<div class='ng-details' style='color:#666'>Where the equilibrium flips along "
                f"“{label}”: working it out…</div>"
            )
            return
        current = self.values[name]
        changes = _changes(result)
        if not changes:
            words = (
                f"Along “{label}” (other sliders fixed) the equilibrium never changes: "
                f"{html.escape(_equilibria(result.structure_at(current)))}."
            )
        else:
            above = [
                t for t in result.thresholds if t.value in changes and float(t.value) > current
            ]
            below = [
                t for t in result.thresholds if t.value in changes and float(t.value) < current
            ]
            at = [t for t in result.thresholds if t.value in changes and float(t.value) == current]
            parts = [
                f"Along “{label}” (other sliders fixed) the equilibrium changes at "
                + ", ".join(html.escape(value_text(p, float(v))) for v in changes)
                + "."
            ]
            if at:
                parts.append(
                    f"You are exactly on a threshold: {html.escape(_equilibria(at[0].structure))}."
                )
            if above:
                t = above[0]
                parts.append(
                    f"Raise it past {html.escape(value_text(p, float(t.value)))} and: "
                    f"{html.escape(_equilibria(t.right))}."
                )
            if below:
                t = below[-1]
                parts.append(
                    f"Lower it below {html.escape(value_text(p, float(t.value)))} and: "
                    f"{html.escape(_equilibria(t.left))}."
                )
            words = " ".join(parts)
        self.flips.value = (
            f"<div class='ng-details'><b>Where it flips.</b> {words}</div>"
            + regime_strip_html(result, current)
        )

    def update(self) -> None:
        if self._moved is not None:
            self._focus = self._moved
        super().update()

    def _idle_work(self) -> list[Callable[[], None]]:
        jobs: list[Callable[[], None]] = []
        if self._key(self._focus) not in self._regimes:

            def flips() -> None:
                self.thresholds(self._focus)
                self._show_flips()

            jobs.append(flips)
        if not self.map_is_current:

            def redraw() -> None:
                self._redraw_map(self.map_result.x.name, self.map_result.y.name)

            jobs.append(redraw)
        return jobs
