"""The programme structure of the demo: groups, constituencies and parties from the seed papers."""

from collections import Counter

from core.records import upsert
from programme import demo_reference
from programme.models import Constituency, GovernanceGroup, Organisation


def load(outcomes: Counter) -> None:
    constituencies = {}
    for position, (code, name) in enumerate(demo_reference.CONSTITUENCIES, start=1):
        constituencies[code], outcome = upsert(Constituency, {"code": code}, {"name": name, "position": position})
        outcomes[f"constituencies {outcome}"] += 1

    for name, constituency_code in demo_reference.ORGANISATIONS:
        _, outcome = upsert(Organisation, {"name": name}, {"constituency": constituencies[constituency_code]})
        outcomes[f"organisations {outcome}"] += 1

    groups: dict[str, GovernanceGroup] = {}
    for code, name, level, parent_code, description in demo_reference.GOVERNANCE_GROUPS:
        groups[code], outcome = upsert(
            GovernanceGroup,
            {"code": code},
            {
                "name": name,
                "level": level,
                "parent": groups[parent_code] if parent_code else None,
                "description": description,
                "active": code not in demo_reference.INACTIVE_GROUPS,
            },
        )
        outcomes[f"groups {outcome}"] += 1
