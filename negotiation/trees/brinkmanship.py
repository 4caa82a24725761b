"""Threats that leave something to chance: Schelling's brinkmanship.

Schelling's answer to a threat too costly to carry out is the **threat that
leaves something to chance** [Schelling1960]_ (chapter 8): do not promise to
sell, but create a risk ``q`` that selling (or a market panic with the same
effect) happens whatever you then want. :class:`Brinkmanship` finds the risks
that work: large enough that the other side prefers to comply (the
*effectiveness condition*) and small enough that you still prefer making the
threat to not making it, given that a hard-line opponent may defy it anyway
(the *acceptability condition*) [DixitSkeath2009]_ (chapter 14).

References
----------
.. [Schelling1960] T. C. Schelling, *The Strategy of Conflict*, Harvard
   University Press, 1960, chapter 8, "The threat that leaves something to chance".
.. [DixitSkeath2009] A. Dixit, S. Skeath and D. Reiley, *Games of Strategy*,
   3rd edition, W. W. Norton, 2009, chapter 14, "Brinkmanship: the Cuban
   missile crisis" (the effectiveness and acceptability conditions).
.. [DixitMcAdamsSkeath2019] A. Dixit, D. McAdams and S. Skeath, "'We haven't got
   but one more day': the Cuban missile crisis as a dynamic chicken game",
   SSRN working paper 3406265, 2019.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core._numbers import Number, format_number, to_exact
from ._backward import NumericTree, slow, value_sets
from .credibility import _action_of, _find_decision, _format
from .nodes import Path, chance, decision, format_path, leaf, to_sympy
from .tree import GameTree

__all__ = ["Brinkmanship", "BrinkmanshipResult", "ProbabilityInterval", "brinkmanship"]


@dataclass(frozen=True)
class ProbabilityInterval:
    """The closed interval ``[low, high]`` of probabilities (exact).

    Examples
    --------
    >>> window = ProbabilityInterval(Fraction(1, 4), Fraction(3, 8))
    >>> print(window)
    1/4 <= q <= 3/8
    >>> 0.3 in window, 0.5 in window
    (True, False)
    """

    low: Number
    high: Number

    def __contains__(self, q: object) -> bool:
        try:
            value = to_exact(q)
        except (TypeError, ValueError):
            return False
        return bool(self.low <= value <= self.high)

    def __str__(self) -> str:
        if self.low == self.high:
            return f"q = {format_number(self.low)}"
        return f"{format_number(self.low)} <= q <= {format_number(self.high)}"

    def as_sympy(self) -> Any:
        """The interval as a sympy ``Interval``."""
        import sympy

        return sympy.Interval(to_sympy(self.low), to_sympy(self.high))


def _solve_linear(a: Any, b: Any) -> ProbabilityInterval | None:
    """The q in [0, 1] with a*q + b >= 0."""
    zero, one = Fraction(0), Fraction(1)
    if a == 0:
        return ProbabilityInterval(zero, one) if b >= 0 else None
    root = -b / a
    if a > 0:
        low = max(zero, root)
        return ProbabilityInterval(low, one) if low <= 1 else None
    high = min(one, root)
    return ProbabilityInterval(zero, high) if high >= 0 else None


def _intersect(
    x: ProbabilityInterval | None, y: ProbabilityInterval | None
) -> ProbabilityInterval | None:
    if x is None or y is None:
        return None
    low, high = max(x.low, y.low), min(x.high, y.high)
    return ProbabilityInterval(low, high) if low <= high else None


def _pair(value: Any, what: str) -> tuple[Number, Number]:
    if isinstance(value, str | bytes) or not hasattr(value, "__len__") or len(value) != 2:
        raise TypeError(f"{what} must be a pair of payoffs (threatener, target), got {value!r}")
    return to_exact(value[0], f"{what}[0]"), to_exact(value[1], f"{what}[1]")


@dataclass(frozen=True)
class Brinkmanship:
    """Schelling's threat that leaves something to chance, as in Dixit and Skeath's Cuban missile crisis.

    The threatener (Japan) demands something of the target (the US) and creates
    a risk: if the target defies, the threatened action (selling Treasuries, a
    market panic) happens with probability ``q``, whatever the threatener then
    wants; with probability ``1 - q`` the threatener lets it pass. With
    probability ``hardline`` the target is a type that defies whatever the risk.

    Payoff pairs are ``(threatener, target)``.

    Parameters
    ----------
    threatener, target : str
        The players' names.
    comply : pair
        Payoffs when the target gives in.
    defy_disaster : pair
        Payoffs when the target defies and the threatened action happens.
    defy_no_disaster : pair
        Payoffs when the target defies and the threatener lets it pass.
    no_threat : pair, optional
        Payoffs when no threat is made (default: ``defy_no_disaster``, the target
        goes ahead and the threatener puts up with it).
    hardline : number
        The probability ``p`` that the target defies whatever the risk (default 0).
    comply_action, defy_action, threat_action, no_threat_action, disaster_action : str
        Labels for explanations and for :meth:`to_tree`.

    Examples
    --------
    Japan plays the Treasury card: "drop the tariffs, or the bond market might
    take care of it". Selling would hurt Japan (-10) more than putting up with the
    tariffs (-2), so the plain threat is not credible. A risk of selling can work,
    even though half the time the US holds firm whatever the risk:

    >>> b = Brinkmanship("Japan", "US", comply=(1, -1), defy_disaster=(-10, -10),
    ...                  defy_no_disaster=(-2, 2), hardline=0.5)
    >>> result = b.analyse()
    >>> print(result.effective, "|", result.tolerable, "|", result.window)
    1/4 <= q <= 1 | 0 <= q <= 3/8 | 1/4 <= q <= 3/8
    >>> print(result.explanation)
    Effectiveness: US prefers Comply (-1) to Defy (2 if Japan lets it pass, -10 after Disaster) when 1/4 <= q <= 1. Acceptability: Japan prefers making the threat (Threaten) to No threat (-2) when 0 <= q <= 3/8 (with probability 1/2 US defies anyway). Brinkmanship works for 1/4 <= q <= 3/8; the safest choice is the smallest effective risk, q = 1/4. A plain threat (q = 1) would be too much for Japan: this is where a threat that leaves something to chance is needed.
    """

    threatener: str
    target: str
    comply: tuple[Any, Any]
    defy_disaster: tuple[Any, Any]
    defy_no_disaster: tuple[Any, Any]
    no_threat: tuple[Any, Any] | None = None
    hardline: Any = 0
    comply_action: str = "Comply"
    defy_action: str = "Defy"
    threat_action: str = "Threaten"
    no_threat_action: str = "No threat"
    disaster_action: str = "Disaster"

    def __post_init__(self) -> None:
        for what in (
            "threatener",
            "target",
            "comply_action",
            "defy_action",
            "threat_action",
            "no_threat_action",
            "disaster_action",
        ):
            value = getattr(self, what)
            if not isinstance(value, str) or not value.strip():
                raise TypeError(f"{what} must be a non-empty string, got {value!r}")
        if self.threatener == self.target:
            raise ValueError(
                f"the threatener and the target must differ, got {self.threatener!r} twice"
            )
        for what in ("comply", "defy_disaster", "defy_no_disaster"):
            object.__setattr__(self, what, _pair(getattr(self, what), what))
        no_threat = self.defy_no_disaster if self.no_threat is None else self.no_threat
        object.__setattr__(self, "no_threat", _pair(no_threat, "no_threat"))
        p = to_exact(self.hardline, "hardline")
        if not 0 <= p <= 1:
            raise ValueError(
                f"hardline is a probability, so it must be between 0 and 1, got {format_number(p)}"
            )
        object.__setattr__(self, "hardline", p)

    @classmethod
    def from_tree(
        cls, tree: GameTree, node: Path | str, action: str, *, hardline: Any = 0
    ) -> Brinkmanship:
        """The brinkmanship model of a threatened action in a numeric tree.

        ``node`` is the threatener's decision node where ``action`` (the threat)
        would be carried out; it must follow directly from a decision of the
        target (to *defy*). Complying is the target's best other action there;
        the payoffs are subgame-perfect values. If the threatener's own move just
        before (making the threat) has other actions, the best of them is
        ``no_threat``.

        Examples
        --------
        >>> from negotiation.trees import GameTree, decision
        >>> tree = GameTree(("Japan", "US"), decision("Japan", {
        ...     "Accept": (-2, 2),
        ...     "Treasury card": decision("US", {
        ...         "Back down": (1, -1),
        ...         "Hold": decision("Japan", {"Sell": (-5, -6), "Don't sell": (-2, 2)}),
        ...     }),
        ... }))
        >>> b = Brinkmanship.from_tree(tree, ("Treasury card", "Hold"), "Sell", hardline=0.25)
        >>> b.comply, b.no_threat, b.defy_action
        ((Fraction(1, 1), Fraction(-1, 1)), (Fraction(-2, 1), Fraction(2, 1)), 'Hold')
        """
        if not isinstance(tree, GameTree):
            raise TypeError(f"Brinkmanship.from_tree() needs a GameTree, got {type(tree).__name__}")
        tree.require_two_players("Brinkmanship.from_tree() (a threatener and a target)")
        tree.require_perfect_information("Brinkmanship.from_tree()")
        k = _find_decision(tree, node, "Brinkmanship.from_tree()")
        a = _action_of(tree, k, action)
        path = tree._paths[k]
        par = tree._parent[k]
        i = tree._owner[k]
        if par < 0 or tree._kind[par] != GameTree.DECISION or tree._owner[par] == i:
            raise ValueError(
                f"brinkmanship needs the threat at {format_path(path)} to answer a choice of "
                f"the other player (to defy), but the node just before it is not "
                f"{tree.players[1 - i]}'s decision"
            )
        num = NumericTree(tree, "Brinkmanship.from_tree()")
        values = value_sets(num)

        def value(idx: int, what: str) -> tuple[Any, Any]:
            s = values[idx]
            assert s is not None
            if len(s) != 1:
                raise ValueError(
                    f"{what} ({format_path(tree._paths[idx])}) has several subgame-perfect values "
                    f"because of ties; change payoffs slightly to break them"
                )
            v = next(iter(s))
            return slow(v[0]), slow(v[1])

        def ordered(v: tuple[Any, Any]) -> tuple[Any, Any]:
            return (v[i], v[1 - i])  # (threatener, target)

        defy = tree._children[par].index(k)
        j = 1 - i
        alternatives = [b for b in range(len(tree._children[par])) if b != defy]
        if not alternatives:
            raise ValueError(
                f"{tree.players[j]} has no alternative to {tree._actions[par][defy]!r} at "
                f"{format_path(tree._paths[par])}, so there is nothing to comply with"
            )
        comply_b = max(alternatives, key=lambda b: value(tree._children[par][b], "complying")[j])
        comply = value(tree._children[par][comply_b], "complying")
        disaster = value(tree._children[k][a], "carrying out the threat")
        no_disaster = value(k, "the threatener's own choice")
        no_threat = None
        no_threat_label = "No threat"
        threat_label = "Threaten"
        grand = tree._parent[par]
        if grand >= 0 and tree._kind[grand] == GameTree.DECISION and tree._owner[grand] == i:
            pos = tree._children[grand].index(par)
            threat_label = tree._actions[grand][pos]
            others = [b for b in range(len(tree._children[grand])) if b != pos]
            if others:
                best = max(
                    others, key=lambda b: value(tree._children[grand][b], "not threatening")[i]
                )
                no_threat = ordered(value(tree._children[grand][best], "not threatening"))
                no_threat_label = tree._actions[grand][best]
        return cls(
            threatener=tree.players[i],
            target=tree.players[j],
            comply=ordered(comply),
            defy_disaster=ordered(disaster),
            defy_no_disaster=ordered(no_disaster),
            no_threat=no_threat,
            hardline=hardline,
            comply_action=tree._actions[par][comply_b],
            defy_action=tree._actions[par][defy],
            threat_action=threat_label,
            no_threat_action=no_threat_label,
            disaster_action=tree._actions[k][a],
        )

    def effective(self) -> ProbabilityInterval | None:
        """The risks ``q`` at which the target prefers to comply (the effectiveness condition).

        The target complies when ``comply >= q * defy_disaster + (1 - q) * defy_no_disaster``
        (its own payoffs); ``None`` when no ``q`` in ``[0, 1]`` does it.

        Examples
        --------
        >>> b = Brinkmanship("Japan", "US", (1, -1), (-10, -10), (-2, 2))
        >>> print(b.effective())
        1/4 <= q <= 1
        """
        c, d, n = self.comply[1], self.defy_disaster[1], self.defy_no_disaster[1]
        # c >= q d + (1 - q) n   <=>   (n - d) q + (c - n) >= 0
        return _solve_linear(n - d, c - n)

    def tolerable(self) -> ProbabilityInterval | None:
        """The risks ``q`` at which the threatener prefers threatening to not (the acceptability condition).

        With ``p = hardline``, the threatener threatens when
        ``(1 - p) * comply + p * (q * defy_disaster + (1 - q) * defy_no_disaster) >= no_threat``
        (its own payoffs; a responsive target complies, a hard-line one defies).

        Examples
        --------
        >>> b = Brinkmanship("Japan", "US", (1, -1), (-10, -10), (-2, 2), hardline=0.5)
        >>> print(b.tolerable())
        0 <= q <= 3/8
        """
        p = self.hardline
        c, d, n = self.comply[0], self.defy_disaster[0], self.defy_no_disaster[0]
        z = self.no_threat[0]  # type: ignore[index]
        # (1 - p) c + p (q d + (1 - q) n) >= z   <=>   p (d - n) q + ((1 - p) c + p n - z) >= 0
        return _solve_linear(p * (d - n), (1 - p) * c + p * n - z)

    def analyse(self) -> BrinkmanshipResult:
        """The effective, tolerable and workable risks, with an explanation.

        Examples
        --------
        >>> b = Brinkmanship("Japan", "US", (1, -1), (-50, -10), (-2, 2), hardline=0.5)
        >>> result = b.analyse()
        >>> result.possible
        False
        >>> print(result.explanation.split(". ")[-1])
        No threat that leaves something to chance works: US needs at least q = 1/4 to comply, but Japan can stand at most q = 1/16.
        """
        eff, tol = self.effective(), self.tolerable()
        window = _intersect(eff, tol)
        me, them = self.threatener, self.target
        p = self.hardline
        lines = []
        c_them, d_them, n_them = (
            _format(v[1]) for v in (self.comply, self.defy_disaster, self.defy_no_disaster)
        )
        z_me = _format(self.no_threat[0])  # type: ignore[index]
        if eff is None:
            lines.append(
                f"No risk is large enough: even if {self.disaster_action} were certain (q = 1), "
                f"{them} would still choose {self.defy_action} ({d_them}) over "
                f"{self.comply_action} ({c_them})."
            )
        else:
            lines.append(
                f"Effectiveness: {them} prefers {self.comply_action} ({c_them}) to "
                f"{self.defy_action} ({n_them} if {me} lets it pass, {d_them} after "
                f"{self.disaster_action}) when {eff}."
            )
        if tol is None:
            lines.append(
                f"No risk is tolerable: with probability {format_number(p)} {them} defies anyway, "
                f"so even at q = 0 making the threat ({self.threat_action}) is worse for {me} "
                f"than {self.no_threat_action} ({z_me})."
            )
        else:
            risk = (
                f"with probability {format_number(p)} {them} defies anyway"
                if p
                else f"{them} never defies a threat that works"
            )
            lines.append(
                f"Acceptability: {me} prefers making the threat ({self.threat_action}) to "
                f"{self.no_threat_action} ({z_me}) when {tol} ({risk})."
            )
        if window is None:
            if eff is not None and tol is not None:
                lines.append(
                    f"No threat that leaves something to chance works: {them} needs at least "
                    f"q = {format_number(eff.low)} to comply, but {me} can stand at most "
                    f"q = {format_number(tol.high)}."
                )
            else:
                lines.append("So no threat that leaves something to chance works here.")
        else:
            lines.append(
                f"Brinkmanship works for {window}; the safest choice is the smallest effective "
                f"risk, q = {format_number(window.low)}."
            )
            if 1 not in window:
                lines.append(
                    f"A plain threat (q = 1) would be too much for {me}: this is where a threat "
                    f"that leaves something to chance is needed."
                )
        return BrinkmanshipResult(
            model=self, effective=eff, tolerable=tol, window=window, explanation=" ".join(lines)
        )

    def to_tree(self, q: Any = None) -> GameTree:
        """The game tree of the threat, with the risk ``q`` as a number or (default) a symbol ``q``.

        Examples
        --------
        >>> b = Brinkmanship("Japan", "US", comply=(1, -1), defy_disaster=(-5, -6),
        ...                  defy_no_disaster=(-2, 2))
        >>> print(b.to_tree(0.5))
        Threat that leaves something to chance (payoffs: Japan, US)
        Japan moves
        ├─ Threaten → US moves
        │  ├─ Comply → (1, -1)
        │  └─ Defy → Chance
        │     ├─ Disaster [1/2] → (-5, -6)
        │     └─ Let it pass [1/2] → (-2, 2)
        └─ No threat → (-2, 2)
        """
        if q is None:
            import sympy

            risk: Any = sympy.Symbol("q", nonnegative=True)
        else:
            risk = to_exact(q, "q")
            if not 0 <= risk <= 1:
                raise ValueError(
                    f"q is a probability, so it must be between 0 and 1, got {format_number(risk)}"
                )
        gamble = chance(
            {
                self.disaster_action: (risk, leaf(*self.defy_disaster)),
                "Let it pass": (1 - risk, leaf(*self.defy_no_disaster)),
            }
        )
        respond = decision(
            self.target, {self.comply_action: leaf(*self.comply), self.defy_action: gamble}
        )
        p = self.hardline
        after = (
            respond
            if p == 0
            else chance({"Hard-line": (p, gamble), "Responsive": (1 - p, respond)})
        )
        root = decision(
            self.threatener,
            {
                self.threat_action: after,
                self.no_threat_action: leaf(*self.no_threat),  # type: ignore[misc]
            },
        )
        return GameTree(
            (self.threatener, self.target), root, title="Threat that leaves something to chance"
        )


@dataclass(frozen=True)
class BrinkmanshipResult:
    """The risks that make a probabilistic threat work.

    Attributes
    ----------
    model : Brinkmanship
    effective : ProbabilityInterval or None
        Risks at which the target complies (``None``: none).
    tolerable : ProbabilityInterval or None
        Risks the threatener can live with (``None``: none).
    window : ProbabilityInterval or None
        Both at once: the brink (``None``: brinkmanship cannot work).
    explanation : str
    """

    model: Brinkmanship
    effective: ProbabilityInterval | None
    tolerable: ProbabilityInterval | None
    window: ProbabilityInterval | None
    explanation: str

    @property
    def possible(self) -> bool:
        """Whether some risk is both effective and tolerable."""
        return self.window is not None

    def __str__(self) -> str:
        return self.explanation


def brinkmanship(
    tree: GameTree, node: Path | str, action: str, *, hardline: Any = 0
) -> BrinkmanshipResult:
    """The risks ``q`` that make a threat that leaves something to chance work, in a tree.

    Shorthand for ``Brinkmanship.from_tree(tree, node, action, hardline=hardline).analyse()``.

    Examples
    --------
    >>> from negotiation.trees import GameTree, decision
    >>> tree = GameTree(("Japan", "US"), decision("Japan", {
    ...     "Accept": (-2, 2),
    ...     "Treasury card": decision("US", {
    ...         "Back down": (1, -1),
    ...         "Hold": decision("Japan", {"Sell": (-10, -10), "Don't sell": (-2, 2)}),
    ...     }),
    ... }))
    >>> print(brinkmanship(tree, ("Treasury card", "Hold"), "Sell", hardline=0.5).window)
    1/4 <= q <= 3/8
    """
    return Brinkmanship.from_tree(tree, node, action, hardline=hardline).analyse()
