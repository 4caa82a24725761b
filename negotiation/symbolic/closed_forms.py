"""Equilibria as formulas in the parameters.

* :func:`pure_conditions`: for every pure profile, the inequalities under which it
  is a Nash equilibrium (each player's payoff is at least that of every deviation).
* :func:`mixed_closed_form`: for a 2x2 game, the mixed equilibrium from the
  indifference conditions, with the condition for it to be a proper mix.
* :func:`support_closed_form`: for any game, the equilibrium on a given pair of
  supports (the indifference equations solved by Cramer's rule), with the
  conditions under which it exists.

References
----------
.. [vonStengel2007c] B. von Stengel, "Equilibrium computation for two-player games
   in strategic and extensive form", *Algorithmic Game Theory*, chapter 3, 2007
   (support enumeration, section 3.3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy

from ..core._numbers import Number, to_exact
from .parametric import Parameter, ParametricGame, _as_sympy_number

__all__ = [
    "MixedClosedForm",
    "PureCondition",
    "mixed_closed_form",
    "pure_conditions",
    "support_closed_form",
]


def _check_pgame(pgame: Any, who: str) -> ParametricGame:
    if not isinstance(pgame, ParametricGame):
        raise TypeError(
            f"{who} needs a ParametricGame, got {type(pgame).__name__}; build one with "
            f"ParametricGame(A, B, parameters)"
        )
    return pgame


def _tidy(expr: Any) -> Any:
    """A readable form: cancelled and factored when rational, simplified otherwise."""
    expr = sympy.cancel(sympy.together(expr))
    if expr.is_rational_function():
        return sympy.factor(expr)
    return sympy.simplify(expr)


def _subs(pgame: ParametricGame, values: Mapping[str, Any]) -> dict[Any, Any]:
    checked = pgame.check_values(values)
    return {pgame.parameter(k).symbol: _as_sympy_number(v) for k, v in checked.items()}


def _truth(condition: Any, subs: Mapping[Any, Any]) -> bool:
    """Decide a condition at numbers exactly (high-precision numerics as a last resort)."""
    value = condition.xreplace(dict(subs))
    if value in (sympy.true, sympy.false):
        return bool(value)
    if isinstance(value, sympy.And):
        return all(_truth(arg, {}) for arg in value.args)
    if isinstance(value, sympy.Or):
        return any(_truth(arg, {}) for arg in value.args)
    if isinstance(value, sympy.core.relational.Relational):
        d = value.lhs - value.rhs
        if d.has(*(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo)):
            return False
        sign = 0 if d.equals(0) else (1 if d.evalf(50) > 0 else -1)
        return bool(
            {
                ">=": sign >= 0,
                ">": sign > 0,
                "<=": sign <= 0,
                "<": sign < 0,
                "==": sign == 0,
                "!=": sign != 0,
            }[value.rel_op]
        )
    raise ValueError(f"cannot decide the condition {condition} at these values")  # pragma: no cover


def _where(
    pgame: ParametricGame,
    conditions: Sequence[Any],
    param: Parameter | str,
    fixed: Mapping[str, Any] | None,
) -> Any:
    p = pgame.parameter(param)
    others = pgame.check_values(fixed, exclude=(p.name,))
    subs = {pgame.parameter(k).symbol: _as_sympy_number(v) for k, v in others.items()}
    domain = sympy.Interval(_as_sympy_number(p.low), _as_sympy_number(p.high))
    result = domain
    for c in conditions:
        c = c.xreplace(subs)
        if c == sympy.true:
            continue
        if c == sympy.false:
            return sympy.EmptySet
        result = result.intersect(sympy.solveset(c, p.symbol, domain=domain))
    return result


@dataclass(frozen=True, eq=False)
class PureCondition:
    """When the pure profile ``(row, col)`` is a Nash equilibrium.

    Attributes
    ----------
    row, col : int
        The profile's strategy indices.
    row_conditions : tuple of sympy relationals
        ``A[row, col] >= A[k, col]`` for every other row ``k``: the row player does not gain by deviating.
    col_conditions : tuple of sympy relationals
        ``B[row, col] >= B[row, l]`` for every other column ``l``.
    """

    pgame: ParametricGame = field(repr=False)
    row: int
    col: int
    row_conditions: tuple[Any, ...]
    col_conditions: tuple[Any, ...]

    @property
    def labels(self) -> tuple[str, str]:
        """The profile by strategy labels."""
        return self.pgame.row_labels[self.row], self.pgame.col_labels[self.col]

    @property
    def conditions(self) -> tuple[Any, ...]:
        """All the inequalities, the row player's first."""
        return self.row_conditions + self.col_conditions

    @property
    def condition(self) -> Any:
        """The conjunction of all the inequalities (a sympy boolean)."""
        return sympy.And(*self.conditions)

    def holds(self, **values: Any) -> bool:
        """Whether the profile is an equilibrium at these parameter values (defaults for others)."""
        subs = _subs(self.pgame, values)
        return all(_truth(c, subs) for c in self.conditions)

    def where(self, param: Parameter | str, fixed: Mapping[str, Any] | None = None) -> Any:
        """The set of values of ``param`` in its range where the profile is an equilibrium.

        Examples
        --------
        >>> c = Parameter("c", 4, 0, 10)
        >>> g = ParametricGame([[0, -1], [1, 1 - c.symbol]], [[0, 1], [-1, 1 - c.symbol]], [c])
        >>> pure_conditions(g)[3].where("c")
        Interval(0, 2)
        """
        return _where(self.pgame, self.conditions, param, fixed)

    def latex(self) -> str:
        """The conditions in LaTeX, one per line."""
        rows = [self.pgame.latex(c) for c in self.conditions if c != sympy.true]
        if not rows:
            return "\\text{always}"
        if any(c == sympy.false for c in self.conditions):
            return "\\text{never}"
        return "\\begin{cases}" + " \\\\ ".join(rows) + "\\end{cases}"

    def _repr_latex_(self) -> str:
        a, b = self.labels
        return f"$(\\text{{{a}}}, \\text{{{b}}})$ is an equilibrium when $${self.latex()}$$"

    def __str__(self) -> str:
        a, b = self.labels
        return f"({a}, {b}) is an equilibrium when {self.condition}"


def pure_conditions(pgame: ParametricGame) -> tuple[PureCondition, ...]:
    """For each pure profile, the inequalities under which it is a Nash equilibrium.

    A pure profile ``(i, j)`` is an equilibrium when neither player gains by
    deviating alone: ``A[i, j] >= A[k, j]`` for every row ``k`` and
    ``B[i, j] >= B[i, l]`` for every column ``l`` [Nash1951b]_.

    Returns
    -------
    tuple of PureCondition
        One per profile, row by row.

    Examples
    --------
    A Prisoner's Dilemma with a parametric temptation ``T``:

    >>> T = Parameter("T", 5, 0, 10)
    >>> pd = ParametricGame([[3, 0], [T.symbol, 1]], [[3, T.symbol], [0, 1]], [T])
    >>> cc = pure_conditions(pd)[0]
    >>> cc.condition
    3 >= T
    >>> cc.holds(T=5), cc.holds(T=2)
    (False, True)

    References
    ----------
    .. [Nash1951b] J. Nash, "Non-cooperative games", *Annals of Mathematics* 54(2), 1951.
    """
    _check_pgame(pgame, "pure_conditions")
    A, B = pgame.A, pgame.B
    m, n = pgame.shape
    out = []
    for i in range(m):
        for j in range(n):
            row = tuple(sympy.Ge(A[i][j], A[k][j]) for k in range(m) if k != i)
            col = tuple(sympy.Ge(B[i][j], B[i][c]) for c in range(n) if c != j)
            out.append(PureCondition(pgame, i, j, row, col))
    return tuple(out)


@dataclass(frozen=True, eq=False)
class MixedClosedForm:
    """An equilibrium on given supports, as formulas in the parameters.

    Attributes
    ----------
    row, col : tuple of sympy expressions
        Each player's probability of each strategy (zero off the support).
    payoffs : (sympy expression, sympy expression)
        The expected payoffs at the equilibrium.
    conditions : tuple of sympy relationals
        When all hold, this is a Nash equilibrium with exactly these supports.
    """

    pgame: ParametricGame = field(repr=False)
    row_support: tuple[int, ...]
    col_support: tuple[int, ...]
    row: tuple[Any, ...]
    col: tuple[Any, ...]
    payoffs: tuple[Any, Any]
    conditions: tuple[Any, ...]

    @property
    def condition(self) -> Any:
        """The conjunction of :attr:`conditions`."""
        return sympy.And(*self.conditions)

    @property
    def p(self) -> Any:
        """The row player's probability of her first strategy."""
        return self.row[0]

    @property
    def q(self) -> Any:
        """The column player's probability of his first strategy."""
        return self.col[0]

    def holds(self, **values: Any) -> bool:
        """Whether this is an equilibrium (with these supports) at the given values.

        Examples
        --------
        >>> c = Parameter("c", 2, 0, 3)
        >>> chicken = ParametricGame([[0, -1], [1, -c.symbol]], [[0, 1], [-1, -c.symbol]], [c])
        >>> form = mixed_closed_form(chicken)
        >>> form.p, form.holds(c=2), form.holds(c=0.5)
        ((c - 1)/c, True, False)
        """
        subs = _subs(self.pgame, values)
        probabilities = [e.xreplace(subs) for e in (*self.row, *self.col)]
        if any(v.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) for v in probabilities):
            return False
        return all(_truth(c, subs) for c in self.conditions)

    def evaluate(self, **values: Any) -> tuple[tuple[Number, ...], tuple[Number, ...]]:
        """The two mixed strategies at the given values, exactly when possible.

        Raises
        ------
        ValueError
            Where a formula is undefined (a zero denominator). Check :meth:`holds`
            to know whether the result is an equilibrium.

        Examples
        --------
        >>> c = Parameter("c", 2, 0, 3)
        >>> chicken = ParametricGame([[0, -1], [1, -c.symbol]], [[0, 1], [-1, -c.symbol]], [c])
        >>> mixed_closed_form(chicken).evaluate(c=3)
        ((Fraction(2, 3), Fraction(1, 3)), (Fraction(2, 3), Fraction(1, 3)))
        """
        subs = _subs(self.pgame, values)
        out = []
        for who, exprs in (("row", self.row), ("col", self.col)):
            vals = []
            for k, e in enumerate(exprs):
                v = e.xreplace(subs)
                if v.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
                    raise ValueError(
                        f"the {who} probability {k} = {e} is undefined at "
                        f"{', '.join(f'{s} = {x}' for s, x in subs.items())}"
                    )
                vals.append(to_exact(v, f"{who}[{k}]"))
            out.append(tuple(vals))
        return out[0], out[1]

    def where(self, param: Parameter | str, fixed: Mapping[str, Any] | None = None) -> Any:
        """The set of values of ``param`` in its range where this equilibrium exists.

        Examples
        --------
        >>> c = Parameter("c", 2, 0, 3)
        >>> chicken = ParametricGame([[0, -1], [1, -c.symbol]], [[0, 1], [-1, -c.symbol]], [c])
        >>> mixed_closed_form(chicken).where("c")
        Interval.Lopen(1, 3)
        """
        return _where(self.pgame, self.conditions, param, fixed)

    def latex(self) -> str:
        """The strategies, payoffs and conditions as a LaTeX ``aligned`` block."""
        g = self.pgame
        lines = []
        for who, labels, exprs, support in (
            (0, g.row_labels, self.row, self.row_support),
            (1, g.col_labels, self.col, self.col_support),
        ):
            for k in support:
                lines.append(
                    f"\\Pr[\\text{{{g.players[who]}: {labels[k]}}}] &= {g.latex(exprs[k])}"
                )
        lines.append(f"u_{{\\text{{{g.players[0]}}}}} &= {g.latex(self.payoffs[0])}")
        lines.append(f"u_{{\\text{{{g.players[1]}}}}} &= {g.latex(self.payoffs[1])}")
        conds = ",\\ ".join(g.latex(c) for c in self.conditions if c != sympy.true)
        always = "\\text{always}"
        lines.append(f"\\text{{valid when }} & {conds or always}")
        return "\\begin{aligned}" + " \\\\ ".join(lines) + "\\end{aligned}"

    def _repr_latex_(self) -> str:
        return f"$${self.latex()}$$"


def mixed_closed_form(pgame: ParametricGame) -> MixedClosedForm:
    """The mixed equilibrium of a 2x2 game from the indifference conditions.

    Write ``p`` for the row player's probability of her first strategy and ``q``
    for the column player's probability of his first. In a mixed equilibrium each
    player's mix makes the *other* indifferent:

    .. math::

        p = \\frac{B_{10} - B_{11}}{(B_{10} - B_{11}) - (B_{00} - B_{01})}, \\qquad
        q = \\frac{A_{01} - A_{11}}{(A_{01} - A_{11}) - (A_{00} - A_{10})}.

    So ``p`` depends only on the column player's payoffs and ``q`` only on the row
    player's. Both lie strictly inside (0, 1) exactly when each player's two
    payoff differences have opposite signs, which is :attr:`MixedClosedForm.conditions`.

    Raises
    ------
    ValueError
        If the game is not 2x2 (use :func:`support_closed_form`).

    Examples
    --------
    The inspection game [Tsebelis1989]_: an inspector (row) inspects or not, at
    cost ``h``; a trader (column) cheats or not, gaining ``g`` from cheating
    unnoticed and losing ``f`` when caught.

    >>> g, f, h = Parameter("g", 1, 0.1, 5), Parameter("f", 2, 0.1, 5), Parameter("h", 1, 0.1, 1.9)
    >>> game = ParametricGame(
    ...     [[2 - h.symbol, -h.symbol], [0, 0]],                 # inspector
    ...     [[-f.symbol, 0], [g.symbol, 0]], [g, f, h],            # trader
    ...     row_labels=("Inspect", "Trust"), col_labels=("Cheat", "Comply"))
    >>> form = mixed_closed_form(game)
    >>> form.p, form.q
    (g/(f + g), h/2)

    The trader cheats with probability ``h/2``, whatever his own gain ``g`` or
    fine ``f``: a harsher fine changes how often the inspector inspects, not how
    often the trader cheats.

    References
    ----------
    .. [Tsebelis1989] G. Tsebelis, "The abuse of probability in political analysis:
       the Robinson Crusoe fallacy", *American Political Science Review* 83(1), 77-91, 1989.
    """
    _check_pgame(pgame, "mixed_closed_form")
    if pgame.shape != (2, 2):
        raise ValueError(
            f"mixed_closed_form needs a 2x2 game, got {pgame.shape[0]}x{pgame.shape[1]}; use "
            f"support_closed_form(pgame, row_support, col_support) for larger games"
        )
    from sympy.polys.constructor import construct_domain

    K, (a00, a01, a10, a11, b00, b01, b10, b11) = construct_domain(
        [*pgame.A[0], *pgame.A[1], *pgame.B[0], *pgame.B[1]]
    )
    dA0, dA1 = a00 - a10, a01 - a11  # Row's gain from her first strategy, per column
    dB0, dB1 = b00 - b01, b10 - b11  # Column's gain from his first strategy, per row
    p = _ratio(dB1, dB1 - dB0, K)
    q = _ratio(dA1, dA1 - dA0, K)
    u = _ratio(dA1 * a00 - dA0 * a01, dA1 - dA0, K)
    v = _ratio(dB1 * b00 - dB0 * b10, dB1 - dB0, K)
    conditions = (
        _compare(sympy.Lt, _factored(dA0, K) * _factored(dA1, K), 0),
        _compare(sympy.Lt, _factored(dB0, K) * _factored(dB1, K), 0),
    )
    return MixedClosedForm(
        pgame=pgame,
        row_support=(0, 1),
        col_support=(0, 1),
        row=(p, _ratio(-dB0, dB1 - dB0, K)),
        col=(q, _ratio(-dA0, dA1 - dA0, K)),
        payoffs=(u, v),
        conditions=conditions,
    )


def _support(pgame: ParametricGame, support: Any, player: int, name: str) -> tuple[int, ...]:
    labels = pgame.row_labels if player == 0 else pgame.col_labels
    if isinstance(support, str | bytes) or not isinstance(support, Sequence):
        raise TypeError(
            f"{name} must be a list of strategy indices or labels, got {type(support).__name__} {support!r}"
        )
    out = []
    for s in support:
        if isinstance(s, str):
            if s not in labels:
                raise ValueError(f"{name}: unknown strategy {s!r}; expected one of {list(labels)}")
            out.append(labels.index(s))
        elif isinstance(s, int) and not isinstance(s, bool):
            if not 0 <= s < len(labels):
                raise ValueError(f"{name}: index {s} is out of range 0..{len(labels) - 1}")
            out.append(s)
        else:
            raise TypeError(f"{name} entries must be indices or labels, got {s!r}")
    if not out:
        raise ValueError(f"{name} must name at least one strategy")
    if len(set(out)) != len(out):
        raise ValueError(f"{name} names a strategy twice: {list(support)}")
    return tuple(sorted(out))


def _factored(element: Any, K: Any) -> Any:
    """A polynomial (an element of ``K``) as a factored sympy expression."""
    if element == K.zero or element == K.one or not hasattr(element, "factor_list"):
        return K.to_sympy(element)
    coeff, factors = element.factor_list()
    coeff = K.domain.to_sympy(coeff)
    rest = sympy.Mul(*(sympy.Pow(K.to_sympy(f), e) for f, e in factors))
    if coeff == 1:
        return rest
    if coeff == -1:
        return -rest
    return sympy.Mul(coeff, rest, evaluate=False)  # keep 3*(w + 2), not 3*w + 6


def _ratio(num: Any, den: Any, K: Any) -> Any:
    """``num / den`` (elements of the domain ``K``) in lowest terms, as a factored sympy expression."""
    if den == K.zero:
        return sympy.nan  # undefined for every parameter value (the conditions never hold)
    if K.is_EX:
        return _tidy(K.to_sympy(num) / K.to_sympy(den))
    common = K.gcd(num, den)
    num, den = K.exquo(num, common), K.exquo(den, common)
    unit = K.canonical_unit(den)
    num, den = num * unit, den * unit
    if den == K.one:
        return _factored(num, K)
    return _factored(num, K) / _factored(den, K)


def _compare(kind: Any, lhs: Any, rhs: Any) -> Any:
    """A relational, evaluated only when both sides are numbers (assumption checks on large
    formulas are slow and never decide anything for real parameters)."""
    if (lhs - rhs).is_number:
        return kind(lhs, rhs)
    return kind(lhs, rhs, evaluate=False)


def _indifferent_mix(M: Any, K: Any) -> tuple[list[Any], Any]:
    """Solve ``M y = u 1, sum(y) = 1`` by Cramer's rule, over the polynomial domain ``K``.

    Returns the numerators of ``(y_1, ..., y_k, u)`` and the common denominator, as
    elements of ``K``; no pivot is assumed nonzero.
    """
    from sympy.polys.matrices import DomainMatrix

    k = len(M)
    one, zero = K.one, K.zero
    rows = [[*M[r], -one] for r in range(k)] + [[one] * k + [zero]]
    det = DomainMatrix(rows, (k + 1, k + 1), K).det()
    if det == zero:
        raise ValueError(
            "the indifference conditions do not pin down a unique mix on this support pair "
            "(the determinant is zero for every parameter value)"
        )
    numerators = []
    for c in range(k + 1):
        replaced = [
            [(one if r == k else zero) if col == c else v for col, v in enumerate(row)]
            for r, row in enumerate(rows)
        ]
        numerators.append(DomainMatrix(replaced, (k + 1, k + 1), K).det())
    return numerators, det


def support_closed_form(
    pgame: ParametricGame, row_support: Sequence[int | str], col_support: Sequence[int | str]
) -> MixedClosedForm:
    """The equilibrium on a given pair of supports, as formulas in the parameters.

    On supports ``I`` (rows) and ``J`` (columns) of equal size, the column player's
    mix ``y`` makes every row in ``I`` equally good, ``A[I, J] y = u``, and the row
    player's mix ``x`` does the same for the columns in ``J``; with the probabilities
    summing to one this is a square linear system, solved here by Cramer's rule.
    The result is an equilibrium when every probability on the supports is positive
    and no strategy outside them does better (support enumeration, [vonStengel2007c]_).

    Raises
    ------
    ValueError
        For supports of different sizes (no equilibrium of a non-degenerate game has
        them) or when the equations do not determine a unique mix.

    Examples
    --------
    Rock-paper-scissors where winning with rock pays ``w``:

    >>> w = Parameter("w", 1, 0.5, 3)
    >>> W = w.symbol
    >>> rps = ParametricGame([[0, -1, W], [1, 0, -1], [-1, 1, 0]],
    ...                      [[0, 1, -W], [-1, 0, 1], [1, -1, 0]], [w])
    >>> form = support_closed_form(rps, [0, 1, 2], [0, 1, 2])
    >>> form.row
    (1/(w + 2), (2*w + 1)/(3*(w + 2)), 1/3)
    >>> form.holds(w=2)
    True
    """
    _check_pgame(pgame, "support_closed_form")
    I = _support(pgame, row_support, 0, "row_support")  # noqa: E741
    J = _support(pgame, col_support, 1, "col_support")
    if len(I) != len(J):
        raise ValueError(
            f"row_support has {len(I)} strategies and col_support {len(J)}; in a non-degenerate "
            f"game the supports of an equilibrium have equal sizes, so give supports of equal size"
        )
    m, n = pgame.shape
    from sympy.polys.constructor import construct_domain

    flat = [e for row in pgame.A for e in row] + [e for row in pgame.B for e in row]
    K, elements = construct_domain(flat)
    A = [elements[i * n : (i + 1) * n] for i in range(m)]
    B = [elements[m * n + i * n : m * n + (i + 1) * n] for i in range(m)]
    y_num, y_den = _indifferent_mix([[A[i][j] for j in J] for i in I], K)
    x_num, x_den = _indifferent_mix([[B[i][j] for i in I] for j in J], K)
    x = [sympy.Integer(0)] * m
    y = [sympy.Integer(0)] * n
    for k, i in enumerate(I):
        x[i] = _ratio(x_num[k], x_den, K)
    for k, j in enumerate(J):
        y[j] = _ratio(y_num[k], y_den, K)
    u = _ratio(y_num[-1], y_den, K)
    v = _ratio(x_num[-1], x_den, K)
    conditions: list[Any] = []
    if len(I) > 1:
        conditions += [_compare(sympy.Gt, x[i], 0) for i in I]
        conditions += [_compare(sympy.Gt, y[j], 0) for j in J]
    for i in range(m):
        if i not in I:
            total = K.zero
            for k, j in enumerate(J):
                total += A[i][j] * y_num[k]
            conditions.append(_compare(sympy.Le, _ratio(total, y_den, K), u))
    for j in range(n):
        if j not in J:
            total = K.zero
            for k, i in enumerate(I):
                total += x_num[k] * B[i][j]
            conditions.append(_compare(sympy.Le, _ratio(total, x_den, K), v))
    return MixedClosedForm(
        pgame=pgame,
        row_support=I,
        col_support=J,
        row=tuple(x),
        col=tuple(y),
        payoffs=(u, v),
        conditions=tuple(c for c in conditions if c != sympy.true),
    )
