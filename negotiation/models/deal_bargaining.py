"""Bargaining over the deal: a tariff and an investment pledge, against the cost of no deal.

Story
-----
Eight rounds of talks between Japan's envoy Akazawa and his US counterparts (16
April to 22 July 2025; Yomiuri, Jiji) ended in a deal: a 15% all-in tariff in
exchange for a $550bn investment vehicle (mostly loans and guarantees; 90% of the
profits to the US), purchases of farm goods and aircraft, and a quarterly review
(Yomiuri, 25 July 2025). Without a deal, the 7 July letter promised 25% from
1 August.

Players and moves
-----------------
**Japan** and the **US** agree on a package: a tariff ``r`` in {10, 12.5, ..., 25}% and
a pledge ``I`` in {0, 110, ..., 660} $bn (49 packages, the July deal among them), or
fail to agree.

Payoffs
-------
Utilities (Japan in % of GDP a year, the US in $bn a year):

.. math::

    u_J(r, I) = -\\lambda r - c \\frac{I}{100}, \\qquad
    u_{US}(r, I) = (1 - \\phi) \\frac{r}{100} M + v \\frac{I}{100}

where ``c`` is Japan's yearly cost per $100bn pledged (a subsidy element, losses,
the equity part) and ``v`` the US's yearly value per $100bn. If there is no deal the
tariff is ``r0`` (25%) and each side also bears a cost of no deal (``e_J``, ``e_US``):
the disagreement point is ``(-lambda r0 - e_J, tau(r0) - e_US)``.

The feasible set is the convex hull of the packages (lotteries, or splitting the
difference) with free disposal; the module reports the Nash bargaining solution (with
Japan's bargaining power ``beta``), Kalai-Smorodinsky, egalitarian and utilitarian
solutions (:mod:`negotiation.bargaining`).

**One unit for comparisons across the sides.** The egalitarian solution (equal gains)
and the utilitarian one (the largest sum) compare a gain to Japan with a gain to the
US, so they are computed with both in **$bn a year**, Japan's % of GDP converted at
``gdp_dollars`` ($bn per 1% of GDP, as in the rounds of talks). Adding % of GDP to $bn
would count 1% of Japan's GDP (about $40bn) as worth $1bn. The Nash and
Kalai-Smorodinsky solutions are unchanged by a change of units, so they need no
conversion. The solutions' points are still reported in each side's own unit.

**The Treasury card** as a threat point: had the card been credible, no deal would
also cost the US ``card_us`` (higher yields) and Japan ``card_partner``;
:func:`negotiation.bargaining.threat_point_effect` shows how the solutions move.

**Rounds of talks**: the gains from the best deal, valued in $bn (1% of Japan's
GDP is about $40bn), are split by alternating offers over eight rounds with a
deadline, the US proposing first, each side's patience falling from a start value
to an end value as the deadline nears (:func:`negotiation.bargaining.offers.alternating_offers`).

The July deal against the model
-------------------------------
:func:`_analyse` compares the July package (15%, $550bn) with the Nash solution and
the alternating-offers split and **reports the gap**; the defaults are not tuned to
hit the deal.

Calibration
-----------
``lambda``, ``M``, ``r0`` and the value of 1% of GDP are published or derived
figures; ``c``, ``v``, the costs of no deal, the card's effect, bargaining power and
patience are **stylized assumptions**.

At the July deal Japan's payoff is ``-lambda 15 - c 5.5 = -0.375 - 0.385 = -0.76`` % of
GDP, against NRI's post-deal estimate of -0.55%. They measure different things: the
tariff part (-0.375%) uses ``lambda`` from NRI's estimate for the 24% tariff without the
car tariffs, so it is smaller than NRI's -0.55% (15% on everything, cars included, and
steel at 50%); the pledge part (-0.385%) is a stylized cost that NRI does not count.

What the model leaves out
-------------------------
Rice, purchases and other issues (see ``issue_linkage``), that the $550bn has no
fixed horizon, domestic ratification and Japan's 20 July election (two-level games,
Putnam 1988), and uncertainty about the other side's costs, which is what makes
real talks take eight rounds rather than one.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

from ..bargaining import (
    BargainingProblem,
    BargainingSolution,
    ThreatPointEffect,
    bargaining_solutions,
    threat_point_effect,
)
from ..bargaining.offers import alternating_offers, linear_schedule
from ..core._numbers import Number, format_number
from ..symbolic import Parameter
from ._base import Analysis, Model, fmt
from ._shared import IMPORTS, PARTNER_LOSS, PASS_THROUGH

__all__ = ["DEAL", "MODEL", "PARAMETERS", "PLEDGES", "TARIFFS", "deal_bargaining"]

TARIFFS: tuple[Fraction, ...] = tuple(Fraction(10) + Fraction(5, 2) * k for k in range(7))
"""Tariff options in %: 10, 12.5, ..., 25."""
PLEDGES: tuple[int, ...] = tuple(110 * k for k in range(7))
"""Pledge options in $bn: 0, 110, ..., 660."""
DEAL = (Fraction(15), 550)
"""The 22 July 2025 package: 15% and $550bn."""
ROUNDS = 8

PARAMETERS: tuple[Parameter, ...] = (
    PARTNER_LOSS.replace(low=Fraction(1, 200)),  # at 0 Japan would not care about it
    IMPORTS,
    PASS_THROUGH.replace(high=Fraction(19, 20)),  # at 1 the US would not care about the tariff
    Parameter(
        "pledge_cost",
        Fraction(7, 100),
        0,
        Fraction(1, 2),
        unit="% of GDP per $100bn",
        step=Fraction(1, 100),
        description="the partner's yearly cost per $100bn pledged",
        source="assumption",
        latex="c",
    ),
    Parameter(
        "pledge_value",
        4,
        0,
        20,
        unit="$bn per $100bn",
        step=Fraction(1, 2),
        description="US yearly value per $100bn pledged",
        source="assumption",
        latex="v",
    ),
    Parameter(
        "no_deal_tariff",
        25,
        15,
        50,
        unit="%",
        step=1,
        description="US tariff if there is no deal",
        source="july-letter-2025",
        latex="r_0",
    ),
    Parameter(
        "no_deal_cost_partner",
        Fraction(3, 10),
        0,
        2,
        unit="% of GDP",
        step=Fraction(1, 20),
        description="the partner's extra cost of no deal",
        source="assumption",
        latex="e_J",
    ),
    Parameter(
        "no_deal_cost_us",
        10,
        0,
        100,
        unit="$bn/yr",
        step=1,
        description="US extra cost of no deal",
        source="assumption",
        latex="e_{US}",
    ),
    Parameter(
        "card_partner",
        Fraction(3, 10),
        0,
        2,
        unit="% of GDP",
        step=Fraction(1, 20),
        description="the partner's cost of no deal if it plays the Treasury card",
        source="assumption",
        latex=r"\kappa_J",
    ),
    Parameter(
        "card_us",
        30,
        0,
        200,
        unit="$bn/yr",
        step=5,
        description="US cost of no deal if the Treasury card is credible",
        source="assumption",
        latex=r"\kappa_{US}",
    ),
    Parameter(
        "power_partner",
        Fraction(1, 2),
        Fraction(1, 20),
        Fraction(19, 20),
        unit="share",
        step=Fraction(1, 20),
        description="the partner's bargaining power (Nash weight)",
        source="assumption",
        latex=r"\beta",
    ),
    Parameter(
        "gdp_dollars",
        40,
        5,
        200,
        unit="$bn per % of GDP",
        step=1,
        description="value of 1% of the partner's GDP",
        source="japan-gdp-2024",
        latex="G",
    ),
    Parameter(
        "patience_partner_start",
        Fraction(19, 20),
        Fraction(1, 2),
        Fraction(99, 100),
        unit="per round",
        step=Fraction(1, 100),
        description="the partner's discount factor in the first rounds",
        source="assumption",
        latex=r"\delta_J^{0}",
    ),
    Parameter(
        "patience_partner_end",
        Fraction(7, 10),
        Fraction(1, 2),
        Fraction(99, 100),
        unit="per round",
        step=Fraction(1, 100),
        description="the partner's discount factor near the deadline",
        source="assumption",
        latex=r"\delta_J^{1}",
    ),
    Parameter(
        "patience_us_start",
        Fraction(19, 20),
        Fraction(1, 2),
        Fraction(99, 100),
        unit="per round",
        step=Fraction(1, 100),
        description="US discount factor in the first rounds",
        source="assumption",
        latex=r"\delta_{US}^{0}",
    ),
    Parameter(
        "patience_us_end",
        Fraction(9, 10),
        Fraction(1, 2),
        Fraction(99, 100),
        unit="per round",
        step=Fraction(1, 100),
        description="US discount factor near the deadline",
        source="assumption",
        latex=r"\delta_{US}^{1}",
    ),
)


def _utilities(values: dict[str, Number], rate: Number, pledge: Number) -> tuple[Number, Number]:
    lam, M, phi = values["partner_loss"], values["imports"], values["pass_through"]
    japan = -lam * rate - values["pledge_cost"] * Fraction(pledge) / 100
    us = (1 - phi) * rate * M / 100 + values["pledge_value"] * Fraction(pledge) / 100
    return japan, us


def _disagreement(values: dict[str, Number]) -> tuple[Number, Number]:
    japan, us = _utilities(values, values["no_deal_tariff"], 0)
    return japan - values["no_deal_cost_partner"], us - values["no_deal_cost_us"]


def label(rate: Number, pledge: Number) -> str:
    """A package's name, e.g. ``"15% / $550bn"``."""
    return f"{format_number(rate)}% / ${pledge}bn"


def deal_bargaining(**values: Number) -> BargainingProblem:
    """The bargaining problem over packages at the given values (defaults for the rest).

    Examples
    --------
    >>> problem = deal_bargaining()
    >>> len(problem.labels), problem.players
    (49, ('Japan', 'US'))
    """
    full = MODEL.values(values)
    return _problem(tuple(sorted(full.items())))


@cache
def _problem(items: tuple[tuple[str, Number], ...]) -> BargainingProblem:
    values = dict(items)
    points, labels = [], []
    for rate in TARIFFS:
        for pledge in PLEDGES:
            points.append(_utilities(values, rate, pledge))
            labels.append(label(rate, pledge))
    return BargainingProblem.from_outcomes(
        points, _disagreement(values), labels=labels, players=("Japan", "US")
    )


def _instantiate(values: dict[str, Number]) -> BargainingProblem:
    return _problem(tuple(sorted(values.items())))


def offers(values: dict[str, Number]) -> tuple[object, Number, tuple[Number, Number]]:
    """Alternating offers over the gains from the best deal, in $bn.

    Returns the :class:`~negotiation.bargaining.offers.OffersResult` (shares of the gains,
    Japan first), the size of the gains ($bn a year) and the July deal's actual
    shares of them.
    """
    problem = _instantiate(values)
    d_j, d_us = problem.disagreement
    k = values["gdp_dollars"]
    gains = [(k * (u_j - d_j), u_us - d_us) for u_j, u_us in problem.frontier]
    pie = max(a + b for a, b in gains)
    deal_j, deal_us = _utilities(values, *DEAL)
    actual = (k * (deal_j - d_j), deal_us - d_us)
    steps = ROUNDS - 1
    result = alternating_offers(
        linear_schedule(values["patience_partner_start"], values["patience_partner_end"], steps),
        linear_schedule(values["patience_us_start"], values["patience_us_end"], steps),
        rounds=ROUNDS,
        first="US",
        players=("Japan", "US"),
    )
    return result, pie, (actual[0] / pie, actual[1] / pie)


def package_of(solution: BargainingSolution) -> tuple[Number, Number]:
    """The (tariff %, pledge $bn) of a solution: a mix of two packages is their weighted
    average, which gives the same utilities because both are linear in the package."""
    rate = sum(w * TARIFFS[k // len(PLEDGES)] for k, w in solution.mixture)
    pledge = sum(w * PLEDGES[k % len(PLEDGES)] for k, w in solution.mixture)
    return rate, pledge


def _headline(nash: BargainingSolution) -> str:
    rate, pledge = package_of(nash)
    japan, us = nash.utilities
    return (
        f"Nash bargaining solution: a {float(rate):.3g}% tariff and a pledge of about "
        f"${float(pledge):,.0f}bn (Japan {fmt(japan, '% of GDP')}, US {fmt(us, '$bn')} a year)."
    )


def _sentence(solution: BargainingSolution) -> str:
    """A solution in the model's units, with the package it stands for."""
    rate, pledge = package_of(solution)
    japan, us = solution.utilities
    gain_j, gain_us = solution.gains
    text = (
        f"{solution.name}: a {float(rate):.3g}% tariff and a pledge of about "
        f"${float(pledge):,.0f}bn; Japan {fmt(japan, '% of GDP')}, US {fmt(us, '$bn')} a year "
        f"(gains over no deal: Japan {_signed(gain_j, '% of GDP')}, US {_signed(gain_us, '$bn')})."
    )
    return f"{text} {solution.note}" if solution.note else text


def _signed(value: Number, unit: str) -> str:
    """A change with its sign: ``+0.347% of GDP``, ``-$6.43bn``."""
    return ("+" if value > 0 else "") + fmt(value, unit)


def _card_text(card: ThreatPointEffect) -> str:
    """How the Treasury card, as a worse no-deal outcome for both, moves the Nash solution."""
    d_j, d_us = card.after.disagreement
    (b_j, b_us), (a_j, a_us) = (
        card.solutions_before["nash"].utilities,
        card.solutions_after["nash"].utilities,
    )
    return (
        f"Treasury card as a threat point (no deal then gives Japan {fmt(d_j, '% of GDP')} and "
        f"the US {fmt(d_us, '$bn')}): the Nash solution moves for Japan from "
        f"{fmt(b_j, '% of GDP')} to {fmt(a_j, '% of GDP')} ({_signed(a_j - b_j, '% of GDP')}), "
        f"for the US from {fmt(b_us, '$bn')} to {fmt(a_us, '$bn')} ({_signed(a_us - b_us, '$bn')})."
    )


def _analyse(values: dict[str, Number]) -> Analysis:
    problem = _instantiate(values)
    # Egalitarian and utilitarian compare Japan's gain with the US's, so both in $bn a
    # year (1% of Japan's GDP is gdp_dollars $bn); Nash and Kalai-Smorodinsky need no
    # common unit.
    solutions = bargaining_solutions(
        problem, power=values["power_partner"], unit_rates=(values["gdp_dollars"], 1)
    )
    d_j, d_us = problem.disagreement
    card = threat_point_effect(
        problem,
        (d_j - values["card_partner"], d_us - values["card_us"]),
        ("nash",),
        power=values["power_partner"],
    )
    nash = solutions["nash"]
    sentences = [_sentence(s) for s in solutions.values()]
    deal = _utilities(values, *DEAL)
    gap_j, gap_us = deal[0] - nash.utilities[0], deal[1] - nash.utilities[1]
    result, pie, actual = offers(values)
    offered = result.shares  # type: ignore[attr-defined]
    details = [
        f"No deal: Japan {fmt(d_j, '% of GDP')}, US {fmt(d_us, '$bn')} (tariff {values['no_deal_tariff']}%).",
        f"The July deal (15%, $550bn) gives Japan {fmt(deal[0], '% of GDP')} and the US {fmt(deal[1], '$bn')}: "
        f"compared with the Nash solution, Japan {_signed(gap_j, '% of GDP')} and the US {_signed(gap_us, '$bn')}.",
        _card_text(card),
    ]
    if offered is not None:
        details.append(
            f"Rounds of talks: over {ROUNDS} rounds with falling patience, agreement in round "
            f"{result.agreement_round} with Japan getting {float(offered[0]):.0%} of the ${float(pie):.3g}bn "  # type: ignore[attr-defined]
            f"of yearly gains; the July deal gave Japan {float(actual[0]):.0%}."
        )
    headline = _headline(nash)
    return Analysis(
        model="deal_bargaining",
        values=values,
        game=problem,
        result=solutions,
        headline=headline,
        sentences=tuple(sentences),
        classification="bargaining problem over 49 packages",
        details=tuple(details),
        table="",
        data={
            "nash": nash.utilities,
            "deal": deal,
            "card_disagreement": card.after.disagreement,
            "card_nash": card.solutions_after["nash"],
            "offers": result,
            "gains_per_year": pie,
            "offers_share_partner": None if offered is None else offered[0],
            "actual_share_partner": actual[0],
        },
    )


MODEL = Model(
    name="deal_bargaining",
    title="Bargaining over the deal",
    lesson="05-bargaining-over-the-deal",
    kind="bargaining",
    parameters=PARAMETERS,
    build=lambda: deal_bargaining(),
    instantiate=_instantiate,
    analyse_values=_analyse,
    summary="A tariff and an investment pledge against the cost of no deal: Nash and Kalai-Smorodinsky solutions, threat points, rounds of offers, and the July deal.",
)
