"""Who may act on an impact-assessment answer (django-rules): `user.has_perm("changes.<rule>", target)`, where the
target is an ImpactResponse or a (ChangeRequest, Organisation) pair for an answer not given yet."""

import rules

from changes.choices import Sharing
from changes.models import ChangeRequest, ImpactResponse
from changes.services import ia_window_is_open
from programme.models import Organisation
from programme.rules import organisation_of, speaks_for


def answer_target(target) -> tuple[ChangeRequest, Organisation] | None:
    if isinstance(target, ImpactResponse):
        return target.change_request, target.organisation
    if isinstance(target, tuple) and len(target) == 2:
        return target
    return None


@rules.predicate
def speaks_for_the_party(user, target) -> bool:
    pair = answer_target(target)
    return pair is not None and speaks_for(user, pair[1])


@rules.predicate
def party_is_invited(user, target) -> bool:
    """Its constituency is among those the IA was issued to, or the IA went to every party."""
    change_request, organisation = answer_target(target)
    invited = {constituency.pk for constituency in change_request.ia_constituencies.all()}
    return not invited or organisation.constituency_id in invited


@rules.predicate
def window_is_open(user, target) -> bool:
    return ia_window_is_open(answer_target(target)[0])


@rules.predicate
def enters_answers(user) -> bool:
    """The PMO, who enter answers on the parties' behalf and read every answer in full."""
    return user.has_perm("changes.change_impactresponse")


@rules.predicate
def of_the_answering_party(user, answer) -> bool:
    own = organisation_of(user)
    return isinstance(answer, ImpactResponse) and own is not None and own.pk == answer.organisation_id


@rules.predicate
def is_shared(user, answer) -> bool:
    return isinstance(answer, ImpactResponse) and answer.shared == Sharing.SHARED


# The party representative answers, and revises, for their own party while the window is open.
rules.add_perm("changes.respond_for_organisation", speaks_for_the_party & party_is_invited & window_is_open)
# An answer's comments and impacts: the PMO, the answering party, and everyone once the party shares them.
rules.add_perm("changes.read_answer_details", enters_answers | of_the_answering_party | is_shared)
