"""The tariff ladder: each side picks a tariff from a grid; Nash tariffs exceed efficient ones.

Story
-----
Before the July deal each side could set its tariff anywhere from zero to a
punitive rate. Johnson (1953) showed why a country with market power gains from a
tariff when the other side does not retaliate, that when both set tariffs in their
own interest the two together end up worse off than with free trade, and that one of
them can still gain, despite retaliation, if its advantage is large enough. That
power comes from the size of a country's market against the partner's export-supply
elasticity, not from a bilateral deficit.

Players and moves
-----------------
The **US** (row) picks a tariff ``t1`` on imports from Japan and **Japan** (column)
a tariff ``t2`` on imports from the US, each from the grid 0%, 5%, ..., 25%. An
``n x n`` game for best-response functions and iterated dominance.

Payoffs
-------
Welfare in $bn a year, from linear import-demand and export-supply curves in each
market, to second order in the tariff (Johnson 1953; Feenstra, *Advanced
International Trade*, 2nd ed., ch. 7). In market ``k`` (``k = 1``: US imports from
Japan, value ``M1``; ``k = 2``: Japan's imports from the US, ``M2``) the foreign
export-supply elasticity is ``sigma_k`` and the **pass-through** ``phi_k`` is the
share of a tariff paid by the importing country's buyers, so ``a_k = 1 - phi_k`` is
the share borne by foreign exporters. The two are different things: ``sigma`` sets how
much trade a tariff destroys (and the optimal tariff), ``phi`` who pays. In a full
supply-and-demand model ``phi`` follows from the elasticities; here it is set
separately, a simplification. With tariffs as fractions ``t``:

* the importer gains ``M a (t - sigma t^2 / 2)``: the terms-of-trade gain minus the
  deadweight loss, largest at Johnson's optimal tariff ``t* = 1 / sigma`` whoever
  pays it;
* the exporter loses ``M a (t - a sigma t^2 / 2)``: it sells less at a lower price;
* each government also values *reciprocity*: ``rho (t1/10%) (t2/10%)`` $bn, so a
  higher foreign tariff raises its own best response (the answer to a tariff is a
  tariff). ``rho = 0`` gives dominant strategies.

US payoff ``= M1 a1 (t1 - sigma1 t1^2/2) - M2 a2 (t2 - a2 sigma2 t2^2/2) + rho1 (t1/0.1)(t2/0.1)``;
Japan's is the mirror image. Joint welfare falls with each tariff when ``rho = 0``
(``-M a sigma (1 - a) t^2 / 2``), so free trade is jointly efficient while each side,
alone, wants ``1 / sigma``.

Calibration
-----------
``M1`` and ``M2`` are derived from 2024 goods trade (US imports from Japan about
$148bn, exports about $79bn). The pass-through shares, the elasticities and the
reciprocity weights are **stylized assumptions**: with ``sigma = 5`` Johnson's optimal
tariff is 20%.

What the model leaves out
-------------------------
General-equilibrium and exchange-rate effects, sectors (autos), the 10% baseline
that applied to everyone, the security relationship, and the fact that Japan did
not retaliate in 2025.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

from ..core._numbers import Number
from ..core.game import BimatrixGame
from ..symbolic import Parameter, ParametricGame
from ._base import Analysis, Model
from ._normal_form import analyse_bimatrix
from ._shared import IMPORTS, PASS_THROUGH

__all__ = ["GRID", "MODEL", "PARAMETERS", "tariff_ladder"]

GRID: tuple[int, ...] = (0, 5, 10, 15, 20, 25)
"""The tariffs (in %) each side can choose."""

PARAMETERS: tuple[Parameter, ...] = (
    IMPORTS.replace(name="imports_us", latex="M_1"),
    Parameter(
        "imports_partner",
        79,
        20,
        400,
        unit="$bn/yr",
        step=1,
        description="the partner's imports from the US",
        source="us-exports-derived",
        latex="M_2",
    ),
    PASS_THROUGH.replace(
        high=Fraction(19, 20),
        description="share of the US tariff paid by US buyers",
        latex=r"\phi_1",
    ),
    Parameter(
        "pass_through_partner",
        Fraction(3, 5),
        0,
        Fraction(19, 20),
        unit="share",
        step=Fraction(1, 20),
        description="share of the partner's tariff paid by the partner's buyers",
        source="assumption",
        latex=r"\phi_2",
    ),
    Parameter(
        "supply_elasticity_partner",
        5,
        2,
        20,
        unit="elasticity",
        step=Fraction(1, 10),
        description="the partner's export-supply elasticity",
        source="assumption",
        latex=r"\sigma_1",
    ),
    Parameter(
        "supply_elasticity_us",
        5,
        2,
        20,
        unit="elasticity",
        step=Fraction(1, 10),
        description="US export-supply elasticity",
        source="assumption",
        latex=r"\sigma_2",
    ),
    Parameter(
        "reciprocity_us",
        Fraction(1, 5),
        0,
        5,
        unit="$bn/yr",
        step=Fraction(1, 10),
        description="US value of answering tariffs (at 10% each)",
        source="assumption",
        latex=r"\rho_1",
    ),
    Parameter(
        "reciprocity_partner",
        Fraction(1, 5),
        0,
        5,
        unit="$bn/yr",
        step=Fraction(1, 10),
        description="the partner's value of answering tariffs (at 10% each)",
        source="assumption",
        latex=r"\rho_2",
    ),
)


@cache
def tariff_ladder() -> ParametricGame:
    """The ladder as a 6x6 :class:`~negotiation.symbolic.ParametricGame`.

    Examples
    --------
    >>> game = tariff_ladder().at()
    >>> game.shape
    (6, 6)
    """
    p = {q.name: q.symbol for q in PARAMETERS}
    M1, M2 = p["imports_us"], p["imports_partner"]
    a1, a2 = 1 - p["pass_through"], 1 - p["pass_through_partner"]
    s1, s2 = p["supply_elasticity_partner"], p["supply_elasticity_us"]
    r1, r2 = p["reciprocity_us"], p["reciprocity_partner"]
    A, B = [], []
    for pct1 in GRID:
        t1 = Fraction(pct1, 100)
        row_a, row_b = [], []
        for pct2 in GRID:
            t2 = Fraction(pct2, 100)
            gain1 = M1 * a1 * (t1 - s1 * t1**2 / 2)
            loss1 = M1 * a1 * (t1 - a1 * s1 * t1**2 / 2)
            gain2 = M2 * a2 * (t2 - s2 * t2**2 / 2)
            loss2 = M2 * a2 * (t2 - a2 * s2 * t2**2 / 2)
            both = Fraction(pct1, 10) * Fraction(pct2, 10)
            row_a.append(gain1 - loss2 + r1 * both)
            row_b.append(gain2 - loss1 + r2 * both)
        A.append(row_a)
        B.append(row_b)
    labels = tuple(f"{g}%" for g in GRID)
    return ParametricGame(
        A,
        B,
        list(PARAMETERS),
        players=("US", "Japan"),
        row_labels=labels,
        col_labels=labels,
        title="Tariff ladder",
    )


def _instantiate(values: dict[str, Number]) -> BimatrixGame:
    return tariff_ladder().at(**values)


def _analyse(values: dict[str, Number]) -> Analysis:
    game = _instantiate(values)
    analysis = analyse_bimatrix(
        "tariff_ladder",
        values,
        game,
        lambda i: f"the US sets {GRID[i]}%",
        lambda j: f"Japan sets {GRID[j]}%",
        ("$bn", "$bn"),
    )
    joint = game.A + game.B
    i, j = divmod(int(joint.argmax()), joint.shape[1])
    efficient = (
        f"Jointly best (largest total welfare): US {GRID[i]}%, Japan {GRID[j]}% "
        f"(total ${float(joint[i, j]):.3g}bn)."
    )
    optimal = tuple(
        f"Johnson's optimal tariff for {who} alone: 1/sigma, sigma the elasticity of "
        f"{whose} export supply, = {100 / float(values[key]):.3g}%."
        for who, whose, key in (
            ("the US", "Japan's", "supply_elasticity_partner"),
            ("Japan", "the US's", "supply_elasticity_us"),
        )
    )
    return Analysis(**{**analysis.__dict__, "details": (*analysis.details, efficient, *optimal)})


MODEL = Model(
    name="tariff_ladder",
    title="The tariff ladder",
    lesson="02-tariff-ladder",
    kind="normal form",
    parameters=PARAMETERS,
    build=tariff_ladder,
    instantiate=_instantiate,
    analyse_values=_analyse,
    summary="Each side picks a tariff from 0% to 25%: best-response functions, iterated dominance, Nash tariffs versus free trade.",
    units=("$bn", "$bn"),
)
