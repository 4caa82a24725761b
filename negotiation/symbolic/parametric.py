"""Named parameters and games whose payoffs are formulas in them.

A :class:`Parameter` is a sympy symbol with the metadata a slider needs (range,
default, step, unit, description, source). A :class:`ParametricGame` holds two
payoff tables of sympy expressions in declared parameters; :meth:`ParametricGame.at`
turns it into an ordinary :class:`~negotiation.core.game.BimatrixGame` for given values.

Formulas come from code, never from text: payoffs must be sympy expressions or
numbers, and a string is refused rather than parsed.
"""

from __future__ import annotations

import keyword
import math
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from ..core._numbers import Number, _matrix_rows, format_number, to_exact
from ..core.game import BimatrixGame, _check_labels, _check_players

__all__ = ["Parameter", "ParametricGame"]


def _latex_text(text: str) -> str:
    """Escape plain text for use inside ``\\text{...}`` in LaTeX."""
    out = []
    for ch in text:
        if ch in "&%$#_{}":
            out.append("\\" + ch)
        elif ch == "\\":
            out.append("\\backslash{}")
        elif ch == "~":
            out.append("\\sim{}")
        elif ch == "^":
            out.append("\\hat{}")
        else:
            out.append(ch)
    return "".join(out)


def _check_text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, got {type(value).__name__} {value!r}")
    return value


def _as_sympy_number(value: Number) -> Any:
    """A stored exact value as a sympy number (``Fraction`` -> ``Rational``)."""
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.Float(value)


class Parameter:
    """A named model parameter: a sympy symbol with a range, a default and slider metadata.

    Parameters
    ----------
    name : str
        A valid Python identifier (it becomes a keyword argument of
        :meth:`ParametricGame.at`) and the name of the sympy symbol.
    default : number
        The starting value; must lie in ``[low, high]``.
    low, high : number
        The allowed range, ``low < high``. Values outside it are refused, never clipped.
    unit : str, optional
        Unit shown on sliders and axes, for example ``"%"`` or ``"% of GDP"``.
    description : str, optional
        A short phrase for people, for example ``"US tariff rate"``.
    step : number, optional
        The slider step: positive and at most ``high - low``. Default: a hundredth of the range.
    source : str, optional
        Where the default comes from (a key of the calibration sources, or ``"assumption"``).
    latex : str, optional
        How the symbol is typeset, for example ``r"\\tau"`` (default: sympy's rendering of ``name``).

    Notes
    -----
    Numbers are kept exactly (a float is read as the decimal it prints as), so
    ``Parameter("t", 0.1, 0, 0.3)`` has the default ``1/10``. Strings, booleans,
    NaN and infinities are refused.

    Examples
    --------
    >>> t = Parameter("t", 0.24, 0, 0.5, unit="share of import value",
    ...               description="US tariff rate", step=0.01)
    >>> t.symbol, t.default, t.low, t.high
    (t, Fraction(6, 25), Fraction(0, 1), Fraction(1, 2))
    >>> t.label
    'US tariff rate $t$ (share of import value)'
    >>> t.validate(0.6)
    Traceback (most recent call last):
    ...
    ValueError: t = 3/5 is outside its range [0, 1/2] (share of import value)
    """

    __slots__ = (
        "_default",
        "_description",
        "_high",
        "_latex",
        "_low",
        "_name",
        "_source",
        "_step",
        "_symbol",
        "_unit",
    )

    def __init__(
        self,
        name: str,
        default: Any,
        low: Any,
        high: Any,
        unit: str = "",
        description: str = "",
        step: Any = None,
        source: str = "",
        *,
        latex: str = "",
    ) -> None:
        if not isinstance(name, str):
            raise TypeError(
                f"a parameter's name must be a string, got {type(name).__name__} {name!r}"
            )
        if not name.isidentifier() or keyword.iskeyword(name):
            raise ValueError(
                f"parameter name {name!r} must be a valid Python identifier that is not a "
                f"keyword (it becomes a keyword argument of ParametricGame.at), for example 'tariff'"
            )
        self._name = name
        self._unit = _check_text(unit, f"unit of parameter {name!r}")
        self._description = _check_text(description, f"description of parameter {name!r}")
        self._source = _check_text(source, f"source of parameter {name!r}")
        self._latex = _check_text(latex, f"latex of parameter {name!r}")
        lo = to_exact(low, f"low of parameter {name!r}")
        hi = to_exact(high, f"high of parameter {name!r}")
        if not lo < hi:
            raise ValueError(
                f"parameter {name!r} needs low < high, got low = {format_number(lo)} and "
                f"high = {format_number(hi)}"
            )
        self._low, self._high = lo, hi
        d = to_exact(default, f"default of parameter {name!r}")
        if not lo <= d <= hi:
            raise ValueError(
                f"the default of parameter {name!r} is {format_number(d)}, outside its range "
                f"[{format_number(lo)}, {format_number(hi)}]"
            )
        self._default = d
        if step is None:
            self._step: Number | None = None
        else:
            s = to_exact(step, f"step of parameter {name!r}")
            if not s > 0:
                raise ValueError(f"the step of parameter {name!r} must be > 0, got {s}")
            if s > hi - lo:
                raise ValueError(
                    f"the step of parameter {name!r} is {format_number(s)}, larger than its range "
                    f"[{format_number(lo)}, {format_number(hi)}]"
                )
            self._step = s
        self._symbol = sympy.Symbol(name, real=True)

    # --- attributes -----------------------------------------------------------------
    @property
    def name(self) -> str:
        """The parameter's name (a Python identifier)."""
        return self._name

    @property
    def symbol(self) -> Any:
        """The real sympy ``Symbol`` to build payoff formulas with."""
        return self._symbol

    @property
    def default(self) -> Number:
        """The starting value (exact when it was given exactly)."""
        return self._default

    @property
    def low(self) -> Number:
        """Smallest allowed value."""
        return self._low

    @property
    def high(self) -> Number:
        """Largest allowed value."""
        return self._high

    @property
    def unit(self) -> str:
        """Unit for sliders and axes (may be empty)."""
        return self._unit

    @property
    def description(self) -> str:
        """A short phrase for people (may be empty)."""
        return self._description

    @property
    def source(self) -> str:
        """Where the default value comes from (may be empty)."""
        return self._source

    @property
    def step(self) -> Number | None:
        """The slider step as given, or ``None``."""
        return self._step

    @property
    def slider_step(self) -> Number:
        """The slider step: :attr:`step`, or a hundredth of the range when none was given."""
        if self._step is not None:
            return self._step
        return (self._high - self._low) / 100

    @property
    def latex(self) -> str:
        """The symbol in LaTeX (without dollar signs).

        Examples
        --------
        >>> Parameter("alpha", 1, 0, 2).latex, Parameter("c", 1, 0, 2, latex=r"c_{US}").latex
        ('\\\\alpha', 'c_{US}')
        """
        return self._latex or sympy.latex(self._symbol)

    @property
    def label(self) -> str:
        """A label for a slider or an axis: description, symbol and unit.

        The symbol is shown when it is short (one or two letters, a Greek letter) or
        typeset on purpose (:attr:`latex` given); a long name such as
        ``retaliation_value`` is shown only when there is no description.

        Examples
        --------
        >>> Parameter("c", 1, 0, 2).label
        '$c$'
        >>> Parameter("k", 1, 0, 2, unit="$bn", description="pledge").label  # $ escaped for mathtext
        'pledge $k$ (\\\\$bn)'
        >>> Parameter("war_cost", 1, 0, 2, unit="% of GDP", description="cost of a trade war").label
        'cost of a trade war (% of GDP)'
        """
        parts = []
        if self._description:
            parts.append(self._description.replace("$", "\\$"))
        short = len(self._name) <= 2 or sympy.latex(self._symbol).startswith("\\")
        if self._latex or short:
            parts.append(f"${self.latex}$")
        elif not self._description:
            parts.append(self._name)
        text = " ".join(parts)
        unit = self._unit.replace("$", "\\$")
        return f"{text} ({unit})" if unit else text

    # --- values ---------------------------------------------------------------------
    def validate(self, value: Any) -> Number:
        """Check one value of this parameter and return it exactly.

        Raises
        ------
        TypeError
            For strings, booleans and anything that is not a real number.
        ValueError
            For NaN, infinities and values outside ``[low, high]`` (nothing is clipped).

        Examples
        --------
        >>> Parameter("t", 0.1, 0, 0.5).validate(0.25)
        Fraction(1, 4)
        """
        v = to_exact(value, self._name)
        if not self._low <= v <= self._high:
            unit = f" ({self._unit})" if self._unit else ""
            raise ValueError(
                f"{self._name} = {format_number(v)} is outside its range "
                f"[{format_number(self._low)}, {format_number(self._high)}]{unit}"
            )
        return v

    def replace(self, **changes: Any) -> Parameter:
        """A copy with some fields changed (for example a scenario's default).

        Examples
        --------
        >>> Parameter("t", 0.1, 0, 0.5).replace(default=0.24).default
        Fraction(6, 25)
        """
        fields: dict[str, Any] = {
            "name": self._name,
            "default": self._default,
            "low": self._low,
            "high": self._high,
            "unit": self._unit,
            "description": self._description,
            "step": self._step,
            "source": self._source,
            "latex": self._latex,
        }
        unknown = set(changes) - set(fields)
        if unknown:
            raise TypeError(
                f"replace() got unknown field(s) {sorted(unknown)}; allowed: {sorted(fields)}"
            )
        fields.update(changes)
        return Parameter(**fields)

    def to_dict(self) -> dict[str, Any]:
        """Slider metadata as plain Python values (floats for the numbers).

        Examples
        --------
        >>> Parameter("t", 0.1, 0, 0.5, step=0.05)
        Parameter('t', default=1/10, low=0, high=1/2, step=1/20)
        >>> Parameter("t", 0.1, 0, 0.5, step=0.05).to_dict()["max"]
        0.5
        """
        return {
            "name": self._name,
            "description": self._description,
            "unit": self._unit,
            "label": self.label,
            "value": float(self._default),
            "min": float(self._low),
            "max": float(self._high),
            "step": float(self.slider_step),
            "source": self._source,
        }

    def _key(self) -> tuple[Any, ...]:
        return (
            self._name,
            self._default,
            self._low,
            self._high,
            self._unit,
            self._description,
            self._step,
            self._source,
            self._latex,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Parameter):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        extra = "" if self._step is None else f", step={format_number(self._step)}"
        unit = f", unit={self._unit!r}" if self._unit else ""
        return (
            f"Parameter({self._name!r}, default={format_number(self._default)}, "
            f"low={format_number(self._low)}, high={format_number(self._high)}{unit}{extra})"
        )


# --- payoff formulas --------------------------------------------------------------------

_NON_FINITE = (sympy.nan, sympy.oo, -sympy.oo, sympy.zoo)


def _as_expression(value: Any, where: str, symbols: Mapping[str, Any]) -> Any:
    """Validate one payoff: a sympy expression in declared parameters, or a number."""
    if isinstance(value, str | bytes):
        raise TypeError(
            f"{where} is the string {value!r}; payoffs must be numbers or sympy expressions built "
            f"from Parameter.symbol (strings are never parsed)"
        )
    if isinstance(value, sympy.Basic):
        if not isinstance(value, sympy.Expr):
            raise TypeError(
                f"{where} must be a sympy expression (a formula for a payoff), got "
                f"{type(value).__name__} {value}"
            )
        from sympy.core.function import AppliedUndef

        undefined = value.atoms(AppliedUndef)
        if undefined:
            names = ", ".join(sorted(str(f) for f in undefined))
            raise TypeError(f"{where} = {value} uses undefined function(s) {names}")
        if value.has(*_NON_FINITE):
            raise ValueError(f"{where} = {value} is not a finite payoff")
        if value.has(sympy.I):
            raise TypeError(f"{where} = {value} is complex; payoffs must be real")
        replace = {}
        for s in value.free_symbols:
            if not isinstance(s, sympy.Symbol) or isinstance(s, sympy.Dummy):
                raise TypeError(f"{where} = {value} contains {s!r}, which is not a plain symbol")
            declared = symbols.get(s.name)
            if declared is None:
                known = ", ".join(sorted(symbols)) or "none"
                raise ValueError(
                    f"{where} = {value} uses the symbol {s.name}, which is not a declared "
                    f"parameter (declared: {known}); add Parameter({s.name!r}, ...) to parameters"
                )
            if s != declared:
                replace[s] = declared  # same name, other assumptions: use the parameter's symbol
        return value.xreplace(replace) if replace else value
    exact = to_exact(value, where)
    return _as_sympy_number(exact)


class _PolynomialEntry:
    """One payoff as ``numerator / denominator``, polynomials with integer coefficients.

    ``num`` and ``den`` list ``(integer coefficient, monomial index)``; ``scale`` is
    the factor that turns the integer ratio back into the payoff (the coefficients
    were multiplied by their common denominators).
    """

    __slots__ = ("den", "num", "scale")

    def __init__(
        self, num: list[tuple[int, int]], den: list[tuple[int, int]] | None, scale: Fraction
    ) -> None:
        self.num = num
        self.den = den
        self.scale = scale


def _poly_terms(
    expr: Any, symbols: Sequence[Any], monomials: dict[tuple[int, ...], int]
) -> tuple[list[tuple[int, int]], int] | None:
    """Integer coefficients and their common denominator, or ``None`` if not a rational polynomial."""
    if symbols:
        try:
            terms = sympy.Poly(expr, *symbols, domain="QQ").terms()
        except (sympy.PolynomialError, sympy.polys.polyerrors.CoercionFailed):
            return None
    elif expr.is_Rational:
        terms = [((), expr)]
    else:
        return None
    common = math.lcm(*(int(coeff.q) for _, coeff in terms))
    out = []
    for exps, coeff in terms:
        key = tuple(int(e) for e in exps)
        index = monomials.setdefault(key, len(monomials))
        out.append((int(coeff.p) * (common // int(coeff.q)), index))
    return out, common


def _numerator_denominator(expr: Any, symbols: Sequence[Any]) -> tuple[Any, Any]:
    """``expr`` as ``numerator / denominator``, cheaply.

    A polynomial (most payoffs) is its own numerator. Otherwise the expression is
    brought over a common denominator without ``cancel``: sympy's ``cancel`` and
    ``together`` take seconds on a few dozen rational payoffs, and a common factor
    left in both parts changes no value where the denominator is not zero.
    """
    if expr.is_polynomial(*symbols):
        return expr, sympy.Integer(1)
    num, den = expr.as_numer_denom()
    return sympy.expand(num), sympy.expand(den)


class _ExactEvaluator:
    """Evaluates a list of expressions at exact parameter values, fast.

    Entries that are rational functions with rational coefficients (almost every
    model) are evaluated in integer arithmetic: with every value written as
    ``a / b``, each monomial is scaled to the common denominator ``b ** max_power``
    so one division per entry remains. Other entries (``sqrt(t)``, ``exp(t)``) are
    evaluated by sympy exactly, which is slower (about 0.1 ms each).
    """

    def __init__(self, exprs: Sequence[Any], symbols: Sequence[Any]) -> None:
        self.symbols = tuple(symbols)
        self.exprs = tuple(exprs)
        monomials: dict[tuple[int, ...], int] = {}
        Terms = tuple[list[tuple[int, int]], int]
        parsed: list[tuple[Terms, Terms | None] | None] = []
        for expr in exprs:
            num, den = _numerator_denominator(expr, self.symbols)
            num_terms = _poly_terms(num, self.symbols, monomials)
            den_terms = None if den == 1 else _poly_terms(den, self.symbols, monomials)
            if num_terms is None or (den != 1 and den_terms is None):
                parsed.append(None)
            else:
                parsed.append((num_terms, den_terms))  # den_terms is None when den == 1
        self.monomials = list(monomials)
        self.max_power = [
            max((m[k] for m in self.monomials), default=0) for k in range(len(self.symbols))
        ]
        self.entries: list[_PolynomialEntry | None] = []
        for item in parsed:
            if item is None:
                self.entries.append(None)
                continue
            (n_terms, n_common), d_part = item
            if d_part is None:
                # value = sum / (n_common * prod b**max_power); the product is added per call
                self.entries.append(_PolynomialEntry(n_terms, None, Fraction(1, n_common)))
            else:
                d_terms, d_common = d_part
                self.entries.append(
                    _PolynomialEntry(n_terms, d_terms, Fraction(d_common, n_common))
                )

    def __call__(self, values: Sequence[Number]) -> list[Any]:
        """Values of every expression; ``None`` where a denominator vanishes."""
        if not all(isinstance(v, Fraction) for v in values):
            return self._sympy(values)
        # monomial * prod(b_k ** max_power_k), as an integer
        nums = [v.numerator for v in values]  # type: ignore[union-attr]
        dens = [v.denominator for v in values]  # type: ignore[union-attr]
        mono = []
        for exps in self.monomials:
            value = 1
            for k, e in enumerate(exps):
                top = self.max_power[k]
                if top:
                    value *= nums[k] ** e * dens[k] ** (top - e)
            mono.append(value)
        common = 1
        for k, top in enumerate(self.max_power):
            common *= dens[k] ** top
        out: list[Any] = []
        for k, entry in enumerate(self.entries):
            if entry is None:
                out.append(self._sympy_one(k, values))
                continue
            num = 0
            for c, i in entry.num:
                num += c * mono[i]
            scale = entry.scale
            if entry.den is None:
                out.append(Fraction(num * scale.numerator, common * scale.denominator))
                continue
            den = 0
            for c, i in entry.den:
                den += c * mono[i]
            out.append(
                None if den == 0 else Fraction(num * scale.numerator, den * scale.denominator)
            )
        return out

    def _sympy_one(self, k: int, values: Sequence[Number]) -> Any:
        subs = {s: _as_sympy_number(v) for s, v in zip(self.symbols, values, strict=True)}
        value = self.exprs[k].xreplace(subs)
        if value.has(*_NON_FINITE):
            return None
        return value

    def _sympy(self, values: Sequence[Number]) -> list[Any]:
        return [self._sympy_one(k, values) for k in range(len(self.exprs))]


class ParametricGame:
    """A bimatrix game whose payoffs are formulas in named parameters.

    Parameters
    ----------
    A, B : 2-D table of sympy expressions or numbers
        The row and the column player's payoffs (nested lists, a sympy ``Matrix``
        or a numpy object array), built from the parameters' :attr:`Parameter.symbol`.
    parameters : Parameter or sequence of Parameter
        Every symbol used in ``A`` and ``B`` must be one of these (matched by name).
    players, row_labels, col_labels, title
        As for :class:`~negotiation.core.game.BimatrixGame`.

    Raises
    ------
    TypeError
        For a string (or anything that is not a number or a sympy expression) as a
        payoff, or a non-``Parameter`` in ``parameters``.
    ValueError
        For a symbol that is not a declared parameter, a parameter declared twice,
        a non-finite payoff, or tables of different shapes.

    Examples
    --------
    Chicken with a parametric cost of crashing ``c`` [RapoportChammah1966]_:

    >>> c = Parameter("c", 4, 1, 10, description="cost of a crash")
    >>> chicken = ParametricGame([[0, -1], [1, -c.symbol]], [[0, 1], [-1, -c.symbol]], [c],
    ...                          row_labels=("Swerve", "Straight"),
    ...                          col_labels=("Swerve", "Straight"))
    >>> print(chicken.at(c=2).table())
    Row \\ Column |  Swerve  | Straight
    Swerve       |   0, 0   |  -1, 1
    Straight     |  1, -1   |  -2, -2
    >>> chicken.at(c=11)
    Traceback (most recent call last):
    ...
    ValueError: c = 11 is outside its range [1, 10]

    References
    ----------
    .. [RapoportChammah1966] A. Rapoport and A. M. Chammah, "The game of Chicken",
       *American Behavioral Scientist* 10(3), 10-28, 1966.
    """

    __slots__ = (
        "_A",
        "_B",
        "_by_name",
        "_cache",
        "_col_labels",
        "_parameters",
        "_players",
        "_row_labels",
        "_title",
    )

    def __init__(
        self,
        A: Any,
        B: Any,
        parameters: Parameter | Sequence[Parameter],
        *,
        players: Sequence[str] = ("Row", "Column"),
        row_labels: Sequence[str] | None = None,
        col_labels: Sequence[str] | None = None,
        title: str = "",
    ) -> None:
        given: Any = (parameters,) if isinstance(parameters, Parameter) else parameters
        if isinstance(given, str | bytes) or not isinstance(given, Sequence):
            raise TypeError(
                "parameters must be a list of Parameter objects, got "
                f"{type(given).__name__} {given!r}"
            )
        by_name: dict[str, Parameter] = {}
        for k, p in enumerate(given):
            if not isinstance(p, Parameter):
                hint = f"; write Parameter({p!r}, default, low, high)" if isinstance(p, str) else ""
                raise TypeError(
                    f"parameters[{k}] must be a Parameter, got {type(p).__name__} {p!r}{hint}"
                )
            if p.name in by_name:
                raise ValueError(
                    f"parameter {p.name!r} is declared twice (positions {list(by_name).index(p.name)} "
                    f"and {k}); each parameter must appear once"
                )
            by_name[p.name] = p
        self._parameters: tuple[Parameter, ...] = tuple(given)
        self._by_name = by_name
        symbols = {name: p.symbol for name, p in by_name.items()}
        tables = []
        for table, name in ((A, "A"), (B, "B")):
            if isinstance(table, sympy.MatrixBase) or (
                isinstance(table, np.ndarray) and table.dtype == object
            ):
                table = table.tolist()
            rows = _matrix_rows(table, name)
            tables.append(
                tuple(
                    tuple(
                        _as_expression(v, f"{name}[{i}, {j}]", symbols) for j, v in enumerate(row)
                    )
                    for i, row in enumerate(rows)
                )
            )
        self._A, self._B = tables
        shape_a = (len(self._A), len(self._A[0]))
        shape_b = (len(self._B), len(self._B[0]))
        if shape_a != shape_b:
            raise ValueError(
                f"A and B must have the same shape (rows = row player's strategies, columns = "
                f"column player's strategies), got A {shape_a} and B {shape_b}"
            )
        self._players = _check_players(players)
        self._row_labels = _check_labels(row_labels, shape_a[0], "row_labels", "R")
        self._col_labels = _check_labels(col_labels, shape_a[1], "col_labels", "C")
        if not isinstance(title, str):
            raise TypeError(f"title must be a string, got {type(title).__name__}")
        self._title = title
        self._cache: dict[Any, Any] = {}

    # --- attributes -------------------------------------------------------------------
    @property
    def A(self) -> tuple[tuple[Any, ...], ...]:
        """The row player's payoff formulas (sympy expressions)."""
        return self._A

    @property
    def B(self) -> tuple[tuple[Any, ...], ...]:
        """The column player's payoff formulas (sympy expressions)."""
        return self._B

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """The declared parameters, in the order given."""
        return self._parameters

    @property
    def symbols(self) -> tuple[Any, ...]:
        """The parameters' sympy symbols, in the same order."""
        return tuple(p.symbol for p in self._parameters)

    @property
    def shape(self) -> tuple[int, int]:
        """``(number of row strategies, number of column strategies)``."""
        return len(self._A), len(self._A[0])

    @property
    def players(self) -> tuple[str, str]:
        """Names of the row and the column player."""
        return self._players

    @property
    def row_labels(self) -> tuple[str, ...]:
        """Names of the row player's strategies."""
        return self._row_labels

    @property
    def col_labels(self) -> tuple[str, ...]:
        """Names of the column player's strategies."""
        return self._col_labels

    @property
    def title(self) -> str:
        """A short title for tables and plots."""
        return self._title

    @property
    def defaults(self) -> dict[str, Number]:
        """Every parameter's default value, by name."""
        return {p.name: p.default for p in self._parameters}

    def parameter(self, which: Parameter | str) -> Parameter:
        """Look up a declared parameter by name (or check that a ``Parameter`` is declared).

        Examples
        --------
        >>> t = Parameter("t", 1, 0, 2)
        >>> ParametricGame([[t.symbol]], [[0]], [t]).parameter("t") is t
        True
        """
        if isinstance(which, Parameter):
            declared = self._by_name.get(which.name)
            if declared is None or declared != which:
                raise ValueError(
                    f"parameter {which.name!r} is not one of this game's parameters "
                    f"({', '.join(self._by_name) or 'none'})"
                )
            return declared
        if not isinstance(which, str):
            raise TypeError(
                f"a parameter must be given as a Parameter or its name, got {type(which).__name__} {which!r}"
            )
        try:
            return self._by_name[which]
        except KeyError:
            raise ValueError(
                f"unknown parameter {which!r}; this game's parameters are "
                f"{', '.join(self._by_name) or 'none'}"
            ) from None

    def _symbol_names(self) -> dict[Any, str]:
        return {p.symbol: p.latex for p in self._parameters}

    def latex(self, expr: Any) -> str:
        """Typeset a formula in this game's parameters (honouring each :attr:`Parameter.latex`).

        Examples
        --------
        >>> t = Parameter("t", 1, 0, 2, latex=r"\\tau")
        >>> ParametricGame([[t.symbol]], [[0]], [t]).latex(t.symbol / 2)
        '\\\\frac{\\\\tau}{2}'
        """
        return str(sympy.latex(expr, symbol_names=self._symbol_names()))

    # --- values -----------------------------------------------------------------------
    def check_values(
        self, values: Mapping[str, Any] | None = None, *, exclude: Sequence[str] = ()
    ) -> dict[str, Number]:
        """Validate parameter values by name and fill in defaults for the missing ones.

        Parameters
        ----------
        values : mapping of str to number, optional
            Values of some parameters.
        exclude : sequence of str
            Names that must *not* be given (for example the parameter a map varies);
            they are left out of the result.

        Returns
        -------
        dict
            Every other parameter's value, exact, in declaration order.

        Examples
        --------
        >>> t, c = Parameter("t", 1, 0, 2), Parameter("c", 1, 0, 5)
        >>> g = ParametricGame([[t.symbol]], [[c.symbol]], [t, c])
        >>> g.check_values({"c": 0.5})
        {'t': Fraction(1, 1), 'c': Fraction(1, 2)}
        >>> g.check_values({"k": 1})
        Traceback (most recent call last):
        ...
        TypeError: unknown parameter 'k'; this game's parameters are t, c
        """
        values = {} if values is None else values
        if not isinstance(values, Mapping):
            raise TypeError(
                f"parameter values must be a mapping of names to numbers, got {type(values).__name__}"
            )
        for name in values:
            if name not in self._by_name:
                raise TypeError(
                    f"unknown parameter {name!r}; this game's parameters are "
                    f"{', '.join(self._by_name) or 'none'}"
                )
            if name in exclude:
                raise ValueError(
                    f"parameter {name!r} is varied here, so it cannot also be held fixed"
                )
        out: dict[str, Number] = {}
        for p in self._parameters:
            if p.name in exclude:
                continue
            out[p.name] = p.validate(values[p.name]) if p.name in values else p.default
        return out

    def _evaluator(self) -> _ExactEvaluator:
        ev = self._cache.get("exact")
        if ev is None:
            exprs = [e for row in self._A for e in row] + [e for row in self._B for e in row]
            ev = _ExactEvaluator(exprs, self.symbols)
            self._cache["exact"] = ev
        assert isinstance(ev, _ExactEvaluator)
        return ev

    def at(self, **values: Any) -> BimatrixGame:
        """The game at given parameter values (defaults for the others).

        The payoffs are exact fractions whenever the values are exact and the
        formulas are rational functions of the parameters; this is fast (tens of
        microseconds for a 2x2 game), so it can run on every slider move.

        Raises
        ------
        TypeError
            For an unknown parameter name or a value that is not a number.
        ValueError
            For a value outside its parameter's range, NaN or an infinity, or a payoff
            that is undefined (a division by zero) at these values.

        Examples
        --------
        >>> t = Parameter("t", 0.1, 0, 0.5)
        >>> g = ParametricGame([[1 - t.symbol, 0], [0, 1]], [[1, 0], [0, 1 + t.symbol]], [t])
        >>> g.at(t=0.25).payoff(0, 0)
        (Fraction(3, 4), Fraction(1, 1))
        >>> g.at(t=float("nan"))
        Traceback (most recent call last):
        ...
        ValueError: t must be a finite number, got nan
        """
        vals = self.check_values(values)
        return self._game(list(vals.values()), vals)

    def _game(self, ordered: Sequence[Number], named: Mapping[str, Number]) -> BimatrixGame:
        results = self._evaluator()(ordered)
        m, n = self.shape
        for k, v in enumerate(results):
            if v is None:
                table, index = ("A", k) if k < m * n else ("B", k - m * n)
                expr = (self._A if table == "A" else self._B)[index // n][index % n]
                shown = ", ".join(f"{name} = {format_number(v)}" for name, v in named.items())
                raise ValueError(
                    f"payoff {table}[{index // n}, {index % n}] = {expr} is undefined "
                    f"(division by zero) at {shown}"
                )
        A = [results[i * n : (i + 1) * n] for i in range(m)]
        B = [results[m * n + i * n : m * n + (i + 1) * n] for i in range(m)]
        return BimatrixGame(
            A,
            B,
            players=self._players,
            row_labels=self._row_labels,
            col_labels=self._col_labels,
            title=self._title,
        )

    def numpy_function(self, exprs: Sequence[Any], key: Any = None) -> Callable[..., list[Any]]:
        """A numpy function of all parameters (in declaration order) computing ``exprs``.

        It is generated once by ``sympy.lambdify(..., "numpy")`` from the expressions
        themselves (never from text) and cached under ``key`` when one is given.

        Examples
        --------
        >>> t = Parameter("t", 1, 0, 2)
        >>> g = ParametricGame([[t.symbol]], [[0]], [t])
        >>> g.numpy_function([t.symbol ** 2, 3])(np.array([0.5, 2.0]))
        [array([0.25, 4.  ]), 3]
        """
        if key is not None and key in self._cache:
            fn = self._cache[key]
            assert callable(fn)
            return fn  # type: ignore[no-any-return]
        declared = set(self.symbols)
        checked = []
        for k, e in enumerate(exprs):
            if isinstance(e, str | bytes) or not isinstance(e, sympy.Expr | int | Fraction):
                raise TypeError(
                    f"exprs[{k}] must be a sympy expression or a number, got "
                    f"{type(e).__name__} {e!r} (strings are never parsed)"
                )
            expr = e if isinstance(e, sympy.Expr) else _as_sympy_number(to_exact(e, f"exprs[{k}]"))
            unknown = expr.free_symbols - declared
            if unknown:
                raise ValueError(
                    f"exprs[{k}] = {expr} uses {', '.join(sorted(map(str, unknown)))}, which "
                    f"is not a parameter of this game"
                )
            checked.append(expr)
        fn = sympy.lambdify(self.symbols, checked, modules="numpy", dummify=True)
        if key is not None:
            self._cache[key] = fn
        return fn  # type: ignore[no-any-return]

    # --- display ----------------------------------------------------------------------
    def payoff_latex(self) -> str:
        """The payoff table in LaTeX: one cell ``A, B`` per profile, labels in text.

        Examples
        --------
        >>> t = Parameter("t", 1, 0, 2)
        >>> print(ParametricGame([[t.symbol, 0]], [[1, 2 * t.symbol]], [t]).payoff_latex())
        \\begin{array}{r|cc}
         & \\text{C1} & \\text{C2} \\\\ \\hline
        \\text{R1} & t,\\ 1 & 0,\\ 2 t
        \\end{array}
        """
        m, n = self.shape
        head = " & ".join(f"\\text{{{_latex_text(c)}}}" for c in self._col_labels)
        lines = [f"\\begin{{array}}{{r|{'c' * n}}}", f" & {head} \\\\ \\hline"]
        for i in range(m):
            cells = " & ".join(
                f"{self.latex(self._A[i][j])},\\ {self.latex(self._B[i][j])}" for j in range(n)
            )
            end = " \\\\" if i < m - 1 else ""
            lines.append(f"\\text{{{_latex_text(self._row_labels[i])}}} & {cells}{end}")
        lines.append("\\end{array}")
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        return f"$$\n{self.payoff_latex()}\n$$"

    def __repr__(self) -> str:
        m, n = self.shape
        title = f" {self._title!r}" if self._title else ""
        names = ", ".join(self._by_name)
        return (
            f"<ParametricGame{title} {m}x{n}: {self._players[0]} vs {self._players[1]}, "
            f"parameters {names}>"
        )
