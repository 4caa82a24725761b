"""Shared hypothesis strategies for games (one module, so every test draws games the same way)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

from negotiation import BimatrixGame


@st.composite
def small_int_matrices(draw, m: int, n: int, low: int = -3, high: int = 3) -> list[list[int]]:
    """An m x n matrix of small integers: ties are common, so degenerate games are too."""
    return [[draw(st.integers(low, high)) for _ in range(n)] for _ in range(m)]


@st.composite
def games(
    draw,
    min_size: int = 1,
    max_size: int = 4,
    low: int = -3,
    high: int = 3,
    square: bool = False,
) -> BimatrixGame:
    """Random bimatrix games with small integer payoffs (often degenerate)."""
    m = draw(st.integers(min_size, max_size))
    n = m if square else draw(st.integers(min_size, max_size))
    A = draw(small_int_matrices(m, n, low, high))
    B = draw(small_int_matrices(m, n, low, high))
    return BimatrixGame(A, B)


@st.composite
def generic_games(draw, min_size: int = 1, max_size: int = 4, high: int = 10**6) -> BimatrixGame:
    """Random games with integer payoffs in [-high, high): with a wide range, almost surely non-degenerate."""
    m = draw(st.integers(min_size, max_size))
    n = draw(st.integers(min_size, max_size))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    A = rng.integers(-high, high, size=(m, n))
    B = rng.integers(-high, high, size=(m, n))
    return BimatrixGame(A, B)


@st.composite
def probability_vectors(draw, size: int) -> tuple[Fraction, ...]:
    """An exact probability vector of the given length."""
    weights = [draw(st.integers(0, 5)) for _ in range(size)]
    if sum(weights) == 0:
        weights[draw(st.integers(0, size - 1))] = 1
    total = sum(weights)
    return tuple(Fraction(w, total) for w in weights)


# --- labelled games with mixed exact payoffs (for file round trips) ---------------------

#: Label text: any Unicode except lone surrogates (which no file can hold); quotes,
#: backslashes, braces, commas and newlines included on purpose.
label_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8
).filter(lambda s: s.strip() != "")

#: A payoff as people type it: an integer, an exact fraction or a finite float.
payoffs = st.one_of(
    st.integers(-(10**6), 10**6),
    st.fractions(max_denominator=10**4).filter(lambda f: abs(f) < 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
)


@st.composite
def labelled_games(draw, min_size: int = 1, max_size: int = 4) -> BimatrixGame:
    """Random games with arbitrary names, labels and title, and mixed exact payoffs."""
    m = draw(st.integers(min_size, max_size))
    n = draw(st.integers(min_size, max_size))
    A = [[draw(payoffs) for _ in range(n)] for _ in range(m)]
    B = [[draw(payoffs) for _ in range(n)] for _ in range(m)]
    players = draw(st.lists(label_text, min_size=2, max_size=2, unique=True))
    rows = draw(st.lists(label_text, min_size=m, max_size=m, unique=True))
    cols = draw(st.lists(label_text, min_size=n, max_size=n, unique=True))
    title = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20))
    return BimatrixGame(A, B, players=players, row_labels=rows, col_labels=cols, title=title)
