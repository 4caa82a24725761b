"""Learning dynamics: how play might evolve when the sides are not forward-looking.

:func:`fictitious_play` (Brown 1951) has each side best-respond to the other's
past frequencies; :func:`replicator_dynamics` (Taylor and Jonker 1978) grows a
strategy's share by how well it does against the current mix, integrated in
cumulative payoffs so that shares stay on the simplex (Hofbauer, Sorin and
Viossat 2009). Both return a :class:`LearningTrajectory` with strategy labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..core._numbers import format_number
from ..core.game import BimatrixGame, as_strategy

__all__ = ["LearningTrajectory", "fictitious_play", "replicator_dynamics"]


@dataclass(frozen=True)
class LearningTrajectory:
    """How each side's play evolves under a learning rule, with strategy labels.

    Attributes
    ----------
    method : str
        ``"fictitious play"`` or ``"replicator dynamics"``.
    time : numpy.ndarray
        Round numbers (fictitious play) or times (replicator dynamics).
    row, col : numpy.ndarray
        Shape ``(len(time), number of strategies)``: the row and column player's
        empirical frequencies (fictitious play) or population shares (replicator).
    row_labels, col_labels : tuple of str
    players : tuple of str
    plays : tuple of (str, str)
        For fictitious play, the strategies played in each round.
    """

    method: str
    time: npt.NDArray[np.float64]
    row: npt.NDArray[np.float64]
    col: npt.NDArray[np.float64]
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    players: tuple[str, str]
    plays: tuple[tuple[str, str], ...] = ()

    def strategy(self, player: int | str, label: int | str) -> npt.NDArray[np.float64]:
        """The trajectory of one strategy's frequency or share.

        Examples
        --------
        >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_labels=("C", "D"),
        ...                   col_labels=("C", "D"))
        >>> float(replicator_dynamics(pd).strategy(0, "D")[-1]) > 0.99
        True
        """
        if isinstance(player, str):
            if player not in self.players:
                raise ValueError(f"unknown player {player!r}; expected one of {list(self.players)}")
            player = self.players.index(player)
        if player not in (0, 1):
            raise ValueError(f"player must be 0, 1 or a player's name, got {player!r}")
        labels = self.row_labels if player == 0 else self.col_labels
        data = self.row if player == 0 else self.col
        if isinstance(label, str):
            if label not in labels:
                raise ValueError(f"unknown strategy {label!r}; expected one of {list(labels)}")
            label = labels.index(label)
        if not 0 <= int(label) < len(labels):
            raise ValueError(f"strategy index {label} is out of range 0..{len(labels) - 1}")
        return data[:, int(label)]

    @property
    def final(self) -> tuple[dict[str, float], dict[str, float]]:
        """The last frequencies (or shares), by label."""
        return (
            {lab: float(v) for lab, v in zip(self.row_labels, self.row[-1], strict=True)},
            {lab: float(v) for lab, v in zip(self.col_labels, self.col[-1], strict=True)},
        )

    def describe(self) -> str:
        """Where play ends up, in words."""
        r, c = self.final

        def top(d: dict[str, float]) -> str:
            return ", ".join(f"{k} {v:.2f}" for k, v in sorted(d.items(), key=lambda kv: -kv[1]))

        span = (
            f"{len(self.time)} rounds"
            if self.method == "fictitious play"
            else f"time {self.time[-1]:g}"
        )
        return f"After {span} of {self.method}: {self.players[0]} {top(r)}; {self.players[1]} {top(c)}."


def _check_game(stage: Any, who: str) -> BimatrixGame:
    if not isinstance(stage, BimatrixGame):
        raise TypeError(f"{who}() needs a BimatrixGame, got {type(stage).__name__}")
    return stage


def fictitious_play(
    stage: BimatrixGame, iterations: int = 200, *, seed: int | None = 0
) -> LearningTrajectory:
    """Fictitious play (Brown 1951): each side best-responds to the other's past frequencies.

    A wrapper over nashpy's ``Game.fictitious_play`` (Fudenberg and Levine 1998,
    chapter 2), through :meth:`BimatrixGame.to_nashpy`.

    Parameters
    ----------
    stage : BimatrixGame
    iterations : int
        Number of rounds.
    seed : int or None
        nashpy breaks ties between best responses with numpy's *global* random state;
        the wrapper seeds it from ``numpy.random.default_rng(seed)`` for the call and
        restores it afterwards, so results are reproducible and nothing leaks.

    Returns
    -------
    LearningTrajectory
        ``time`` is 1..iterations, ``row``/``col`` the empirical frequencies after each
        round, ``plays`` the strategies played.

    Examples
    --------
    In matching pennies the frequencies approach the mixed equilibrium (1/2, 1/2):

    >>> mp = BimatrixGame.zero_sum([[1, -1], [-1, 1]], row_labels=("Heads", "Tails"),
    ...                            col_labels=("Heads", "Tails"))
    >>> t = fictitious_play(mp, 2000)
    >>> abs(t.final[0]["Heads"] - 0.5) < 0.05
    True
    """
    stage = _check_game(stage, "fictitious_play")
    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1:
        raise ValueError(f"iterations must be a positive integer, got {iterations!r}")
    # nashpy draws from numpy's legacy global state; seed it for this call only.
    state = np.random.get_state()  # noqa: NPY002
    try:
        np.random.seed(int(np.random.default_rng(seed).integers(2**32 - 1)))  # noqa: NPY002
        counts = [
            (np.asarray(a, dtype=float).copy(), np.asarray(b, dtype=float).copy())
            for a, b in stage.to_nashpy().fictitious_play(iterations=iterations)
        ]
    finally:
        np.random.set_state(state)  # noqa: NPY002
    rows = np.array([c[0] for c in counts[1:]])
    cols = np.array([c[1] for c in counts[1:]])
    steps = np.arange(1, iterations + 1, dtype=np.float64)
    prev_r = np.vstack([np.zeros(stage.shape[0]), rows[:-1]])
    prev_c = np.vstack([np.zeros(stage.shape[1]), cols[:-1]])
    plays = tuple(
        (stage.row_labels[int(np.argmax(r - pr))], stage.col_labels[int(np.argmax(c - pc))])
        for r, pr, c, pc in zip(rows, prev_r, cols, prev_c, strict=True)
    )
    return LearningTrajectory(
        method="fictitious play",
        time=steps,
        row=rows / steps[:, None],
        col=cols / steps[:, None],
        row_labels=stage.row_labels,
        col_labels=stage.col_labels,
        players=stage.players,
        plays=plays,
    )


def replicator_dynamics(
    stage: BimatrixGame,
    x0: Any = None,
    y0: Any = None,
    *,
    time: Any = None,
    normalise: bool = False,
) -> LearningTrajectory:
    """Two-population replicator dynamics (Taylor and Jonker 1978): strategies that do better spread.

    The share of a strategy grows at a rate equal to how much better than average
    it does against the other population:
    :math:`\\dot x_i = x_i\\,((Ay)_i - x^\\top A y)` and
    :math:`\\dot y_j = y_j\\,((B^\\top x)_j - x^\\top B y)`.

    Parameters
    ----------
    stage : BimatrixGame
    x0, y0 : probability vectors, optional
        Initial shares of the row and column populations (default uniform). Must be
        strictly positive: a strategy with share 0 never appears.
    time : array_like, optional
        Increasing times at which to report the shares (default ``linspace(0, 10, 1000)``);
        the initial shares are those at the first time.
    normalise : bool
        Divide each player's payoffs by their range (largest minus smallest) first. The
        dynamics are **not** independent of units: multiplying a player's payoffs by
        ``c`` makes that population move ``c`` times as fast (the paths are the same,
        the clock is not). When the two players' payoffs are in different units (Japan
        in % of GDP, the US in $bn), which side "learns faster" is an artefact of the
        units; normalised, both are measured on the same scale (their own range).

    Returns
    -------
    LearningTrajectory

    Notes
    -----
    The shares are integrated in logarithms: with :math:`x_i \\propto e^{u_i}` the
    dynamics are exactly :math:`\\dot u = Ay` and :math:`\\dot v = B^\\top x` (each
    side's cumulative payoffs, as in [HofbauerSorinViossat2009]_), a smooth system
    whose speed is bounded by the payoffs. Shares computed from it are positive and
    sum to 1 whatever the step, where integrating the shares themselves (as nashpy's
    ``asymmetric_replicator_dynamics`` does with ``odeint``) can step outside the
    simplex and blow up when payoffs are large: with the tariff ladder's payoffs
    (billions of dollars) its shares reached :math:`10^{298}` by time 10 when we
    measured it (nashpy 0.0.43). The
    integrator is SciPy's DOP853 with relative tolerance :math:`10^{-10}`.

    Examples
    --------
    >>> pd = BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_labels=("C", "D"),
    ...                   col_labels=("C", "D"), players=("Japan", "US"))
    >>> print(replicator_dynamics(pd).describe())
    After time 10 of replicator dynamics: Japan D 1.00, C 0.00; US D 1.00, C 0.00.
    """
    from scipy.integrate import solve_ivp

    stage = _check_game(stage, "replicator_dynamics")
    m, n = stage.shape
    x = _interior(x0, m, "x0")
    y = _interior(y0, n, "y0")
    if time is None:
        t = np.linspace(0.0, 10.0, 1000)
    else:
        t = np.asarray(time, dtype=float)
        if t.ndim != 1 or len(t) < 2 or not np.all(np.isfinite(t)) or np.any(np.diff(t) <= 0):
            raise ValueError(
                f"time must be an increasing 1-D array of at least two finite times, got {time!r}"
            )
    A, BT = stage.A, stage.B.T
    if not isinstance(normalise, bool):
        raise TypeError(f"normalise must be True or False, got {normalise!r}")
    if normalise:
        A, BT = _unit_range(A), _unit_range(BT)

    def cumulative_payoffs(_: float, z: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.concatenate((A @ _shares(z[m:]), BT @ _shares(z[:m])))

    solution = solve_ivp(
        cumulative_payoffs,
        (t[0], t[-1]),
        np.concatenate((np.log(x), np.log(y))),
        method="DOP853",
        t_eval=t,
        rtol=1e-10,
        atol=1e-10,
    )
    if not solution.success:  # pragma: no cover - a smooth, bounded system
        raise RuntimeError(f"replicator dynamics: the integrator failed ({solution.message})")
    z = solution.y.T
    return LearningTrajectory(
        method="replicator dynamics",
        time=t,
        row=_shares(z[:, :m]),
        col=_shares(z[:, m:]),
        row_labels=stage.row_labels,
        col_labels=stage.col_labels,
        players=stage.players,
    )


def _unit_range(payoffs: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The payoffs divided by their range (unchanged if they are all equal)."""
    spread = float(payoffs.max() - payoffs.min())
    return payoffs / spread if spread > 0 else payoffs


def _shares(u: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Shares proportional to ``exp(u)`` along the last axis (without overflow)."""
    e = np.exp(u - u.max(axis=-1, keepdims=True))
    out: npt.NDArray[np.float64] = e / e.sum(axis=-1, keepdims=True)
    return out


def _interior(value: Any, size: int, what: str) -> npt.NDArray[np.float64]:
    if value is None:
        return np.full(size, 1.0 / size)
    probs = as_strategy(value, size, what)
    arr = np.array([float(p) for p in probs])
    if np.any(arr <= 0):
        k = int(np.argmin(arr))
        raise ValueError(
            f"{what}[{k}] is {format_number(probs[k])}; replicator dynamics needs every initial "
            f"share to be positive (a strategy nobody plays never spreads)"
        )
    return arr
