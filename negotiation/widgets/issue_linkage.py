"""The issue-linkage app: packages in utility space, the Nash package, and the gain from linkage.

Lesson 7's idea: when the two sides care about different issues, a package in
which each concedes on what matters less to it leaves both better off than
settling each issue on its own (logrolling). The sliders are how much each side
weighs each issue; the figure shows all 216 packages, the Pareto frontier, the
issue-by-issue outcome and the Nash package, and a table compares them issue by issue.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..models import Analysis
from ..plots import draw_packages
from ..plots.tables import format_payoff
from ._base import App, FigureView

__all__ = ["IssueLinkageApp"]


class IssueLinkageApp(App):
    """Lesson 7: package deals, logrolling and the gain from linking issues."""

    model_name = "issue_linkage"
    primary_parameters = (
        "weight_partner_autos",
        "weight_partner_rice",
        "weight_us_autos",
        "weight_us_investment",
        "weight_us_rice",
    )

    def _build_outputs(self) -> list[Any]:
        analysis = self.analyse(self.values)
        self.figures["packages"] = FigureView(
            draw_packages(analysis.game, analysis.result, legend=False)
        )
        self.packages_table = w.HTML("")
        self.packages_table.add_class("ng-table")
        return [self.figures["packages"].widget, self.packages_table]

    def _refresh(self, analysis: Analysis) -> None:
        talks, gain = analysis.game, analysis.result
        self.figures["packages"].update(tuple(sorted(self.values.items())), talks, gain)
        sep, link = gain.separate.package, gain.linked.package
        rows = []
        for k, issue in enumerate(talks.issues):
            a, b = sep.options[k], link.options[k]
            style = "background:#FBE3B0;font-weight:bold" if a != b else ""
            rows.append(
                f"<tr style='{style}'><td style='padding:3px 10px'>{html.escape(issue.name)}</td>"
                f"<td style='padding:3px 10px'>{html.escape(a)}</td>"
                f"<td style='padding:3px 10px'>{html.escape(b)}</td></tr>"
            )
        j, u = talks.players
        rows.append(
            f"<tr style='border-top:2px solid #444'><td style='padding:3px 10px'><b>utility</b></td>"
            f"<td style='padding:3px 10px'>{html.escape(j)} {format_payoff(gain.separate.utilities[0])}, "
            f"{html.escape(u)} {format_payoff(gain.separate.utilities[1])}</td>"
            f"<td style='padding:3px 10px'>{html.escape(j)} {format_payoff(gain.linked.utilities[0])}, "
            f"{html.escape(u)} {format_payoff(gain.linked.utilities[1])}</td></tr>"
        )
        self.packages_table.value = (
            "<table style='border-collapse:collapse;font-size:16px;margin:8px 0'>"
            "<tr style='background:#f4f4f4'><th style='padding:3px 10px;text-align:left'>issue</th>"
            "<th style='padding:3px 10px;text-align:left'>each issue on its own</th>"
            "<th style='padding:3px 10px;text-align:left'>Nash package (linked)</th></tr>"
            + "".join(rows)
            + "</table><div class='ng-details'>Shaded rows: the issues traded against each "
            "other when they are linked.</div>"
        )

    def _what_changed(self, old: Analysis, new: Analysis) -> str:
        before, after = old.result.linked.package, new.result.linked.package
        issues = [i.name for i in new.game.issues]
        changes = [
            f"{name}: {a} → {b}"
            for name, a, b in zip(issues, before.options, after.options, strict=True)
            if a != b
        ]
        g0, g1 = old.result.gain, new.result.gain
        if changes:
            text = "The Nash package changed (" + "; ".join(changes) + ")."
        else:
            text = "Same Nash package as before."
        text += (
            f" Linking now adds {format_payoff(g1[0])} for {self.partner} and {format_payoff(g1[1])} "
            f"for the US (before: {format_payoff(g0[0])} and {format_payoff(g0[1])})."
        )
        return text
