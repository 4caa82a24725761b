"""The bargaining app: the set of deals, the solutions, the July deal, the card, and rounds of offers.

Lessons 5 and 6 use it. Lesson 5's idea: where the Nash and Kalai-Smorodinsky
solutions lie, and how they move with each side's cost of no deal (the threat
point) and bargaining power; the July 2025 package (15%, $550bn) is marked, and
so is the threat point had the Treasury card been credible, with the Nash solution
from there. Lesson 6's idea: alternating offers over eight rounds, with patience
falling towards the deadline (``primary=`` can put the patience sliders first).
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..core._numbers import Number
from ..models import Analysis
from ..plots import draw_bargaining_set, draw_offers_trace
from ..plots.tables import format_payoff
from ._base import App, FigureView

__all__ = ["DealBargainingApp"]

_PATIENCE = (
    "patience_partner_start",
    "patience_partner_end",
    "patience_us_start",
    "patience_us_end",
)
# the value of 1% of GDP moves the egalitarian and utilitarian solutions (compared in $bn),
# so only patience leaves the bargaining figure as it is
_OFFERS_ONLY = _PATIENCE


class DealBargainingApp(App):
    """Lessons 5 and 6: bargaining solutions, threat points, rounds of offers, the July deal."""

    model_name = "deal_bargaining"
    primary_parameters = (
        "power_partner",
        "no_deal_cost_partner",
        "no_deal_cost_us",
        "card_us",
        "pledge_value",
    )
    units = ("% of GDP", "$bn")

    def _threat(self, analysis: Analysis) -> tuple[tuple[Number, Number], Any]:
        """The disagreement point if the Treasury card were credible, and the Nash solution from it."""
        return analysis.data["card_disagreement"], analysis.data["card_nash"]

    def _build_outputs(self) -> list[Any]:
        analysis = self.analyse(self.values)
        threat, nash = self._threat(analysis)
        deal = tuple(analysis.data["deal"])
        self.figures["bargaining"] = FigureView(
            draw_bargaining_set(
                analysis.game,
                analysis.result,
                units=self.units,
                deal=deal,
                deal_label="July 2025 deal (15%, $550bn)",
                threat=threat,
                threat_solution=nash,
                threat_label="No deal if the Treasury card were credible",
                legend=False,
            )
        )
        self.figures["offers"] = FigureView(
            draw_offers_trace(analysis.data["offers"], legend=False)
        )
        self.offers_caption = w.HTML("")
        self.offers_caption.add_class("ng-details")
        rounds = w.VBox([self.figures["offers"].widget, self.offers_caption])
        return [self.figures["bargaining"].widget, rounds]

    def _refresh(self, analysis: Analysis) -> None:
        threat, nash = self._threat(analysis)
        self.threat_point, self.threat_nash = threat, nash
        deal = tuple(analysis.data["deal"])
        key = tuple(v for k, v in sorted(self.values.items()) if k not in _OFFERS_ONLY)
        self.figures["bargaining"].update(
            key, analysis.game, analysis.result, deal=deal, threat=threat, threat_solution=nash
        )
        # the offers depend on patience only: redrawn when a patience slider moves
        view = self.figures["offers"]
        offers_key = tuple(self.values[k] for k in _PATIENCE)
        if offers_key != view.key:
            self.offers_result = analysis.data["offers"]
            view.update(offers_key, self.offers_result)
        actual = float(analysis.data["actual_share_partner"])
        model = analysis.data.get("offers_share_partner")
        said = (
            f"In the model's rounds of talks {self.partner} gets {float(model):.0%} of the yearly "
            "gains from the best deal"
            if model is not None
            else "In the model's rounds of talks there is no agreement"
        )
        self.offers_caption.value = (
            f"{said}; in the July 2025 deal it got {actual:.0%} of them "
            "(each side's gains over no deal, valued in $bn)."
        )

    def _summary_html(self, analysis: Analysis) -> str:
        names = {
            "nash": "Nash",
            "kalai_smorodinsky": "Kalai-Smorodinsky",
            "egalitarian": "Egalitarian",
            "utilitarian": "Utilitarian",
        }
        rows = "".join(
            f"<tr><td style='padding:1px 10px 1px 0'>{names.get(k, k)}</td>"
            f"<td style='padding:1px 10px;text-align:right'>{format_payoff(s.point[0])}</td>"
            f"<td style='padding:1px 10px;text-align:right'>{format_payoff(s.point[1])}</td></tr>"
            for k, s in analysis.result.items()
        )
        d = analysis.game.disagreement
        table = (
            "<table style='border-collapse:collapse;margin:0.3em 0'>"
            "<tr><th style='text-align:left;padding-right:10px'>solution</th>"
            f"<th style='padding:0 10px'>{html.escape(self.partner)} (% of GDP)</th><th style='padding:0 10px'>US ($bn)</th></tr>"
            f"{rows}<tr style='color:#555'><td>no deal</td>"
            f"<td style='padding:1px 10px;text-align:right'>{format_payoff(d[0])}</td>"
            f"<td style='padding:1px 10px;text-align:right'>{format_payoff(d[1])}</td></tr></table>"
            "<div class='ng-units'>Egalitarian and utilitarian compare the two sides' gains, so "
            f"they are computed in one unit, $bn a year (1% of {self.partner}'s GDP = "
            f"${format_payoff(analysis.values['gdp_dollars'])}bn); Nash and Kalai-Smorodinsky "
            "do not depend on units.</div>"
        )
        return super()._summary_html(analysis) + table

    def _what_changed(self, old: Analysis, new: Analysis) -> str:
        a, b = old.result["nash"], new.result["nash"]
        (j0, u0), (j1, u1) = a.utilities, b.utilities
        parts = []
        if (j0, u0) == (j1, u1):
            parts.append("The Nash solution did not move.")
        else:
            parts.append(
                f"The Nash solution moved: {self.partner} {format_payoff(j0)} → {format_payoff(j1)}% of GDP, "
                f"the US ${format_payoff(u0)}bn → ${format_payoff(u1)}bn."
            )
        d0, d1 = old.game.disagreement, new.game.disagreement
        if d0 != d1:
            parts.append(
                f"No deal is now worth {format_payoff(d1[0])}% of GDP to {self.partner} and "
                f"${format_payoff(d1[1])}bn to the US: the side whose no-deal payoff rises gets more."
            )
        s0, s1 = old.data.get("offers_share_partner"), new.data.get("offers_share_partner")
        if s0 != s1 and s1 is not None:
            parts.append(
                f"In the rounds of offers {self.partner}'s share of the gains is now "
                f"{float(s1):.0%}" + (f" (was {float(s0):.0%})." if s0 is not None else ".")
            )
        return " ".join(parts)
