"""Figures for learning dynamics: how each side's play evolves over rounds.

:func:`plot_learning` draws a :class:`~negotiation.repeated.LearningTrajectory`
(fictitious play or replicator dynamics): one panel per side, one line per
strategy, labelled with the strategy's name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .style import FONT_SIZE, PALETTE, new_figure, style_axes

if TYPE_CHECKING:
    from ..repeated import LearningTrajectory

__all__ = ["plot_learning"]

#: Line colours for strategies, in order (Okabe-Ito; yellow last, it is faint on white).
STRATEGY_COLOURS: tuple[str, ...] = (
    PALETTE["blue"],
    PALETTE["vermillion"],
    PALETTE["bluish_green"],
    PALETTE["reddish_purple"],
    PALETTE["orange"],
    PALETTE["sky_blue"],
    PALETTE["black"],
    PALETTE["yellow"],
)
_STYLES = ("-", "--", "-.", ":")


def plot_learning(
    trajectory: LearningTrajectory, *, equilibrium: Any = None, title: str | None = None
) -> Any:
    """Draw a learning trajectory: each side's strategy frequencies (or shares) over time.

    Parameters
    ----------
    trajectory : LearningTrajectory
        From :func:`~negotiation.repeated.fictitious_play` or
        :func:`~negotiation.repeated.replicator_dynamics`.
    equilibrium : Equilibrium or pair of probability vectors, optional
        A Nash equilibrium of the stage game to draw as dotted lines, to see whether
        play approaches it.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
        Two panels side by side, sharing the vertical axis (0 to 1).

    Examples
    --------
    >>> from negotiation import BimatrixGame
    >>> from negotiation.repeated import fictitious_play
    >>> mp = BimatrixGame.zero_sum([[1, -1], [-1, 1]], players=("Japan", "US"))
    >>> fig = plot_learning(fictitious_play(mp, 100))
    >>> [ax.get_title() for ax in fig.axes]
    ['Japan', 'US']
    """
    from ..repeated import LearningTrajectory

    if not isinstance(trajectory, LearningTrajectory):
        raise TypeError(f"trajectory must be a LearningTrajectory, got {type(trajectory).__name__}")
    fig, ax0 = new_figure(11, 5)
    ax0.remove()
    axes = fig.subplots(1, 2, sharey=True)
    targets: Any = None
    if equilibrium is not None:
        targets = getattr(equilibrium, "strategies", equilibrium)
        if (
            len(targets) != 2
            or len(targets[0]) != trajectory.row.shape[1]
            or len(targets[1]) != trajectory.col.shape[1]
        ):
            raise ValueError(
                "equilibrium must be an Equilibrium or a pair of probability vectors matching "
                f"the game's strategies ({trajectory.row.shape[1]} and {trajectory.col.shape[1]})"
            )
    fictitious = trajectory.method == "fictitious play"
    xlabel = "Round" if fictitious else "Time (arbitrary units)"
    ylabel = "Frequency of play so far" if fictitious else "Share of the population"
    for panel, (ax, data, labels, name) in enumerate(
        zip(
            axes,
            (trajectory.row, trajectory.col),
            (trajectory.row_labels, trajectory.col_labels),
            trajectory.players,
            strict=True,
        )
    ):
        for k, label in enumerate(labels):
            ax.plot(
                trajectory.time,
                data[:, k],
                color=STRATEGY_COLOURS[k % len(STRATEGY_COLOURS)],
                ls=_STYLES[(k // len(STRATEGY_COLOURS)) % len(_STYLES)],
                lw=2.4,
                label=f"{label} (ends at {data[-1, k]:.2f})",
            )
            if targets is not None:
                ax.axhline(
                    float(targets[panel][k]),
                    color=STRATEGY_COLOURS[k % len(STRATEGY_COLOURS)],
                    ls=":",
                    lw=1.6,
                    alpha=0.9,
                )
        if targets is not None:
            ax.plot([], [], color=PALETTE["grey"], ls=":", lw=1.6, label="Nash equilibrium")
        ax.set_ylim(-0.03, 1.03)
        ax.set_xlim(trajectory.time[0], trajectory.time[-1])
        style_axes(ax, xlabel, ylabel if panel == 0 else "", name)
        ax.legend(loc="best", fontsize=FONT_SIZE - 2, frameon=True, framealpha=0.85)
    fig.suptitle(
        title
        if title is not None
        else f"{trajectory.method[0].upper()}{trajectory.method[1:]}: how play evolves",
        fontsize=FONT_SIZE + 2,
    )
    return fig
