"""The oTree app for alternating offers with a deadline, and for the ultimatum game (one round).

One oTree round plays the talks once. In each round of offers the proposer offers the
responder a whole number of the pie's points; the responder accepts (the talks end) or
rejects (the roles swap). A rejection in the last round ends the talks with nothing for
either. A point agreed in round ``t`` is paid at its discounted value (each side's
discount factors multiplied up to round ``t``), which the pages show.

The "equilibrium" bots and the computer player follow the subgame-perfect plan of
:func:`negotiation.bargaining.offers.alternating_offers`: the proposer offers the
responder the least whole number of points at or above the responder's reservation,
and the responder accepts an offer at or above it.
"""

from __future__ import annotations

import html
import math
from typing import Any

from ..models._base import fmt
from ._pairs import PARTICIPANT_FIELDS, RUNTIME
from ._source import GameSource, OffersGame

__all__ = ["PARTICIPANT_FIELDS", "app_files", "check", "decimals", "plan"]


def _game(source: GameSource) -> OffersGame:
    game = source.game
    assert isinstance(game, OffersGame)
    return game


def _pie_points(game: OffersGame, points_per_unit: float) -> int:
    return round(float(game.pie) * points_per_unit)


def check(source: GameSource) -> None:
    """The app needs two named sides (an OffersGame checks the rest when it is made)."""
    _game(source)


def decimals(source: GameSource, points_per_unit: float) -> int:
    """Whole points for the ultimatum game; 2 decimals when delay discounts the points.

    Raises
    ------
    ValueError
        When the pie is less than one point (``export`` asks before writing anything).
    """
    game = _game(source)
    if _pie_points(game, points_per_unit) < 1:
        raise ValueError(
            f"the pie is {float(game.pie):g} {game.unit}, less than one point at "
            f"points_per_unit={points_per_unit:g}; raise points_per_unit"
        )
    whole = all(game.discount(who, t) == 1 for who in (0, 1) for t in range(1, game.rounds + 1))
    return 0 if whole else 2


def plan(game: OffersGame, pie_points: int) -> list[dict[str, Any]]:
    """Each round's subgame-perfect plan in points: proposer, reservation, offer.

    ``offer`` is the points offered to the responder: the least whole number at or
    above the responder's reservation (``reservation`` points, a share of the pie
    times ``pie_points``).

    Examples
    --------
    >>> from negotiation.classroom import OffersGame
    >>> game = OffersGame(("Japan", "US"), 10, rounds=2, first=1, delta1=(0.5,), delta2=(0.9,))
    >>> [(r["proposer"], r["reservation"], r["offer"]) for r in plan(game, 10)]
    [(1, 5.0, 5), (0, 0.0, 0)]
    """
    result = game.equilibrium()
    rounds = []
    for step in result.trace:
        reservation = float(step.reservation) * pie_points
        rounds.append(
            {
                "proposer": step.proposer,
                "reservation": reservation,
                "offer": max(0, math.ceil(reservation - 1e-9)),
            }
        )
    return rounds


def _instructions(source: GameSource, pie: int, per_point: str, rounds: int) -> str:
    game = _game(source)
    a, b = game.players
    first = game.players[game.first]
    other = game.players[1 - game.first]
    parts = []
    if source.description:
        parts.append(f"<p>{html.escape(source.description)}</p>")
    beside = f" (each point stands for {html.escape(per_point)})" if per_point else ""
    if game.rounds == 1:
        parts.append(
            f"<p>You are paired with another student: one of you plays <strong>{html.escape(a)}"
            f"</strong>, the other <strong>{html.escape(b)}</strong>. {html.escape(first)} "
            f"offers {html.escape(other)} a number of the <strong>{pie} points</strong>{beside}; "
            f"{html.escape(other)} accepts (both get their part) or rejects (both get "
            "nothing).</p>"
        )
    else:
        parts.append(
            f"<p>You are paired with another student: one of you plays <strong>{html.escape(a)}"
            f"</strong>, the other <strong>{html.escape(b)}</strong>. You split "
            f"<strong>{pie} points</strong>{beside} in at most {game.rounds} rounds of offers. "
            f"{html.escape(first)} makes the first offer; the other accepts (the talks end) or "
            "rejects, and then makes the next offer. After a rejection in the last round "
            "both get nothing. Delay costs: a point agreed in a later round is worth less, "
            "as the table shows.</p>"
        )
    plural = "s" if rounds > 1 else ""
    parts.append(
        f"<p>You play the talks {rounds} time{plural}, each time with a student who arrives "
        "when you do. If nobody else is there after a while, or if you do not decide in "
        "time, the computer plays (and the data say so).</p>"
    )
    return "\n".join(parts)


def _table_html(game: OffersGame, discount: list[list[float]]) -> str:
    head = "".join(f"<th>{html.escape(p)}</th>" for p in game.players)
    rows = []
    for t in range(game.rounds):
        proposer = html.escape(game.players[game.proposer(t + 1)])
        cells = "".join(f"<td>{discount[k][t]:.3g}</td>" for k in (0, 1))
        rows.append(f"<tr><td>{t + 1}</td><td>{proposer}</td>{cells}</tr>")
    return (
        '<table class="table table-sm offers">'
        f"<thead><tr><th>Round</th><th>Who offers</th>{head}</tr>"
        '<tr><th colspan="2"></th><th colspan="2">what one point agreed in this round is '
        "worth</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


_HEAD = '''"""{title}: alternating offers for two students (generated by negotiation-games).

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
    PIE = {pie!r}  # points to split
    OFFER_ROUNDS = {offer_rounds!r}  # the deadline
    FIRST = {first!r}  # who proposes in round 1 (index in ROLES)
    # DISCOUNT[seat][t - 1]: what a point agreed in round t is worth to ROLES[seat]
    DISCOUNT = {discount!r}
    # The subgame-perfect plan per round: proposer, responder's reservation (points),
    # and the offer to the responder (the least whole number of points at or above it).
    PLAN = {plan!r}
    EQUILIBRIUM_TEXT = {eq_text!r}
    UNIT = {unit!r}
    REAL_PER_POINT = {real_per_point!r}  # the pie's real amount per point
    POINTS_PER_UNIT = {points_per_unit!r}
    DECIMALS = {decimals!r}
    # Seconds a student has for a decision (None: no limit), and to wait for a partner.
    TIMEOUT_SECONDS = {timeout!r}
    PARTNER_WAIT_SECONDS = {partner_wait!r}
    # Comprehension question: an agreement giving you QUESTION_SHARE points in round QUESTION_ROUND.
    QUESTION_SHARE = {question_share!r}
    QUESTION_ROUND = {question_round!r}
    INSTRUCTIONS_HTML = {instructions!r}
    TABLE_HTML = {table!r}
'''

_BODY = '''

class Subsession(BaseSubsession):
    pass


class Group(BaseGroup):
    phase = models.StringField(initial="propose", doc="'propose', 'respond' or 'over'")
    talk_round = models.IntegerField(initial=1, doc="the round of offers under way")
    offer = models.IntegerField(doc="points offered to the responder in this round")
    history = models.LongStringField(initial="[]", doc="every offer and answer, a JSON list")
    agreement_round = models.IntegerField(doc="the round of the accepted offer (empty: no deal)")
    computer_seat = models.IntegerField(initial=-1, doc="the role the computer plays, or -1")


class Player(BasePlayer):
    seat = models.IntegerField(doc="0 or 1: the role's index in C.ROLES")
    seat_role = models.StringField(doc="the role this student plays")
    partner = models.StringField(doc="'student', or 'computer' when paired with the computer")
    arrived = models.FloatField(doc="when the student reached the pairing page (epoch seconds)")
    offer_points = models.IntegerField(label="Points you offer the other side", min=0)
    answer = models.StringField(
        label="Your answer", choices=["Accept", "Reject"], widget=widgets.RadioSelect
    )
    choice = models.StringField(doc="this student's offers and answers, e.g. 'offer 12; reject'")
    partner_choice = models.StringField(doc="the other side's offers and answers")
    first_offer = models.IntegerField(doc="points offered to the responder in round 1 of the talks")
    agreement_round = models.IntegerField(doc="the round of the accepted offer (empty: no deal)")
    share = models.IntegerField(doc="points of the pie agreed to this student (0: no deal)")
    points = models.FloatField(doc="points this round: the share at its discounted value")
    played_by = models.StringField(initial="student", doc="'computer' if a move was made for a student who timed out")
    timeouts = models.IntegerField(initial=0, doc="decision pages that timed out")
    check_points = models.FloatField(label="How many points would you get?", min=-1e12, max=1e12)
    check_errors = models.IntegerField(initial=0, doc="wrong answers to the question")


def offer_points_max(player):
    return C.PIE


def proposer(group):
    return C.PLAN[group.talk_round - 1]["proposer"]


def equilibrium_offer(group):
    return C.PLAN[group.talk_round - 1]["offer"]


def equilibrium_answer(group):
    return "Accept" if group.offer >= C.PLAN[group.talk_round - 1]["reservation"] - 1e-9 else "Reject"


def log(group, entry):
    history = json.loads(group.history)
    history.append(entry)
    group.history = json.dumps(history)


def propose(group, points):
    log(group, dict(round=group.talk_round, seat=proposer(group), offer=points))
    group.offer = points
    group.phase = "respond"


def respond(group, answer):
    log(group, dict(round=group.talk_round, seat=1 - proposer(group), answer=answer))
    if answer == "Accept":
        group.agreement_round = group.talk_round
        finish(group)
    elif group.talk_round == C.OFFER_ROUNDS:
        finish(group)
    else:
        group.talk_round += 1
        group.phase = "propose"


def advance(group):
    """The computer's move, if it is the computer's turn (one move per step of pages)."""
    if group.phase == "propose" and player_in_seat(group, proposer(group)) is None:
        propose(group, equilibrium_offer(group))
    elif group.phase == "respond" and player_in_seat(group, 1 - proposer(group)) is None:
        respond(group, equilibrium_answer(group))


def words(history, seat):
    said = []
    for e in history:
        if e["seat"] == seat:
            said.append(f"offer {e['offer']}" if "offer" in e else e["answer"].lower())
    return "; ".join(said)


def finish(group):
    group.phase = "over"
    history = json.loads(group.history)
    t = group.field_maybe_none("agreement_round")
    for p in group.get_players():
        p.choice = words(history, p.seat)
        p.partner_choice = words(history, 1 - p.seat)
        p.first_offer = history[0]["offer"]
        if t is None:
            p.share, p.points = 0, 0
        else:
            responder = 1 - C.PLAN[t - 1]["proposer"]
            p.share = group.offer if p.seat == responder else C.PIE - group.offer
            p.points = round(p.share * C.DISCOUNT[p.seat][t - 1], C.DECIMALS)
            p.agreement_round = t
        p.payoff = cu(p.points)


def question_answer(player):
    t = C.QUESTION_ROUND
    return round(C.QUESTION_SHARE * C.DISCOUNT[player.seat][t - 1], C.DECIMALS)


def check_points_error_message(player, value):
    if abs(value - question_answer(player)) > 0.006:
        player.check_errors += 1
        return "Not quite: multiply the points by what a point is worth to you in that round."


def real_text(points):
    if not C.UNIT:
        return ""
    value = f"{points * C.REAL_PER_POINT:.4g}"
    return f"${value}bn" if C.UNIT == "$bn" else f"{value} {C.UNIT}"


def common_vars(player):
    group = player.group
    return dict(
        table_html=C.TABLE_HTML,
        instructions_html=C.INSTRUCTIONS_HTML,
        my_role=player.seat_role,
        other_role=C.ROLES[1 - player.seat],
        partner_is_computer=player.partner == "computer",
        talk_round=group.talk_round,
        history=[
            dict(
                round=e["round"],
                who=C.ROLES[e["seat"]],
                what=f"offers {e['offer']} points" if "offer" in e else e["answer"].lower() + "s",
            )
            for e in json.loads(group.history)
        ],
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
        return common_vars(player)

    @staticmethod
    def before_next_page(player, timeout_happened):
        if timeout_happened:
            player.participant.is_dropout = True


class StepWait(WaitPage):
    body_text = "Waiting for the other side."

    @staticmethod
    def after_all_players_arrive(group):
        advance(group)


class Propose(Page):
    form_model = "player"
    form_fields = ["offer_points"]
    template_name = __name__ + "/Propose.html"

    @staticmethod
    def get_timeout_seconds(player):
        return decision_timeout(player)

    @staticmethod
    def vars_for_template(player):
        t = player.group.talk_round
        return dict(common_vars(player), worth_me=C.DISCOUNT[player.seat][t - 1])

    @staticmethod
    def before_next_page(player, timeout_happened):
        note_decision(player, timeout_happened)
        points = player.offer_points
        if timeout_happened or points is None or not 0 <= points <= C.PIE:
            points = equilibrium_offer(player.group)
        propose(player.group, points)


class Respond(Page):
    form_model = "player"
    form_fields = ["answer"]
    template_name = __name__ + "/Respond.html"

    @staticmethod
    def get_timeout_seconds(player):
        return decision_timeout(player)

    @staticmethod
    def vars_for_template(player):
        group = player.group
        t = group.talk_round
        return dict(
            common_vars(player),
            offer=group.offer,
            worth=round(group.offer * C.DISCOUNT[player.seat][t - 1], C.DECIMALS),
            last=t == C.OFFER_ROUNDS,
        )

    @staticmethod
    def before_next_page(player, timeout_happened):
        note_decision(player, timeout_happened)
        answer = player.answer
        if timeout_happened or answer not in ("Accept", "Reject"):
            answer = equilibrium_answer(player.group)
        respond(player.group, answer)


class ResultsWaitPage(WaitPage):
    body_text = "Waiting for the other side."


class Results(Page):
    @staticmethod
    def get_timeout_seconds(player):
        return decision_timeout(player)

    @staticmethod
    def vars_for_template(player):
        return dict(
            common_vars(player),
            points=f"{player.points:.{C.DECIMALS}f}",
            real=real_text(player.share) if player.share else "",
            agreement_round=player.field_maybe_none("agreement_round"),
            total=player.participant.payoff,
        )


def step_pages(t):
    """Round t of the talks: the proposer's page, then the responder's, each after a wait."""

    def propose_shown(player):
        group = player.group
        return group.phase == "propose" and group.talk_round == t and proposer(group) == player.seat

    def respond_shown(player):
        group = player.group
        return group.phase == "respond" and group.talk_round == t and proposer(group) != player.seat

    pages = [
        type(f"ProposeWait{t}", (StepWait,), {}),
        type(f"Propose{t}", (Propose,), dict(is_displayed=staticmethod(propose_shown))),
        type(f"RespondWait{t}", (StepWait,), {}),
        type(f"Respond{t}", (Respond,), dict(is_displayed=staticmethod(respond_shown))),
    ]
    for page in pages:
        globals()[page.__name__] = page
    return pages


STEP_PAGES = [page for t in range(1, C.OFFER_ROUNDS + 1) for page in step_pages(t)]
PROPOSE_PAGES = [p for p in STEP_PAGES if p.__name__.startswith("Propose") and "Wait" not in p.__name__]
RESPOND_PAGES = [p for p in STEP_PAGES if p.__name__.startswith("Respond") and "Wait" not in p.__name__]

page_sequence = [Grouping, Instructions, *STEP_PAGES, ResultsWaitPage, Results]
'''

_TESTS = '''"""oTree bots: `otree test {app} 2` plays every case.

* "equilibrium": both follow the subgame-perfect plan (C.PLAN);
* "random": random offers and answers;
* "dropout": the student in the first role lets every decision page time out, and
  the computer plays the plan in their place (marked in the data).
"""

import random

from otree.api import Bot, Submission, SubmissionMustFail, expect
from otree.database import db

from . import (
    C, PROPOSE_PAGES, RESPOND_PAGES, Instructions, Results, equilibrium_answer,
    equilibrium_offer, proposer, question_answer,
)


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
        planned = self.case == "equilibrium" or self.player.partner == "computer"
        while self.fresh_group().phase != "over":
            group = self.group
            t = group.talk_round
            proposing = group.phase == "propose"
            expect(proposer(group) == self.player.seat, proposing)  # only ever my own turn
            page = (PROPOSE_PAGES if proposing else RESPOND_PAGES)[t - 1]
            if self.case == "dropout" and self.player.seat == 0:
                yield Submission(page, dict(), timeout_happened=True)
            elif proposing:
                offer = equilibrium_offer(group) if planned else random.randint(0, C.PIE)
                yield page, dict(offer_points=offer)
            else:
                answer = equilibrium_answer(group) if planned else random.choice(["Accept", "Reject"])
                yield page, dict(answer=answer)
            moved += 1
        if self.case == "equilibrium" and self.player.partner == "student":
            # subgame-perfect play: the first offer is the plan's and it is accepted at once
            expect(self.group.field_maybe_none("agreement_round"), 1)
            expect(self.player.first_offer, C.PLAN[0]["offer"])
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
{{ table_html }}
<p><strong>Check:</strong> if an offer that gives you {{ C.QUESTION_SHARE }} points is accepted in
round {{ C.QUESTION_ROUND }}, how many points do you ({{ my_role }}) get?</p>
{{ formfields }}
{{ next_button }}
{{ endblock }}
"""

_HISTORY = """{{ if history }}
<h5>The talks so far</h5>
<table class="table table-sm history"><tbody>
{{ for row in history }}<tr><td>Round {{ row.round }}</td><td>{{ row.who }} {{ row.what }}</td></tr>{{ endfor }}
</tbody></table>
{{ endif }}"""

_PROPOSE_HTML = (
    """{{ block title }}{{ C.TITLE }}: round {{ talk_round }} of {{ C.OFFER_ROUNDS }}, your offer{{ endblock }}
{{ block content }}
<p>You play <strong>{{ my_role }}</strong>{{ if partner_is_computer }} against the computer{{ endif }}.
How many of the {{ C.PIE }} points do you offer {{ other_role }}? You keep the rest, each of your
points worth {{ worth_me }} if {{ other_role }} accepts now.</p>
{{ formfields }}
{{ next_button }}
"""
    + _HISTORY
    + """
{{ table_html }}
{{ endblock }}
"""
)

_RESPOND_HTML = (
    """{{ block title }}{{ C.TITLE }}: round {{ talk_round }} of {{ C.OFFER_ROUNDS }}, your answer{{ endblock }}
{{ block content }}
<p>You play <strong>{{ my_role }}</strong>{{ if partner_is_computer }} against the computer{{ endif }}.
{{ other_role }} offers you <strong>{{ offer }}</strong> of the {{ C.PIE }} points: accepted now,
they are worth <strong>{{ worth }}</strong> points to you.
{{ if last }}This is the last round: if you reject, both get nothing.{{ else }}If you reject, you make the next offer.{{ endif }}</p>
{{ formfields }}
{{ next_button }}
"""
    + _HISTORY
    + """
{{ table_html }}
{{ endblock }}
"""
)

_RESULTS_HTML = (
    """{{ block title }}{{ C.TITLE }}: results of game {{ player.round_number }}{{ endblock }}
{{ block content }}
{{ if agreement_round }}<p>Agreement in round {{ agreement_round }}: you get {{ player.share }} of the
{{ C.PIE }} points{{ if real }} ({{ real }}){{ endif }}, worth <strong>{{ points }}</strong> points to you.</p>
{{ else }}<p>No agreement: both get nothing.</p>{{ endif }}
<p>Your total so far: {{ total }}.</p>
{{ if player.played_by == "computer" }}<p>You did not decide in time, so the computer moved for you.</p>{{ endif }}
"""
    + _HISTORY
    + """
{{ next_button }}
{{ endblock }}
"""
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
    game = _game(source)
    dec = decimals(source, points_per_unit)
    pie = _pie_points(game, points_per_unit)
    discount = [[float(game.discount(k, t)) for t in range(1, game.rounds + 1)] for k in (0, 1)]
    unit = source.units[0]
    per_point = float(game.pie) / pie
    per_point_text = fmt(per_point, unit, digits=3) if unit else ""
    head = _HEAD.format(
        title=source.title,
        doc=f"{source.title}: {source.description}".strip().rstrip(":"),
        app=app,
        rounds=rounds,
        roles=list(game.players),
        pie=pie,
        offer_rounds=game.rounds,
        first=game.first,
        discount=discount,
        plan=plan(game, pie),
        eq_text="the subgame-perfect plan of negotiation.bargaining.offers.alternating_offers",
        unit=unit,
        real_per_point=per_point,
        points_per_unit=points_per_unit,
        decimals=dec,
        timeout=timeout_seconds,
        partner_wait=partner_wait_seconds,
        question_share=pie // 2,
        question_round=game.rounds,
        instructions=_instructions(source, pie, per_point_text, rounds),
        table=_table_html(game, discount),
    )
    return {
        "__init__.py": head + RUNTIME + _BODY,
        "tests.py": _TESTS.format(app=app),
        "Instructions.html": _INSTRUCTIONS_HTML,
        "Propose.html": _PROPOSE_HTML,
        "Respond.html": _RESPOND_HTML,
        "Results.html": _RESULTS_HTML,
    }
