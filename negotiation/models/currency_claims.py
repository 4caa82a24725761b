"""Currency claims: the US accuses Japan of weakening the yen; does Japan lean on it?

Story
-----
On 3 March 2025 President Trump said Japan could not "continue to reduce and break
down" its currency. The record points the other way: Japan's interventions of 2022
(9.19 trillion yen) and 2024 (15.32 trillion yen) *bought* yen to strengthen it
(nippon.com / Jiji), and the Treasury's June 2025 report kept Japan on its
monitoring list without naming a manipulator. In September 2025 a joint statement
said exchange rates are market-determined and intervention is only for excess
volatility. Accusations, and the policies behind a weak yen (slow rate rises, words
that talk the yen down), are still a game of suspicion.

Players and moves
-----------------
An inspection game (Tsebelis 1989; Avenhaus, von Stengel and Zamir 1995), moves
simultaneous. The **US** (row) *accuses* Japan publicly or *stays quiet*;
**Japan** (column) *leans on the yen* (keeps it weak by policy or words) or *lets
the market decide*.

Payoffs
-------
US in $bn a year, Japan in % of GDP:

===========  =====================  =====================
US / Japan   Lean on the yen        Let the market decide
===========  =====================  =====================
Accuse       US: b - a;  JP: g - P  US: -a - f;  JP: -h
Stay quiet   US: -L;  JP: g         US: 0;  JP: 0
===========  =====================  =====================

``a`` is the cost of accusing (friction, market volatility), ``b`` what an
accusation wins back when Japan was leaning, ``f`` the extra cost of a false
accusation, ``L`` the loss to US exporters from a yen kept weak; ``g`` is Japan's
gain from a weaker yen, ``P`` the penalty when caught (pressure, named in the FX
report), ``h`` the harm of an unfair accusation (market jitters).

Within the parameter ranges the US wants to accuse when Japan leans and to stay
quiet when it does not, and Japan wants to lean when the US is quiet and not when
it accuses: best responses cycle, so the only equilibrium is mixed. By the
**indifference principle** each side's mix is set by the *other* side's payoffs:

.. math:: q_{lean} = \\frac{a + f}{b + f + L}, \\qquad p_{accuse} = \\frac{g}{P - h}.

A bigger gain for Japan from a weak yen (``g``) makes the US accuse more often; it
does not make Japan lean more.

Calibration
-----------
All payoffs are **stylized assumptions** chosen so that the game stays an
inspection game over the whole range; the published figures (intervention amounts,
the monitoring list) inform the story, not the numbers.

What the model leaves out
-------------------------
Markets (the yen moved with interest rates far more than with words), the Bank of
Japan's independence, repeated play and reputation, and the fact that Japan's
actual interventions went the other way.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

from ..core._numbers import Number
from ..core.game import BimatrixGame
from ..symbolic import Parameter, ParametricGame, mixed_closed_form
from ._base import Analysis, Model
from ._normal_form import analyse_bimatrix

__all__ = ["MODEL", "PARAMETERS", "currency_claims"]

PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "accusation_cost",
        2,
        Fraction(1, 2),
        5,
        unit="$bn/yr",
        step=Fraction(1, 2),
        description="US cost of accusing",
        source="assumption",
        latex="a",
    ),
    Parameter(
        "accusation_gain",
        10,
        6,
        20,
        unit="$bn/yr",
        step=Fraction(1, 2),
        description="what an accusation wins back if the partner was leaning",
        source="assumption",
        latex="b",
    ),
    Parameter(
        "false_accusation_cost",
        3,
        0,
        10,
        unit="$bn/yr",
        step=Fraction(1, 2),
        description="extra US cost of a false accusation",
        source="assumption",
        latex="f",
    ),
    Parameter(
        "weak_yen_loss",
        8,
        1,
        20,
        unit="$bn/yr",
        step=Fraction(1, 2),
        description="loss to US exporters from a yen kept weak",
        source="assumption",
        latex="L",
    ),
    Parameter(
        "weak_yen_gain",
        Fraction(3, 10),
        Fraction(1, 20),
        1,
        unit="% of GDP",
        step=Fraction(1, 20),
        description="the partner's gain from a weaker yen",
        source="assumption",
        latex="g",
    ),
    Parameter(
        "caught_penalty",
        2,
        Fraction(3, 2),
        4,
        unit="% of GDP",
        step=Fraction(1, 10),
        description="the partner's penalty when caught leaning",
        source="assumption",
        latex="P",
    ),
    Parameter(
        "unfair_accusation_harm",
        Fraction(1, 10),
        0,
        Fraction(3, 10),
        unit="% of GDP",
        step=Fraction(1, 20),
        description="harm to the partner of an unfair accusation",
        source="assumption",
        latex="h",
    ),
)


@cache
def currency_claims() -> ParametricGame:
    """The inspection game as a :class:`~negotiation.symbolic.ParametricGame`.

    Examples
    --------
    >>> from negotiation.symbolic import mixed_closed_form
    >>> form = mixed_closed_form(currency_claims())
    >>> form.p  # probability that the US accuses: set by Japan's payoffs only
    weak_yen_gain/(caught_penalty - unfair_accusation_harm)
    """
    p = {q.name: q.symbol for q in PARAMETERS}
    a, b, f, L = (
        p["accusation_cost"],
        p["accusation_gain"],
        p["false_accusation_cost"],
        p["weak_yen_loss"],
    )
    g, P, h = p["weak_yen_gain"], p["caught_penalty"], p["unfair_accusation_harm"]
    return ParametricGame(
        [[b - a, -a - f], [-L, 0]],
        [[g - P, -h], [g, 0]],
        list(PARAMETERS),
        players=("US", "Japan"),
        row_labels=("Accuse", "Stay quiet"),
        col_labels=("Lean on the yen", "Let the market decide"),
        title="Currency claims",
    )


def _instantiate(values: dict[str, Number]) -> BimatrixGame:
    return currency_claims().at(**values)


@cache
def _closed_form():  # type: ignore[no-untyped-def]
    return mixed_closed_form(currency_claims())


def _analyse(values: dict[str, Number]) -> Analysis:
    game = _instantiate(values)
    analysis = analyse_bimatrix(
        "currency_claims",
        values,
        game,
        lambda i: "the US accuses Japan" if i == 0 else "the US stays quiet",
        lambda j: "Japan leans on the yen" if j == 0 else "Japan lets the market decide",
        ("$bn", "% of GDP"),
    )
    form = _closed_form()
    explain = (
        f"Indifference: the US accuses with p = {form.p} (only Japan's payoffs), "
        f"Japan leans with q = {form.q} (only the US's payoffs)."
    )
    return Analysis(**{**analysis.__dict__, "details": (*analysis.details, explain)})


MODEL = Model(
    name="currency_claims",
    title="Currency claims",
    lesson="03-currency-claims",
    kind="normal form",
    parameters=PARAMETERS,
    build=currency_claims,
    instantiate=_instantiate,
    analyse_values=_analyse,
    summary="An inspection game with only a mixed equilibrium: each side's mix is set by the other side's payoffs.",
    units=("$bn", "% of GDP"),
)
