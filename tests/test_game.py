"""BimatrixGame: exact payoffs, labels, transformations and clear errors on bad input."""

from __future__ import annotations

import decimal
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from strategies import games

from negotiation import BimatrixGame
from negotiation.core._numbers import to_exact


def test_float_is_the_decimal_it_prints_as():
    g = BimatrixGame([[0.24, 0.1]], [[1 / 3, 2.5]])
    assert g.A_exact[0] == (Fraction(6, 25), Fraction(1, 10))
    # 1/3 as a float prints as 0.3333333333333333: that decimal, not the binary value
    assert g.B_exact[0][0] == Fraction("0.3333333333333333")
    assert g.exact


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, Fraction(3)),
        (np.int64(-2), Fraction(-2)),
        (np.float32(0.5), Fraction(1, 2)),
        (Fraction(2, 3), Fraction(2, 3)),
        (decimal.Decimal("0.125"), Fraction(1, 8)),
        (sympy.Rational(5, 7), Fraction(5, 7)),
        (sympy.Integer(4), Fraction(4)),
        (sympy.Float("0.25"), Fraction(1, 4)),
    ],
)
def test_number_types_are_kept_exact(value, expected):
    assert to_exact(value) == expected
    assert isinstance(to_exact(value), Fraction)


def test_irrational_sympy_payoffs_make_a_float_game():
    g = BimatrixGame([[sympy.sqrt(2), 0]], [[0, 1]])
    assert not g.exact
    assert g.A_exact is None and g.B_exact is None
    assert g.A[0, 0] == pytest.approx(math.sqrt(2))


def test_arrays_are_read_only_and_input_is_copied():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    g = BimatrixGame(A, A)
    A[0, 0] = 99
    assert g.A[0, 0] == 1
    with pytest.raises(ValueError, match="read-only"):
        g.A[0, 0] = 5


def test_equality_and_hash_follow_exact_payoffs_and_labels():
    g1 = BimatrixGame([[0.5]], [[1]], row_labels=["Hold"])
    g2 = BimatrixGame([[Fraction(1, 2)]], [[1.0]], row_labels=["Hold"])
    assert g1 == g2 and hash(g1) == hash(g2)
    assert g1 != g1.replace(title="other")
    assert g1 != g1.replace(row_labels=["Cut"])


@given(games())
def test_transpose_twice_and_identity_permutation_give_the_same_game(g):
    assert g.transpose().transpose() == g
    m, n = g.shape
    assert g.permute(range(m), range(n)) == g


def test_transpose_swaps_roles():
    g = BimatrixGame(
        [[1, 2], [3, 4]],
        [[5, 6], [7, 8]],
        players=("US", "Japan"),
        row_labels=["a", "b"],
        col_labels=["c", "d"],
    )
    t = g.transpose()
    assert t.players == ("Japan", "US")
    assert t.row_labels == ("c", "d")
    # Japan's payoff when Japan plays d and the US plays a is B[a, d] = 6
    assert t.payoff("d", "a") == (6, 2)


def test_expected_payoffs_exact_and_float():
    g = BimatrixGame([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert g.expected_payoffs(
        [Fraction(2, 3), Fraction(1, 3)], [Fraction(1, 3), Fraction(2, 3)]
    ) == (
        Fraction(2, 3),
        Fraction(2, 3),
    )
    u = g.expected_payoffs(np.array([0.25, 0.75]), np.array([0.5, 0.5]))
    assert u == (
        Fraction(1, 4) * Fraction(1, 2) * 2 + Fraction(3, 4) * Fraction(1, 2),
        Fraction(1, 4) * Fraction(1, 2) + Fraction(3, 4) * Fraction(1, 2) * 2,
    )


def test_table_shows_labels_and_exact_payoffs():
    g = BimatrixGame(
        [[Fraction(1, 2), 0]],
        [[1, 2]],
        players=("Japan", "US"),
        row_labels=["Retaliate"],
        col_labels=["Hold", "Cut"],
    )
    text = g.table()
    assert "Japan \\ US" in text and "Retaliate" in text and "1/2, 1" in text and "0, 2" in text
    assert "<table>" in g._repr_html_()


# --- bad input: each error names the offending cell or label and says what is expected ---


@pytest.mark.parametrize(
    ("A", "B", "error", "message"),
    [
        (
            [[1, 2], [3]],
            [[1, 2], [3, 4]],
            ValueError,
            r"A is ragged: row 0 has 2 entries but row 1 has 1",
        ),
        ([[1, 2]], [[1, 2], [3, 4]], ValueError, r"same shape.*\(1, 2\).*\(2, 2\)"),
        ([], [], ValueError, r"A must have at least one row"),
        ([[]], [[]], ValueError, r"at least one column"),
        ([1, 2], [1, 2], ValueError, r"A must be a 2-D table: row 0 is 1"),
        (np.array([1.0, 2.0]), np.array([1.0, 2.0]), ValueError, r"2-D table.*1 dimension"),
        (np.zeros((2, 2, 2)), np.zeros((2, 2, 2)), ValueError, r"3 dimension"),
        ([[1, float("nan")]], [[1, 2]], ValueError, r"A\[0, 1\] must be a finite number, got nan"),
        ([[1, 2]], [[math.inf, 2]], ValueError, r"B\[0, 0\] must be a finite number, got inf"),
        ([[1, "2"]], [[1, 2]], TypeError, r"A\[0, 1\] must be a number, got the string '2'"),
        ([[1, 2]], [[1, 2j]], TypeError, r"B\[0, 1\] must be a real number"),
        ([[1, True]], [[1, 2]], TypeError, r"A\[0, 1\] must be a number, got the boolean True"),
        ([[1, None]], [[1, 2]], TypeError, r"A\[0, 1\] must be a number, got NoneType"),
        (np.array([[1 + 1j]]), np.array([[1.0]]), TypeError, r"A must hold real numbers"),
        (np.array([["a"]]), np.array([[1.0]]), TypeError, r"A must hold numbers"),
        ("1 2; 3 4", [[1]], TypeError, r"A must be a 2-D table of numbers, got the string"),
        ([[sympy.Symbol("t")]], [[1]], TypeError, r"A\[0, 0\].*unsubstituted symbol\(s\) t"),
    ],
)
def test_bad_payoffs(A, B, error, message):
    with pytest.raises(error, match=message):
        BimatrixGame(A, B)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"row_labels": ["Hold"]}, ValueError, r"row_labels must have 2 entries.*got 1"),
        ({"col_labels": ["a", "b", "c"]}, ValueError, r"col_labels must have 2 entries.*got 3"),
        (
            {"row_labels": ["Hold", "Hold"]},
            ValueError,
            r"duplicate label 'Hold' at positions 0 and 1",
        ),
        ({"row_labels": ["Hold", ""]}, ValueError, r"row_labels\[1\] must be a non-empty label"),
        ({"row_labels": ["Hold", 3]}, TypeError, r"row_labels\[1\] must be a string, got int"),
        ({"row_labels": "HC"}, TypeError, r"single string 'HC'"),
        ({"players": ("Japan",)}, ValueError, r"players must be two names"),
        ({"players": ("US", "US")}, ValueError, r"two different names"),
        ({"title": 3}, TypeError, r"title must be a string"),
    ],
)
def test_bad_labels(kwargs, error, message):
    with pytest.raises(error, match=message):
        BimatrixGame([[1, 2], [3, 4]], [[1, 2], [3, 4]], **kwargs)


def test_bad_lookups_and_strategies():
    g = BimatrixGame([[1, 2], [3, 4]], [[1, 2], [3, 4]], row_labels=["Hold", "Cut"])
    with pytest.raises(
        ValueError, match=r"unknown row strategy 'Raise'; expected one of \['Hold', 'Cut'\]"
    ):
        g.payoff("Raise", 0)
    with pytest.raises(ValueError, match=r"column strategy index 5 is out of range 0..1"):
        g.payoff(0, 5)
    with pytest.raises(ValueError, match=r"row strategy must sum to 1, got 2"):
        g.expected_payoffs([1, 1], [1, 0])
    with pytest.raises(ValueError, match=r"column strategy\[0\] is a negative probability -1"):
        g.expected_payoffs([1, 0], [-1, 2])
    with pytest.raises(ValueError, match=r"column strategy must have 2 probabilities"):
        g.expected_payoffs([1, 0], [1])
    with pytest.raises(TypeError, match=r"unknown field\(s\) \['C'\]"):
        g.replace(C=1)
    with pytest.raises(ValueError, match=r"row_order must be a permutation of 0..1"):
        g.permute([0, 0], [0, 1])
