"""Play a game of the course in class, on an oTree server, then read the class's choices back.

Three steps, each one function (and one command):

* :func:`export` writes an oTree project for a game (``negotiation classroom export``);
* :func:`serve` runs it with ``otree prodserver`` ready for a class: production
  mode, admin pages behind a password, data on disk (``negotiation classroom serve``);
* :func:`load` reads oTree's exported CSV into a :class:`Decisions` table;
  :func:`plot_choices` and :func:`summary` set it beside the equilibrium
  (:func:`prediction`), and :func:`example` loads a bundled class of bots to try them.

oTree itself is the ``classroom`` extra (``pip install -e '.[classroom]'``); only
:func:`serve` and the bots need it. See the how-to "Run a classroom game".
"""

from __future__ import annotations

from ._source import OffersGame, ultimatum
from .analysis import choice_frequencies, example, plot_choices, prediction, summary
from .data import Decisions, load
from .project import export, read_manifest
from .server import ClassroomServer, find_otree, serve, start

__all__ = [
    "ClassroomServer",
    "Decisions",
    "OffersGame",
    "choice_frequencies",
    "example",
    "export",
    "find_otree",
    "load",
    "plot_choices",
    "prediction",
    "read_manifest",
    "serve",
    "start",
    "summary",
    "ultimatum",
]
