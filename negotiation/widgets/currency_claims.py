"""The currency claims app: an inspection game with only a mixed equilibrium.

Lesson 3's idea is the indifference principle: each side's probability is set by
the *other* side's payoffs. Next to the table and the best-response diagram, the
app shows the closed forms from sympy (:func:`negotiation.symbolic.mixed_closed_form`),
written with the letters of the model's docstring, and their values now.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import sympy

from ..core._numbers import format_number
from ..models import Analysis
from ..symbolic import mixed_closed_form
from ._normal_form import NormalFormApp

__all__ = ["CurrencyClaimsApp"]


class CurrencyClaimsApp(NormalFormApp):
    """Lesson 3: mixed strategies and the indifference principle, with the closed form."""

    model_name = "currency_claims"
    primary_parameters = ("weak_yen_gain", "caught_penalty", "accusation_cost", "weak_yen_loss")
    payoff_units = ("$bn", "% of GDP")

    def _build_outputs(self) -> list[Any]:
        outputs = super()._build_outputs()
        form = mixed_closed_form(self.model.build())
        short = {p.symbol: sympy.Symbol(p.latex) for p in self.model.parameters}
        self._p_symbols = sorted(form.p.free_symbols, key=str)
        self._q_symbols = sorted(form.q.free_symbols, key=str)
        self._p_latex = sympy.latex(form.p.xreplace(short))
        self._q_latex = sympy.latex(form.q.xreplace(short))
        self.formulas = w.HTMLMath("", layout=w.Layout(width="100%"))
        self.formulas.add_class("ng-closed-form")
        return [*outputs, self.formulas]

    def _refresh(self, analysis: Analysis) -> None:
        super()._refresh(analysis)
        solution = self._solution(analysis)
        game = self._game(analysis)

        def given(symbols: list[Any]) -> str:
            return ", ".join(
                f"{self.model.parameter(str(s)).latex} = {format_number(self.values[str(s)])}"
                for s in symbols
            )

        mixed = [e for e in solution.equilibria if not e.is_pure]
        now = ""
        if mixed:
            x, y = mixed[0].strategies
            now = (
                f"Now: p = {format_number(x[0], 4)} and q = {format_number(y[0], 4)} "
                f"(as decimals {float(x[0]):.3f} and {float(y[0]):.3f})."
            )
        row, col = game.players
        self.formulas.value = (
            "<div class='ng-details'><b>The indifference principle.</b> "
            f"The US accuses with probability $p = {self._p_latex}$ (with {html.escape(given(self._p_symbols))}): "
            f"only {html.escape(col)}'s payoffs. "
            f"{self.partner} leans on the yen with probability $q = {self._q_latex}$ "
            f"(with {html.escape(given(self._q_symbols))}): only the {html.escape(row)}'s payoffs. "
            f"{html.escape(now)}</div>"
        )
