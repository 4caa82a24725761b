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
def generic_games(draw, min_size: int = 1, max_size: int = 4) -> BimatrixGame:
    """Random games with payoffs drawn from a wide range: almost surely non-degenerate."""
    m = draw(st.integers(min_size, max_size))
    n = draw(st.integers(min_size, max_size))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    A = rng.integers(-10**6, 10**6, size=(m, n))
    B = rng.integers(-10**6, 10**6, size=(m, n))
    return BimatrixGame(A, B)


@st.composite
def probability_vectors(draw, size: int) -> tuple[Fraction, ...]:
    """An exact probability vector of the given length."""
    weights = [draw(st.integers(0, 5)) for _ in range(size)]
    if sum(weights) == 0:
        weights[draw(st.integers(0, size - 1))] = 1
    total = sum(weights)
    return tuple(Fraction(w, total) for w in weights)
