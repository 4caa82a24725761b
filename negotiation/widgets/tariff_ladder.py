"""The tariff ladder app: the 6x6 table, best-response functions, Nash tariffs versus cooperation.

Lesson 2's idea: each side's best tariff against each tariff of the other (its
best-response function), where the two cross (the Nash tariffs), and how far that
is from the jointly efficient point. The elasticities set Johnson's optimal
tariff (``1/sigma``); the reciprocity weights make the best responses slope up.
"""

from __future__ import annotations

from typing import Any

from ..models import Analysis
from ..models.tariff_ladder import GRID
from ..plots import draw_best_response_functions
from ._base import FigureView
from ._normal_form import NormalFormApp

__all__ = ["TariffLadderApp"]


class TariffLadderApp(NormalFormApp):
    """Lesson 2: best-response functions, Nash tariffs versus the jointly efficient point."""

    model_name = "tariff_ladder"
    primary_parameters = (
        "supply_elasticity_partner",
        "supply_elasticity_us",
        "reciprocity_us",
        "reciprocity_partner",
    )
    payoff_units = ("$bn", "$bn")
    diagram = False

    def _build_outputs(self) -> list[Any]:
        outputs = super()._build_outputs()
        game = self.model.at(self.values, partner=self.partner)
        artists = draw_best_response_functions(
            game, row_levels=GRID, col_levels=GRID, unit="%", quantity="tariff", legend=False
        )
        self.figures["best_response_functions"] = FigureView(artists)
        return [*outputs, self.figures["best_response_functions"].widget]

    def _refresh(self, analysis: Analysis) -> None:
        super()._refresh(analysis)
        game = self._game(analysis)
        self.figures["best_response_functions"].update(game, game, self._solution(analysis))
