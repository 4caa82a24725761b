"""Keeping the deal: a quarterly review with a snap-back to 25%, as a repeated game.

Story
-----
The July 2025 deal set a 15% tariff in exchange for Japan's package (investment,
purchases). Its enforcement is a quarterly review: if the US judges that Japan is
not delivering, the tariff "boomerangs" back to 25% (Yomiuri, 25 July 2025). Nothing
outside the two governments enforces it, so the deal lasts only if keeping it is in
each side's interest, quarter after quarter.

Players, moves and stage payoffs
--------------------------------
Each quarter the **US** (row) keeps the deal rate ``d`` or snaps back to ``s``, and
**Japan** (column) complies (delivers its package) or shirks. Payoffs are yearly
rates (Japan in % of GDP, the US in $bn), with ``tau(r) = (1 - phi) r M / 100`` as
in the tariff standoff:

=========  ===================================  ===========================
US / JP    Comply                               Shirk
=========  ===================================  ===========================
Keep       US: tau(d) + V;  JP: -lam d - k      US: tau(d);  JP: -lam d
Snap back  US: tau(s) + V - f;  JP: -lam s - k  US: tau(s) - f;  JP: -lam s
=========  ===================================  ===========================

``k`` is Japan's cost of delivering the package, ``V`` its value to the US, ``f`` the
US's cost of snapping back (friction with an ally, higher prices). In one quarter
alone Japan gains by shirking, and the US by snapping back when ``tau(s) - tau(d) > f``:
the one-shot game is a Prisoner's Dilemma-like trap.

Repeated play
-------------
With a quarterly discount factor ``delta`` and the clause "snap back for ``n``
quarters after a violation, then return to the deal", keeping the deal is an
equilibrium if each side's one-quarter gain from cheating is outweighed by the
discounted loss over the ``n`` quarters of punishment (Friedman 1971; the
one-shot deviation principle). :func:`negotiation.repeated.critical_discount_factor`
gives each side's critical ``delta`` exactly; grim trigger is ``n`` forever.

Calibration
-----------
Tariffs (15%, 25%) are published; ``lam``, ``M`` as in the tariff standoff. ``k``,
``V``, ``f`` and ``delta`` are **stylized assumptions**: a ``delta`` of 0.98 a quarter
is about 8% a year.

What the model leaves out
-------------------------
That "compliance" is judged by one side (the review is not neutral), partial
compliance, the 2028 US election, and that investment takes years to deliver.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from typing import Any

from ..core._numbers import Number, format_number
from ..core.game import BimatrixGame
from ..repeated import critical_discount_factor
from ..symbolic import Parameter, ParametricGame
from ._base import Analysis, Model
from ._normal_form import analyse_bimatrix
from ._shared import IMPORTS, PARTNER_LOSS, PASS_THROUGH

__all__ = ["MODEL", "PARAMETERS", "deal_compliance"]

PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "deal_rate",
        15,
        0,
        25,
        unit="%",
        step=1,
        description="tariff while the deal holds",
        source="deal-2025-07-22",
        latex="d",
    ),
    Parameter(
        "snapback_rate",
        25,
        15,
        50,
        unit="%",
        step=1,
        description="tariff after a snap-back",
        source="deal-2025-07-22",
        latex="s",
    ),
    IMPORTS,
    PASS_THROUGH.replace(high=Fraction(19, 20)),  # at 1 the US would not care about the tariff
    PARTNER_LOSS.replace(low=Fraction(1, 200)),  # at 0 Japan would not care about it
    Parameter(
        "compliance_cost",
        Fraction(1, 10),
        Fraction(1, 100),
        1,
        unit="% of GDP",
        step=Fraction(1, 100),
        description="the partner's yearly cost of delivering the package",
        source="assumption",
        latex="k",
    ),
    Parameter(
        "compliance_value",
        20,
        0,
        100,
        unit="$bn/yr",
        step=1,
        description="value to the US of the partner's package",
        source="assumption",
        latex="V",
    ),
    Parameter(
        "snapback_cost",
        2,
        0,
        30,
        unit="$bn/yr",
        step=Fraction(1, 2),
        description="US cost of snapping back",
        source="assumption",
        latex="f",
    ),
    Parameter(
        "punishment_quarters",
        4,
        1,
        40,
        unit="quarters",
        step=1,
        description="length of the snap-back",
        source="deal-2025-07-22",
        latex="n",
    ),
    Parameter(
        "discount",
        Fraction(49, 50),
        Fraction(1, 2),
        Fraction(999, 1000),
        unit="per quarter",
        step=Fraction(1, 1000),
        description="discount factor per quarter",
        source="assumption",
        latex=r"\delta",
    ),
)

_STAGE = tuple(p for p in PARAMETERS if p.name not in ("punishment_quarters", "discount"))


@cache
def deal_compliance() -> ParametricGame:
    """The quarterly stage game as a :class:`~negotiation.symbolic.ParametricGame`.

    Examples
    --------
    >>> from negotiation import solve
    >>> [e.describe() for e in solve(deal_compliance().at())]
    ['US plays Snap back; Japan plays Shirk (expected payoffs 64/5 and -5/8).']
    """
    p = {q.name: q.symbol for q in _STAGE}
    d, s, M, phi, lam = (
        p["deal_rate"],
        p["snapback_rate"],
        p["imports"],
        p["pass_through"],
        p["partner_loss"],
    )
    k, V, f = p["compliance_cost"], p["compliance_value"], p["snapback_cost"]

    def tau(r: Any) -> Any:
        return (1 - phi) * r / 100 * M

    return ParametricGame(
        [[tau(d) + V, tau(d)], [tau(s) + V - f, tau(s) - f]],
        [[-lam * d - k, -lam * d], [-lam * s - k, -lam * s]],
        list(_STAGE),
        players=("US", "Japan"),
        row_labels=("Keep", "Snap back"),
        col_labels=("Comply", "Shirk"),
        title="Keeping the deal (one quarter)",
    )


def _stage_values(values: dict[str, Number]) -> dict[str, Number]:
    return {k: v for k, v in values.items() if k not in ("punishment_quarters", "discount")}


def _instantiate(values: dict[str, Number]) -> BimatrixGame:
    return deal_compliance().at(**_stage_values(values))


def _analyse(values: dict[str, Number]) -> Analysis:
    stage = _instantiate(values)
    one_shot = analyse_bimatrix(
        "deal_compliance",
        values,
        stage,
        lambda i: "the US keeps the deal" if i == 0 else "the US snaps back",
        lambda j: "Japan complies" if j == 0 else "Japan shirks",
        ("$bn", "% of GDP"),
    )
    n = int(values["punishment_quarters"])
    delta = values["discount"]
    # The clause names its punishment: a snap-back (and Japan, no longer bound, shirks).
    # Passing it explicitly keeps the check defined where the stage game has several
    # equilibria; whether it is a stage equilibrium (credible) is reported.
    snap_back = ("Snap back", "Shirk")
    check = critical_discount_factor(
        stage, ("Keep", "Comply"), snap_back, periods=n, exact_roots=False
    )
    grim = critical_discount_factor(stage, ("Keep", "Comply"), snap_back)
    holds = check.sustainable(delta)
    exact_critical = check.critical_delta_exact
    if check.critical_delta is None:
        shown = "none below 1: no patience is enough"
    elif isinstance(exact_critical, Fraction):
        shown = format_number(exact_critical)
    else:  # irrational (a root of a polynomial): a decimal reads better
        shown = f"{check.critical_delta:.4g}"
    headline = (
        f"With a {n}-quarter snap-back and delta = {format_number(delta)}, keeping the deal "
        f"{'is' if holds else 'is not'} self-enforcing (critical delta {shown})."
    )
    grim_text = (
        f"Grim trigger (snap back forever) needs delta >= {grim.critical_delta:.4g}."
        if grim.critical_delta is not None
        else "Even grim trigger (snap back forever) cannot sustain the deal."
    )
    details = (
        *one_shot.details,
        f"One quarter alone: {one_shot.headline}",
        check.describe(),
        grim_text,
    )
    return Analysis(
        model="deal_compliance",
        values=values,
        game=stage,
        result=check,
        headline=headline,
        sentences=one_shot.sentences,
        classification=one_shot.classification,
        details=tuple(details),
        table=one_shot.table,
        data={"critical_delta": check.critical_delta, "sustainable": holds},
    )


MODEL = Model(
    name="deal_compliance",
    title="Keeping the deal",
    lesson="08-keeping-the-deal",
    kind="repeated game",
    parameters=PARAMETERS,
    build=deal_compliance,
    instantiate=_instantiate,
    analyse_values=_analyse,
    summary="The quarterly review and the snap-back to 25% as a repeated game: the patience that makes the deal self-enforcing.",
    units=("$bn", "% of GDP"),
)
