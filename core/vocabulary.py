"""Choice cells read as the programme writes them, and the mappings the PMO keeps for the wordings that are not.

A choice cell is read, in this order, as: a variant its register declares ("Awaiting Authority decision" in the
stage column is Awaiting approval decision, with Ofgem deciding), the choice's label or code, a pattern its
register declares, a mapping the PMO kept (ChoiceMapping), the same words without case, punctuation and filler
words, and last the nearest choice by spelling (rapidfuzz) when no other choice comes close. Anything else stops
its row with the choices and the nearest suggestions: reading a wrong status into a register is worse than
asking once."""

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from core.models import ChoiceMapping

# Words a wording may add or drop without changing what it means ("Validated by the Change Board"). Not
# "awaiting", "not" or "in": they change the meaning.
FILLER_WORDS = frozenset({"the", "a", "an", "of", "for", "by", "to"})
# token_sort_ratio (0–100, word order ignored): a typo ("Impact Assesment") scores about 95, a different choice
# sharing a word ("Approved" / "Approved, awaiting implementation") about 40.
ACCEPT_SCORE = 85
CLEAR_MARGIN = 10
SUGGEST_SCORE = 50
SUGGESTIONS = 3


def normal(value) -> str:
    """Lower case, possessive "'s" dropped, every run of other characters one space."""
    lowered = re.sub(r"['’]s\b", "", str(value).lower())
    return re.sub(r"[^a-z0-9]+", " ", lowered).strip()


def plain(value) -> str:
    """`normal` without filler words."""
    return " ".join(word for word in normal(value).split() if word not in FILLER_WORDS)


@dataclass(frozen=True)
class Means:
    """What a declared wording stands for: a choice, and what it also says about other columns of its row, by
    column key ("Withdrawn" in the stage column means the status Withdrawn too). A blank `value` leaves the
    column as it is and only sets the others ("On Hold" in the stage column)."""

    value: str
    implies: dict = field(default_factory=dict)

    def key(self) -> tuple:
        return (self.value, tuple(sorted(self.implies.items())))


@dataclass(frozen=True)
class Reading:
    value: str
    label: str
    # "" (its label or code), "variant", "mapping", "near" (filler words, case or punctuation) or "nearest" (spelling)
    how: str = ""
    implies: dict = field(default_factory=dict)


class UnknownChoice(ValueError):
    """A value no rule reads as one choice: the row stops, listing the choices and the nearest ones."""

    def __init__(self, value: str, choices, suggestions, *, ambiguous: bool, unknown: str = ""):
        self.value, self.choices, self.suggestions, self.ambiguous = value, choices, suggestions, ambiguous
        labels = ", ".join(label for _, label in choices)
        nearest = " or ".join(f"'{label}'" for _, label in suggestions)
        if ambiguous:
            message = f"'{value}' could be {nearest}: map it to one of {labels}"
        else:
            message = f"{unknown} {value}: give one of {labels}" if unknown else f"'{value}' is not one of {labels}"
            if nearest:
                message += f" (nearest: {nearest})"
        super().__init__(message)


class Vocabulary:
    """One choice column's words: its choices (value, label), the variants and patterns its register declares, and
    the PMO's kept mappings (normalised text → value)."""

    def __init__(self, choices, variants=None, patterns=(), mappings=None, unknown: str = ""):
        self.choices = [(str(value), str(label)) for value, label in choices]
        self.unknown = unknown
        self.labels = dict(self.choices)
        self.exact = {}
        for value, label in self.choices:
            self.exact.setdefault(normal(value), value)
            self.exact.setdefault(normal(label), value)
        # A variant naming a choice this register does not have (a group not set up) is not offered.
        self.variants = {
            normal(text): means
            for text, means in _as_means(variants or {}).items()
            if means.value in self.labels or (means.value == "" and means.implies)
        }
        self.patterns = [(re.compile(pattern), str(value)) for pattern, value in patterns]
        self.mappings = {normal(text): value for text, value in (mappings or {}).items() if value in self.labels}
        # Compared without filler words: every label, code and variant, each with what it means.
        self.plain_forms: dict[str, list[Means]] = {}
        for value, label in self.choices:
            for text in (value, label):
                self._add_plain(text, Means(value))
        for text, means in self.variants.items():
            self._add_plain(text, means, overrides=True)

    def _add_plain(self, text, means: Means, overrides: bool = False) -> None:
        meanings = self.plain_forms.setdefault(plain(text), [])
        if overrides:
            # A variant spelt as its own choice says more about it ("Approved" in the stage column is the status too).
            meanings[:] = [m for m in meanings if m.value != means.value]
        if means.key() not in {m.key() for m in meanings}:
            meanings.append(means)

    def label(self, value) -> str:
        return self.labels.get(value, str(value))

    def read(self, cell) -> Reading:
        text = str(cell).strip()
        key = normal(text)
        if key in self.variants:
            return self._reading(self.variants[key], "variant")
        if key in self.exact:
            return Reading(self.exact[key], self.label(self.exact[key]))
        for pattern, value in self.patterns:
            match = pattern.fullmatch(key)
            if match:
                implied = {name: part for name, part in match.groupdict().items() if part}
                return self._reading(Means(value, implied), "variant")
        if key in self.mappings:
            return Reading(self.mappings[key], self.label(self.mappings[key]), "mapping")
        near = self.plain_forms.get(plain(text), [])
        if len(near) == 1:
            return self._reading(near[0], "near")
        if len(near) > 1:
            raise UnknownChoice(text, self.choices, [(m.value, self._describe(m)) for m in near], ambiguous=True)
        return self._nearest(text)

    def _nearest(self, text: str) -> Reading:
        """The one choice spelt nearly so, clearly closer than any other; otherwise the row stops."""
        wording = plain(text)
        best: dict[tuple, tuple[float, str, Means]] = {}
        for candidate, score, _ in process.extract(
            wording, list(self.plain_forms), scorer=fuzz.token_sort_ratio, limit=None
        ):
            for means in self.plain_forms[candidate]:
                if means.key() not in best or best[means.key()][0] < score:
                    best[means.key()] = (score, candidate, means)
        ranked = sorted(best.values(), key=lambda found: -found[0])
        if ranked and ranked[0][0] >= ACCEPT_SCORE:
            score, candidate, means = ranked[0]
            clear = len(ranked) == 1 or score - ranked[1][0] >= CLEAR_MARGIN
            if clear and _a_misspelling(wording, candidate):
                return self._reading(means, "nearest")
        close = [(means.value, self._describe(means)) for score, _, means in ranked if score >= SUGGEST_SCORE]
        ambiguous = len(close) > 1 and ranked[0][0] >= ACCEPT_SCORE
        raise UnknownChoice(text, self.choices, close[:SUGGESTIONS], ambiguous=ambiguous, unknown=self.unknown)

    def _reading(self, means: Means, how: str) -> Reading:
        return Reading(means.value, self.label(means.value) if means.value else "", how, dict(means.implies))

    def _describe(self, means: Means) -> str:
        implied = ", ".join(f"{name.replace('_', ' ')}: {value}" for name, value in means.implies.items())
        return f"{self.label(means.value)} ({implied})" if implied else self.label(means.value)


NEGATIONS = frozenset({"not", "no", "non", "un"})


def _a_misspelling(wording: str, candidate: str) -> bool:
    """Whether a close spelling can be taken for the candidate unasked: it starts as the candidate does, and
    neither negates what the other says ("Unapproved" is near "Approved" by spelling, and means the opposite)."""
    return wording[:1] == candidate[:1] and bool(NEGATIONS & set(wording.split())) == bool(
        NEGATIONS & set(candidate.split())
    )


def _as_means(variants: dict) -> dict[str, Means]:
    """Each variant as a Means of plain strings (a TextChoices member is its value)."""
    found = {}
    for text, means in variants.items():
        means = means if isinstance(means, Means) else Means(means)
        found[text] = Means(str(means.value), {name: str(value) for name, value in means.implies.items()})
    return found


def remember_mapping(*, kind: str, column: str, value: str, choice: str, actor=None):
    """Keeps the PMO's reading of a wording for every later import of the register: reference data, written
    here rather than through a register's services. Mapping the same wording again replaces the choice."""
    mapping, _ = ChoiceMapping.objects.update_or_create(
        kind=kind, column=column, value=normal(value), defaults={"choice": choice, "created_by": actor}
    )
    return mapping


def kept_mappings(kind: str) -> dict[str, dict[str, str]]:
    """{column key: {normalised wording: choice}} of a register's kept mappings."""
    mappings: dict[str, dict[str, str]] = {}
    for column, value, choice in ChoiceMapping.objects.filter(kind=kind).values_list("column", "value", "choice"):
        mappings.setdefault(column, {})[value] = choice
    return mappings
