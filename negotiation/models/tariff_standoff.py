"""The tariff standoff: does the US hold its tariff, and does Japan hit back?

Story
-----
On 2 April 2025 the US announced a 24% "reciprocal" tariff on Japan; from 9 April
country rates were paused at a 10% baseline for 90 days while talks went on
(MUFG "JPY Weekly", 7 April 2025; JIIA Strategic Commentary, July 2025). Japan
chose not to retaliate and negotiated; on 7 July a letter threatened 25% from
1 August, and on 22 July a deal set 15% in exchange for a package of investment
and purchases (Yomiuri, 25 July 2025).

Players and moves
-----------------
A one-shot 2x2 game, moves simultaneous. The **US** (row player) either *holds*
the tariff ``t`` or *cuts* it to the deal rate ``d``. **Japan** (column player)
either *retaliates* (counter-tariffs, no concessions) or *accommodates* (no
counter-tariffs; if the US cuts, Japan delivers its package of concessions).

Payoffs
-------
US payoffs are in $bn a year, Japan's in % of Japan's GDP. With
``M`` = US imports from Japan ($bn), ``phi`` = the share of a tariff paid by US
buyers (pass-through), the US gains the part paid by Japanese exporters:

.. math:: \\tau(r) = (1 - \\phi)\\, \\frac{r}{100}\\, M \\qquad (r \\text{ in \\%})

===========  =======================================  ===============================
US / Japan   Retaliate                                Accommodate
===========  =======================================  ===============================
Hold (t)     US: tau(t) - D - W;  JP: -lam t + g - w  US: tau(t);  JP: -lam t
Cut (to d)   US: tau(d) - D;  JP: -lam d + g          US: tau(d) + V;  JP: -lam d - k
===========  =======================================  ===============================

``lam`` is Japan's GDP loss per point of US tariff, ``g`` the net value to Japan of
its own counter-tariffs, ``w`` and ``W`` the extra cost of an open trade war to
Japan and to the US (escalation, financial stress, strain on the alliance), ``D``
the damage Japan's counter-tariffs do to US exporters, ``V`` the value to the US of
Japan's package and ``k`` its cost to Japan.

Who has which incentive follows from four differences: the US prefers to hold
against accommodation when ``tau(t) - tau(d) > V`` and against retaliation when
``tau(t) - tau(d) > W``; Japan prefers to retaliate against a held tariff when
``g > w`` and against a cut when ``g + k > 0``. Depending on these the game is a
Prisoner's Dilemma, Chicken, Deadlock, or a game with a dominant strategy for one
side (:func:`~negotiation.classify` names it; :func:`negotiation.symbolic.regimes`
finds where it changes).

Calibration
-----------
``t``, ``d`` and ``M`` are published figures; ``lam`` is derived from NRI's
estimate that a 24% tariff costs Japan 0.59% of GDP. The pass-through, the value and
cost of the package, the value of retaliating and the trade-war costs are
**stylized assumptions**, stated in the scenario files with reasons.

What the model leaves out
-------------------------
Timing (the US moved first and talks ran for months: see the game tree and
bargaining models), sector detail (autos faced a separate 25% Section 232 tariff),
uncertainty about the other side's payoffs, domestic ratification (Japan's July
upper-house election), third countries, and the fact that the 10% baseline
applied whatever Japan did.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from typing import Any

from ..core._numbers import Number
from ..core.game import BimatrixGame
from ..symbolic import Parameter, ParametricGame
from ._base import Analysis, Model
from ._normal_form import analyse_bimatrix
from ._shared import IMPORTS, PARTNER_LOSS, PASS_THROUGH

__all__ = ["MODEL", "PARAMETERS", "tariff_standoff"]

PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "tariff",
        24,
        10,
        50,
        unit="%",
        step=1,
        description="US tariff if held",
        source="reciprocal-rate-apr-2025",
        latex="t",
    ),
    Parameter(
        "deal_rate",
        10,
        0,
        25,
        unit="%",
        step=1,
        description="US tariff after a cut",
        source="baseline-apr-2025",
        latex="d",
    ),
    IMPORTS,
    PASS_THROUGH,
    PARTNER_LOSS,
    Parameter(
        "retaliation_value",
        Fraction(-15, 100),
        Fraction(-1, 2),
        Fraction(1, 2),
        unit="% of GDP",
        step=Fraction(1, 100),
        description="net value to the partner of its own counter-tariffs",
        source="assumption",
        latex="g",
    ),
    Parameter(
        "war_cost_partner",
        Fraction(3, 10),
        0,
        2,
        unit="% of GDP",
        step=Fraction(1, 20),
        description="cost to the partner of an open trade war",
        source="assumption",
        latex="w",
    ),
    Parameter(
        "concession_cost",
        Fraction(1, 10),
        0,
        1,
        unit="% of GDP",
        step=Fraction(1, 100),
        description="cost to the partner of its package of concessions",
        source="assumption",
        latex="k",
    ),
    Parameter(
        "concession_value",
        5,
        0,
        60,
        unit="$bn/yr",
        step=1,
        description="value to the US of the partner's package",
        source="assumption",
        latex="V",
    ),
    Parameter(
        "retaliation_damage",
        5,
        0,
        40,
        unit="$bn/yr",
        step=1,
        description="damage to US exporters from the partner's counter-tariffs",
        source="assumption",
        latex="D",
    ),
    Parameter(
        "war_cost_us",
        20,
        0,
        150,
        unit="$bn/yr",
        step=1,
        description="cost to the US of an open trade war",
        source="assumption",
        latex="W",
    ),
)


UNITS = ("$bn", "% of GDP")


@cache
def tariff_standoff() -> ParametricGame:
    """The standoff as a :class:`~negotiation.symbolic.ParametricGame` (formulas in the module docstring).

    Examples
    --------
    >>> from negotiation import solve
    >>> game = tariff_standoff().at()  # April 2025 defaults
    >>> [e.describe() for e in solve(game)]  # doctest: +NORMALIZE_WHITESPACE
    ['US plays Hold; Japan plays Accommodate (expected payoffs 1776/125 and -3/5).']
    """
    p = {q.name: q.symbol for q in PARAMETERS}
    t, d, M, phi = p["tariff"], p["deal_rate"], p["imports"], p["pass_through"]

    def tau(r: Any) -> Any:
        return (1 - phi) * r / 100 * M

    lam, g, w, k = (
        p["partner_loss"],
        p["retaliation_value"],
        p["war_cost_partner"],
        p["concession_cost"],
    )
    V, D, W = p["concession_value"], p["retaliation_damage"], p["war_cost_us"]
    A = [[tau(t) - D - W, tau(t)], [tau(d) - D, tau(d) + V]]
    B = [[-lam * t + g - w, -lam * t], [-lam * d + g, -lam * d - k]]
    return ParametricGame(
        A,
        B,
        list(PARAMETERS),
        players=("US", "Japan"),
        row_labels=("Hold", "Cut"),
        col_labels=("Retaliate", "Accommodate"),
        title="Tariff standoff",
    )


def _instantiate(values: dict[str, Number]) -> BimatrixGame:
    return tariff_standoff().at(**values)


def _analyse(values: dict[str, Number]) -> Analysis:
    game = _instantiate(values)
    t, d = values["tariff"], values["deal_rate"]

    def us(i: int) -> str:
        return f"the US holds the {t}% tariff" if i == 0 else f"the US cuts its tariff to {d}%"

    def japan(j: int) -> str:
        return "Japan retaliates" if j == 0 else "Japan accommodates"

    analysis = analyse_bimatrix("tariff_standoff", values, game, us, japan, UNITS)
    if d >= t:
        note = f"Note: the deal rate ({d}%) is not below the tariff ({t}%), so 'Cut' is no cut."
        return Analysis(**{**analysis.__dict__, "details": (*analysis.details, note)})
    return analysis


MODEL = Model(
    name="tariff_standoff",
    title="The tariff standoff",
    lesson="01-tariff-standoff",
    kind="normal form",
    parameters=PARAMETERS,
    build=tariff_standoff,
    instantiate=_instantiate,
    analyse_values=_analyse,
    summary="US: hold the tariff or cut it; Japan: retaliate or accommodate. A 2x2 game whose class changes with the payoffs.",
    units=UNITS,
)
