"""The trade-exposure parameters several models share: one definition, one source each.

The ranges cover the US's large partners, from Switzerland to the EU: US imports
from about $50bn to $650bn a year (2024: Korea about $131bn, Japan $148bn, the EU
about $606bn).

A model with a reason to narrow a range does so with :meth:`Parameter.replace`,
so the calibration (default, unit, source) stays in one place.
"""

from __future__ import annotations

from fractions import Fraction

from ..symbolic import Parameter

__all__ = ["IMPORTS", "PARTNER_LOSS", "PASS_THROUGH"]

IMPORTS = Parameter(
    "imports",
    148,
    50,
    650,
    unit="$bn/yr",
    step=1,
    description="US imports from the partner",
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
PARTNER_LOSS = Parameter(
    "partner_loss",
    Fraction(1, 40),
    0,
    Fraction(1, 10),
    unit="% of GDP per point",
    step=Fraction(1, 1000),
    description="the partner's GDP loss per tariff point",
    source="nri-2025-04-03",
    latex=r"\lambda",
)
