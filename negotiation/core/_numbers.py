"""Exact numbers for payoffs and probabilities.

Payoffs typed by people are almost always decimals or small fractions, so the
package keeps them as :class:`fractions.Fraction` whenever the input is exact.
A float is read as the decimal it prints as (``0.24`` is ``6/25``, not the binary
number closest to it), which is what a student who typed ``0.24`` meant.

Only numbers are accepted: strings are refused rather than parsed, so no text a
user types ever reaches ``eval`` or ``sympify``.
"""

from __future__ import annotations

import decimal
import math
import numbers
import re
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "Number",
    "as_payoff_matrix",
    "format_number",
    "parse_number",
    "to_exact",
]

_NUMBER_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?|[+-]?\d+/\d+")

Number = Fraction | float
"""A payoff or probability as stored: exact when possible, a float otherwise."""


def _is_sympy(value: object) -> bool:
    return type(value).__module__.startswith("sympy")


def to_exact(value: Any, where: str = "value") -> Number:
    """Convert one number to a :class:`~fractions.Fraction` when it is rational.

    Parameters
    ----------
    value : int, float, Fraction, Decimal, numpy scalar or sympy number
        The number to convert.
    where : str
        Names the value in error messages (for example ``"A[1, 0]"``).

    Returns
    -------
    Fraction or float
        A ``Fraction`` for every rational input (a float is taken as the
        decimal it prints as); a ``float`` only for an irrational sympy
        number such as ``sqrt(2)``.

    Raises
    ------
    TypeError
        For strings, booleans, complex numbers and anything that is not a number.
    ValueError
        For NaN and infinities.

    Examples
    --------
    >>> to_exact(0.24)
    Fraction(6, 25)
    >>> to_exact(3)
    Fraction(3, 1)
    >>> to_exact("1/2")
    Traceback (most recent call last):
    ...
    TypeError: value must be a number, got the string '1/2' (strings are never parsed)
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{where} must be a number, got the boolean {value!r}")
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, float | np.floating):
        f = float(value)
        if not math.isfinite(f):
            raise ValueError(f"{where} must be a finite number, got {f!r}")
        return Fraction(repr(f))
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise ValueError(f"{where} must be a finite number, got {value!r}")
        return Fraction(value)
    if isinstance(value, str | bytes):
        raise TypeError(
            f"{where} must be a number, got the string {value!r} (strings are never parsed)"
        )
    if isinstance(value, complex | np.complexfloating):
        raise TypeError(f"{where} must be a real number, got the complex number {value!r}")
    if _is_sympy(value):
        return _sympy_to_exact(value, where)
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    raise TypeError(f"{where} must be a number, got {type(value).__name__} {value!r}")


def _sympy_to_exact(value: Any, where: str) -> Number:
    if getattr(value, "is_Rational", False):
        return Fraction(int(value.p), int(value.q))
    if getattr(value, "free_symbols", None):
        names = ", ".join(sorted(str(s) for s in value.free_symbols))
        raise TypeError(
            f"{where} must be a number, got the expression {value} with unsubstituted "
            f"symbol(s) {names}; substitute values first"
        )
    if getattr(value, "is_Float", False):
        f = float(value)
        if not math.isfinite(f):
            raise ValueError(f"{where} must be a finite number, got {value}")
        return Fraction(repr(f))
    if getattr(value, "is_real", None) is False:
        raise TypeError(f"{where} must be a real number, got {value}")
    if getattr(value, "is_number", False) and getattr(value, "is_finite", None):
        return float(value)  # an irrational real such as sqrt(2): kept as a float
    raise ValueError(f"{where} must be a finite real number, got {value}")


def _matrix_rows(data: Any, name: str) -> list[Sequence[Any]]:
    """Check the shape of a nested list or array and return its rows."""
    if isinstance(data, str | bytes):
        raise TypeError(f"{name} must be a 2-D table of numbers, got the string {data!r}")
    if isinstance(data, np.ndarray):
        if data.dtype.kind == "c":
            raise TypeError(f"{name} must hold real numbers, got a complex array")
        if data.dtype.kind in "USV":
            raise TypeError(f"{name} must hold numbers, got an array of strings")
        if data.ndim != 2:
            raise ValueError(
                f"{name} must be a 2-D table (rows of numbers), got an array with "
                f"{data.ndim} dimension(s) and shape {data.shape}"
            )
        if data.shape[0] == 0 or data.shape[1] == 0:
            raise ValueError(f"{name} must have at least one row and one column, got {data.shape}")
        return list(data)
    if _is_sympy(data) and hasattr(data, "tolist"):
        return _matrix_rows(data.tolist(), name)
    if not isinstance(data, Iterable):
        raise TypeError(f"{name} must be a 2-D table of numbers, got {type(data).__name__}")
    rows = list(data)
    if not rows:
        raise ValueError(f"{name} must have at least one row, got an empty table")
    out: list[Sequence[Any]] = []
    width = None
    for i, row in enumerate(rows):
        if isinstance(row, str | bytes) or not isinstance(row, Iterable):
            raise ValueError(
                f"{name} must be a 2-D table: row {i} is {row!r}, not a list of numbers "
                f"(a 1-D list is not a payoff matrix)"
            )
        row = list(row)
        if width is None:
            width = len(row)
            if width == 0:
                raise ValueError(f"{name} must have at least one column, row 0 is empty")
        elif len(row) != width:
            raise ValueError(
                f"{name} is ragged: row 0 has {width} entries but row {i} has {len(row)}"
            )
        out.append(row)
    return out


def as_payoff_matrix(
    data: Any, name: str = "A"
) -> tuple[npt.NDArray[np.float64], tuple[tuple[Fraction, ...], ...] | None]:
    """Validate a payoff table and return it as floats and, when exact, as Fractions.

    Parameters
    ----------
    data : array_like
        A 2-D table of numbers: nested lists, a numpy array, or a sympy Matrix.
    name : str
        Names the table in error messages.

    Returns
    -------
    floats : numpy.ndarray
        The payoffs as a read-only ``float64`` array.
    exact : tuple of tuples of Fraction, or None
        The same payoffs as Fractions, or ``None`` if any entry is irrational.

    Examples
    --------
    >>> floats, exact = as_payoff_matrix([[1, 0.5], [0, 2]])
    >>> exact[0][1]
    Fraction(1, 2)
    >>> as_payoff_matrix([[1, 2], [3]])
    Traceback (most recent call last):
    ...
    ValueError: A is ragged: row 0 has 2 entries but row 1 has 1
    """
    rows = _matrix_rows(data, name)
    exact_rows: list[tuple[Number, ...]] = []
    all_exact = True
    for i, row in enumerate(rows):
        converted = tuple(to_exact(v, f"{name}[{i}, {j}]") for j, v in enumerate(row))
        all_exact = all_exact and all(type(v) is Fraction for v in converted)
        exact_rows.append(converted)
    floats = np.array([[float(v) for v in row] for row in exact_rows], dtype=np.float64)
    floats.setflags(write=False)
    if all_exact:
        return floats, tuple(tuple(v for v in row if isinstance(v, Fraction)) for row in exact_rows)
    return floats, None


def parse_number(text: str, where: str = "value") -> Fraction:
    """Read a number typed by a person: ``3``, ``-0.25``, ``1e-3`` or ``3/4``, exactly.

    The text is matched against a strict pattern and converted with
    :class:`~fractions.Fraction`; nothing is evaluated.

    Examples
    --------
    >>> parse_number("0.24"), parse_number("3/4")
    (Fraction(6, 25), Fraction(3, 4))
    >>> parse_number("2**10")
    Traceback (most recent call last):
    ...
    ValueError: value must be a number such as 3, -0.25 or 3/4, got '2**10'
    """
    if not isinstance(text, str):
        raise TypeError(f"{where} must be text, got {type(text).__name__}")
    stripped = text.strip()
    if not _NUMBER_TEXT.fullmatch(stripped):
        raise ValueError(f"{where} must be a number such as 3, -0.25 or 3/4, got {text!r}")
    if "/" in stripped and stripped.split("/")[1].strip("0") == "":
        raise ValueError(f"{where} divides by zero: {text!r}")
    return Fraction(stripped)


def format_number(value: Number | int, digits: int = 4, decimals: bool = False) -> str:
    """Format a payoff or probability for people: ``2/3`` rather than ``0.666667``.

    Exact values are printed as integers or fractions when the denominator is
    small (at most 1000), otherwise as decimals with ``digits`` significant digits.
    With ``decimals``, a fraction that is a short decimal exactly is written as
    that decimal (``-7/20`` as ``-0.35``, ``1776/125`` as ``14.208``): better for
    payoffs in money, where ``2/3`` stays ``2/3``.

    Examples
    --------
    >>> format_number(Fraction(2, 3))
    '2/3'
    >>> format_number(Fraction(6, 1))
    '6'
    >>> format_number(0.123456)
    '0.1235'
    >>> format_number(Fraction(1776, 125), decimals=True), format_number(Fraction(2, 3), decimals=True)
    ('14.208', '2/3')
    """
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        if decimals:
            text = f"{float(value):.10g}"
            if "e" not in text and Fraction(text) == value:
                return text
        if value.denominator <= 1000:
            return f"{value.numerator}/{value.denominator}"
        value = float(value)
    if isinstance(value, int):
        return str(value)
    f = float(value)
    if f == int(f) and abs(f) < 1e15:
        return str(int(f))
    return f"{f:.{digits}g}"
