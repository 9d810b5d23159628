"""Who may act on a meeting's records themselves (django-rules, on the predicates of programme/rules.py): a
constituency representative voting in a round, an action's owner updating it. Pages, API and services ask
`user.has_perm("meetings.<rule>", record)`."""

import rules

from core.choices import Classification
from core.selectors import can_view_restricted
from meetings.choices import ActionStatus
from programme.rules import constituency_of, is_constituency_representative, organisation_of


@rules.predicate
def reads_round(user, vote_round) -> bool:
    """A round is as restricted as its meeting: a Participant never sees one of a Restricted meeting."""
    if vote_round is None:
        return False
    return vote_round.meeting.classification == Classification.PUBLIC or can_view_restricted(user)


@rules.predicate
def round_accepts_votes(user, vote_round) -> bool:
    return vote_round is not None and vote_round.accepts_votes()


@rules.predicate
def has_constituency(user) -> bool:
    return constituency_of(user) is not None


# Their own constituency is the only one a representative votes for (programme.rules.votes_for says which).
rules.add_perm(
    "meetings.vote_for_constituency",
    is_constituency_representative & has_constituency & reads_round & round_accepts_votes,
)


def _names(user) -> list[str]:
    return [name.casefold() for name in {user.get_full_name().strip(), user.get_username()} if name]


@rules.predicate
def owns_action(user, action) -> bool:
    """The action's owner names the person (as the logs write owners, like dashboards' "my items"), or it is
    their organisation's; and they may read it."""
    if action is None or not getattr(user, "is_authenticated", False):
        return False
    if action.classification != Classification.PUBLIC and not can_view_restricted(user):
        return False
    owner = action.owner.casefold()
    if any(name in owner for name in _names(user)):
        return True
    organisation = organisation_of(user)
    return organisation is not None and action.owner_organisation_id == organisation.pk


@rules.predicate
def action_is_open(user, action) -> bool:
    return action is not None and action.status != ActionStatus.CLOSED


rules.add_perm("meetings.update_own_action", owns_action & action_is_open)
