"""Linking issues: autos, rice, investment, currency language and economic security in one package.

Story
-----
The 22 July 2025 deal tied several issues together: the tariff on Japanese cars
came down to 15% all-in; Japan agreed to buy 75% more US rice within its
minimum-access quota, $8bn a year of farm goods and 100 Boeing aircraft; a $550bn
investment vehicle would fund projects in the US, in sectors named for economic
security (shipbuilding, chips, energy); and currency stayed out of the trade text,
handled instead by finance ministers, who said in September that rates are
market-determined (Yomiuri, 25 July 2025; Reuters, 12 September 2025).

Players and issues
------------------
**Japan** and the **US** agree on a package: one option on each of five issues, each
with a status quo (the option that holds with no agreement).

Payoffs
-------
Each side scores each option in **utility points** (stylized: 0 at the status quo,
the sign says who gains):

=================  ============================================  ==============  =============
Issue              Options                                       Japan's scores  US scores
=================  ============================================  ==============  =============
auto tariff        25% (status quo), 20%, 15%, 10%               0, 2, 4, 6      0, -1, -2, -3
rice access        no change (sq), +25% in quota, +75% in quota  0, -1, -3       0, 1, 2
investment         none (sq), $200bn, $550bn                     0, -1, -5/2     0, 2, 5
currency language  none (sq), market-rates statement, binding    0, 0, -2        0, 1, 3/2
economic security  none (sq), joint projects                     0, 1            0, 2
=================  ============================================  ==============  =============

Each side's utility from a package is the **weighted sum** of its scores, with the
weights below as parameters (how much each issue matters to each side). With the
default weights Japan cares most about autos and rice, the US about investment:
the classic condition for **logrolling** (Raiffa 1982, *The Art and Science of
Negotiation*; Sebenius 1983, "Negotiation arithmetic"), where each side concedes on
what matters less to it. :mod:`negotiation.bargaining.linkage` enumerates all 216 packages,
their Pareto frontier and the Nash solution over packages, and compares it with
settling each issue on its own.

Calibration
-----------
The options are the ones on the table in 2025 (deal-2025-07-22); the scores and the
weights are **stylized assumptions**: they encode who cares about what, not measured
values.

What the model leaves out
-------------------------
Domestic politics (rice is the most sensitive issue in Japan's politics; the
upper-house election came two days before the deal), that issues are rarely
additive, that some options were never really on the table, and uncertainty about
how the other side weighs each issue.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

from ..bargaining.linkage import (
    Issue,
    LinkedNegotiation,
    gain_from_linkage,
    nash_package,
    pareto_packages,
)
from ..core._numbers import Number, format_number
from ..symbolic import Parameter
from ._base import Analysis, Model

__all__ = ["ISSUES", "MODEL", "PARAMETERS", "issue_linkage"]

ISSUES: tuple[Issue, ...] = (
    Issue(
        "auto tariff",
        ("25%", "20%", "15%", "10%"),
        ((0, 2, 4, 6), (0, -1, -2, -3)),
        status_quo="25%",
    ),
    Issue(
        "rice access",
        ("no change", "+25% in quota", "+75% in quota"),
        ((0, -1, -3), (0, 1, 2)),
        status_quo="no change",
    ),
    Issue(
        "investment",
        ("none", "$200bn", "$550bn"),
        ((0, -1, Fraction(-5, 2)), (0, 2, 5)),
        status_quo="none",
    ),
    Issue(
        "currency language",
        ("none", "market-rates statement", "binding commitment"),
        ((0, 0, -2), (0, 1, Fraction(3, 2))),
        status_quo="none",
    ),
    Issue("economic security", ("none", "joint projects"), ((0, 1), (0, 2)), status_quo="none"),
)
"""The five issues with options and scores (Japan, US)."""

_KEYS = ("autos", "rice", "investment", "currency", "security")
_DEFAULTS = {"partner": (3, 2, 1, 1, 1), "us": (1, 1, 2, 1, 1)}

PARAMETERS: tuple[Parameter, ...] = tuple(
    Parameter(
        f"weight_{side}_{key}",
        _DEFAULTS[side][k],
        0,
        5,
        unit="weight",
        step=Fraction(1, 2),
        description=f"{'partner' if side == 'partner' else 'US'} weight on {ISSUES[k].name}",
        source="assumption",
        latex=rf"w^{{{'P' if side == 'partner' else 'US'}}}_{{\text{{{key}}}}}",
    )
    for side in ("partner", "us")
    for k, key in enumerate(_KEYS)
)


def issue_linkage(**values: Number) -> LinkedNegotiation:
    """The linked negotiation at the given weights (defaults for the rest).

    Examples
    --------
    >>> issue_linkage().n_packages
    216
    """
    return _negotiation(tuple(sorted(MODEL.values(values).items())))


@cache
def _negotiation(items: tuple[tuple[str, Number], ...]) -> LinkedNegotiation:
    values = dict(items)
    weights = tuple(
        tuple(values[f"weight_{side}_{key}"] for key in _KEYS) for side in ("partner", "us")
    )
    return LinkedNegotiation(ISSUES, weights=weights, players=("Japan", "US"))


def _instantiate(values: dict[str, Number]) -> LinkedNegotiation:
    return _negotiation(tuple(sorted(values.items())))


def _analyse(values: dict[str, Number]) -> Analysis:
    talks = _instantiate(values)
    linked = nash_package(talks)
    gain = gain_from_linkage(talks)
    frontier = pareto_packages(talks)
    return Analysis(
        model="issue_linkage",
        values=values,
        game=talks,
        result=gain,
        headline=(
            f"Nash package: {linked.package.label()} (gains: Japan "
            f"{format_number(linked.gains[0], decimals=True)}, "
            f"US {format_number(linked.gains[1], decimals=True)} points)."
        ),
        sentences=(gain.describe(),),
        classification=f"{talks.n_packages} packages, {len(frontier)} on the Pareto frontier",
        details=(),
        data={"package": linked.package.as_dict() if linked.package is not None else None},
    )


MODEL = Model(
    name="issue_linkage",
    title="Linking issues",
    lesson="07-linking-issues",
    kind="linkage",
    parameters=PARAMETERS,
    build=lambda: issue_linkage(),
    instantiate=_instantiate,
    analyse_values=_analyse,
    summary="Autos, rice, investment, currency and security in one package: logrolling and the gains from linkage.",
)
