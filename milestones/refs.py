"""What a milestone ref says about it: M10 is a tier-1 programme milestone; T3-DB-0153 is tier 3 of the DB
workstream. Parsed here and nowhere else."""

import re

PROGRAMME_REF = re.compile(r"^M(\d{1,2})$")
WORKSTREAM_REF = re.compile(r"^T([123])-([A-Z]{2,4})-(\d{3,5})$")
REF_PATTERN = r"^(M\d{1,2}|T[123]-[A-Z]{2,4}-\d{3,5}|[A-Z][A-Z0-9]*(-[A-Z0-9]+)*)$"


def parse_ref(ref: str) -> tuple[int | None, str]:
    """(tier, workstream code) read from the ref; (None, "") when the ref does not say."""
    if PROGRAMME_REF.match(ref):
        return 1, ""
    match = WORKSTREAM_REF.match(ref)
    if match:
        return int(match.group(1)), match.group(2)
    return None, ""
