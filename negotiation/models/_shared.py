"""The trade-exposure parameters several models share: one definition, one source each.

A model with a reason to narrow a range does so with :meth:`Parameter.replace`,
so the calibration (default, unit, source) stays in one place.
"""

from __future__ import annotations

from fractions import Fraction

from ..symbolic import Parameter

__all__ = ["IMPORTS", "JAPAN_LOSS", "PASS_THROUGH"]

IMPORTS = Parameter(
    "imports",
    148,
    50,
    250,
    unit="$bn/yr",
    step=1,
    description="US imports from Japan",
    source="us-imports-derived",
    latex="M",
)
PASS_THROUGH = Parameter(
    "pass_through",
    Fraction(3, 5),
    0,
    1,
    unit="share",
    step=Fraction(1, 20),
    description="share of the tariff paid by US buyers",
    source="assumption",
    latex=r"\phi",
)
JAPAN_LOSS = Parameter(
    "japan_loss",
    Fraction(1, 40),
    0,
    Fraction(1, 10),
    unit="% of GDP per point",
    step=Fraction(1, 1000),
    description="Japan's GDP loss per tariff point",
    source="nri-2025-04-03",
    latex=r"\lambda",
)
