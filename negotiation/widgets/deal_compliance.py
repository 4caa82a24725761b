"""The compliance app: the quarterly stage game and the patience that keeps the deal.

Lesson 8's idea: in one quarter alone each side gains by cheating (the stage game
is a Prisoner's Dilemma-like trap), but a snap-back clause makes keeping the deal
an equilibrium when both sides are patient enough. The app shows the stage table
and each side's critical discount factor against the length of the snap-back,
with the current discount factor and length marked.
"""

from __future__ import annotations

from typing import Any

from ..models import Analysis
from ..plots import draw_critical_discount
from ._base import FigureView
from ._normal_form import NormalFormApp, bimatrix_change

__all__ = ["DealComplianceApp"]


class DealComplianceApp(NormalFormApp):
    """Lesson 8: repeated play, the snap-back clause and the critical discount factor."""

    model_name = "deal_compliance"
    primary_parameters = (
        "discount",
        "punishment_quarters",
        "snapback_rate",
        "compliance_cost",
        "compliance_value",
    )
    payoff_units = ("$bn", "% of GDP")
    diagram = False

    def _build_outputs(self) -> list[Any]:
        outputs = super()._build_outputs()
        max_periods = int(self.model.parameter("punishment_quarters").high)
        analysis = self.analyse(self.values)
        self.figures["patience"] = FigureView(
            draw_critical_discount(
                analysis.result,
                delta=self.values["discount"],
                periods=self.values["punishment_quarters"],
                max_periods=max_periods,
                legend=False,
            )
        )
        return [*outputs, self.figures["patience"].widget]

    def _refresh(self, analysis: Analysis) -> None:
        super()._refresh(analysis)
        delta, n = self.values["discount"], self.values["punishment_quarters"]
        check = analysis.result
        key = (
            tuple((i.gain, i.loss) for i in check.incentives),
            float(delta),
            float(n),
        )
        self.figures["patience"].update(key, check, delta, n)

    def _what_changed(self, old: Analysis, new: Analysis) -> str:
        parts = []
        was, now = old.data.get("sustainable"), new.data.get("sustainable")
        c0, c1 = old.data.get("critical_delta"), new.data.get("critical_delta")
        if was != now:
            parts.append(
                "Keeping the deal is now self-enforcing."
                if now
                else "Keeping the deal is no longer self-enforcing."
            )
        if c0 != c1:

            def shown(c: float | None) -> str:
                return "none below 1" if c is None else f"{c:.4g}"

            parts.append(f"The critical discount factor is now {shown(c1)} (was {shown(c0)}).")
        stage = bimatrix_change(
            self._game(old),
            self._solution(old),
            self._game(new),
            self._solution(new),
            self.payoff_units,
        )
        if stage.startswith("The equilibrium changed"):
            parts.append("In one quarter alone: " + stage[0].lower() + stage[1:])
        if not parts:
            parts.append(f"Same verdict: {new.headline}")
        return " ".join(parts)
