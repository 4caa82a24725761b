"""The Treasury card: a threat to sell US Treasuries, and why it did not bite.

Story
-----
Japan is the largest foreign holder of US Treasuries ($1,135bn in May 2025, US
Treasury TIC). In the week of 4-11 April 2025 the 10-year yield jumped from under
3.9% to 4.5%, and on 9 April the US paused its country tariffs, the President
noting that bond investors were getting "a little queasy". On 2 May Finance
Minister Kato said Japan's Treasuries "do exist as a card"; on 4 May he said Japan
was "not considering the sale of US treasuries as a means of Japan-US
negotiations" (Japan Times, 2 May 2025; The Star, 6 May 2025). TIC data show no
official selling.

Players and moves
-----------------
A game tree with perfect information and one chance node (payoffs: Japan in % of
Japan's GDP, US in $bn a year):

1. The **US** demands concessions under tariffs, or makes no demand (the deal
   rate ``d`` stays, nothing else happens).
2. **Japan** accepts (tariff cut to ``d``, Japan delivers its package), retaliates
   (an open trade war at tariff ``t``), or plays the **Treasury card** (threatens
   to sell unless the US backs down).
3. After the card the **US** backs down (tariff ``d``, no package) or holds (``t``).
4. If the US holds, **Japan** sells Treasuries or does not (walks the threat back).
5. A sale turns into **market stress** with probability ``pi``.

Payoffs
-------
With ``tau(r) = (1 - phi) r M / 100`` the US gain from a tariff of ``r`` % (as in
the tariff standoff) and ``lam`` Japan's GDP loss per tariff point:

=========================  ================  ==============
Outcome                    Japan (% of GDP)  US ($bn/yr)
=========================  ================  ==============
No demand                  -lam d            tau(d)
Accept                     -lam d - k        tau(d) + V
Retaliate                  -lam t + g - w    tau(t) - D - W
Card, US backs down        -lam d            tau(d) - B
Card, hold, don't sell     -lam t - rho      tau(t)
Card, hold, sell (calm)    -lam t - S        tau(t) - Y
Card, hold, sell (stress)  -lam t - S - X    tau(t) - Y - Z
=========================  ================  ==============

``S`` is Japan's cost of selling (mark-to-market losses on what it still holds, a
stronger yen for exporters, strain on the alliance), ``Y`` the US cost of higher
yields, ``X`` and ``Z`` the extra costs of market stress, ``rho`` Japan's
*reputation cost of walking a threat back* and ``B`` the US's cost of backing down.

**Credibility.** Once the US holds, selling is optimal for Japan only if
``S + pi X <= rho``: the threat is credible only when walking it back costs more
than carrying it out. With the default figures it is not, so the only
subgame-perfect outcome is that Japan accepts; but "card, sell" together with "the
US backs down" is a Nash equilibrium that rests on the empty threat
(:func:`negotiation.trees.nash_vs_spe`). Commitment (raising ``rho``, for example
by a public pledge) is what would make the threat credible. The probabilistic
version (Schelling 1960, ch. 8): a threat that triggers selling with probability
``q`` whatever Japan then wants; :func:`negotiation.trees.brinkmanship` reports
the range of ``q`` that would make the US back down (effectiveness) yet leave Japan
better off than accepting (acceptability), given a chance :data:`HARDLINE` that the
US is hard-line and holds whatever the risk. Without that chance the upper bound
never binds: a US that always backs down when the risk is effective never leaves
Japan exposed to it.

Calibration
-----------
Tariffs, imports and ``lam`` as in the tariff standoff. ``S`` starts from a
mark-to-market estimate: a duration of about 5.5 years times a 60bp rise in yields
on about $1.1tn is $35-40bn, about 0.9% of Japan's GDP; with the exporters' loss from
a stronger yen the default is 1.5%. ``Y``, ``X``, ``Z``, ``rho``, ``B``, ``pi`` and
:data:`HARDLINE` are **stylized assumptions**. ``rho`` is small because the remark was
an unscripted answer on television, not a pledge, a law or a cabinet decision, so
little tied the government to it (audience costs need a public commitment that an
audience can punish, Fearon 1994); it is *not* set from Kato's walk-back, which is
what the model should explain and so cannot also be one of its inputs.

What the model leaves out
-------------------------
That most of Japan's holdings are reserves it needs for yen intervention (selling
Treasuries to *support* the yen is what it did in 2022 and 2024), private investors'
selling (which happened and did not need a decision), other creditors, and the
wider argument of Drezner (2009) that creditor power can deter but rarely compels.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache, lru_cache
from typing import Any

from ..core._numbers import Number, format_number
from ..symbolic import Parameter
from ..trees import (
    BrinkmanshipResult,
    Credibility,
    GameTree,
    brinkmanship,
    chance,
    credibility,
    decision,
    leaf,
    nash_vs_spe,
    subgame_perfect,
)
from ._base import Analysis, Model, fmt
from .tariff_standoff import PARAMETERS as STANDOFF_PARAMETERS

__all__ = [
    "HARDLINE",
    "HOLD_NODE",
    "MODEL",
    "PARAMETERS",
    "UNITS",
    "threat_to_sell",
    "treasury_leverage",
]

HOLD_NODE = ("Demand", "Treasury card", "Hold")
"""Where Japan decides whether to carry out the threat."""

HARDLINE = Fraction(1, 10)
"""The chance that the US is hard-line and holds whatever the risk of a sale (a stylized
assumption). It is what bounds a workable risk from above in brinkmanship: Japan must
still prefer making the threat, knowing that with this chance the US defies it and Japan
bears the risk it created (Dixit, Skeath and Reiley 2009, ch. 14, the acceptability
condition)."""

UNITS = ("% of GDP", "$bn")
"""The payoffs' units: Japan's, the US's (a year)."""


def _payoff_text(player: int, value: Number) -> str:
    return fmt(value, UNITS[player])


# The tree's first moves are the standoff's, so are their parameters (the tariff and the
# deal rate described as this story tells them); then the Treasury card's own.
_STANDOFF = {p.name: p for p in STANDOFF_PARAMETERS}
PARAMETERS: tuple[Parameter, ...] = (
    _STANDOFF["tariff"].replace(description="US tariff if it holds"),
    _STANDOFF["deal_rate"].replace(description="US tariff after a deal or a climb-down"),
    *(
        _STANDOFF[name]
        for name in (
            "imports",
            "pass_through",
            "partner_loss",
            "concession_cost",
            "concession_value",
            "retaliation_value",
            "war_cost_partner",
            "retaliation_damage",
            "war_cost_us",
        )
    ),
    Parameter(
        "selling_cost",
        Fraction(3, 2),
        0,
        4,
        unit="% of GDP",
        step=Fraction(1, 20),
        description="the partner's cost of selling Treasuries",
        source="selling-cost-derived",
        latex="S",
    ),
    Parameter(
        "walk_back_cost",
        Fraction(1, 5),
        0,
        4,
        unit="% of GDP",
        step=Fraction(1, 20),
        description="the partner's reputation cost of walking the threat back",
        source="assumption",
        latex=r"\rho",
    ),
    Parameter(
        "yield_cost",
        50,
        0,
        300,
        unit="$bn/yr",
        step=5,
        description="US cost of higher yields after a sale",
        source="assumption",
        latex="Y",
    ),
    Parameter(
        "stress_probability",
        Fraction(1, 4),
        0,
        1,
        unit="probability",
        step=Fraction(1, 20),
        description="chance that a sale turns into market stress",
        source="assumption",
        latex=r"\pi",
    ),
    Parameter(
        "stress_cost_partner",
        Fraction(1, 2),
        0,
        3,
        unit="% of GDP",
        step=Fraction(1, 20),
        description="extra cost to the partner of market stress",
        source="assumption",
        latex="X",
    ),
    Parameter(
        "stress_cost_us",
        100,
        0,
        500,
        unit="$bn/yr",
        step=5,
        description="extra cost to the US of market stress",
        source="assumption",
        latex="Z",
    ),
    Parameter(
        "back_down_cost",
        5,
        0,
        50,
        unit="$bn/yr",
        step=1,
        description="US cost of backing down after a threat",
        source="assumption",
        latex="B",
    ),
)


@cache
def treasury_leverage() -> GameTree:
    """The Treasury-card tree with symbolic payoffs (Japan, US).

    Examples
    --------
    >>> from negotiation.trees import subgame_perfect
    >>> tree = treasury_leverage().at(**MODEL.defaults)
    >>> subgame_perfect(tree)[0].path
    ('Demand', 'Accept')
    """
    s = {q.name: q.symbol for q in PARAMETERS}
    t, d, M, phi, lam = (
        s["tariff"],
        s["deal_rate"],
        s["imports"],
        s["pass_through"],
        s["partner_loss"],
    )

    def tau(r: Any) -> Any:
        return (1 - phi) * r / 100 * M

    sell = chance(
        {
            "Market stress": (
                s["stress_probability"],
                leaf(
                    -lam * t - s["selling_cost"] - s["stress_cost_partner"],
                    tau(t) - s["yield_cost"] - s["stress_cost_us"],
                ),
            ),
            "Calm": (
                1 - s["stress_probability"],
                leaf(-lam * t - s["selling_cost"], tau(t) - s["yield_cost"]),
            ),
        }
    )
    after_hold = decision(
        "Japan", {"Sell": sell, "Don't sell": leaf(-lam * t - s["walk_back_cost"], tau(t))}
    )
    card = decision(
        "US", {"Back down": leaf(-lam * d, tau(d) - s["back_down_cost"]), "Hold": after_hold}
    )
    respond = decision(
        "Japan",
        {
            "Accept": leaf(-lam * d - s["concession_cost"], tau(d) + s["concession_value"]),
            "Retaliate": leaf(
                -lam * t + s["retaliation_value"] - s["war_cost_partner"],
                tau(t) - s["retaliation_damage"] - s["war_cost_us"],
            ),
            "Treasury card": card,
        },
    )
    root = decision("US", {"Demand": respond, "No demand": leaf(-lam * d, tau(d))})
    return GameTree(("Japan", "US"), root, title="The Treasury card")


def _instantiate(values: dict[str, Number]) -> GameTree:
    return treasury_leverage().at(**values)


@cache
def credibility_condition() -> Any:
    """When selling is credible, as a sympy relation solved for the walk-back cost.

    Examples
    --------
    >>> print(credibility_condition())
    walk_back_cost >= selling_cost + stress_cost_partner*stress_probability
    """
    return credibility(treasury_leverage(), HOLD_NODE, "Sell", solve_for="walk_back_cost").condition


@lru_cache(maxsize=64)
def threat_to_sell(tree: GameTree) -> tuple[Credibility, BrinkmanshipResult]:
    """Whether Japan's threat to sell is credible in ``tree``, and its brinkmanship window.

    :func:`~negotiation.trees.credibility` and :func:`~negotiation.trees.brinkmanship`
    (with a chance :data:`HARDLINE` of a hard-line US) at the node where the US has
    held, remembered per tree (the app shows what the
    analysis computed without computing it again).

    Examples
    --------
    >>> credible, brink = threat_to_sell(MODEL.at(MODEL.defaults))
    >>> credible.credible
    False
    """
    return credibility(tree, HOLD_NODE, "Sell"), brinkmanship(
        tree, HOLD_NODE, "Sell", hardline=HARDLINE
    )


def _credibility_text(credible: Credibility) -> str:
    """Whether selling is credible, with Japan's payoffs in % of GDP."""
    verdict = "credible" if credible.credible else "not credible"
    sell, keep = credible.payoffs.get("Sell"), credible.payoffs.get("Don't sell")
    if not (isinstance(sell, Fraction | float | int) and isinstance(keep, Fraction | float | int)):
        return f"Threat to sell: {verdict}. {credible.explanation}"  # a range (ties below)
    better = "selling" if sell >= keep else "not selling"
    return (
        f"Threat to sell: {verdict}. If the US held, Japan would get "
        f"{fmt(sell, '% of GDP')} from selling and {fmt(keep, '% of GDP')} from not selling, "
        f"so it would choose {better}."
    )


def _play_text(e: Any) -> str:
    """The path of play, or the paths with their probabilities when chance moves on it."""
    if e.path is not None:
        return " → ".join(e.path)
    return "; ".join(f"{' → '.join(path)} ({format_number(prob)})" for path, prob in e.outcomes)


def _analyse(values: dict[str, Number]) -> Analysis:
    tree = _instantiate(values)
    spe = subgame_perfect(tree)
    comparison = nash_vs_spe(tree)
    credible, brink = threat_to_sell(tree)
    sentences = [e.describe(_payoff_text) for e in spe.equilibria[:4]]
    if spe.count > 4:
        sentences.append(f"... and {spe.count - 4} more subgame-perfect equilibria (ties).")
    first = spe.equilibria[0]
    japan, us = first.payoffs
    headline = (
        f"Subgame-perfect outcome: {_play_text(first)} "
        f"(Japan {fmt(japan, '% of GDP')}, US {fmt(us, '$bn')})."
    )
    pure_threats = [i for i in comparison.not_subgame_perfect if i.equilibrium.is_pure]
    mixed = len(comparison.not_subgame_perfect) - len(pure_threats)
    threats = [
        f"Nash but not subgame perfect: {item.describe(_payoff_text)}" for item in pure_threats
    ]
    if mixed:
        threats.append(
            f"({mixed} more Nash equilibria in mixed strategies also rest on empty threats.)"
        )
    details = [
        _credibility_text(credible),
        f"Credible when {credibility_condition()}.",
        *threats,
        f"Brinkmanship: {brink.explanation}",
    ]
    return Analysis(
        model="treasury_leverage",
        values=values,
        game=tree,
        result=spe,
        headline=headline,
        sentences=tuple(sentences),
        classification="game tree with perfect information and chance",
        details=tuple(details),
        table=str(tree),
        data={
            "subgame_perfect_play": [_play_text(e) for e in spe.equilibria[:20]],
            "threat_credible": credible.credible,
            "non_credible_equilibria": len(comparison.not_subgame_perfect),
            "brinkmanship_window": str(brink.window) if brink.window else None,
        },
    )


MODEL = Model(
    name="treasury_leverage",
    title="The Treasury card",
    lesson="04-treasury-card",
    kind="game tree",
    parameters=PARAMETERS,
    build=treasury_leverage,
    instantiate=_instantiate,
    analyse_values=_analyse,
    summary="A threat to sell US Treasuries: credible and non-credible threats, commitment, brinkmanship.",
    units=UNITS,
)
