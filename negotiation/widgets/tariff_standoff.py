"""The tariff standoff app: the payoff table, the best-response diagram, and where it flips.

Lesson 1's idea is that the *class* of the standoff (Prisoner's Dilemma, Chicken,
Deadlock...) and its equilibrium change with the payoffs. Besides the table and
the diagram, the app shows, along the slider moved last, the exact values at
which the equilibrium flips (:func:`negotiation.symbolic.regimes`) as a coloured
strip with the current value marked. Those thresholds are exact (sympy) and take
tens of milliseconds, so they are computed once the sliders rest and remembered
per slider and position of the other sliders; the update itself never waits.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from .._numbers import Number
from ..models import Analysis
from ..symbolic import Regimes, regimes
from ._base import control_label, value_text
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
        "war_cost_japan",
    )
    payoff_units = ("$bn", "% of GDP")

    def _build_outputs(self) -> list[Any]:
        outputs = super()._build_outputs()
        self.flips = w.HTML("", layout=w.Layout(width="100%"))
        self.flips.add_class("ng-flips")
        self._regimes: OrderedDict[tuple[Any, ...], Regimes] = OrderedDict()
        self._focus = self.primary[0]
        return [*outputs, self.flips]

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

    def _show_flips(self) -> None:
        name = self._focus
        result = self._regimes.get(self._key(name))
        p = self.model.parameter(name)
        label = html.escape(control_label(p).rsplit(" (", 1)[0])
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
        if self._key(self._focus) in self._regimes:
            return []

        def job() -> None:
            self.thresholds(self._focus)
            self._show_flips()

        return [job]
