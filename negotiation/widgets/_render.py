"""Fast pictures of live matplotlib figures for ``ipywidgets.Image``.

Three measured costs dominate an update on a slow classroom machine, and each has
a remedy here:

* **Drawing the unchanging parts** (axes, ticks, labels, legends) again and again:
  :class:`LiveFigure` draws them once into a background, then for each update
  restores the background and draws only the artists that changed (*blitting*).
* **Text**: matplotlib (3.11) rasterises every glyph of every label at every draw.
  :class:`FastRenderer` renders a whole string at once with FreeType and caches
  the bitmap by (font, size, string), so a label seen before costs a copy.
* **PNG encoding**: the general encoder tries five filters per row; a picture of
  flat colours compresses as well with none, so :func:`encode_png` writes the PNG
  directly with ``zlib`` level 1, about four times faster.

The picture is a plain PNG in an ``ipywidgets.Image``, which JupyterLab shows
without any extension.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections import OrderedDict
from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import findfont, get_font

__all__ = ["FastCanvas", "FastRenderer", "LiveFigure", "adler32_combine", "encode_png"]

_BITMAPS: OrderedDict[
    tuple[Any, ...],
    tuple[npt.NDArray[np.uint8], float, tuple[int, int], tuple[float, float, float]],
] = OrderedDict()
_HEIGHTS: dict[tuple[Any, ...], tuple[float, float, float]] = {}
_CACHE_SIZE = 4000
_HINTING: Any = get_hinting_flag


class FastRenderer(RendererAgg):
    """An Agg renderer that draws each text string in one piece and caches its bitmap.

    Mathtext (``$...$``) and TeX go through matplotlib's own path. The result is
    the classic Agg text rendering (whole-string FreeType layout with kerning).
    """

    def draw_text(
        self,
        gc: Any,
        x: float,
        y: float,
        s: str,
        prop: Any,
        angle: float,
        ismath: Any = False,
        mtext: Any = None,
    ) -> None:
        if ismath:
            base: Any = super()
            base.draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            return
        image, descent, (xo, yo), _ = self._bitmap(s, prop, bool(gc.get_antialiased()))
        rad = math.radians(angle)
        x = round(x + xo / 64.0 + descent * math.sin(rad))
        y = round(y + yo / 64.0 + descent * math.cos(rad))
        self._renderer.draw_text_image(image, x, y + 1, angle, gc)

    def _bitmap(
        self, s: str, prop: Any, aa: bool = True
    ) -> tuple[npt.NDArray[np.uint8], float, tuple[int, int], tuple[float, float, float]]:
        """The string's bitmap, descent, bitmap offset and (width, height, descent), cached."""
        size = prop.get_size_in_points()
        key = (hash(prop), size, self.dpi, s, aa)  # hash(prop): family, style, weight, size...
        hit = _BITMAPS.get(key)
        if hit is None:
            font = get_font(findfont(prop))
            font.clear()
            font.set_size(size, self.dpi)
            font.set_text(s, 0.0, flags=_HINTING())
            width, height = font.get_width_height()
            descent = font.get_descent()
            font.draw_glyphs_to_bitmap(antialiased=aa)
            hit = (
                np.array(font.get_image()),
                descent / 64.0,
                font.get_bitmap_offset(),
                (width / 64.0, height / 64.0, descent / 64.0),
            )
            _BITMAPS[key] = hit
            if len(_BITMAPS) > _CACHE_SIZE:
                _BITMAPS.popitem(last=False)
        return hit

    def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> Any:
        if ismath:
            base: Any = super()
            return base.get_text_width_height_descent(s, prop, ismath)
        return self._bitmap(s, prop)[3]

    def _get_font_height_metrics(self, prop: Any) -> tuple[float, float, float]:
        """Line metrics of a font (ascent, descent, gap), cached: matplotlib reads them per text."""
        size = prop.get_size_in_points()
        key = (hash(prop), size, self.dpi)
        hit = _HEIGHTS.get(key)
        if hit is None:
            font: Any = get_font(findfont(prop))
            scale = size * self.dpi / 72 / font.get_sfnt_table("head")["unitsPerEm"]
            table = font.get_sfnt_table("OS/2")
            if table is not None:
                hit = (
                    table["sTypoAscender"] * scale,
                    -table["sTypoDescender"] * scale,
                    table["sTypoLineGap"] * scale,
                )
            else:
                hhea = font.get_sfnt_table("hhea")
                hit = (hhea["ascent"] * scale, -hhea["descent"] * scale, hhea["lineGap"] * scale)
            _HEIGHTS[key] = hit
        return hit


class FastCanvas(FigureCanvasAgg):
    """A ``FigureCanvasAgg`` that draws with :class:`FastRenderer`."""

    def get_renderer(self) -> Any:
        w, h = self.get_width_height(physical=True)
        key = (w, h, self.figure.dpi)
        if self._lastKey != key:
            make: Any = FastRenderer
            self.renderer = make(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


_BASE = 65521  # the Adler-32 modulus


def adler32_combine(a1: int, a2: int, len2: int) -> int:
    """The Adler-32 of two pieces of data from theirs (zlib's ``adler32_combine``).

    Examples
    --------
    >>> a, b = b"hello ", b"world"
    >>> adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)
    True
    """
    rem = len2 % _BASE
    sum1 = a1 & 0xFFFF
    sum2 = (rem * sum1) % _BASE
    sum1 += (a2 & 0xFFFF) + _BASE - 1
    sum2 += (a1 >> 16) + (a2 >> 16) + _BASE - rem
    sum1 %= _BASE
    sum2 %= _BASE
    return sum1 | (sum2 << 16)


def _deflate(data: Any, last: bool, level: int) -> tuple[bytes, int]:
    """Raw deflate of one piece (ending with a full flush unless last) and its Adler-32."""
    co = zlib.compressobj(level, zlib.DEFLATED, -15)
    body = co.compress(data) + co.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)
    return body, zlib.adler32(data)


_POOL: Any = None
_PARALLEL_BYTES = 400_000  # below this one thread is as fast


def _zlib_stream(data: Any, level: int) -> bytes:
    """A zlib stream of ``data``, compressed in two halves at once on two cores.

    zlib releases the GIL, so the halves really run in parallel; a full flush
    between them keeps the result one valid stream (as pigz does).
    """
    global _POOL
    n = len(data)
    if n < _PARALLEL_BYTES:
        return zlib.compress(data, level)
    if _POOL is None:
        from concurrent.futures import ThreadPoolExecutor

        _POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ng-png")
    half = n // 2
    view = memoryview(data)
    second = _POOL.submit(_deflate, view[half:], True, level)
    body1, a1 = _deflate(view[:half], False, level)
    body2, a2 = _deflate_result(second)
    checksum = adler32_combine(a1, a2, n - half)
    return b"\x78\x01" + body1 + body2 + struct.pack(">I", checksum)


def _deflate_result(future: Any) -> tuple[bytes, int]:
    body, checksum = future.result()
    return bytes(body), int(checksum)


_RAW: dict[tuple[int, int], npt.NDArray[np.uint8]] = {}


def encode_png(rgba: Any, level: int = 1) -> bytes:
    """A PNG file of an RGBA (or RGB) uint8 image, written directly with ``zlib``.

    Parameters
    ----------
    rgba : array-like of uint8, shape (height, width, 4) or (height, width, 3)
    level : int
        zlib compression level, 0 to 9 (1 is fast and compresses flat figures well).

    Examples
    --------
    >>> png = encode_png(np.zeros((2, 3, 4), dtype=np.uint8))
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n", len(png) > 40
    (True, True)
    """
    image = np.asarray(rgba)
    if image.dtype != np.uint8 or image.ndim != 3 or image.shape[2] not in (3, 4):
        raise ValueError(
            f"need a uint8 image of shape (height, width, 3 or 4), got {image.dtype} {image.shape}"
        )
    if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 9:
        raise ValueError(f"level must be an integer from 0 to 9, got {level!r}")
    h, w, c = image.shape
    raw = _RAW.get((h, w * c + 1))
    if raw is None:
        raw = _RAW.setdefault((h, w * c + 1), np.zeros((h, w * c + 1), dtype=np.uint8))
    raw[:, 1:] = image.reshape(h, w * c)  # column 0 stays 0: filter type "none" on every row
    header = struct.pack(">IIBBBBB", w, h, 8, 6 if c == 4 else 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", _zlib_stream(raw.reshape(-1).data, level))
        + _chunk(b"IEND", b"")
    )


class LiveFigure:
    """A figure whose updates redraw only the artists that changed.

    Parameters
    ----------
    artists : LiveArtists
        From one of the ``negotiation.plots.draw_*`` functions: it knows its figure
        and which of its artists change on ``update``.

    Examples
    --------
    >>> from negotiation import BimatrixGame
    >>> from negotiation.plots import draw_best_responses
    >>> live = LiveFigure(draw_best_responses(BimatrixGame([[1, 0], [0, 1]], [[1, 0], [0, 1]])))
    >>> live.render()[:4], live.full_draws
    (b'\x89PNG', 1)
    >>> _ = live.render(); live.full_draws  # the background is reused
    1

    Notes
    -----
    The figure's layout is computed once (on the first draw) and then frozen, so
    an update never runs the layout engine. Call :meth:`invalidate` after changing
    something outside :meth:`~negotiation.plots._live.LiveArtists.dynamic_artists`.
    """

    def __init__(self, artists: Any) -> None:
        if not hasattr(artists, "dynamic_artists") or not hasattr(artists, "figure"):
            raise TypeError(
                f"LiveFigure needs the artists of a draw_* function, got {type(artists).__name__}"
            )
        self.artists = artists
        self.figure = artists.figure
        self.canvas: Any = FastCanvas(self.figure)
        self._background: Any = None
        self._laid_out = False
        self._engine: Any = None
        self.full_draws = 0

    def invalidate(self, relayout: bool = False) -> None:
        """Redraw everything at the next :meth:`render` (labels or limits changed).

        With ``relayout``, also lay the figure out again first (a legend that gained
        entries needs room): that takes longer, so it is not the default.
        """
        self._background = None
        if relayout and self._laid_out:
            self.figure.set_layout_engine(self._engine)
            self._laid_out = False

    def render(self) -> bytes:
        """The figure as PNG bytes, drawing as little as possible."""
        dynamic = self.artists.dynamic_artists()
        if self._background is None:
            if not self._laid_out:
                self.canvas.draw()  # once with the layout engine, to place everything
                self._engine = self.figure.get_layout_engine()
                self.figure.set_layout_engine("none")
                self._laid_out = True
            for artist in dynamic:
                artist.set_animated(True)
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            self.full_draws += 1
        else:
            self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        for artist in sorted(dynamic, key=lambda a: a.get_zorder()):
            artist.set_animated(True)
            if artist.get_visible():
                artist.draw(renderer)
        return encode_png(np.asarray(self.canvas.buffer_rgba()))

    def save(self, path: Any, dpi: float | None = None) -> None:
        """Save the current state with matplotlib (every artist, full quality)."""
        self.figure.savefig(path, dpi=dpi)
