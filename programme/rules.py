"""Who a person acts for: their organisation (Profile.organisation) and, through it, their constituency; and the
representative grants (core.roles). The predicates every app's object rules build on (django-rules)."""

import rules

from core.roles import CONSTITUENCY_REPRESENTATIVE, PARTY_REPRESENTATIVE


def organisation_of(user):
    """The party a person belongs to, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "profile", None)
    return getattr(profile, "organisation", None)


def constituency_of(user):
    """The constituency a person belongs to through their organisation, or None."""
    organisation = organisation_of(user)
    return organisation.constituency if organisation is not None else None


is_party_representative = rules.is_group_member(PARTY_REPRESENTATIVE)
is_constituency_representative = rules.is_group_member(CONSTITUENCY_REPRESENTATIVE)


@rules.predicate
def speaks_for(user, organisation) -> bool:
    """A party representative of this organisation."""
    own = organisation_of(user)
    return own is not None and organisation is not None and own.pk == organisation.pk and is_party_representative(user)


@rules.predicate
def votes_for(user, constituency) -> bool:
    """A constituency representative of this constituency (through their organisation)."""
    own = constituency_of(user)
    return (
        own is not None
        and constituency is not None
        and own.pk == constituency.pk
        and is_constituency_representative(user)
    )
