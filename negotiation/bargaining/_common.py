"""Small helpers shared by the bargaining modules: numbers in sentences, and input checks."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..core._numbers import Number, format_number, to_exact


def _fmt(value: Any) -> str:
    if isinstance(value, Fraction | float | int):
        return format_number(value)
    return str(value)


def _fmt_point(point: Sequence[Any]) -> str:
    return "(" + ", ".join(_fmt_group(list(point))) + ")"


def _fmt_group(values: Sequence[Any]) -> list[str]:
    """Numbers that are read together: all as fractions if every one is a simple fraction,
    otherwise all as decimals (so a sentence never mixes ``184/433`` with ``0.3751``)."""
    simple = all(
        isinstance(v, int) or (isinstance(v, Fraction) and v.denominator <= 1000) for v in values
    )
    if simple:
        return [_fmt(v) for v in values]
    return [_fmt(float(v)) if isinstance(v, Fraction | int) else _fmt(v) for v in values]


def _as_pair(value: Any, what: str, exact: bool = True) -> tuple[Number, Number]:
    """Two real numbers, exact when possible (floats read as the decimals they print as)."""
    if isinstance(value, str | bytes):
        raise TypeError(f"{what} must be a pair of numbers, got the string {value!r}")
    try:
        items = list(value)
    except TypeError:
        raise TypeError(
            f"{what} must be a pair of numbers (u1, u2), got {type(value).__name__} {value!r}"
        ) from None
    if len(items) != 2:
        raise ValueError(
            f"{what} must be a pair of numbers (u1, u2), got {len(items)} values: {items!r}"
        )
    a = to_exact(items[0], f"{what}[0]")
    b = to_exact(items[1], f"{what}[1]")
    if not exact:
        return float(a), float(b)
    return a, b


def _check_power(power: Any) -> Number:
    p = to_exact(power, "power")
    if not 0 < p < 1:
        raise ValueError(
            f"power must be strictly between 0 and 1 (the first player's bargaining weight; "
            f"1/2 for the symmetric Nash solution), got {_fmt(p)}"
        )
    return p


def _check_weights(weights: Any, what: str, strictly_positive: bool) -> tuple[Number, Number]:
    w = _as_pair(weights, what)
    for k, v in enumerate(w):
        if v < 0 or (strictly_positive and v == 0):
            need = "positive" if strictly_positive else "non-negative"
            raise ValueError(f"{what}[{k}] must be {need}, got {_fmt(v)} (weights {_fmt_point(w)})")
    if w[0] == 0 and w[1] == 0:
        raise ValueError(f"{what} must not be all zero, got {_fmt_point(w)}")
    return w


def _decimal_parts(value: float) -> tuple[int, int]:
    """``(numerator, denominator)`` of the decimal a float prints as (same value as ``to_exact``)."""
    mantissa, _, exponent = repr(value).partition("e")
    whole, _, frac = mantissa.partition(".")
    num = int(whole + frac)
    k = len(frac) - (int(exponent) if exponent else 0)
    if k >= 0:
        return num, 10**k
    return num * 10 ** (-k), 1


def _sym(value: Number) -> Any:
    import sympy

    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.Float(value)
