"""What the sequential apps (game trees, offers) share: pairs by arrival, dropouts, computer players.

The code in :data:`RUNTIME` is pasted into each generated app's ``__init__.py`` (oTree
imports an app as a plain package, without this library). It uses oTree's own
mechanisms only:

* ``group_by_arrival_time`` on the first page: students are paired as they arrive, so a
  late student is paired with the next one; a student left alone (an odd number, or
  nobody else coming within ``C.PARTNER_WAIT_SECONDS``, see ``waiting_too_long``) gets a
  group of one and plays the **computer player** (``player.partner == "computer"``);
* ``get_timeout_seconds`` and ``before_next_page(player, timeout_happened)`` on every
  decision page: a student who does not decide within ``C.TIMEOUT_SECONDS`` is replaced
  by the computer for that move (``player.played_by == "computer"``,
  ``player.timeouts``) and is marked ``participant.is_dropout``, so that the next pages
  pass in a second until the student clicks again (reopening the link resumes).

``otree prodserver`` runs oTree's timeout worker, which submits a page that timed out
even when its browser is closed, so the partner never waits forever.
"""

from __future__ import annotations

__all__ = ["PARTICIPANT_FIELDS", "RUNTIME"]

#: Fields the apps add to oTree's participant (settings.PARTICIPANT_FIELDS).
PARTICIPANT_FIELDS = ["is_dropout"]

RUNTIME = '''
# --- pairs by arrival, dropouts and the computer player (shared by the sequential apps) ---


def is_dropout(player):
    return bool(player.participant.vars.get("is_dropout"))


def waiting_too_long(player):
    """Alone on the first page for longer than the teacher allows (C.PARTNER_WAIT_SECONDS)."""
    if player.field_maybe_none("arrived") is None:
        player.arrived = time.time()
    return time.time() - player.arrived >= C.PARTNER_WAIT_SECONDS


def nobody_else_to_wait_for(subsession, player):
    """Every other participant of the session has been paired in this round already."""
    others = [p for p in subsession.get_players() if p.id_in_subsession != player.id_in_subsession]
    return all(p.field_maybe_none("seat") is not None for p in others)


def group_by_arrival_time_method(subsession, waiting_players):
    for p in waiting_players:
        if p.field_maybe_none("arrived") is None:
            p.arrived = time.time()
    if len(waiting_players) >= 2:
        return waiting_players[:2]
    for p in waiting_players:
        if waiting_too_long(p) or nobody_else_to_wait_for(subsession, p):
            return [p]  # a group of one: this student plays the computer


def seat_players(group):
    """Give each student a role; a student alone plays the computer, who takes the other role."""
    players = group.get_players()
    seats = [0, 1]
    random.shuffle(seats)
    for p, seat in zip(players, seats):
        p.seat = seat
        p.seat_role = C.ROLES[seat]
        p.partner = "student" if len(players) == 2 else "computer"
    group.computer_seat = seats[1] if len(players) == 1 else -1


def player_in_seat(group, seat):
    for p in group.get_players():
        if p.field_maybe_none("seat") == seat:
            return p
    return None


def decision_timeout(player):
    """Seconds for a decision page: a student who timed out before passes at once."""
    if is_dropout(player):
        return 1
    return C.TIMEOUT_SECONDS


def note_decision(player, timeout_happened):
    """After a decision page: mark a move made by the computer for a student who timed out."""
    if timeout_happened:
        player.timeouts += 1
        player.played_by = "computer"
        player.participant.is_dropout = True  # a participant field: kept in participant.vars
    else:
        player.participant.is_dropout = False


class Grouping(WaitPage):
    group_by_arrival_time = True
    body_text = "Waiting for another student to arrive (or, after a while, the computer)."

    @staticmethod
    def after_all_players_arrive(group):
        seat_players(group)
'''
