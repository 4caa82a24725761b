"""What the hint told Washington: the Treasury card as a signal of private resolve.

Story
-----
On 2 May 2025 Finance Minister Kato said on television that Japan's US Treasury
holdings ($1,135bn in May 2025, US Treasury TIC) "do exist as a card"; on 4 May, in
Milan, he said Japan was "not considering the sale of US treasuries as a means of
Japan-US negotiations" (Japan Times, 2 May 2025; The Star, 6 May 2025). TIC data
show no official selling. :mod:`~negotiation.models.treasury_leverage` treats the
card under complete information; here only Japan knows whether it would really
sell, and the hint is a message the US must read.

Players and moves
-----------------
A signalling game (:func:`negotiation.information.signalling_game`; payoffs: the
partner in % of its GDP, the US in $bn a year):

1. **Chance** makes the partner *resolved* (with the US's prior ``p``) or
   *unresolved*; only the partner learns which.
2. The **partner** hints (says in public that the card exists) or stays silent.
3. The **US**, seeing the message but not the type, *presses* (holds the tariff
   ``t``) or *softens* (settles at the deal rate ``d``).
4. If pressed, a resolved partner sells its Treasuries and an unresolved one does
   not: after a hint, that is a **walk-back**. This last move is not a node of the
   tree: it is what defines the types (a resolved type is one whose private cost of
   conceding exceeds the cost of selling; an unresolved type is one for which
   selling costs more than walking back, whatever the audience cost in this
   parameter's range), so each type's best last move is folded into its payoffs.

Payoffs
-------
With ``tau(r) = (1 - phi) r M / 100`` the US gain from a tariff of ``r`` % (as in
the tariff standoff), ``lam`` the partner's GDP loss per tariff point, ``S`` its
cost of selling and ``X`` the extra cost if a sale turns into market stress (chance
``pi``), ``Y`` and ``Z`` the same for the US, ``B`` the US's cost of softening after
an open threat, ``c_R`` and ``c_U`` the direct cost of a hint to each type (markets
react: a costly signal, [Spence1973]_) and ``a`` the **audience cost**
[Fearon1994]_: what a government pays at home for retracting a public threat, paid
only by a type that hinted and walks back.

============================  ========================  =====================
Type, message, US action      Partner (% of GDP)        US ($bn/yr)
============================  ========================  =====================
resolved, hint, soften        -lam d - c_R              tau(d) - B
resolved, hint, press         -lam t - S - pi X - c_R   tau(t) - Y - pi Z
resolved, silence, soften     -lam d                    tau(d)
resolved, silence, press      -lam t - S - pi X         tau(t) - Y - pi Z
unresolved, hint, soften      -lam d - c_U              tau(d) - B
unresolved, hint, press       -lam t - c_U - a          tau(t)
unresolved, silence, soften   -lam d                    tau(d)
unresolved, silence, press    -lam t                    tau(t)
============================  ========================  =====================

**The US's thresholds.** With ``G = tau(t) - tau(d)`` and ``K = Y + pi Z``, the
US presses after a hint when its belief that the partner is resolved is at most
``mu_h = (G + B) / K``, and after silence when it is at most ``mu_s = G / K``.

**Closed forms** (``Delta = lam (t - d)``, what softening is worth to the
partner). A *separating* equilibrium (the resolved type hints, the other is
silent, the US softens after a hint and presses after silence) needs
``c_U >= Delta`` (a bluff costs more than it wins) and ``c_R <= Delta + S + pi X``;
the audience cost does not enter, because a hint is never called there. Where
``c_U < Delta`` and ``p < mu_h`` there is a *semi-separating* equilibrium, the
strategic ambiguity of the hint: the resolved type hints, the unresolved type
hints with probability ``q = p (1 - mu_h) / ((1 - p) mu_h)`` (so that the US,
believing ``mu_h`` after a hint, is indifferent), and the US presses after a hint
with probability ``sigma = (Delta - c_U) / (Delta + a)`` (so that the unresolved
type is indifferent). A larger audience cost lets the US call the bluff less often.
With ``c_R = c_U = a = 0`` the hint is cheap talk and every pooling equilibrium is
*babbling*.

**What the model computes.** :meth:`MODEL.analyse <negotiation.models.Model.analyse>`
lists every perfect Bayesian equilibrium (extreme points, exact:
:func:`~negotiation.information.perfect_bayesian`), classified, with its off-path
beliefs and the intuitive criterion's verdict [ChoKreps1987]_, and
:func:`record_fit` says which of them give the May record (hint, walk-back, no sale)
a positive probability. :func:`thresholds` gives the closed forms above at given
values; :func:`signal_regimes` every pure and hybrid candidate as formulas in the
partner's parameters (:data:`SENDER_SIDE`: the solver needs the US's payoffs as
numbers to decide which beliefs support an action after a message the prior may
leave unsent); :func:`signal_map` which equilibria exist over the prior and the
audience cost, exactly at every point of the grid.

Calibration
-----------
Tariffs, imports, pass-through and ``lam`` as in the tariff standoff; ``S``,
``pi``, ``X``, ``Y``, ``Z`` and ``B`` as in the Treasury card. The prior ``p``,
the hint's costs and the audience cost are **stylized assumptions**, each with a
reason in the scenario files. None of them is set from what happened in May: the
walk-back and the absence of selling are what :func:`record_fit` reads *from* the
equilibria, not inputs. The prior is low because Japan had never used its holdings
against its ally and needs its reserves to defend the yen (Drezner 2009: creditor
power deters but rarely compels [Drezner2009]_). The audience cost is small for the same reason as
the Treasury card's ``rho``: an unscripted TV answer, not a pledge, a law or a
cabinet decision, ties a government little. The hint's direct cost is zero: a
remark changes no holdings.

What the model leaves out
-------------------------
More than two types (resolve is a matter of degree), the timing of two days (the
walk-back came before any visible US move; here it is the unresolved type's
answer to pressure), the US's own private information, private investors' selling,
the repeated game of later rounds (a reputation for walking back carries forward:
Kreps and Wilson 1982), and the use of reserves to support the yen.

References
----------
.. [Fearon1994] J. D. Fearon, "Domestic political audiences and the escalation of
   international disputes", *American Political Science Review* 88(3), 577-592, 1994.
.. [Spence1973] M. Spence, "Job market signaling", *Quarterly Journal of Economics*
   87(3), 355-374, 1973.
.. [Drezner2009] D. W. Drezner, "Bad debts: assessing China's financial influence in
   great power politics", *International Security* 34(2), 7-45, 2009.

Examples
--------
>>> from negotiation.models import MODELS
>>> print(MODELS["treasury_signal"].analyse().headline)  # doctest: +ELLIPSIS
2 perfect Bayesian equilibria: 1 pooling, 1 semi-separating (strategic ambiguity); the May 2025 record (hint, walk-back, no sale) fits semi-separating (strategic ambiguity).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Any

from ..core._numbers import Number, format_number
from ..information import (
    MixedRegime,
    PBEMap,
    PerfectBayesianEquilibrium,
    PerfectBayesianSolution,
    PureRegime,
    babbling_equilibria,
    mixed_pbe_regimes,
    pbe_map,
    perfect_bayesian,
    pure_pbe_regimes,
    signalling_game,
)
from ..symbolic import Parameter
from ..trees import GameTree
from ._base import Analysis, Model, fmt
from .tariff_standoff import PARAMETERS as STANDOFF_PARAMETERS
from .treasury_leverage import PARAMETERS as LEVERAGE_PARAMETERS

__all__ = [
    "HINT",
    "MODEL",
    "PARAMETERS",
    "RESOLVED",
    "SENDER_SIDE",
    "SILENCE",
    "UNITS",
    "UNRESOLVED",
    "RecordFit",
    "record_fit",
    "signal_map",
    "signal_regimes",
    "thresholds",
    "treasury_signal",
]

RESOLVED, UNRESOLVED = "resolved", "unresolved"
HINT, SILENCE = "hint", "silence"
PRESS, SOFTEN = "press", "soften"
PLAYERS = ("Japan", "US")  # the partner is Japan by default, like every model's

UNITS = ("% of GDP", "$bn")
"""The payoffs' units: the partner's, the US's (a year)."""

_STANDOFF = {p.name: p for p in STANDOFF_PARAMETERS}
_LEVERAGE = {p.name: p for p in LEVERAGE_PARAMETERS}

PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "prior_resolved",
        Fraction(1, 10),
        Fraction(1, 100),
        Fraction(99, 100),
        unit="probability",
        step=Fraction(1, 100),
        description="US prior that the partner is resolved (would really sell)",
        source="assumption",
        latex="p",
    ),
    _STANDOFF["tariff"].replace(description="US tariff if it presses"),
    _STANDOFF["deal_rate"].replace(description="US tariff if it softens"),
    _STANDOFF["imports"],
    _STANDOFF["pass_through"],
    _STANDOFF["partner_loss"].replace(description="the partner's GDP loss per point of US tariff"),
    _LEVERAGE["selling_cost"].replace(description="the resolved partner's cost of selling"),
    _LEVERAGE["stress_probability"],
    _LEVERAGE["stress_cost_partner"].replace(
        description="extra cost to the partner of market stress"
    ),
    _LEVERAGE["yield_cost"],
    _LEVERAGE["stress_cost_us"],
    _LEVERAGE["back_down_cost"].replace(description="US cost of softening after a public hint"),
    Parameter(
        "hint_cost_resolved",
        0,
        0,
        1,
        unit="% of GDP",
        step=Fraction(1, 100),
        description="direct cost of a hint to a resolved partner (markets react)",
        source="assumption",
        latex="c_R",
    ),
    Parameter(
        "hint_cost_unresolved",
        0,
        0,
        1,
        unit="% of GDP",
        step=Fraction(1, 100),
        description="direct cost of a hint to an unresolved partner (markets react)",
        source="assumption",
        latex="c_U",
    ),
    Parameter(
        "audience_cost",
        Fraction(1, 5),
        0,
        1,
        unit="% of GDP",
        step=Fraction(1, 100),
        description="cost at home of walking back a public hint (Fearon 1994)",
        source="assumption",
        latex="a",
    ),
)


def _payoff_table(s: Mapping[str, Any]) -> dict[tuple[str, str, str], tuple[Any, Any]]:
    """Every leaf's (partner, US) payoffs from the parameters ``s`` (symbols or numbers)."""
    t, d, lam = s["tariff"], s["deal_rate"], s["partner_loss"]

    def tau(r: Any) -> Any:
        return (1 - s["pass_through"]) * r / 100 * s["imports"]

    sale_partner = s["selling_cost"] + s["stress_probability"] * s["stress_cost_partner"]
    sale_us = s["yield_cost"] + s["stress_probability"] * s["stress_cost_us"]
    out: dict[tuple[str, str, str], tuple[Any, Any]] = {}
    for typ, hint_cost in (
        (RESOLVED, s["hint_cost_resolved"]),
        (UNRESOLVED, s["hint_cost_unresolved"]),
    ):
        for m in (HINT, SILENCE):
            c = hint_cost if m == HINT else 0
            out[(typ, m, SOFTEN)] = (
                -lam * d - c,
                tau(d) - (s["back_down_cost"] if m == HINT else 0),
            )
            if typ == RESOLVED:  # pressed, it sells
                out[(typ, m, PRESS)] = (-lam * t - sale_partner - c, tau(t) - sale_us)
            else:  # pressed, it does not sell: after a hint, a walk-back
                walk = s["audience_cost"] if m == HINT else 0
                out[(typ, m, PRESS)] = (-lam * t - c - walk, tau(t))
    return out


def _tree(s: Mapping[str, Any]) -> GameTree:
    table = _payoff_table(s)
    p = s["prior_resolved"]
    return signalling_game(
        {RESOLVED: p, UNRESOLVED: 1 - p},
        (HINT, SILENCE),
        (PRESS, SOFTEN),
        lambda typ, m, a: table[(typ, m, a)],
        players=PLAYERS,
        title="The hint as a signal",
    )


@cache
def treasury_signal() -> GameTree:
    """The signalling game with symbolic payoffs and prior (partner, US).

    Examples
    --------
    >>> tree = treasury_signal()
    >>> [str(s) for s in tree.parameters][:3]
    ['audience_cost', 'back_down_cost', 'deal_rate']
    """
    return _tree({q.name: q.symbol for q in PARAMETERS})


def _instantiate(values: dict[str, Number]) -> GameTree:
    return _tree(values)


def _check_values(values: Any) -> dict[str, Number]:
    if values is not None and not isinstance(values, Mapping):
        raise TypeError(
            f"values must be a mapping of parameter names to numbers, got {type(values).__name__}"
        )
    return MODEL.values(values)


@dataclass(frozen=True)
class RecordFit:
    """Whether one equilibrium fits the record of 2-4 May 2025 (hint, walk-back, no sale).

    Attributes
    ----------
    fits : bool
        The record's path (an unresolved partner hints, the US presses, the partner
        walks back and does not sell) has positive probability in the equilibrium.
    probability : Fraction
        That path's probability.
    belief_after_hint : Fraction or None
        The US's belief that the partner is resolved after a hint (``None`` if no
        type hints).
    """

    fits: bool
    probability: Fraction
    belief_after_hint: Fraction | None


def record_fit(eq: PerfectBayesianEquilibrium) -> RecordFit:
    """How the equilibrium ``eq`` reads the record of May 2025: hint, walk-back, no sale.

    In the model a walk-back is what an unresolved partner does when pressed after a
    hint, and a pressed resolved partner would sell; so the record is the path
    (unresolved, hint, press). This is computed from the equilibrium, not assumed.

    Examples
    --------
    >>> sol = perfect_bayesian(MODEL.at())
    >>> [record_fit(eq).fits for eq in sol]
    [False, True]
    """
    if not isinstance(eq, PerfectBayesianEquilibrium):
        raise TypeError(f"eq must be a PerfectBayesianEquilibrium, got {type(eq).__name__}")
    prior = dict(zip(eq.structure.types, eq.structure.prior, strict=True))
    prob = (
        Fraction(prior[UNRESOLVED])
        * eq.sender[UNRESOLVED].get(HINT, Fraction(0))
        * eq.receiver[HINT].get(PRESS, Fraction(0))
    )
    after = eq.beliefs.get(HINT)
    return RecordFit(prob > 0, prob, None if after is None else after[RESOLVED])


def _cheap(values: Mapping[str, Number]) -> bool:
    return all(
        values[k] == 0 for k in ("hint_cost_resolved", "hint_cost_unresolved", "audience_cost")
    )


def _label(eq: PerfectBayesianEquilibrium, cheap: bool, babbling: bool) -> str:
    """The equilibrium's kind in the words of the lesson.

    *Babbling* is kept for cheap talk (no cost of hinting, no audience cost) where every
    type says the same and the US does the same whatever is said
    (:func:`~negotiation.information.babbling_equilibria`); a pooling equilibrium of
    a costly hint is called pooling.
    """
    if eq.kind == "pooling":
        return "babbling (cheap talk the US ignores)" if cheap and babbling else "pooling"
    if eq.kind == "semi-separating":
        after = eq.beliefs.get(HINT, {}).get(RESOLVED)
        if after is not None and 0 < after < 1:
            return "semi-separating (strategic ambiguity)"
    return eq.kind


def thresholds(values: Mapping[str, Any] | None = None) -> dict[str, Fraction]:
    """The US's belief thresholds and the closed-form mixtures at the given values.

    ``mu_hint`` and ``mu_silence``: the highest belief that the partner is resolved at
    which the US still presses; ``delta``: what softening is worth to the partner;
    ``bluff`` and ``call``: the unresolved type's chance of hinting and the US's chance
    of pressing after a hint in the semi-separating equilibrium (meaningful where it
    exists: ``hint_cost_unresolved < delta`` and ``prior_resolved < mu_hint``).

    Examples
    --------
    >>> th = thresholds()
    >>> th["mu_hint"], th["call"]
    (Fraction(1661, 9375), Fraction(7, 11))
    """
    v = {k: Fraction(x) for k, x in _check_values(values).items()}
    g = (1 - v["pass_through"]) * (v["tariff"] - v["deal_rate"]) / 100 * v["imports"]
    k = v["yield_cost"] + v["stress_probability"] * v["stress_cost_us"]
    if k == 0:
        raise ValueError("yield_cost + stress_probability * stress_cost_us must be positive")
    mu_h = (g + v["back_down_cost"]) / k
    mu_s = g / k
    delta = v["partner_loss"] * (v["tariff"] - v["deal_rate"])
    p = v["prior_resolved"]
    bluff = p * (1 - mu_h) / ((1 - p) * mu_h) if p < 1 and mu_h > 0 else Fraction(0)
    call = (
        (delta - v["hint_cost_unresolved"]) / (delta + v["audience_cost"])
        if delta + v["audience_cost"] > 0
        else Fraction(0)
    )
    return {"mu_hint": mu_h, "mu_silence": mu_s, "delta": delta, "bluff": bluff, "call": call}


SENDER_SIDE = (
    "prior_resolved",
    "partner_loss",
    "selling_cost",
    "stress_cost_partner",
    "hint_cost_resolved",
    "hint_cost_unresolved",
    "audience_cost",
)
"""The parameters that enter only the partner's payoffs (and the prior): those that
:func:`signal_regimes` can keep symbolic."""


def signal_regimes(
    values: Mapping[str, Any] | None = None,
    symbolic: tuple[str, ...] = SENDER_SIDE,
) -> tuple[tuple[PureRegime, ...], tuple[MixedRegime, ...]]:
    """Every pure and every hybrid candidate equilibrium, in closed form in some parameters.

    :func:`~negotiation.information.pure_pbe_regimes` and
    :func:`~negotiation.information.mixed_pbe_regimes` on :func:`treasury_signal`,
    with the parameters named in ``symbolic`` kept as symbols and the others at
    ``values`` (defaults for those not given). Only parameters of :data:`SENDER_SIDE`
    may stay symbolic: the solver decides which beliefs support the US's action after
    a message the prior may leave unsent from the US's payoffs, which must then be
    numbers.

    Raises
    ------
    ValueError
        For an unknown name, or one that enters the US's payoffs.

    Examples
    --------
    >>> pure, mixed = signal_regimes()
    >>> len(pure), len(mixed)  # candidates; which hold depends on the values
    (16, 17)
    >>> semi = [r for r in mixed if r.kind == "semi-separating"][0]
    >>> print(semi.receiver["hint"]["press"])
    (-hint_cost_unresolved + 14*partner_loss)/(audience_cost + 14*partner_loss)
    """
    v = _check_values(values)
    if not isinstance(symbolic, tuple) or not all(isinstance(n, str) for n in symbolic):
        raise TypeError(f"symbolic must be a tuple of parameter names, got {symbolic!r}")
    for name in symbolic:
        MODEL.parameter(name)  # ValueError naming the parameters
        if name not in SENDER_SIDE:
            raise ValueError(
                f"{name!r} enters the US's payoffs and cannot stay symbolic here; "
                f"choose among {list(SENDER_SIDE)}"
            )
    tree = treasury_signal().at(**{k: x for k, x in v.items() if k not in symbolic})
    return pure_pbe_regimes(tree), mixed_pbe_regimes(tree)


def signal_map(
    values: Mapping[str, Any] | None = None,
    resolution: int | tuple[int, int] = 41,
    *,
    mixed: bool = True,
) -> PBEMap:
    """Which PBE exist over (``prior_resolved``, ``audience_cost``), the rest at ``values``.

    Exact at every point (:func:`~negotiation.information.pbe_map`).

    Examples
    --------
    >>> m = signal_map(resolution=3)  # prior 1/100, 1/2, 99/100; audience cost 0, 1/2, 1
    >>> print(m.legend[m.labels[0, 0]])  # prior 1/100, cheap talk: babbling
    pooling on hint: US press after hint, press after silence; pooling on silence: US press after hint, press after silence
    >>> for label in m.legend[m.labels[1, 0]].split("; "):  # audience cost 1/2
    ...     print(label)
    pooling on silence: US press after hint, press after silence
    semi-separating (resolved hint, unresolved mixes hint/silence): US mixes press/soften after hint, press after silence
    """
    v = _check_values(values)
    x, y = MODEL.parameter("prior_resolved"), MODEL.parameter("audience_cost")
    fixed = {k: val for k, val in v.items() if k not in (x.name, y.name)}
    tree = treasury_signal().at(**fixed)
    return pbe_map(tree, x, y, resolution, mixed=mixed)


def _prob(x: Fraction) -> str:
    return format_number(x)


def _plain_words(
    values: Mapping[str, Number],
    sol: PerfectBayesianSolution,
    labels: list[str],
    fits: list[RecordFit],
    th: dict[str, Fraction],
) -> str:
    """What the equilibria say about the two days of May 2025, for a reader without the maths."""
    p = Fraction(values["prior_resolved"])
    for eq, lab, f in zip(sol, labels, fits, strict=True):
        if not f.fits:
            continue
        q = eq.sender[UNRESOLVED][HINT]
        sigma = eq.receiver[HINT][PRESS]
        mu = f.belief_after_hint
        if q < 1 or eq.sender[RESOLVED].get(HINT, 0) < 1:
            who = (
                f"an unresolved partner hints with probability {_prob(q)}, so a hint raises the "
                f"US's belief that the partner is resolved from {_prob(p)} to {_prob(mu if mu is not None else Fraction(0))}"
            )
        else:
            who = "every partner hints, so a hint tells the US nothing"
        return (
            f"In plain words ({lab}): {who}; the US calls the hint (presses) with probability "
            f"{_prob(sigma)}. Pressed, an unresolved partner walks back (at an audience cost of "
            f"{fmt(values['audience_cost'], '% of GDP')}), while a resolved one would sell. The two days of May 2025 (a hint, a "
            f"walk-back, no official selling) are that called bluff, with probability "
            f"{_prob(f.probability)}; after the walk-back the US knows the partner was not "
            f"resolved."
        )
    if not any(eq.sender[UNRESOLVED].get(HINT, 0) > 0 for eq in sol):
        why = (
            "an unresolved partner never hints (a hint costs it more than it can win, or the "
            "US would press after it)"
        )
    else:
        why = (
            f"the US softens after every hint (it believes the partner resolved with a "
            f"probability above {_prob(th['mu_hint'])}, where pressing stops paying), so "
            f"nobody is ever pressed into a walk-back"
        )
    return (
        f"In plain words: no equilibrium at these values produces the record of May 2025, "
        f"because {why}."
    )


def _analyse(values: dict[str, Number]) -> Analysis:
    tree = _instantiate(values)
    sol: PerfectBayesianSolution = perfect_bayesian(tree)
    cheap = _cheap(values)
    babble = babbling_equilibria(sol)
    labels = [_label(eq, cheap, any(eq is b for b in babble)) for eq in sol]
    fits = [record_fit(eq) for eq in sol]
    counts: dict[str, int] = {}
    for lab in labels:
        counts[lab] = counts.get(lab, 0) + 1
    n = len(sol)
    kinds = ", ".join(f"{k} {lab}" for lab, k in counts.items())
    fitting = sorted({lab for lab, f in zip(labels, fits, strict=True) if f.fits})
    if fitting:
        verdict = "the May 2025 record (hint, walk-back, no sale) fits " + ", ".join(fitting)
    else:
        verdict = "no equilibrium here produces the May 2025 record (hint, walk-back, no sale)"
    headline = f"{n} perfect Bayesian equilibri{'um' if n == 1 else 'a'}: {kinds}; {verdict}."
    sentences = []
    for eq, lab, f in zip(sol, labels, fits, strict=True):
        words = eq.describe().split("\n")
        body = " ".join(words[1:-1]) if eq.intuitive is not None else " ".join(words[1:])
        if eq.intuitive is None:
            test = "Every message is sent, so the intuitive criterion has nothing to test"
        else:
            test = (
                "It " + ("passes" if eq.intuitive.passes else "fails") + " the intuitive criterion"
            )
        record = (
            f"the record has probability {_prob(f.probability)}"
            if f.fits
            else "the record cannot happen"
        )
        sentences.append(
            f"{lab.capitalize()}: {words[0].split(': ', 1)[1]} {body} {test}; {record}."
        )
    th = thresholds(values)
    details = [
        _plain_words(values, sol, labels, fits, th),
        f"The US presses after a hint while it believes the partner resolved with probability "
        f"at most {_prob(th['mu_hint'])}, after silence at most {_prob(th['mu_silence'])} "
        f"(prior {_prob(Fraction(values['prior_resolved']))}).",
        f"Softening is worth {fmt(th['delta'], '% of GDP')} to the partner; a separating "
        f"equilibrium needs a bluffer's hint to cost at least that "
        f"(hint_cost_unresolved = {fmt(values['hint_cost_unresolved'], '% of GDP')}).",
    ]
    if cheap:
        details.append("With no cost of hinting and no audience cost the hint is cheap talk.")
    details.append(
        "A semi-separating equilibrium (strategic ambiguity) in which the resolved type hints "
        "and the US presses after silence needs prior_resolved < "
        f"{_prob(th['mu_hint'])} and hint_cost_unresolved < {fmt(th['delta'], '% of GDP')}; "
        f"there the US calls a hint with probability (Delta - c_U) / (Delta + a) = "
        f"{_prob(th['call'])}, lower the higher the audience cost."
    )
    for eq in sol:
        if eq.intuitive is not None:
            details.append(f"Intuitive criterion ({eq.kind}): {eq.intuitive.explanation}")
    details.append(
        "What happened is read from the equilibria, not put into the values: a walk-back is "
        "an unresolved partner's answer to pressure, and a pressed resolved partner would sell."
    )
    return Analysis(
        model="treasury_signal",
        values=values,
        game=tree,
        result=sol,
        headline=headline,
        sentences=tuple(sentences),
        classification="signalling game",
        details=tuple(details),
        table=str(tree),
        data={
            "equilibria": labels,
            "fits_record": [f.fits for f in fits],
            "record_probability": [f.probability for f in fits],
            "intuitive": [None if eq.intuitive is None else eq.intuitive.passes for eq in sol],
            "mu_hint": th["mu_hint"],
            "mu_silence": th["mu_silence"],
        },
    )


MODEL = Model(
    name="treasury_signal",
    title="What the hint told Washington",
    lesson="",
    kind="signalling game",
    parameters=PARAMETERS,
    build=treasury_signal,
    instantiate=_instantiate,
    analyse_values=_analyse,
    summary=(
        "The Treasury hint as a signal of private resolve: cheap talk, audience costs, pooling, "
        "separating and strategic ambiguity, and which of them the May 2025 record fits."
    ),
    units=UNITS,
    has_app=False,
)
