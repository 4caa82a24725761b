"""Which pure perfect Bayesian equilibria exist, as inequalities in the parameters, and on a map.

When the prior or a cost is a parameter, a signalling game's pure equilibria come
and go: pooling on silence while the sender is unlikely to be resolved, separating
once a hint is costly enough to be believed. A pure candidate (a message for each
type, an action after each message) is a perfect Bayesian equilibrium exactly when

* no type gains by another message (one inequality per type and message);
* after each message sent, the receiver's action is a best response to the Bayes
  belief (one inequality per other action, prior-weighted, so no division);
* after each message not sent, some belief supports the receiver's action (which
  depends on the receiver's payoffs alone).

:func:`pure_pbe_regimes` gives these conditions symbolically; :func:`pbe_map` decides
them at every point of a grid of two parameters, exactly: every inequality is the sign
of a polynomial, decided once symbolically where it is identically zero and otherwise
in floats with a rigorous error bound, in exact arithmetic at the points on a boundary
(the method of :func:`negotiation.symbolic.equilibrium_map`). The map also shows the
hybrid (semi-separating) equilibria in closed form
(:func:`~negotiation.information.mixed_regimes.mixed_pbe_regimes`): the extreme
points of the equilibrium set in which somebody mixes.

>>> import sympy
>>> from negotiation.information import signalling_game
>>> from negotiation.information.regimes import pure_pbe_regimes
>>> p, c = sympy.symbols("p c", positive=True)
>>> tree = signalling_game(
...     {"resolved": p, "bluffing": 1 - p}, ("hint", "silence"), ("press", "soften"),
...     lambda t, m, a: (
...         (2 if a == "soften" else 0) - (c if (m == "hint" and t == "bluffing") else 0),
...         1 if (a == "soften") == (t == "resolved") else 0,
...     ),
...     players=("Japan", "US"),
... )
>>> [r.label for r in pure_pbe_regimes(tree)][:2]
['pooling on hint: US press after hint, press after silence', 'pooling on hint: US press after hint, soften after silence']
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ..core._numbers import Number, to_exact
from ..symbolic import Parameter
from ..symbolic._signs import grid_signs, rational_forms
from ..symbolic.maps import _grid
from ..trees import GameTree
from ..trees.nodes import to_sympy
from .beliefs import BeliefSet, belief_polytope, supporting_beliefs
from .mixed_regimes import MixedRegime, mixed_pbe_regimes
from .signalling import SignallingStructure, signalling_structure

__all__ = ["PBEMap", "PureRegime", "pbe_map", "pure_pbe_regimes"]


@dataclass(frozen=True)
class PureRegime:
    """A pure candidate equilibrium and the conditions under which it is a PBE.

    Attributes
    ----------
    sender : tuple of str
        The message each type sends, in the order of the types.
    receiver : tuple of str
        The receiver's action after each message, in the order of the messages.
    kind : str
        ``"pooling"``, ``"separating"`` or ``"other"``.
    conditions : tuple
        sympy expressions that must all be ``>= 0``.
    off_path : dict
        For each message nobody sends, the beliefs that support the receiver's action
        there (a :class:`~negotiation.information.BeliefSet`), or ``None`` when the
        receiver's payoffs there depend on parameters.
    label : str
    """

    sender: tuple[str, ...]
    receiver: tuple[str, ...]
    kind: str
    conditions: tuple[Any, ...] = field(repr=False)
    off_path: dict[str, BeliefSet | None] = field(repr=False)
    label: str = ""
    masses: tuple[tuple[str, Any, bool | None], ...] = field(repr=False, default=())
    """For each message sent with a parametric probability: (message, that probability,
    whether the receiver's action there is a best response to some belief, or ``None``
    when the receiver's payoffs there depend on parameters): where the probability is
    zero the message is off the path after all, and that last condition decides."""

    @property
    def condition(self) -> Any:
        """The conditions as one sympy relation (``And`` of ``expr >= 0``), simplified a little."""
        import sympy

        parts = [sympy.Ge(sympy.simplify(e), 0) for e in self.conditions]
        return sympy.And(*parts)

    @property
    def possible(self) -> bool:
        """False when an off-path action is a best response to no belief (so never a PBE)."""
        return all(b is None or not b.empty for b in self.off_path.values())


def pure_pbe_regimes(tree: GameTree) -> tuple[PureRegime, ...]:
    """Every pure candidate equilibrium of a (parametric) signalling game with its conditions.

    Candidates whose off-path actions no belief supports are left out. The order is:
    pooling first, then separating, then the rest, each in the order of the messages
    and actions.
    """
    s = signalling_structure(tree)
    out = []
    for sends in itertools.product(s.messages, repeat=len(s.types)):
        for acts in itertools.product(*(s.actions[m] for m in s.messages)):
            regime = _candidate(s, sends, acts)
            if regime.possible:
                out.append(regime)
    order = {"pooling": 0, "separating": 1, "other": 2}
    return tuple(sorted(out, key=lambda r: order[r.kind]))


def _candidate(s: SignallingStructure, sends: tuple[str, ...], acts: tuple[str, ...]) -> PureRegime:
    response = dict(zip(s.messages, acts, strict=True))
    u = {
        (t, m, a): tuple(to_sympy(v) for v in s.payoffs(t, m, a))
        for t in s.types
        for m in s.messages
        for a in s.actions[m]
    }
    prior = [to_sympy(p) for p in s.prior]
    conditions: list[Any] = []
    for t, m in zip(s.types, sends, strict=True):
        here = u[(t, m, response[m])][0]
        for other in s.messages:
            if other != m:
                conditions.append(here - u[(t, other, response[other])][0])
    off: dict[str, BeliefSet | None] = {}
    masses: list[tuple[str, Any, bool | None]] = []
    for m in s.messages:
        senders = [k for k, sent in enumerate(sends) if sent == m]
        if senders:
            mass = sum(prior[k] for k in senders)
            if getattr(mass, "free_symbols", None):
                # where the mass is zero the message is off the path after all, and the
                # action needs a supporting belief: known now, or point by point (None)
                parametric = _receiver_parametric(s, u, m)
                supported = (
                    None if parametric else not supporting_beliefs(s, m, [response[m]]).empty
                )
                masses.append((m, mass, supported))
            for b in s.actions[m]:
                if b != response[m]:
                    conditions.append(
                        sum(
                            prior[k]
                            * (u[(s.types[k], m, response[m])][1] - u[(s.types[k], m, b)][1])
                            for k in senders
                        )
                    )
        else:
            parametric = _receiver_parametric(s, u, m)
            off[m] = None if parametric else supporting_beliefs(s, m, [response[m]])
    distinct = len(set(sends))
    kind = "pooling" if distinct == 1 else "separating" if distinct == len(s.types) else "other"
    if kind == "pooling":
        head = f"pooling on {sends[0]}"
    else:
        head = (
            kind + " (" + ", ".join(f"{t} {m}" for t, m in zip(s.types, sends, strict=True)) + ")"
        )
    label = f"{head}: {s.receiver} " + ", ".join(f"{response[m]} after {m}" for m in s.messages)
    return PureRegime(sends, acts, kind, tuple(conditions), off, label, tuple(masses))


def _receiver_parametric(
    s: SignallingStructure, u: Mapping[tuple[str, str, str], Any], m: str
) -> bool:
    """Do the receiver's payoffs after ``m`` depend on parameters?"""
    return any(
        getattr(u[(t, m, a)][1], "free_symbols", None) for t in s.types for a in s.actions[m]
    )


@dataclass
class PBEMap:
    """Which pure perfect Bayesian equilibria exist at each point of a grid of two parameters.

    Attributes
    ----------
    x, y : Parameter
    xs, ys : numpy.ndarray
    regimes : tuple of PureRegime and MixedRegime
        The candidates: the pure ones, then the hybrid ones.
    exists : numpy.ndarray of bool
        ``exists[r, i, j]``: candidate ``r`` is a PBE at ``(xs[j], ys[i])``.
    labels : numpy.ndarray of int
        Index into :attr:`legend` at each point.
    legend : tuple of str
        Each distinct set of pure equilibria, in words (``"none"`` when there is none).
    exact : numpy.ndarray of bool
        Points where some sign was decided in exact arithmetic (on a boundary).
    """

    x: Parameter
    y: Parameter
    xs: npt.NDArray[np.float64] = field(repr=False)
    ys: npt.NDArray[np.float64] = field(repr=False)
    regimes: tuple[PureRegime | MixedRegime, ...] = field(repr=False)
    exists: npt.NDArray[np.bool_] = field(repr=False)
    labels: npt.NDArray[np.int64] = field(repr=False)
    legend: tuple[str, ...]
    exact: npt.NDArray[np.bool_] = field(repr=False)


def pbe_map(
    tree: GameTree,
    x: Parameter,
    y: Parameter,
    resolution: int | tuple[int, int] = (201, 201),
    fixed: Mapping[str, Any] | None = None,
    *,
    mixed: bool = True,
) -> PBEMap:
    """Which PBE exist over a grid of two parameters, exactly at every point.

    Parameters
    ----------
    tree : GameTree
        A signalling game whose payoffs or prior depend on sympy symbols named like
        the parameters.
    x, y : Parameter
        The parameters along the axes; the grid spans each one's range.
    resolution : int or (int, int)
    fixed : mapping of str to number, optional
        Values of every other symbol of the tree.
    mixed : bool
        Also map the hybrid equilibria (default); ``False`` for the pure ones only.

    Raises
    ------
    ValueError
        For equal axes, a resolution below 2, a symbol with no value, or payoffs that
        are not rational functions of the parameters.

    Examples
    --------
    >>> import sympy
    >>> from negotiation.information import signalling_game
    >>> from negotiation.information.regimes import pbe_map
    >>> from negotiation.symbolic import Parameter
    >>> p = Parameter("p", 0.5, 0, 1, description="prior that Japan is resolved")
    >>> c = Parameter("c", 1, 0, 3, description="a bluffer's cost of a hint")
    >>> tree = signalling_game(
    ...     {"resolved": p.symbol, "bluffing": 1 - p.symbol}, ("hint", "silence"), ("press", "soften"),
    ...     lambda t, m, a: ((2 if a == "soften" else 0) - (c.symbol if (m, t) == ("hint", "bluffing") else 0),
    ...                      1 if (a == "soften") == (t == "resolved") else 0),
    ...     players=("Japan", "US"))
    >>> m = pbe_map(tree, p, c, resolution=5)
    >>> for label in m.legend[m.labels[4, 2]].split("; "):  # p = 1/2, c = 3
    ...     print(label)
    pooling on silence: US press after hint, press after silence
    pooling on silence: US press after hint, soften after silence
    pooling on silence: US soften after hint, soften after silence
    separating (resolved hint, bluffing silence): US soften after hint, press after silence

    Where a resolved Japan is unlikely and a hint costs a bluffer little, a bluffer
    hints sometimes and the US mixes after a hint:

    >>> print(m.legend[m.labels[2, 1]])  # p = 1/4, c = 3/2
    pooling on silence: US press after hint, press after silence; semi-separating (resolved hint, bluffing mixes hint/silence): US mixes press/soften after hint, press after silence
    """
    if not isinstance(x, Parameter) or not isinstance(y, Parameter):
        raise TypeError("x and y must be Parameter objects (with the ranges of the axes)")
    if x.name == y.name:
        raise ValueError(f"x and y must be different parameters, got {x.name!r} twice")
    nx, ny = (resolution, resolution) if isinstance(resolution, int) else resolution
    if nx < 2 or ny < 2:
        raise ValueError(f"resolution must be at least 2 along each axis, got {resolution!r}")
    regimes: tuple[PureRegime | MixedRegime, ...] = pure_pbe_regimes(tree)
    if mixed:
        regimes += mixed_pbe_regimes(tree)
    names = sorted({str(sym) for sym in tree.parameters})
    missing = [n for n in names if n not in (x.name, y.name) and n not in (fixed or {})]
    if missing:
        raise ValueError(f"give values for the other parameters of the tree: {missing}")
    others = {k: Fraction(to_exact(v, k)) for k, v in (fixed or {}).items() if k in names}
    x_exact = _grid(x, nx)
    y_exact = _grid(y, ny)
    xs = np.array([float(v) for v in x_exact])
    ys = np.array([float(v) for v in y_exact])
    import sympy
    from sympy.polys.constructor import construct_domain

    # Every sign needed, as (regime, expression, test): pure conditions >= 0, then for a
    # message sent with a parametric prior mass, mass != 0 where no belief supports the
    # action; hybrid conditions as polynomials (numerator times denominator has the
    # sign of the fraction wherever it is defined; the denominators must not vanish).
    tests: list[tuple[int, Any, str]] = []
    for r, regime in enumerate(regimes):
        if isinstance(regime, PureRegime):
            tests.extend((r, e, ">=") for e in regime.conditions)
            tests.extend((r, mass, "!=") for _, mass, ok in regime.masses if ok is False)
            # where the receiver's payoffs vary, a zero mass needs a belief point by point
            tests.extend((r, mass, f"!= or off {m}") for m, mass, ok in regime.masses if ok is None)
        else:
            for e, test in [*((e, ">=") for e in regime.weak), *((e, ">") for e in regime.strict)]:
                num, den = sympy.fraction(sympy.together(e))
                tests.append((r, sympy.expand(num * den), test))
            tests.extend((r, d, "!=") for d in regime.nonzero)
    exists = np.ones((len(regimes), ny, nx), dtype=bool)
    exact = np.zeros((ny, nx), dtype=bool)
    if tests:
        K, elements = construct_domain([e for _, e, _ in tests])
        forms = rational_forms(K, elements, [*names, x.name, y.name])
        if forms is None:
            raise ValueError(
                "pbe_map() needs payoffs and priors that are rational functions of the parameters"
            )
        signs = grid_signs(
            forms, x.name, y.name, others, _fractions(x_exact), _fractions(y_exact), xs, ys
        )
        if signs.undefined is not None:
            i, j = signs.undefined
            raise ValueError(f"a payoff is undefined at {x.name}={xs[j]:g}, {y.name}={ys[i]:g}")
        exact = signs.exact
        for k, (r, _, test) in enumerate(tests):
            sign = signs.signs[k]
            if test.startswith("!= or off "):
                zero = sign == 0
                if zero.any():
                    message = test.removeprefix("!= or off ")
                    zero &= _off_path_grid(
                        tree, regimes[r], message, x, y, others, x_exact, y_exact, where=zero
                    )
                exists[r] &= (sign != 0) | zero
            else:
                exists[r] &= sign >= 0 if test == ">=" else sign > 0 if test == ">" else sign != 0
    for r, regime in enumerate(regimes):
        for m, beliefs in regime.off_path.items():
            if beliefs is None:  # the receiver's payoffs there vary: decide point by point
                exists[r] &= _off_path_grid(tree, regime, m, x, y, others, x_exact, y_exact)
    # One label per distinct set of equilibria, numbered in order of first appearance.
    rows = exists.reshape(len(regimes), ny * nx).T
    sets, first, inverse = np.unique(rows, axis=0, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    labels = rank[inverse.reshape(-1)].reshape(ny, nx).astype(np.int64)
    legend = tuple(
        "; ".join(regimes[r].label for r in np.nonzero(sets[k])[0])
        or ("no PBE found" if mixed else "no pure PBE")
        for k in order
    )
    return PBEMap(x, y, xs, ys, regimes, exists, labels, legend, exact)


def _fractions(values: Sequence[Number]) -> list[Fraction]:
    return [v if isinstance(v, Fraction) else Fraction(v) for v in values]


def _off_path_grid(
    tree: GameTree,
    regime: PureRegime | MixedRegime,
    m: str,
    x: Parameter,
    y: Parameter,
    others: Mapping[str, Number],
    x_exact: Sequence[Number],
    y_exact: Sequence[Number],
    where: npt.NDArray[np.bool_] | None = None,
) -> npt.NDArray[np.bool_]:
    """Is the action after ``m`` a best response to some belief, point by point (``where``)?

    Only the receiver's payoffs after ``m`` matter (not the prior, which may even be
    zero for a type at an edge of the map), so they alone are evaluated.
    """
    import sympy

    s = signalling_structure(tree)
    out = np.zeros((len(y_exact), len(x_exact)), dtype=bool)
    if isinstance(regime, PureRegime):
        support = [regime.receiver[s.messages.index(m)]]
    else:
        support = [a for a, q in regime.receiver[m].items() if q != 0]
    payoff = {(t, a): to_sympy(s.payoffs(t, m, a)[1]) for t in s.types for a in s.actions[m]}
    for i, yv in enumerate(y_exact):
        for j, xv in enumerate(x_exact):
            if where is not None and not where[i, j]:
                continue
            values = {**others, x.name: xv, y.name: yv}
            subs = {sympy.Symbol(k): to_sympy(Fraction(v)) for k, v in values.items()}
            here = {
                key: Fraction(str(sympy.sympify(v).xreplace(_matching(v, subs))))
                for key, v in payoff.items()
            }
            out[i, j] = bool(belief_polytope(s.types, s.actions[m], here, support))
    return out


def _matching(expr: Any, subs: Mapping[Any, Any]) -> dict[Any, Any]:
    """The substitutions for ``expr``'s symbols, matched by name (assumptions may differ)."""
    named = {str(k): v for k, v in subs.items()}
    return {sym: named[str(sym)] for sym in getattr(expr, "free_symbols", ()) if str(sym) in named}
