"""The Treasury-card app: the game tree, the subgame-perfect path, credibility and brinkmanship.

Lesson 4's idea: a threat is credible only if carrying it out is in the
threatener's interest when the moment comes. Japan's threat to sell Treasuries is
credible when walking it back costs more than selling (``rho >= S + pi X``); the
app shows the tree with the subgame-perfect path, whether the threat is credible
and by how much, and the brinkmanship window: the chances ``q`` of a sale that
would make the US back down yet leave Japan better off (Schelling 1960, ch. 8).
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import sympy

from ..models import Analysis
from ..models.treasury_leverage import credibility_condition, threat_to_sell
from ..plots import draw_game_tree
from ..plots.tables import format_payoff
from ._base import App, FigureView
from ._normal_form import subject

__all__ = ["TreasuryLeverageApp", "window_bar_html"]


def _path(path: Any) -> str:
    return " → ".join(path) if path else "the start"


def window_bar_html(low: float | None, high: float | None, label: str = "q") -> str:
    """A bar from 0 to 1 with the window ``[low, high]`` shaded (nothing when empty).

    Examples
    --------
    >>> page = window_bar_html(0.25, 1.0)
    >>> "left:25.000%" in page and "width:75.000%" in page
    True
    """
    inside = ""
    if low is not None and high is not None and high >= low:
        inside = (
            f"<div style='position:absolute;left:{100 * low:.3f}%;width:{100 * (high - low):.3f}%;"
            f"top:0;bottom:0;background:#009E73;opacity:0.55'></div>"
        )
    ticks = "".join(
        f"<span style='position:absolute;left:{25 * k}%;transform:translateX(-50%);"
        f"font-size:12px'>{k / 4:g}</span>"
        for k in range(5)
    )
    return (
        "<div style='max-width:520px;margin:6px 0 2px 0'>"
        "<div style='position:relative;height:20px;border:1px solid #444;background:#f4f4f4'>"
        f"{inside}</div><div style='position:relative;height:16px'>{ticks}</div>"
        f"<div style='font-size:12px;color:#444'>{html.escape(label)}</div></div>"
    )


def _words(relation: Any) -> str:
    """A sympy relation in words: ``walk back cost ≥ selling cost + ...``."""
    text = str(relation).replace(">=", "≥").replace("<=", "≤").replace("*", " × ")
    return text.replace("_", " ")


class TreasuryLeverageApp(App):
    """Lesson 4: backward induction, credible and empty threats, commitment, brinkmanship."""

    model_name = "treasury_leverage"
    primary_parameters = (
        "walk_back_cost",
        "selling_cost",
        "stress_probability",
        "stress_cost_partner",
        "yield_cost",
    )

    def _build_outputs(self) -> list[Any]:
        tree = self.model.at(self.values, partner=self.partner)
        self.figures["tree"] = FigureView(draw_game_tree(tree, legend=False, title=False))
        self.threat = w.HTML("", layout=w.Layout(width="100%"))
        self.threat.add_class("ng-threat")
        condition = credibility_condition()
        self._condition = condition
        self._condition_words = _words(condition)
        # both sides of the condition as one fast numeric function, generated from the formula
        self._symbols = sorted(condition.free_symbols, key=str)
        self._sides = sympy.lambdify(self._symbols, [condition.lhs, condition.rhs], "math")
        return [self.figures["tree"].widget, self.threat]

    def _refresh(self, analysis: Analysis) -> None:
        tree, spe = analysis.game, analysis.result
        self.figures["tree"].update(None, tree, spe)
        self.credibility, self.brinkmanship = threat_to_sell(tree)  # as the analysis found
        self.threat.value = self._threat_html()

    def _threat_html(self) -> str:
        c, b = self.credibility, self.brinkmanship
        lhs, rhs = self._sides(*(float(self.values[str(s)]) for s in self._symbols))
        colour = "#009E73" if c.credible else "#B00020"
        verdict = "credible" if c.credible else "not credible (an empty threat)"
        sell, keep = c.payoffs.get("Sell"), c.payoffs.get("Don't sell")
        numbers = ""
        if sell is not None and keep is not None:
            numbers = (
                f" If the US holds, {self.partner} gets {format_payoff(sell)}% of GDP from selling and "
                f"{format_payoff(keep)}% from not selling."
            )
        window = b.window
        low = float(window.low) if window is not None else None
        high = float(window.high) if window is not None else None
        where = (
            f"works for {low:.3g} ≤ q ≤ {high:.3g}" if window is not None else "has no window here"
        )
        return (
            "<div class='ng-details'>"
            f"<div style='font-size:16px'><b>Threat to sell:</b> "
            f"<span style='color:{colour};font-weight:bold'>{verdict}</span>.{html.escape(numbers)}</div>"
            f"<div>Credible when {html.escape(self._condition_words)}: now "
            f"{lhs:.3g} against {rhs:.3g}. Raising the walk-back cost (a public pledge) is "
            f"commitment.</div>"
            f"<div style='margin-top:6px'><b>Brinkmanship</b> (a sale that happens with chance q "
            f"whatever {html.escape(self.partner)} then wants) {html.escape(where)}:</div>"
            + window_bar_html(low, high, "q = chance that the threat goes off (shaded: it works)")
            + "</div>"
        )

    def _what_changed(self, old: Analysis, new: Analysis) -> str:
        e_old, e_new = old.result.first(), new.result.first()
        parts = []
        if old.data.get("threat_credible") != new.data.get("threat_credible"):
            parts.append(
                "The threat to sell became credible."
                if new.data.get("threat_credible")
                else "The threat to sell is no longer credible."
            )
        play_old = old.data["subgame_perfect_play"][0]
        play_new = new.data["subgame_perfect_play"][0]
        if play_old != play_new:
            parts.append(
                f"The subgame-perfect outcome changed: now {play_new} (before: {play_old})."
            )
        switches = []
        tree = new.game
        for path, action in e_new.choices.items():
            before = e_old.choices.get(path)
            if before is not None and before != action:
                owner = tree.node(path).player
                switches.append(
                    (
                        len(path),
                        f"{subject(owner)} now chooses {action} after "
                        f"{_path(path)} (before: {before})",
                    )
                )
        if switches:
            switches.sort(key=lambda s: -s[0])  # backward induction: the last move first
            parts.append("Why: " + "; ".join(s for _, s in switches[:3]) + ".")
        if not parts:
            japan, us = e_new.payoffs
            parts.append(
                f"Same subgame-perfect outcome ({play_new}); {self.partner} gets "
                f"{format_payoff(japan)}% of GDP, the US ${format_payoff(us)}bn."
            )
        return " ".join(parts)
