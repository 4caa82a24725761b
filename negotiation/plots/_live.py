"""Shared pieces of the figures that can be updated in place.

A figure drawn by a ``draw_*`` function returns an artists object (a subclass of
:class:`LiveArtists`) whose ``update(...)`` changes only what depends on the new
result. It lists the artists that change in :meth:`LiveArtists.dynamic_artists`
and returns ``True`` from ``update`` when something else changed too (axis limits,
labels): a renderer can then keep a picture of the unchanging part and redraw only
the dynamic artists on top of it, which is what makes a slider feel instant.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from .style import FONT_SIZE, PALETTE, PLAYER_COLOURS, new_figure

__all__ = [
    "LiveArtists",
    "LiveTicks",
    "ViewLimits",
    "legend_figure",
    "minus",
    "player_colours",
    "quick_text",
    "subject",
]

#: Colours by player name, so Japan and the US keep their colours whether they are
#: the first or the second player of a game.
NAMED_COLOURS: dict[str, str] = {"Japan": PALETTE["blue"], "US": PALETTE["vermillion"]}


def player_colours(players: Sequence[str]) -> tuple[str, str]:
    """The two players' colours: the US vermillion and its partner (Japan, Korea...) blue.

    Any partner of the US gets Japan's blue, so that a scenario for Korea or the EU
    looks like the course's figures for Japan; games without the US are coloured by
    position.

    Examples
    --------
    >>> player_colours(("US", "Japan"))
    ('#D55E00', '#0072B2')
    >>> player_colours(("Korea", "US")) == player_colours(("Japan", "US"))
    True
    >>> player_colours(("Row", "Column")) == PLAYER_COLOURS
    True
    """
    if len(players) != 2:
        raise ValueError(f"players must be two names, got {players!r}")
    a, b = players
    if a in NAMED_COLOURS and b in NAMED_COLOURS and a != b:
        return NAMED_COLOURS[a], NAMED_COLOURS[b]
    if (a == "US") != (b == "US"):  # the US and one partner
        us, partner = NAMED_COLOURS["US"], NAMED_COLOURS["Japan"]
        return (us, partner) if a == "US" else (partner, us)
    return PLAYER_COLOURS


def subject(name: str) -> str:
    """A player's name as in a sentence: ``the US``, ``Japan``.

    Examples
    --------
    >>> subject("US"), subject("Japan")
    ('the US', 'Japan')
    """
    return f"the {name}" if name.isupper() and len(name) <= 3 else name


def minus(text: str) -> str:
    """Typographic minus signs (U+2212), easier to read than hyphens on a projector.

    Examples
    --------
    >>> minus("-0.5 to -1")
    '−0.5 to −1'
    """
    return text.replace("-", "\u2212")


class LiveArtists:
    """Base of the artists objects returned by the ``draw_*`` functions.

    Attributes
    ----------
    figure, ax
        The matplotlib ``Figure`` and its main ``Axes``.
    """

    figure: Any
    ax: Any
    #: The legend's entries (also when the legend is drawn separately, ``legend=False``).
    legend_handles: list[Any]

    def dynamic_artists(self) -> list[Any]:
        """The artists that ``update`` may change (drawn on top of a cached background)."""
        raise NotImplementedError

    def _open(
        self,
        ax: Any,
        legend: bool,
        size: tuple[float, float],
        size_without_legend: tuple[float, float],
    ) -> Any:
        """Set ``figure`` and ``ax``: those of ``ax``, or a new figure with room for the legend or not."""
        if ax is None:
            self.figure, self.ax = new_figure(*size) if legend else new_figure(*size_without_legend)
        else:
            self.figure, self.ax = ax.figure, ax
        return self.ax

    def _set_legend(self, handles: list[Any], show: bool, x: float = 1.02, **style: Any) -> None:
        """Keep the legend's entries in ``legend_handles``; if ``show``, draw them right of the axes."""
        self.legend_handles = handles
        if show:
            legend_beside(self.ax, handles, x, **style)


def legend_beside(ax: Any, handles: list[Any] | None = None, x: float = 1.02, **style: Any) -> None:
    """A legend without a frame, its top left corner at ``(x, 1)`` in axes coordinates."""
    style = {"borderaxespad": 0.0, **style}
    if handles is not None:
        style["handles"] = handles
    ax.legend(
        loc="upper left", bbox_to_anchor=(x, 1.0), fontsize=FONT_SIZE - 2, frameon=False, **style
    )


def marker_entry(marker: str, ms: float, color: str, label: str, **style: Any) -> Any:
    """A legend entry that is a marker alone (no line)."""
    from matplotlib.lines import Line2D

    return Line2D([], [], ls="none", marker=marker, ms=ms, color=color, label=label, **style)


def _nice_step(span: float) -> float:
    raw = span / 6
    power = 10.0 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= m * power:
            return float(m * power)
    return float(10 * power)  # pragma: no cover


class ViewLimits:
    """Axis limits that follow the data with hysteresis, so most updates keep them.

    The limits change only when the data leave them or fill less than ``shrink``
    of them; new limits are padded by ``pad`` of the data's span and rounded to a
    tick step, so the next few moves of a slider fit without a change.

    Examples
    --------
    >>> v = ViewLimits()
    >>> v.fit(0.0, 10.0)
    True
    >>> v.limits
    (-2.5, 12.5)
    >>> v.fit(1.0, 9.0), v.limits  # still fits: nothing changes
    (False, (-2.5, 12.5))
    """

    def __init__(self, pad: float = 0.12, shrink: float = 0.45) -> None:
        if not 0 <= pad < 1 or not 0 < shrink < 1:
            raise ValueError(
                f"need 0 <= pad < 1 and 0 < shrink < 1, got pad={pad}, shrink={shrink}"
            )
        self.pad = pad
        self.shrink = shrink
        self.limits: tuple[float, float] | None = None

    def fit(self, lo: float, hi: float) -> bool:
        """Make the limits cover ``[lo, hi]``; ``True`` when they changed."""
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo > hi:
            raise ValueError(f"data range must be finite with lo <= hi, got [{lo}, {hi}]")
        if self.limits is not None:
            a, b = self.limits
            if a <= lo and hi <= b and (hi - lo) >= self.shrink * (b - a):
                return False
        span = hi - lo if hi > lo else max(abs(hi), 1.0)
        step = _nice_step(span * (1 + 2 * self.pad))
        a = math.floor((lo - self.pad * span) / step) * step
        b = math.ceil((hi + self.pad * span) / step) * step
        new = (a, b)
        changed = new != self.limits
        self.limits = new
        return changed


def _decimals(step: float) -> int:
    """Decimal places that show multiples of ``step`` exactly (``0.25`` needs 2)."""
    for k in range(8):
        if abs(round(step * 10**k) - step * 10**k) < 1e-9 * 10**k:
            return k
    return 8


class LiveTicks:
    """One axis's ticks, tick labels and grid lines as a few artists that can be redrawn cheaply.

    matplotlib's own ticks are many objects and slow to draw; when the limits of
    a live figure change with every update, these replace them: a grid (one line
    collection), tick marks (another) and a small pool of labels whose strings
    repeat (``−1``, ``−0.5``, ``0``...), so the renderer's text cache serves them.

    Parameters
    ----------
    ax : matplotlib Axes
    which : {"x", "y"}
    nbins : int
        At most about this many intervals between ticks.

    Examples
    --------
    >>> from negotiation.plots import new_figure
    >>> _, ax = new_figure()
    >>> ticks = LiveTicks(ax, "x")
    >>> ticks.set_limits(-1.0, 0.25)
    >>> [t.get_text() for t in ticks.labels if t.get_visible()]
    ['−1.00', '−0.75', '−0.50', '−0.25', '0', '0.25']
    """

    def __init__(self, ax: Any, which: str, nbins: int = 6) -> None:
        from matplotlib.collections import LineCollection
        from matplotlib.markers import TICKDOWN, TICKLEFT
        from matplotlib.transforms import ScaledTranslation, blended_transform_factory

        from .style import FONT_SIZE

        if which not in ("x", "y"):
            raise ValueError(f"which must be 'x' or 'y', got {which!r}")
        self.ax, self.which, self.nbins = ax, which, nbins
        fig = ax.get_figure(root=True)
        if which == "x":
            ax.set_xticks([])
            ax.xaxis.labelpad = FONT_SIZE + 9
            transform = blended_transform_factory(ax.transData, ax.transAxes)
            shift = ScaledTranslation(0, -6 / 72, fig.dpi_scale_trans)
        else:
            ax.set_yticks([])
            ax.yaxis.labelpad = 4.0 * FONT_SIZE
            transform = blended_transform_factory(ax.transAxes, ax.transData)
            shift = ScaledTranslation(-6 / 72, 0, fig.dpi_scale_trans)
        self.transform = transform
        self.grid = LineCollection(
            [], colors="#b0b0b0", linewidths=0.8, alpha=0.45, zorder=1.5, transform=transform
        )
        ax.add_collection(self.grid, autolim=False)
        (self.marks,) = ax.plot(
            [],
            [],
            ls="none",
            marker=TICKDOWN if which == "x" else TICKLEFT,
            ms=4.5,
            mew=0.8,
            color="black",
            transform=transform,
            clip_on=False,
        )
        self.labels = [
            quick_text(
                ax,
                0,
                0,
                "",
                transform=transform + shift,
                fontsize=FONT_SIZE - 2,
                clip_on=False,
                ha="center" if which == "x" else "right",
                va="top" if which == "x" else "center",
            )
            for _ in range(nbins + 4)
        ]
        self.ticks: list[float] = []

    def set_limits(self, lo: float, hi: float) -> None:
        """Set the axis limits and place the ticks for them."""
        from matplotlib.ticker import MaxNLocator

        if not hi > lo:
            raise ValueError(f"need lo < hi, got {lo} and {hi}")
        if self.which == "x":
            self.ax.set_xlim(lo, hi)
        else:
            self.ax.set_ylim(lo, hi)
        values = MaxNLocator(self.nbins, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)
        eps = 1e-9 * (hi - lo)
        ticks = [float(t) for t in values if lo - eps <= t <= hi + eps]
        step = ticks[1] - ticks[0] if len(ticks) > 1 else hi - lo
        digits = _decimals(step)
        self.ticks = ticks
        if self.which == "x":
            self.grid.set_segments([[(t, 0), (t, 1)] for t in ticks])
            self.marks.set_data(ticks, [0.0] * len(ticks))
        else:
            self.grid.set_segments([[(0, t), (1, t)] for t in ticks])
            self.marks.set_data([0.0] * len(ticks), ticks)
        for k, label in enumerate(self.labels):
            if k >= len(ticks):
                label.set_visible(False)
                continue
            t = ticks[k]
            text = f"{t:.{digits}f}"
            label.set_text(minus("0" if float(text) == 0 else text))
            label.set_position((t, 0.0) if self.which == "x" else (0.0, t))
            label.set_visible(True)

    def artists(self) -> list[Any]:
        return [self.grid, self.marks, *self.labels]


def legend_figure(handles: Sequence[Any], *, ncol: int = 1, fontsize: float | None = None) -> Any:
    """A small figure holding only a legend, sized to it (shown next to a live figure once).

    Examples
    --------
    >>> from matplotlib.lines import Line2D
    >>> fig = legend_figure([Line2D([], [], color="k", label="a line")])
    >>> fig.legends[0].get_texts()[0].get_text()
    'a line'
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from .style import FONT_SIZE

    if not handles:
        raise ValueError("legend_figure needs at least one handle")
    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    legend = fig.legend(
        handles=list(handles),
        loc="upper left",
        bbox_to_anchor=(0, 1),
        ncol=ncol,
        frameon=False,
        fontsize=fontsize or FONT_SIZE - 2,
        borderaxespad=0.2,
        labelspacing=0.7,
        handlelength=3.0,
    )
    canvas: Any = fig.canvas
    box = legend.get_window_extent(canvas.get_renderer())
    fig.set_size_inches(box.width / fig.dpi + 0.1, box.height / fig.dpi + 0.1)
    return fig


def _quick_text_class() -> Any:
    from matplotlib.colors import to_rgba
    from matplotlib.text import Text

    class QuickText(Text):
        """A one-line ``Text`` that remembers its layout per string, for figures redrawn often.

        With a renderer that caches text bitmaps (the apps' renderer), drawing it costs
        a transform and a copy; anywhere else (``savefig`` to PDF, several lines, a
        box around the text) it is an ordinary ``Text``.
        """

        _offsets: ClassVar[dict[tuple[Any, ...], tuple[float, float]]] = {}

        def draw(self, renderer: Any) -> None:
            me: Any = self  # matplotlib's private layout helpers are used below
            text = self.get_text()
            if (
                not hasattr(renderer, "_bitmap")
                or not self.get_visible()
                or not text
                or "\n" in text
                or self.get_bbox_patch() is not None
                or self.get_path_effects()
                or self.get_usetex()
            ):
                super().draw(renderer)
                return
            try:
                key = (
                    text,
                    hash(self.get_fontproperties()),
                    self.get_horizontalalignment(),
                    self.get_verticalalignment(),
                    self.get_rotation(),
                    self.get_rotation_mode(),
                    renderer.dpi,
                )
                offset = self._offsets.get(key)
                if offset is None:
                    offset = _fast_offset(self, renderer, text)
                if offset is None:
                    _, info, _ = me._get_layout(renderer)
                    offset = (float(info[0][2][0]), float(info[0][2][1]))
                    if len(self._offsets) > 20_000:
                        self._offsets.clear()
                    self._offsets[key] = offset
                x, y = self.get_unitless_position()
                posx, posy = self.get_transform().transform((float(x), float(y)))
                if not (np.isfinite(posx) and np.isfinite(posy)):
                    return
                gc = renderer.new_gc()
                gc.set_foreground(to_rgba(self.get_color()), isRGBA=True)
                gc.set_alpha(self.get_alpha())
                gc.set_antialiased(me._antialiased)
                me._set_gc_clip(gc)
                clean, ismath = me._preprocess_math(text)
                renderer.draw_text(
                    gc,
                    posx + offset[0],
                    renderer.height - (posy + offset[1]),
                    clean,
                    self.get_fontproperties(),
                    self.get_rotation(),
                    ismath=ismath,
                    mtext=self,
                )
                gc.restore()
                self.stale = False
            except AttributeError:  # pragma: no cover - a matplotlib without these internals
                super().draw(renderer)

    return QuickText


_QUICK: Any = None


def _fast_offset(text: Any, renderer: Any, s: str) -> tuple[float, float] | None:
    """Where a one-line, unrotated text's baseline starts, relative to its anchor (pixels).

    The same arithmetic as matplotlib's ``Text._get_layout`` for one line (tested
    against it), without building its bounding boxes; ``None`` when it does not apply.
    """
    me: Any = text
    ha, va = text.get_horizontalalignment(), text.get_verticalalignment()
    if (
        text.get_rotation() != 0
        or ha not in ("left", "center", "right")
        or va not in ("center", "top", "bottom", "baseline")
        or me._preprocess_math(s)[1]
        or not hasattr(renderer, "_get_font_height_metrics")
    ):
        return None
    prop = text.get_fontproperties()
    w, h, d = renderer.get_text_width_height_descent(s, prop, ismath=False)
    min_ascent, min_descent, _ = renderer._get_font_height_metrics(prop)
    a = h - d
    spacing = me._linespacing
    if spacing == "normal":
        a, d = max(a, min_ascent), max(d, min_descent)
    else:
        leading = spacing * (min_ascent + min_descent) - (a + d)
        a, d = a + leading / 2, d + leading / 2
    x = {"left": 0.0, "center": -w / 2, "right": -w}[ha]
    y = {"center": (d - a) / 2, "top": -a, "bottom": d, "baseline": 0.0}[va]
    return float(x), float(y)


def quick_text(ax: Any, x: float, y: float, s: str, **kwargs: Any) -> Any:
    """Add a one-line text that redraws fast in a live figure (an ordinary ``Text`` elsewhere).

    Takes the arguments of ``ax.text``; the text is in ``ax.texts``.

    Examples
    --------
    >>> from negotiation.plots import new_figure
    >>> fig, ax = new_figure()
    >>> t = quick_text(ax, 0.5, 0.5, "14.2", ha="right")
    >>> t in ax.texts, t.get_text()
    (True, '14.2')
    """
    global _QUICK
    if _QUICK is None:
        _QUICK = _quick_text_class()
    text = _QUICK(x, y, s, **kwargs)
    if "transform" not in kwargs:
        text.set_transform(ax.transData)
    text.set_clip_path(ax.patch)
    if "clip_on" in kwargs:
        text.set_clip_on(kwargs["clip_on"])
    ax._add_text(text)
    return text
