"""Equilibrium maps: coloured regions of equal equilibrium structure over two parameters.

:func:`plot_equilibrium_map` draws an :class:`~negotiation.symbolic.EquilibriumMap`:
each region in an Okabe-Ito colour with its name written inside, black lines where
the structure changes, grey lines where the game has a tie, a legend with the full
description of each region, and the current parameter point.

For interactive use, :func:`draw_equilibrium_map` returns the artists
(:class:`EquilibriumMapArtists`): moving the current point
(:meth:`EquilibriumMapArtists.set_current`) only moves a marker and a label;
:meth:`EquilibriumMapArtists.blit_current` also repaints just those two on a canvas
that can blit (about 13 ms, where a full redraw with the legend takes about 0.4 s);
and a new map of the same parameters (:meth:`EquilibriumMapArtists.set_result`)
replaces the image data in place.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..core._numbers import format_number, to_exact
from .style import FONT_SIZE, PALETTE, new_figure, style_axes

if TYPE_CHECKING:  # imported lazily at run time, so `negotiation.plots` does not load sympy
    from ..symbolic.maps import EquilibriumMap

__all__ = ["EquilibriumMapArtists", "draw_equilibrium_map", "plot_equilibrium_map"]

#: Region colours, in order of first appearance (Okabe-Ito, without black and grey).
REGION_COLOURS: tuple[str, ...] = (
    PALETTE["sky_blue"],
    PALETTE["orange"],
    PALETTE["bluish_green"],
    PALETTE["yellow"],
    PALETTE["reddish_purple"],
    PALETTE["blue"],
    PALETTE["vermillion"],
)
TIE_COLOUR = "#555555"
_LIGHTEN = 0.45  # share of white mixed into region colours, so labels and lines stay legible


def _rgb(colour: str, lighten: float = 0.0) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    r, g, b = (int(value[k : k + 2], 16) / 255 for k in (0, 2, 4))
    return (r + (1 - r) * lighten, g + (1 - g) * lighten, b + (1 - b) * lighten)


def _format(value: float) -> str:
    return format_number(float(value), digits=3)


def _symbol(parameter: Any) -> str:
    """The parameter as its axis label names it, in plain text: ``t``, ``φ`` or its name.

    Plain text, not mathtext: the point's label is redrawn on every move, and
    mathtext would double the time of that.
    """
    import re
    import unicodedata

    latex = str(parameter.latex)
    if f"${latex}$" in parameter.label:
        if re.fullmatch(r"[A-Za-z]", latex):
            return latex
        greek = re.fullmatch(r"\\([A-Za-z]+)", latex)
        if greek:
            name = greek.group(1)
            case = "CAPITAL" if name[0].isupper() else "SMALL"
            try:
                return unicodedata.lookup(f"GREEK {case} LETTER {name.upper()}")
            except KeyError:
                pass
    return str(parameter.name)


def _current_point(result: EquilibriumMap, current: Any) -> tuple[float, float]:
    x, y = result.x, result.y
    if current is None:
        point = (x.default, y.default)
    elif isinstance(current, Mapping):
        unknown = set(current) - {x.name, y.name}
        if unknown:
            raise ValueError(
                f"current names {sorted(unknown)}, but the map's axes are {x.name!r} and {y.name!r}"
            )
        point = (current.get(x.name, x.default), current.get(y.name, y.default))
    elif isinstance(current, Sequence) and not isinstance(current, str) and len(current) == 2:
        point = (current[0], current[1])
    else:
        raise TypeError(
            f"current must be None, a pair (x, y) or a mapping {{{x.name!r}: ..., {y.name!r}: ...}}, "
            f"got {current!r}"
        )
    out = []
    for value, p in zip(point, (x, y), strict=True):
        v = p.validate(to_exact(value, p.name))
        out.append(float(v))
    return out[0], out[1]


def _boundary_entries(result: EquilibriumMap) -> npt.NDArray[np.bool_]:
    """Legend entries found only at exact ties: they are lines, not regions."""
    n = len(result.legend)
    total = np.bincount(result.labels.ravel(), minlength=n)
    on_ties = np.bincount(result.labels[result.ties].ravel(), minlength=n)
    out: npt.NDArray[np.bool_] = (total > 0) & (on_ties == total)
    return out


def _compact(structure: Any) -> str:
    cells = structure.pure_labels
    if len(cells) == 1:
        text = f"({cells[0][0]}, {cells[0][1]})"
    elif cells:
        text = f"{len(cells)} pure equilibria"
    else:
        text = ""
    if structure.mixed:
        text = f"{text} + mixed" if text else "mixed only"
    return text or "no equilibrium in pure strategies"


def _name(structure: Any) -> str:
    return str(structure.class_name) if structure.class_name else _compact(structure)


@dataclass(eq=False)
class EquilibriumMapArtists:
    """The parts of a drawn equilibrium map, for cheap updates.

    Attributes
    ----------
    figure, ax
        The matplotlib ``Figure`` and ``Axes``.
    result : EquilibriumMap
        The map currently shown.
    image
        The ``AxesImage`` of the coloured regions.
    marker, marker_label
        The current point and its label.
    """

    figure: Any
    ax: Any
    result: EquilibriumMap
    image: Any
    marker: Any
    marker_label: Any
    boundaries: list[Any] = field(default_factory=list)
    region_labels: list[Any] = field(default_factory=list)
    legend: Any = None
    colours: dict[int, tuple[float, float, float]] = field(default_factory=dict)
    own_figure: bool = False
    background: Any = None

    def set_current(self, x: float, y: float) -> None:
        """Move the current point (cheap: a marker and a label, nothing is redrawn here).

        Call ``figure.canvas.draw_idle()`` afterwards in an interactive backend.
        """
        px, py = self.result.x, self.result.y
        vx, vy = float(px.validate(x)), float(py.validate(y))
        self.marker.set_data([vx], [vy])
        self.marker_label.xy = (vx, vy)
        structure = self.result.structure(*self.result.nearest(vx, vy))
        self.marker_label.set_text(
            f"{_symbol(px)} = {_format(vx)}, {_symbol(py)} = {_format(vy)}\n{_name(structure)}"
        )
        # keep the label inside the axes: put it on the side with more room
        x0, x1, y0, y1 = self.result.extent
        right = vx < (x0 + x1) / 2
        top = vy < (y0 + y1) / 2
        self.marker_label.set_position((12 if right else -12, 12 if top else -12))
        self.marker_label.set_ha("left" if right else "right")
        self.marker_label.set_va("bottom" if top else "top")

    def blit_current(self, x: float, y: float) -> None:
        """Move the current point and repaint only the marker and its label (blitting).

        The first call renders the figure once without them and keeps that image; later
        calls restore it and draw the two artists, a few milliseconds in all. On a canvas
        that cannot blit (an inline backend) this falls back to a full redraw. Call
        :meth:`set_result` or resize, then the next call takes a fresh background.

        Examples
        --------
        >>> from matplotlib.backends.backend_agg import FigureCanvasAgg
        >>> from negotiation.symbolic import Parameter, ParametricGame, equilibrium_map
        >>> a, b = Parameter("a", 1, -1, 1), Parameter("b", 1, -1, 1)
        >>> g = ParametricGame([[a.symbol, 0], [0, 1]], [[b.symbol, 0], [0, 1]], [a, b])
        >>> artists = draw_equilibrium_map(equilibrium_map(g, "a", "b", resolution=21))
        >>> canvas = FigureCanvasAgg(artists.figure)
        >>> artists.blit_current(0.5, 0.5)
        >>> artists.marker.get_data()
        ([0.5], [0.5])
        """
        self.set_current(x, y)
        canvas = self.figure.canvas
        if not hasattr(canvas, "copy_from_bbox") or not getattr(canvas, "supports_blit", False):
            canvas.draw_idle()
            return
        if self.background is None or self.background[1] != canvas.get_width_height():
            for artist in (self.marker, self.marker_label):
                artist.set_animated(True)
            canvas.draw()
            self.background = (canvas.copy_from_bbox(self.ax.bbox), canvas.get_width_height())
        canvas.restore_region(self.background[0])
        self.ax.draw_artist(self.marker)
        self.ax.draw_artist(self.marker_label)
        canvas.blit(self.ax.bbox)

    def dynamic_artists(self) -> list[Any]:
        """What moves with the current point (for :class:`negotiation.widgets.FigureView`)."""
        return [self.marker, self.marker_label]

    def update(self, result: EquilibriumMap | None = None, current: Any = None) -> bool:
        """Show ``result`` (if it is a new map) and move the point to ``current`` ``(x, y)``.

        Returns whether the whole figure changed (``True`` after a new map), so a live
        view knows to redraw more than the point.

        Examples
        --------
        >>> from negotiation.symbolic import Parameter, ParametricGame, equilibrium_map
        >>> a, b = Parameter("a", 1, -1, 1), Parameter("b", 1, -1, 1)
        >>> g = ParametricGame([[a.symbol, 0], [0, 1]], [[b.symbol, 0], [0, 1]], [a, b])
        >>> artists = draw_equilibrium_map(equilibrium_map(g, "a", "b", resolution=21))
        >>> artists.update(current=(-0.5, 0.5)), artists.marker.get_data()
        (False, ([-0.5], [0.5]))
        """
        changed = result is not None and result is not self.result
        if changed:
            assert result is not None
            self.set_result(result)
        if current is not None:
            x, y = current
            self.set_current(x, y)
        return changed

    def set_result(self, result: EquilibriumMap) -> None:
        """Show a new map of the same two parameters (for example after a third parameter moved)."""
        from ..symbolic.maps import EquilibriumMap

        if not isinstance(result, EquilibriumMap):
            raise TypeError(f"set_result needs an EquilibriumMap, got {type(result).__name__}")
        if (result.x.name, result.y.name) != (self.result.x.name, self.result.y.name):
            raise ValueError(
                f"the new map has axes {result.x.name!r} and {result.y.name!r}, the drawn one "
                f"{self.result.x.name!r} and {self.result.y.name!r}; draw a new figure instead"
            )
        self.result = result
        self.ax.set_title(_title(result), fontsize=FONT_SIZE + 1)
        for artist in (*self.boundaries, *self.region_labels):
            artist.remove()
        if self.legend is not None:
            self.legend.remove()
        self.boundaries, self.region_labels, self.legend = [], [], None
        self.background = None
        _draw_regions(self)
        x, y = self.marker.get_data()
        self.set_current(float(x[0]), float(y[0]))


def _neighbours(labels: npt.NDArray[np.int64], count: int) -> set[tuple[int, int]]:
    """Pairs of labels that touch (also across a one-point-wide tie line)."""
    pairs: set[tuple[int, int]] = set()
    for gap in (1, 2):
        for a, b in (
            (labels[:, :-gap], labels[:, gap:]),
            (labels[:-gap, :], labels[gap:, :]),
        ):
            different = a != b
            codes = np.unique(a[different] * count + b[different])
            pairs.update((int(c) // count, int(c) % count) for c in codes)
    return pairs | {(b, a) for a, b in pairs}


def _colours(result: EquilibriumMap) -> dict[int, tuple[float, float, float]]:
    """A colour per legend entry: grey for tie lines; neighbouring regions never share one."""
    boundary = _boundary_entries(result)
    count = len(result.legend)
    touching = _neighbours(result.labels, count)
    out: dict[int, tuple[float, float, float]] = {}
    used: dict[int, int] = {}
    areas = np.bincount(result.labels.ravel(), minlength=count)
    regions = int((~boundary & (areas > 0)).sum())
    for label in (int(k) for k in np.argsort(-areas, kind="stable")):
        if boundary[label]:
            out[label] = _rgb(TIE_COLOUR)
            continue
        if regions <= len(REGION_COLOURS):
            choice = len(used)  # few regions: every one gets its own colour
        else:  # many: reuse the least used colours, never for two regions that touch
            taken = {used[other] for other in used if (label, other) in touching}
            free = [k for k in range(len(REGION_COLOURS)) if k not in taken] or [len(used)]
            counts = [list(used.values()).count(k) for k in free]
            choice = free[counts.index(min(counts))]
        used[label] = choice
        out[label] = _rgb(REGION_COLOURS[choice % len(REGION_COLOURS)], _LIGHTEN)
    return out


def _draw_regions(artists: EquilibriumMapArtists) -> None:
    """Draw everything that depends on the map: colours, borders, legend, region labels."""
    result = artists.result
    boundary = _boundary_entries(result)
    _paint_regions(artists)
    region_groups = _draw_borders(artists, boundary)
    numbers = _region_numbers(result, boundary)
    _draw_legend(artists, _legend_handles(artists, numbers, region_groups, boundary))
    _draw_region_labels(artists, numbers)


def _paint_regions(artists: EquilibriumMapArtists) -> None:
    """Colour the image: one colour per legend entry (see :func:`_colours`)."""
    result = artists.result
    colours = _colours(result)
    artists.colours = colours
    palette = np.array([colours[k] for k in range(len(result.legend))])
    artists.image.set_data(palette[result.labels])
    artists.image.set_extent(_extent(result))


def _draw_borders(artists: EquilibriumMapArtists, boundary: npt.NDArray[np.bool_]) -> list[int]:
    """Lines where the structure changes; returns the groups of regions with equal equilibria.

    Thick where the equilibria change, thin and dashed where only the class of the game does.
    """
    from scipy import ndimage

    result = artists.result
    groups: dict[tuple[Any, ...], int] = {}
    group_of = np.array([groups.setdefault((s.pure, s.mixed), len(groups)) for s in result.legend])
    region_groups = sorted({int(group_of[k]) for k in range(len(result.legend)) if not boundary[k]})
    # Tie lines are drawn grey by the image; for the lines, give each tie point the label
    # of the nearest region so that a tie line does not add outlines of its own.
    filled = result.labels
    on_tie = boundary[result.labels]
    if on_tie.any() and not on_tie.all():
        index = ndimage.distance_transform_edt(on_tie, return_distances=False, return_indices=True)
        filled = result.labels[index[0], index[1]]
    coarse = group_of[filled]
    for labels, masks, width, style in (
        (filled, [k for k in range(len(result.legend)) if not boundary[k]], 0.9, "--"),
        (coarse, region_groups, 2.0, "-"),
    ):
        for value in masks:
            mask = (labels == value).astype(float)
            if mask.all() or not mask.any():
                continue
            artists.boundaries.append(
                artists.ax.contour(
                    result.xs,
                    result.ys,
                    mask,
                    levels=[0.5],
                    colors=PALETTE["black"],
                    linewidths=width,
                    linestyles=style,
                    zorder=3,
                )
            )
    return region_groups


def _region_numbers(result: EquilibriumMap, boundary: npt.NDArray[np.bool_]) -> dict[int, int]:
    """Number the regions (not the tie lines) by size: legend entry to number from 1."""
    numbers: dict[int, int] = {}
    for label in np.argsort(-np.bincount(result.labels.ravel(), minlength=len(result.legend))):
        label = int(label)
        if boundary[label] or not (result.labels == label).any():
            continue
        numbers[label] = len(numbers) + 1
    return numbers


def _legend_handles(
    artists: EquilibriumMapArtists,
    numbers: dict[int, int],
    region_groups: list[int],
    boundary: npt.NDArray[np.bool_],
) -> list[Any]:
    """The legend spells out every region; then the kinds of line, and ties as one grey line."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    result, colours = artists.result, artists.colours
    handles: list[Any] = [
        Patch(
            facecolor=colours[label],
            edgecolor=PALETTE["black"],
            label=f"{number}. " + "\n    ".join(textwrap.wrap(result.legend[label].describe(), 80)),
        )
        for label, number in numbers.items()
    ]
    if len(region_groups) > 1:
        handles.append(
            Line2D([], [], color=PALETTE["black"], linewidth=2.0, label="the equilibria change")
        )
    if len(region_groups) < len(numbers):
        handles.append(
            Line2D(
                [],
                [],
                color=PALETTE["black"],
                linewidth=0.9,
                linestyle="--",
                label="only the kind of game changes (same equilibria)",
            )
        )
    if boundary.any():
        handles.append(
            Line2D(
                [],
                [],
                color=TIE_COLOUR,
                linewidth=3,
                label="exactly on a border: payoffs tie there (a border case of the neighbouring games)",
            )
        )
    return handles


def _draw_legend(artists: EquilibriumMapArtists, handles: list[Any]) -> None:
    """Place the legend below an own figure, or to the right of given axes."""
    if artists.own_figure:
        artists.legend = artists.figure.legend(
            handles=handles, loc="outside lower center", fontsize=FONT_SIZE - 3, frameon=False
        )
    else:
        artists.legend = artists.ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            fontsize=FONT_SIZE - 4,
            frameon=False,
        )


def _draw_region_labels(artists: EquilibriumMapArtists, numbers: dict[int, int]) -> None:
    """A label inside each part of each region, at its most interior point.

    A label that would spill over the region's borders is shortened to the region's
    number, or left out when even that does not fit.
    """
    from scipy import ndimage

    result = artists.result
    artists.figure.draw_without_rendering()  # settle the layout so text sizes are final
    x_now, y_now = (float(v[0]) for v in artists.marker.get_data())
    current = result.nearest(x_now, y_now)
    for label, number in numbers.items():
        parts, count = ndimage.label(result.labels == label)
        for part in range(1, count + 1):
            inside = parts == part
            depth = ndimage.distance_transform_edt(np.pad(inside, 1))[1:-1, 1:-1]
            i, j = _label_position(depth, current)
            text = artists.ax.text(
                result.xs[j],
                result.ys[i],
                _region_label(result.legend[label], number),
                ha="center",
                va="center",
                fontsize=FONT_SIZE - 2,
                bbox={
                    "boxstyle": "round,pad=0.3",
                    "facecolor": "white",
                    "edgecolor": "none",
                    "alpha": 0.8,
                },
                zorder=4,
            )
            if _share_inside(text, inside, result) < 0.95:
                text.set_text(str(number))
                if _share_inside(text, inside, result) < 0.6:
                    text.remove()
                    continue
            artists.region_labels.append(text)


def _region_label(structure: Any, number: int) -> str:
    """A region's full label: its number and name, and the equilibria when it has a class."""
    full = f"{number}. " + "\n".join(textwrap.wrap(_name(structure), 22))
    if structure.class_name:
        full += "\n" + _compact(structure)
    return full


def _share_inside(text: Any, inside: npt.NDArray[np.bool_], result: EquilibriumMap) -> float:
    """The share of grid points under a text box that belong to the region ``inside``."""
    box = text.get_window_extent().transformed(text.axes.transData.inverted())
    js = np.flatnonzero((result.xs >= box.x0) & (result.xs <= box.x1))
    iis = np.flatnonzero((result.ys >= box.y0) & (result.ys <= box.y1))
    if len(js) == 0 or len(iis) == 0:
        return 1.0
    covered = inside[iis[0] : iis[-1] + 1, js[0] : js[-1] + 1]
    return float(covered.mean())


def _label_position(depth: npt.NDArray[np.float64], current: tuple[int, int]) -> tuple[int, int]:
    """The most interior point of a region, away from the current point and its label.

    The current point's label sits up and to the right of it in the lower-left quarter of
    the map, and on the other sides elsewhere (see :meth:`EquilibriumMapArtists.set_current`).
    """
    ny, nx = depth.shape
    ci, cj = current
    right, top = cj < nx / 2, ci < ny / 2
    # the marker's label box, widened by half a region label on every side
    cols = (cj - 0.2 * nx, cj + 0.55 * nx) if right else (cj - 0.55 * nx, cj + 0.2 * nx)
    rows = (ci - 0.12 * ny, ci + 0.25 * ny) if top else (ci - 0.25 * ny, ci + 0.12 * ny)
    ii, jj = np.indices(depth.shape)
    blocked = (jj >= cols[0]) & (jj <= cols[1]) & (ii >= rows[0]) & (ii <= rows[1])
    best = float(depth.max())
    allowed = np.where(blocked | (depth < 0.5 * best), -1.0, depth)
    if allowed.max() <= 0:
        allowed = depth
    # Among the nearly deepest points (a plateau in a long strip), take the central one.
    top = np.argwhere(allowed >= 0.9 * float(allowed.max()))
    centre = top.mean(axis=0)
    i, j = top[int(((top - centre) ** 2).sum(axis=1).argmin())]
    return int(i), int(j)


def _extent(result: EquilibriumMap) -> tuple[float, float, float, float]:
    xs, ys = result.xs, result.ys
    dx = (xs[-1] - xs[0]) / (len(xs) - 1) / 2
    dy = (ys[-1] - ys[0]) / (len(ys) - 1) / 2
    return float(xs[0] - dx), float(xs[-1] + dx), float(ys[0] - dy), float(ys[-1] + dy)


def _title(result: EquilibriumMap) -> str:
    """The game's title and the values of the parameters held fixed (those not at defaults)."""
    pgame = result.pgame
    title = pgame.title or f"Equilibria of {pgame.players[0]} vs {pgame.players[1]}"
    changed = [
        f"{k} = {format_number(v)}"
        for k, v in result.fixed.items()
        if v != pgame.parameter(k).default
    ]
    if changed:
        title += "\n" + "\n".join(textwrap.wrap("with " + ", ".join(changed), 70))
    elif result.fixed:
        title += "\n(other parameters at their defaults)"
    return title


def draw_equilibrium_map(
    result: EquilibriumMap, current: Any = None, ax: Any = None
) -> EquilibriumMapArtists:
    """Draw an equilibrium map and return its artists for later cheap updates.

    Parameters are as for :func:`plot_equilibrium_map`.

    Examples
    --------
    >>> from negotiation.symbolic import Parameter, ParametricGame, equilibrium_map
    >>> a, b = Parameter("a", 1, -1, 1), Parameter("b", 1, -1, 1)
    >>> g = ParametricGame([[a.symbol, 0], [0, 1]], [[b.symbol, 0], [0, 1]], [a, b])
    >>> artists = draw_equilibrium_map(equilibrium_map(g, "a", "b", resolution=21))
    >>> artists.set_current(0.5, -0.5)
    >>> artists.marker.get_data()
    ([0.5], [-0.5])
    """
    from ..symbolic.maps import EquilibriumMap

    if not isinstance(result, EquilibriumMap):
        raise TypeError(
            f"plot_equilibrium_map needs an EquilibriumMap (from equilibrium_map(...)), got "
            f"{type(result).__name__}"
        )
    x, y = _current_point(result, current)
    own = ax is None
    if own:
        regions = int((~_boundary_entries(result)).sum())
        fig, ax = new_figure(8.0, 5.0 + 0.32 * (regions + 3))
    else:
        fig = ax.figure
    style_axes(
        ax,
        "\n".join(textwrap.wrap(result.x.label, 70)),
        "\n".join(textwrap.wrap(result.y.label, 45)),
        _title(result),
    )
    ax.grid(False)
    image = ax.imshow(
        np.zeros((*result.shape, 3)),
        origin="lower",
        extent=_extent(result),
        aspect="auto",
        interpolation="nearest",
        zorder=0,
    )
    ax.set_xlim(float(result.xs[0]), float(result.xs[-1]))
    ax.set_ylim(float(result.ys[0]), float(result.ys[-1]))
    (marker,) = ax.plot(
        [x],
        [y],
        marker="o",
        markersize=11,
        markerfacecolor=PALETTE["black"],
        markeredgecolor="white",
        markeredgewidth=2,
        linestyle="none",
        zorder=6,
        clip_on=False,  # whole at the edge of the map (a slider at its end)
    )
    marker_label = ax.annotate(
        "",
        xy=(x, y),
        xytext=(12, 12),
        textcoords="offset points",
        fontsize=FONT_SIZE - 2,
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": PALETTE["black"]},
        zorder=7,
    )
    artists = EquilibriumMapArtists(
        figure=fig,
        ax=ax,
        result=result,
        image=image,
        marker=marker,
        marker_label=marker_label,
        own_figure=own,
    )
    _draw_regions(artists)
    artists.set_current(x, y)
    return artists


def plot_equilibrium_map(result: EquilibriumMap, current: Any = None, ax: Any = None) -> Any:
    """Draw an equilibrium map: labelled regions, boundaries and the current point.

    Parameters
    ----------
    result : EquilibriumMap
        From :func:`negotiation.symbolic.equilibrium_map`.
    current : (x, y) or mapping, optional
        The current parameter point, as a pair or ``{name: value}``; default: the
        two parameters' defaults. Values outside the ranges are refused.
    ax : matplotlib Axes, optional
        Draw into these axes; by default a new figure is made (with the legend below).

    Returns
    -------
    matplotlib.figure.Figure
        Use :func:`draw_equilibrium_map` instead to keep the artists for updates.

    Examples
    --------
    >>> from negotiation.symbolic import Parameter, ParametricGame, equilibrium_map
    >>> a, b = Parameter("a", 0.5, -1, 1), Parameter("b", 0.5, -1, 1)
    >>> g = ParametricGame([[a.symbol, 0], [0, 1]], [[b.symbol, 0], [0, 1]], [a, b])
    >>> fig = plot_equilibrium_map(equilibrium_map(g, "a", "b", resolution=41))
    >>> fig.axes[0].get_xlabel()
    '$a$'
    """
    return draw_equilibrium_map(result, current, ax).figure
