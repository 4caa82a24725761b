"""The oTree app for a game tree: two students move in turn, each seeing what their information set allows.

One oTree round plays the tree once. Its pages are a wait page and a decision page per
step of the longest path: at each wait page the server plays what no student plays
(chance, with the tree's probabilities, recorded in ``player.chance``; and the computer
player's moves), then the student whose turn it is sees their decision page. That page
shows only what the student's information set allows: at a set of several nodes, the
moves so far that the student cannot tell apart are shown as "one of ...". The whole
path is shown on the results page, once the game is over.

The "equilibrium" bots (and the computer player) play a subgame-perfect equilibrium
(perfect information) or a weak perfect Bayesian equilibrium (information sets),
found by :mod:`negotiation.trees` and :mod:`negotiation.information`.
"""

from __future__ import annotations

import html
import json
from typing import Any

from ..core._numbers import Number
from ..models._base import fmt
from ..trees import GameTree, subgame_perfect
from ..trees.nodes import Chance, Decision, Path, Terminal
from ._pairs import PARTICIPANT_FIELDS, RUNTIME
from ._source import GameSource

__all__ = ["PARTICIPANT_FIELDS", "app_files", "check", "decimals", "equilibrium"]

#: The largest tree an app is written for (every node becomes a literal in the app).
MAX_NODES = 2000


def _tree(source: GameSource) -> GameTree:
    tree = source.game
    assert isinstance(tree, GameTree)
    return tree


def check(source: GameSource) -> None:
    """What the app needs of the tree: two named players, numbers, a size a class can play."""
    tree = _tree(source)
    if len(tree.players) != 2:
        raise ValueError(
            f"the game tree has {len(tree.players)} players ({', '.join(tree.players)}); "
            "classroom apps pair two students, so the tree must have exactly two players"
        )
    tree.require_numeric("a classroom game")
    if len(tree) > MAX_NODES:
        raise ValueError(
            f"the tree has {len(tree)} nodes; a classroom app is written for at most {MAX_NODES}"
        )
    if not tree.decision_paths():
        raise ValueError("the tree has no decision node: there is nothing for students to play")


def _key(path: Path) -> str:
    return json.dumps(list(path), ensure_ascii=False)


def _points(value: Number, points_per_unit: float, decimals: int) -> float | int:
    scaled = round(float(value) * points_per_unit, decimals)
    return int(scaled) if decimals == 0 else scaled


def decimals(source: GameSource, points_per_unit: float) -> int:
    """0 when every payoff is a whole number of points, else 2."""
    values = [
        float(v) * points_per_unit for _, leaf in _tree(source).leaves() for v in leaf.payoffs
    ]
    return 0 if all(abs(v - round(v)) < 1e-9 for v in values) else 2


def equilibrium(tree: GameTree) -> tuple[list[list[float]], str]:
    """Action probabilities at each information set (tree order), and what solved it.

    A subgame-perfect equilibrium with perfect information; else the first weak
    perfect Bayesian equilibrium (the first Nash equilibrium if there is none), with
    an unreached set left open played uniformly.

    Examples
    --------
    >>> from negotiation.trees.examples import beer_quiche
    >>> probabilities, how = equilibrium(beer_quiche())
    >>> how, probabilities[1]
    ('weak perfect Bayesian equilibrium', [0.0, 1.0])
    """
    if tree.perfect_information:
        spe = subgame_perfect(tree)[0]
        probs = []
        for s in tree.information_sets():
            chosen = spe.action(s.nodes[0])
            probs.append([1.0 if a == chosen else 0.0 for a in s.actions])
        return probs, "subgame-perfect equilibrium"
    from ..information import weak_perfect_bayesian
    from ..trees import nash_equilibria

    found = weak_perfect_bayesian(tree)
    if len(found):
        profile, how = found[0].profile, "weak perfect Bayesian equilibrium"
    else:  # pragma: no cover (no extreme Nash equilibrium was a weak PBE: play a Nash one)
        profile, how = nash_equilibria(tree)[0].profile, "Nash equilibrium"
    probs = []
    for s, dist in zip(tree.information_sets(), profile.probabilities, strict=True):
        if dist is None:
            probs.append([1.0 / len(s.actions)] * len(s.actions))
        else:
            probs.append([float(p) for p in dist])
    return probs, how


def _mover(tree: GameTree, path: Path) -> str:
    node = tree.node(path)
    return node.player if isinstance(node, Decision) else "Chance"


def _history(tree: GameTree, path: Path) -> str:
    if not path:
        return "nothing yet: you move first"
    return "; ".join(f"{_mover(tree, path[:k])}: {path[k]}" for k in range(len(path)))


def _seen(tree: GameTree, nodes: tuple[Path, ...]) -> str:
    """What the mover knows at an information set, as HTML (never which node it is)."""
    if len(nodes) == 1:
        return f"<p>The moves so far: {html.escape(_history(tree, nodes[0]))}.</p>"
    if len({len(n) for n in nodes}) == 1:
        parts = []
        for k in range(len(nodes[0])):
            movers = sorted({_mover(tree, n[:k]) for n in nodes})
            labels = list(dict.fromkeys(n[k] for n in nodes))
            who = " or ".join(movers)
            if len(labels) == 1:
                parts.append(f"{html.escape(who)}: {html.escape(labels[0])}")
            else:
                shown = " or ".join(html.escape(label) for label in labels)
                parts.append(f"{html.escape(who)}: {shown} <em>(you do not know which)</em>")
        return f"<p>The moves so far: {'; '.join(parts)}.</p>"
    options = "".join(f"<li>{html.escape(_history(tree, n))}</li>" for n in nodes)
    return f"<p>You do not know which of these happened:</p><ul>{options}</ul>"


def _tree_html(source: GameSource, points: dict[str, list[float | int]], decimals: int) -> str:
    tree = _tree(source)
    players = tree.players

    def leaf_text(path: Path, leaf: Terminal) -> str:
        lines = []
        for k, who in enumerate(players):
            value = leaf.payoffs[k]
            unit = source.units[k]
            real = (
                f' <span class="unit">({html.escape(fmt(value, unit, digits=4))})</span>'
                if unit
                else ""
            )
            lines.append(
                f"{html.escape(who)} <strong>{points[_key(path)][k]:.{decimals}f}</strong> points{real}"
            )
        return "; ".join(lines)

    def node_html(path: Path) -> str:
        node = tree.node(path)
        if isinstance(node, Terminal):
            return f'<span class="leaf">{leaf_text(path, node)}</span>'
        if isinstance(node, Chance):
            head = "<em>Chance</em> (drawn by the server)"
            probs = [f" [{float(p):.0%}]" for p in node.probabilities]
        else:
            s = tree.information_set(path)
            head = f"<strong>{html.escape(node.player)}</strong> moves"
            if len(s.nodes) > 1:
                head += (
                    f' <span class="iset">(cannot tell apart the points marked '
                    f"&ldquo;{html.escape(s.name)}&rdquo;)</span>"
                )
            probs = [""] * len(node.actions)
        items = "".join(
            f"<li>{html.escape(a)}{p} &rarr; {node_html((*path, a))}</li>"
            for a, p in zip(node.actions, probs, strict=True)
        )
        return f"{head}<ul>{items}</ul>"

    return f'<div class="game-tree">{node_html(())}</div>'


def _instructions(source: GameSource, rounds: int) -> str:
    tree = _tree(source)
    a, b = tree.players
    parts = []
    if source.description:
        parts.append(f"<p>{html.escape(source.description)}</p>")
    chance = any(isinstance(tree.node(p), Chance) for p in tree.paths())
    hidden = not tree.perfect_information
    parts.append(
        "<p>You are paired with another student: one of you plays "
        f"<strong>{html.escape(a)}</strong>, the other <strong>{html.escape(b)}</strong>. "
        "You move in turn, as the tree below shows; when it is your turn you see the moves "
        "made so far"
        + (
            ", except those you cannot observe (you are told what you cannot tell apart)"
            if hidden
            else ""
        )
        + ". "
        + ("Chance moves are drawn by the server with the probabilities shown. " if chance else "")
        + "Where the game ends gives each of you your points; the real amount each point "
        "stands for is written beside it.</p>"
    )
    plural = "s" if rounds > 1 else ""
    parts.append(
        f"<p>You play the game {rounds} time{plural}, each time with a student who arrives "
        "when you do. If nobody else is there after a while, or if you do not decide in "
        "time, the computer plays (and the data say so).</p>"
    )
    return "\n".join(parts)


def _question(tree: GameTree) -> Path:
    """The leaf the comprehension question asks about: the last leaf of the tree."""
    return [p for p, _ in tree.leaves()][-1]


_HEAD = '''"""{title}: a game tree for two students (generated by negotiation-games).

Regenerate it with `negotiation classroom export` rather than editing it by hand.
"""

import json
import random
import time

from otree.api import *

doc = {doc!r}


class C(BaseConstants):
    NAME_IN_URL = {app!r}
    PLAYERS_PER_GROUP = None  # pairs by arrival; a student alone plays the computer
    NUM_ROUNDS = {rounds!r}
    TITLE = {title!r}
    ROLES = {roles!r}
    # Every node by its path (a JSON list of actions): its kind, mover (0 or 1), actions,
    # chance probabilities, information set, and at a leaf the points of each role.
    NODES = {nodes!r}
    # Information sets in tree order: mover, actions, what the mover sees, and the
    # equilibrium's action probabilities (played by the "equilibrium" bots and the computer).
    ISETS = {isets!r}
    EQUILIBRIUM_TEXT = {eq_text!r}
    STEPS = {steps!r}
    UNITS = {units!r}
    POINTS_PER_UNIT = {points_per_unit!r}
    DECIMALS = {decimals!r}
    # Seconds a student has for a decision (None: no limit), and to wait for a partner.
    TIMEOUT_SECONDS = {timeout!r}
    PARTNER_WAIT_SECONDS = {partner_wait!r}
    # Comprehension question: the points of each role at this leaf.
    QUESTION_LEAF = {question!r}
    INSTRUCTIONS_HTML = {instructions!r}
    TREE_HTML = {tree_html!r}
'''

_BODY = '''

class Subsession(BaseSubsession):
    pass


class Group(BaseGroup):
    path = models.LongStringField(initial="[]", doc="the actions so far, a JSON list")
    steps = models.IntegerField(initial=0, doc="decisions made so far")
    computer_seat = models.IntegerField(initial=-1, doc="the role the computer plays, or -1")


class Player(BasePlayer):
    seat = models.IntegerField(doc="0 or 1: the role's index in C.ROLES")
    seat_role = models.StringField(doc="the role this student plays")
    partner = models.StringField(doc="'student', or 'computer' when paired with the computer")
    arrived = models.FloatField(doc="when the student reached the pairing page (epoch seconds)")
    move = models.StringField(label="Your move", widget=widgets.RadioSelect)
    choice = models.StringField(doc="this student's moves, joined by '/' ('' if none)")
    partner_choice = models.StringField(doc="the other role's moves, joined by '/'")
    path = models.LongStringField(doc="the whole path through the tree, a JSON list")
    chance = models.LongStringField(doc="the chance moves drawn by the server, a JSON list")
    points = models.FloatField(doc="points this round (payoff in points)")
    played_by = models.StringField(initial="student", doc="'computer' if a move was made for a student who timed out")
    timeouts = models.IntegerField(initial=0, doc="decision pages that timed out")
    check_points = models.FloatField(label="How many points would you get?", min=-1e12, max=1e12)
    check_errors = models.IntegerField(initial=0, doc="wrong answers to the question")


def current_path(group):
    return json.loads(group.path)


def current_node(group):
    return C.NODES[json.dumps(current_path(group), ensure_ascii=False)]


def equilibrium_move(iset):
    s = C.ISETS[iset]
    return random.choices(s["actions"], weights=s["eq"])[0]


def play(group, action):
    path = current_path(group)
    path.append(action)
    group.path = json.dumps(path, ensure_ascii=False)


def play_chance(group):
    node = current_node(group)
    while node["kind"] == "chance":
        play(group, random.choices(node["actions"], weights=node["probs"])[0])
        node = current_node(group)
    return node


def advance(group):
    """One step: chance, then the computer's move if it is the computer's turn.

    Each step of the pages makes exactly one decision (a student's on the Move page, or
    the computer's here), so step k's Move page is shown when k - 1 decisions were made.
    """
    node = play_chance(group)
    if node["kind"] == "decision" and player_in_seat(group, node["mover"]) is None:
        play(group, equilibrium_move(node["iset"]))
        group.steps += 1
        node = play_chance(group)
    if node["kind"] == "leaf":
        finish(group)


def moves_of(path, seat):
    moves, here = [], []
    for action in path:
        node = C.NODES[json.dumps(here, ensure_ascii=False)]
        if node["kind"] == "decision" and node["mover"] == seat:
            moves.append(action)
        here.append(action)
    return moves


def finish(group):
    path = current_path(group)
    leaf = C.NODES[json.dumps(path, ensure_ascii=False)]
    chance, here = [], []
    for action in path:
        if C.NODES[json.dumps(here, ensure_ascii=False)]["kind"] == "chance":
            chance.append(action)
        here.append(action)
    for p in group.get_players():
        p.path = group.path
        p.chance = json.dumps(chance, ensure_ascii=False)
        p.choice = "/".join(moves_of(path, p.seat))
        p.partner_choice = "/".join(moves_of(path, 1 - p.seat))
        p.points = leaf["points"][p.seat]
        p.payoff = cu(leaf["points"][p.seat])


def my_turn(player):
    node = current_node(player.group)
    return node["kind"] == "decision" and node["mover"] == player.seat


def move_choices(player):
    return C.ISETS[current_node(player.group)["iset"]]["actions"]


def question_answer(player):
    return C.NODES[json.dumps(C.QUESTION_LEAF, ensure_ascii=False)]["points"][player.seat]


def check_points_error_message(player, value):
    if abs(value - question_answer(player)) > 1e-6:
        player.check_errors += 1
        return "Not quite: follow the moves down the tree and read the points of your role."


def points_text(points):
    return f"{points:.{C.DECIMALS}f}"


def common_vars(player):
    return dict(
        tree_html=C.TREE_HTML,
        instructions_html=C.INSTRUCTIONS_HTML,
        my_role=player.seat_role,
        other_role=C.ROLES[1 - player.seat],
        partner_is_computer=player.partner == "computer",
    )


# PAGES
class Instructions(Page):
    form_model = "player"
    form_fields = ["check_points"]

    @staticmethod
    def is_displayed(player):
        return player.round_number == 1

    @staticmethod
    def get_timeout_seconds(player):
        return None if C.TIMEOUT_SECONDS is None else 3 * decision_timeout(player)

    @staticmethod
    def vars_for_template(player):
        return dict(
            common_vars(player),
            question_path=" → ".join(C.QUESTION_LEAF),
        )

    @staticmethod
    def before_next_page(player, timeout_happened):
        if timeout_happened:
            player.participant.is_dropout = True


class StepWait(WaitPage):
    body_text = "Waiting for the other player to move."

    @staticmethod
    def after_all_players_arrive(group):
        advance(group)


class Move(Page):
    form_model = "player"
    form_fields = ["move"]
    template_name = __name__ + "/Move.html"

    @staticmethod
    def get_timeout_seconds(player):
        return decision_timeout(player)

    @staticmethod
    def vars_for_template(player):
        iset = current_node(player.group)["iset"]
        return dict(common_vars(player), seen_html=C.ISETS[iset]["seen"])

    @staticmethod
    def before_next_page(player, timeout_happened):
        note_decision(player, timeout_happened)
        node = current_node(player.group)
        action = player.move
        if timeout_happened or action not in node["actions"]:
            action = equilibrium_move(node["iset"])
        play(player.group, action)
        player.group.steps += 1


class ResultsWaitPage(WaitPage):
    body_text = "Waiting for the other player to move."

    @staticmethod
    def after_all_players_arrive(group):
        advance(group)


class Results(Page):
    @staticmethod
    def get_timeout_seconds(player):
        return decision_timeout(player)

    @staticmethod
    def vars_for_template(player):
        return dict(
            common_vars(player),
            path_text=" → ".join(json.loads(player.path)),
            points=points_text(player.points),
            real=C.NODES[player.path]["real"][player.seat],
            total=player.participant.payoff,
        )


def move_page(k):
    """The decision page of step k: shown to the student whose turn it is, after k - 1 decisions."""

    def is_displayed(player):
        return my_turn(player) and player.group.steps == k - 1

    return type(f"Move{k}", (Move,), dict(is_displayed=staticmethod(is_displayed)))


STEP_PAGES, MOVE_PAGES = [], []
for _k in range(1, C.STEPS + 1):
    _wait, _move = type(f"StepWait{_k}", (StepWait,), {}), move_page(_k)
    globals()[_wait.__name__], globals()[_move.__name__] = _wait, _move
    STEP_PAGES += [_wait, _move]
    MOVE_PAGES.append(_move)

page_sequence = [Grouping, Instructions, *STEP_PAGES, ResultsWaitPage, Results]
'''

_TESTS = '''"""oTree bots: `otree test {app} 2` plays every case.

* "equilibrium": both play the equilibrium (C.EQUILIBRIUM_TEXT);
* "random": both move at random;
* "dropout": the student in the first role lets every decision page time out, and
  the computer plays the equilibrium move in their place (marked in the data).
"""

import json
import random

from otree.api import Bot, Submission, SubmissionMustFail, expect
from otree.database import db

from . import C, MOVE_PAGES, Instructions, Results, current_node, equilibrium_move, question_answer


class PlayerBot(Bot):
    cases = ["equilibrium", "random", "dropout"]

    def fresh_group(self):
        """The group as the server has it now (the other player moved since the last read)."""
        db.expire_all()
        return self.group

    def play_round(self):
        if self.round_number == 1:
            answer = question_answer(self.player)
            yield SubmissionMustFail(Instructions, dict(check_points=answer + 1))
            yield Instructions, dict(check_points=answer)
            expect(self.player.check_errors, 1)
        moved = 0
        while current_node(self.fresh_group())["kind"] == "decision":
            node = current_node(self.group)
            expect(node["mover"], self.player.seat)  # a student's own turn, never the other's
            page = MOVE_PAGES[self.group.steps]
            if self.case == "dropout" and self.player.seat == 0:
                yield Submission(page, dict(), timeout_happened=True)
            else:
                if self.case == "equilibrium" or self.player.partner == "computer":
                    move = equilibrium_move(node["iset"])
                else:
                    move = random.choice(C.ISETS[node["iset"]]["actions"])
                yield page, dict(move=move)
            moved += 1
        node = current_node(self.group)
        expect(node["kind"], "leaf")
        expect(self.player.points, node["points"][self.player.seat])
        if self.case == "dropout" and self.player.seat == 0 and moved:
            expect(self.player.played_by, "computer")
            expect(self.player.timeouts, moved)
        else:
            expect(self.player.played_by, "student")
        yield Results
'''

_INSTRUCTIONS_HTML = """{{ block title }}{{ C.TITLE }}: instructions{{ endblock }}
{{ block content }}
{{ instructions_html }}
<p>You play <strong>{{ my_role }}</strong>{{ if partner_is_computer }} against the computer (nobody else was there to pair you with){{ endif }}.</p>
{{ tree_html }}
<p><strong>Check:</strong> if the moves are <em>{{ question_path }}</em>, how many points do you
({{ my_role }}) get?</p>
{{ formfields }}
{{ next_button }}
{{ endblock }}
"""

_MOVE_HTML = """{{ block title }}{{ C.TITLE }}: your move (game {{ player.round_number }} of {{ C.NUM_ROUNDS }}){{ endblock }}
{{ block content }}
<p>You play <strong>{{ my_role }}</strong>{{ if partner_is_computer }} against the computer{{ endif }}.</p>
{{ seen_html }}
{{ formfields }}
{{ next_button }}
<details><summary>The game tree</summary>{{ tree_html }}</details>
{{ endblock }}
"""

_RESULTS_HTML = """{{ block title }}{{ C.TITLE }}: results of game {{ player.round_number }}{{ endblock }}
{{ block content }}
<p>The moves were: <strong>{{ path_text }}</strong>.</p>
<p>You ({{ my_role }}) get <strong>{{ points }}</strong> points{{ if real }} ({{ real }}){{ endif }}.
Your total so far: {{ total }}.</p>
{{ if player.played_by == "computer" }}<p>You did not decide in time, so the computer moved for you.</p>{{ endif }}
{{ tree_html }}
{{ next_button }}
{{ endblock }}
"""


def _nodes(
    source: GameSource, points_per_unit: float, decimals: int
) -> tuple[dict[str, dict[str, Any]], dict[str, list[float | int]]]:
    tree = _tree(source)
    seat = {p: k for k, p in enumerate(tree.players)}
    nodes: dict[str, dict[str, Any]] = {}
    points: dict[str, list[float | int]] = {}
    for path in tree.paths():
        node = tree.node(path)
        if isinstance(node, Terminal):
            pts = [_points(v, points_per_unit, decimals) for v in node.payoffs]
            points[_key(path)] = pts
            real = [
                fmt(v, u, digits=4) if u else ""
                for v, u in zip(node.payoffs, source.units, strict=True)
            ]
            nodes[_key(path)] = {"kind": "leaf", "points": pts, "real": real}
        elif isinstance(node, Chance):
            nodes[_key(path)] = {
                "kind": "chance",
                "actions": list(node.actions),
                "probs": [float(p) for p in node.probabilities],
            }
        else:
            nodes[_key(path)] = {
                "kind": "decision",
                "mover": seat[node.player],
                "actions": list(node.actions),
                "iset": tree.information_set(path).index,
            }
    return nodes, points


def _steps(tree: GameTree) -> int:
    return max(
        sum(1 for k in range(len(path)) if isinstance(tree.node(path[:k]), Decision))
        for path, _ in tree.leaves()
    )


def app_files(
    source: GameSource,
    *,
    app: str,
    rounds: int,
    matching: str,
    points_per_unit: float,
    timeout_seconds: int | None = None,
    partner_wait_seconds: int = 120,
) -> dict[str, str]:
    """The files of the app folder, by name (``__init__.py``, ``tests.py``, templates)."""
    tree = _tree(source)
    dec = decimals(source, points_per_unit)
    nodes, points = _nodes(source, points_per_unit, dec)
    probs, how = equilibrium(tree)
    seat = {p: k for k, p in enumerate(tree.players)}
    isets = [
        {
            "mover": seat[s.player],
            "name": s.name,
            "actions": list(s.actions),
            "seen": _seen(tree, s.nodes),
            "eq": probs[s.index],
        }
        for s in tree.information_sets()
    ]
    question = _question(tree)
    head = _HEAD.format(
        title=source.title,
        doc=f"{source.title}: {source.description}".strip().rstrip(":"),
        app=app,
        rounds=rounds,
        roles=list(tree.players),
        nodes=nodes,
        isets=isets,
        eq_text=f"the {how} found by negotiation-games",
        steps=_steps(tree),
        units=list(source.units),
        points_per_unit=points_per_unit,
        decimals=dec,
        timeout=timeout_seconds,
        partner_wait=partner_wait_seconds,
        question=list(question),
        instructions=_instructions(source, rounds),
        tree_html=_tree_html(source, points, dec),
    )
    return {
        "__init__.py": head + RUNTIME + _BODY,
        "tests.py": _TESTS.format(app=app),
        "Instructions.html": _INSTRUCTIONS_HTML,
        "Move.html": _MOVE_HTML,
        "Results.html": _RESULTS_HTML,
    }
