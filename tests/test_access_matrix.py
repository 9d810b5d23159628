"""The access matrix, generated from the URL conf: every route × role × classification × read/write.

`RULES` says, for every named URL pattern of `mhhs_governance.urls` (the DRF router's routes and their
format-suffix twins included; the admin as the one group "admin:*"), how to build its URL from the records of
`tests.access_fixtures.build_world` and what each role must get:

    LOGIN    302 to /login/?next=<path>            pages never show anything to anonymous visitors
    REFUSED  401 or 403                            the API never redirects a machine client
    SEE      200 when the Participant may see the record (Public), 404 when not (Restricted)
    <code>   that status exactly

for anonymous, Participant, Chair and PMO, on a Public and a Restricted record (of each classified register;
the programme structure — groups, organisations, constituencies — is not classified), for GET and for every
write the route offers (POST / PUT / PATCH, and DELETE, which nothing offers). A write answered 2xx/302 must
have landed; a refused one must have changed nothing (tests.access_fixtures.fingerprint). No case may answer 500.

`test_every_route_has_a_rule` fails, naming them, for a route without a rule and for a rule whose route is gone:
a new route cannot ship without saying who may use it.

The second group reads every GET route as a Participant and asserts that no Restricted content — the marker
written into every Restricted title and text, and the Restricted records' refs — reaches them: pages, API lists
and records, spreadsheet exports (csv and xlsx), search, the calendar feed, the dashboard and its counts,
changes-since, group pages and the rendered meeting-pack PDFs. Then the same for Public records linked to
Restricted ones (a Public decision about a Restricted CR, …), created per test.

Known bugs are single cases marked xfail(strict=True) with the reproduction in the reason (see KNOWN_BUGS)."""

import csv
import datetime
import io
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from changes.forms import ChangeRequestForm
from changes.models import ChangeRequest, ImpactResponse
from core.choices import Classification
from core.roles import CHAIR, PARTICIPANT, PMO
from meetings import services as meeting_services
from meetings.forms import ActionForm, AgendaFormSet, MeetingForm
from meetings.models import Action, AgendaItem, Decision, DiscussionItem, Meeting, MeetingPack, Vote
from mhhs_governance.registers import REGISTERS
from milestones import services as milestone_services
from milestones.forms import MilestoneForm
from milestones.models import Milestone
from notifications.choices import Frequency, Kind
from programme.forms import ConstituencyForm, GovernanceGroupForm, OrganisationForm
from raid.forms import MitigationStepFormSet, RaidItemForm
from raid.models import RaidItem
from tests.access_fixtures import MARKER, PASSWORD, build_world, fingerprint
from tests.conftest import ROLES

PUBLIC = Classification.PUBLIC

# --- expected outcomes --------------------------------------------------------------------------------------

LOGIN = "LOGIN"
REFUSED = "REFUSED"


@dataclass(frozen=True)
class See:
    """`status` when the Participant may see the record of this variant, else 404 (as if it did not exist)."""

    status: int = 200


SEE = See()


def by_role(anonymous, participant, chair, pmo) -> dict:
    return {"anonymous": anonymous, PARTICIPANT: participant, CHAIR: chair, PMO: pmo}


PAGE_READ = by_role(LOGIN, SEE, 200, 200)  # a record page, or a list (no variant: SEE is 200)
API_READ = by_role(REFUSED, SEE, 200, 200)
POST_ONLY_PAGE = by_role(LOGIN, 405, 405, 405)  # GET on a page that only takes POST
NOT_OFFERED = by_role(405, 405, 405, 405)  # API methods a route does not offer: nobody, not even a 401 first


def page_pmo(ok: int = 302) -> dict:
    return by_role(LOGIN, 403, 403, ok)


def page_chair(ok: int = 302) -> dict:
    return by_role(LOGIN, 403, ok, ok)


def api_pmo(ok: int) -> dict:
    return by_role(REFUSED, 403, 403, ok)


def api_chair(ok: int) -> dict:
    return by_role(REFUSED, 403, ok, ok)


# --- variants: the records a route is tried on -----------------------------------------------------------------

# family -> [(variant, may a Participant see it)]
CLASSIFIED = [("public", True), ("restricted", False)]
FAMILIES = {
    None: [("-", True)],
    "fmt": [("csv", True), ("xlsx", True)],
    "cr": CLASSIFIED,
    "response": CLASSIFIED,
    "raid": CLASSIFIED,
    "milestone": CLASSIFIED,
    "meeting": CLASSIFIED,
    "issued": CLASSIFIED,
    "agenda_item": CLASSIFIED,
    "action": CLASSIFIED,
    "decision": CLASSIFIED,
    "vote": CLASSIFIED,
    "discussion": CLASSIFIED,
    "failed_pack": CLASSIFIED,
    "pack": [*CLASSIFIED, ("public-of-restricted-meeting", False)],
    "round": CLASSIFIED,
    # The records a person may follow, by the name their follow URL gives them (notifications.views.FOLLOWABLE).
    "followable": [
        (f"{kind}-{variant}", visible)
        for kind in ("change-request", "meeting", "action")
        for variant, visible in CLASSIFIED
    ],
}
FOLLOWED_FAMILY = {"change-request": "cr", "meeting": "meeting", "action": "action"}


def record(w, family: str, variant: str):
    """The variant's record, as the database holds it now."""
    obj = getattr(w, family)[variant]
    return type(obj).objects.get(pk=obj.pk)


def ref_of(family: str, key: str = "ref") -> Callable:
    return lambda w, v: {key: getattr(w, family)[v].ref}


def pk_of(family: str, key: str = "pk") -> Callable:
    return lambda w, v: {key: getattr(w, family)[v].pk}


def round_of(key: str = "pk") -> Callable:
    return lambda w, v: {"ref": w.round[v].meeting.ref, key: w.round[v].pk}


def followed(w, v):
    kind, variant = v.rsplit("-", 1)
    return {"record_type": kind, "ref": getattr(w, FOLLOWED_FAMILY[kind])[variant].ref}


def no_kwargs(w, v):
    return {}


def dag(w, v):
    return {"code": "DAG"}


def fmt(w, v):
    return {"fmt": v}


# --- form data: what a page's form posts back ---------------------------------------------------------------


def _post_value(bound):
    value = bound.value()
    if value is None or value == "" or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, datetime.datetime):
        # The form shows it in local time already (naive), as the datetime-local input holds it.
        return (timezone.localtime(value) if timezone.is_aware(value) else value).strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(item.pk if hasattr(item, "pk") else item) for item in value]
    return value


def form_data(form, **changes) -> dict:
    """The edit form posted back unchanged (hidden version included), plus `changes`."""
    data = {}
    for bound in form:
        value = _post_value(bound)
        if value is not None:
            data[bound.html_name] = value
    return {**data, **changes}


def formset_data(formset, changes: dict | None = None) -> dict:
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(len(formset.initial_forms)),
        f"{formset.prefix}-INITIAL_FORMS": str(len(formset.initial_forms)),
        f"{formset.prefix}-MIN_NUM_FORMS": "0",
        f"{formset.prefix}-MAX_NUM_FORMS": "1000",
    }
    for form in formset.initial_forms:
        data.update(form_data(form))
    return {**data, **(changes or {})}


def _fresh(obj):
    """`obj` as the database holds it now."""
    return type(obj).objects.get(pk=obj.pk)


def day_after(meeting) -> str:
    return (meeting.held_on + datetime.timedelta(days=1)).isoformat()


# --- the rules ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Op:
    method: str
    expect: dict
    data: Callable | None = None  # (world, variant) -> payload
    family: str | None = "inherit"  # the records this operation is tried on: "inherit" the rule's, "one" the
    # first of the rule's (for answers that cannot depend on the record: a method the route does not take)
    lands: bool = True  # an allowed write changes the database
    query: Callable | None = None  # (world, variant, role) -> query string
    upload: bool = False  # data is a multipart upload


@dataclass(frozen=True)
class Rule:
    name: str
    api: bool
    family: str | None
    kwargs: Callable
    ops: tuple
    suffix: bool = False  # the DRF router serves a `.json` twin of the route (tried with GET)
    suffix_writes: bool = False  # … and with the writes too (the routes of a viewset's own actions)
    fresh_client: bool = False  # the request changes the client (logout)


def page(name, family, kwargs, *ops, **options) -> Rule:
    return Rule(name, False, family, kwargs, ops, **options)


def api(name, family, kwargs, *ops, suffix=True, **options) -> Rule:
    return Rule(name, True, family, kwargs, ops, suffix=suffix, **options)


GET = Op("GET", PAGE_READ)
API_GET = Op("GET", API_READ)
DELETE = Op("DELETE", NOT_OFFERED, family="one")
PUT_NOT_OFFERED = Op("PUT", NOT_OFFERED, data=lambda w, v: {}, family="one")
PATCH_NOT_OFFERED = Op("PATCH", NOT_OFFERED, data=lambda w, v: {}, family="one")
GET_NOT_OFFERED = Op("GET", NOT_OFFERED, family="one")
GET_POST_ONLY = Op("GET", POST_ONLY_PAGE, family="one")
READ_ONLY_DETAIL = (API_GET, PUT_NOT_OFFERED, PATCH_NOT_OFFERED, DELETE)


# Registers only the PMO read: people (who is who, their addresses and grants).
PMO_ONLY_REGISTERS = {"people"}


def _spreadsheet_rules() -> list[Rule]:
    rules = []
    for kind in REGISTERS:

        def own_export(w, v, kind=kind):
            # The register as PMO would export it: every row unchanged.
            register = REGISTERS[kind]
            sheet = register.sheet()
            records = list(sheet.queryset_for_export(register.queryset(w.users[PMO])))
            return {"file": _named(sheet.export(records, "csv"), f"{kind}.csv")}

        rules += [
            page(
                f"import-{kind}",
                None,
                no_kwargs,
                Op("GET", page_pmo(200)),
                # A PMO upload is a dry run: the preview, nothing stored in the registers.
                Op("POST", page_pmo(200), data=own_export, upload=True, lands=False),
            ),
            page(f"template-{kind}", "fmt", fmt, Op("GET", page_pmo(200))),
            page(
                f"export-{kind}",
                "fmt",
                fmt,
                Op("GET", page_pmo(200) if kind in PMO_ONLY_REGISTERS else by_role(LOGIN, 200, 200, 200)),
            ),
        ]
    return rules


def _named(content: bytes, name: str):
    upload = io.BytesIO(content)
    upload.name = name
    return upload


RULES_LIST: list[Rule] = [
    *_spreadsheet_rules(),
    # --- programme structure (pages) -------------------------------------------------------------------------
    page("programme:group-list", None, no_kwargs, GET),
    page("programme:person-list", None, no_kwargs, Op("GET", page_pmo(200))),
    page(
        "programme:group-create",
        None,
        no_kwargs,
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: {"code": "MATRIXWG", "name": "Matrix WG", "level": 4, "parent": w.groups["PSG"].pk},
        ),
    ),
    page(
        "programme:group-edit",
        None,
        dag,
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: form_data(GovernanceGroupForm(instance=_fresh(w.groups["DAG"])), chair="Matrix"),
        ),
    ),
    page("programme:organisation-list", None, no_kwargs, GET),
    page(
        "programme:organisation-create",
        None,
        no_kwargs,
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: {"name": "Matrix Ltd", "constituency": w.constituencies["DNO"].pk, "active": "on"},
        ),
    ),
    page("programme:organisation-detail", None, lambda w, v: {"pk": w.organisations["UKPN"].pk}, GET),
    page(
        "programme:organisation-edit",
        None,
        lambda w, v: {"pk": w.organisations["UKPN"].pk},
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: form_data(OrganisationForm(instance=_fresh(w.organisations["UKPN"])), name="UKPN plc"),
        ),
    ),
    page("programme:constituency-list", None, no_kwargs, GET),
    page(
        "programme:constituency-create",
        None,
        no_kwargs,
        Op("GET", page_pmo(200)),
        Op("POST", page_pmo(), data=lambda w, v: {"code": "MATRIX_SEAT", "name": "Matrix seat", "position": 5}),
    ),
    page("programme:constituency-detail", None, lambda w, v: {"code": "DNO"}, GET),
    page(
        "programme:constituency-edit",
        None,
        lambda w, v: {"code": "DNO"},
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: form_data(
                ConstituencyForm(instance=_fresh(w.constituencies["DNO"])), name="Distribution Network Operator"
            ),
        ),
    ),
    # --- dashboards ------------------------------------------------------------------------------------------
    page("dashboards:home", None, no_kwargs, GET),
    page("dashboards:changes-since", None, no_kwargs, GET),
    page("dashboards:search", None, no_kwargs, Op("GET", PAGE_READ, query=lambda w, v, r: "q=restricted")),
    page("dashboards:my", None, no_kwargs, GET),
    page("dashboards:group", None, dag, GET),
    page(
        "dashboards:group-calendar",
        None,
        dag,
        # Calendar clients cannot sign in: the feed token stands for the user; without one, refused.
        Op("GET", by_role(403, 200, 200, 200), query=lambda w, v, role: f"token={w.feed_tokens.get(role, '')}"),
    ),
    # --- change control --------------------------------------------------------------------------------------
    page("changes:list", None, no_kwargs, GET),
    page(
        "changes:create",
        None,
        no_kwargs,
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: {
                "title": "Matrix change",
                "change_type": "full_impact_assessment",
                "classification": "public",
            },
        ),
    ),
    page("changes:status", None, no_kwargs, GET),
    page("changes:detail", "cr", ref_of("cr"), GET),
    page(
        "changes:edit",
        "cr",
        ref_of("cr"),
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: form_data(ChangeRequestForm(instance=record(w, "cr", v)), title="Edited"),
        ),
    ),
    page(
        "changes:transition",
        "cr",
        lambda w, v: {"ref": w.cr[v].ref, "step": "close_ia"},
        GET_POST_ONLY,
        Op("POST", page_pmo(), data=lambda w, v: {"version": record(w, "cr", v).version}),
    ),
    page(
        "changes:record-response",
        "cr",
        ref_of("cr"),
        GET_POST_ONLY,
        # The PMO enter an answer on the party's behalf; a Participant without the Party representative grant is
        # refused before the record is read (the representatives: test_a_party_representative_answers_…).
        Op("POST", page_pmo(), data=lambda w, v: {"organisation": w.organisations["UKPN"].pk, "response": "reject"}),
    ),
    page("changes:impact-summary", "cr", ref_of("cr"), GET),
    # --- RAID ------------------------------------------------------------------------------------------------
    page("raid:list", None, no_kwargs, GET),
    page(
        "raid:create",
        None,
        no_kwargs,
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: {
                "kind": "risk",
                "title": "Matrix risk",
                "description": "There is a risk.",
                "owner": "PMO",
                "likelihood": 3,
                "impact": 4,
                "status": "open",
                "classification": "public",
                **formset_data(MitigationStepFormSet(instance=RaidItem())),
            },
        ),
    ),
    page("raid:heat-map", None, no_kwargs, GET),
    page("raid:top-risks", None, dag, GET),
    page("raid:detail", "raid", ref_of("raid"), GET),
    page(
        "raid:edit",
        "raid",
        ref_of("raid"),
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: {
                **form_data(RaidItemForm(instance=record(w, "raid", v)), title="Edited risk"),
                **formset_data(MitigationStepFormSet(instance=record(w, "raid", v))),
            },
        ),
    ),
    page(
        "raid:close-or-reopen",
        "raid",
        lambda w, v: {"ref": w.raid[v].ref, "action": "close"},
        GET_POST_ONLY,
        Op("POST", page_pmo(), data=lambda w, v: {"reason": "Mitigated"}),
    ),
    # --- milestones ------------------------------------------------------------------------------------------
    page("milestones:list", None, no_kwargs, GET),
    page(
        "milestones:create",
        None,
        no_kwargs,
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: {
                "ref": "T3-DB-0999",
                "title": "Matrix milestone",
                "forum": w.groups["DAG"].pk,
                "responsible": "PMO",
                "baseline_on": "2030-01-07",
                "forecast_on": "2030-01-07",
                "status": "not_started",
                "classification": "public",
            },
        ),
    ),
    page("milestones:rollups", None, no_kwargs, GET),
    page("milestones:dashboard", None, dag, GET),
    page("milestones:detail", "milestone", ref_of("milestone"), GET),
    page(
        "milestones:edit",
        "milestone",
        ref_of("milestone"),
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: form_data(MilestoneForm(instance=record(w, "milestone", v)), commentary="Edited"),
        ),
    ),
    # --- meetings --------------------------------------------------------------------------------------------
    page("meetings:list", None, no_kwargs, GET),
    page(
        "meetings:create",
        None,
        no_kwargs,
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: {
                "group": w.groups["DAG"].pk,
                "number": "98",
                "starts_at": "2024-06-05T10:00",
                "ends_at": "2024-06-05T12:00",
                "status": "planned",
                "document_version": "1.0",
                "classification": "public",
            },
        ),
    ),
    page("meetings:detail", "meeting", ref_of("meeting"), GET),
    page(
        "meetings:edit",
        "meeting",
        ref_of("meeting"),
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: form_data(MeetingForm(instance=record(w, "meeting", v)), venue="Room 1"),
        ),
    ),
    page(
        "meetings:agenda",
        "meeting",
        ref_of("meeting"),
        Op("GET", page_pmo(200)),
        Op(
            "POST",
            page_pmo(),
            data=lambda w, v: formset_data(
                AgendaFormSet(instance=record(w, "meeting", v)), {"agenda_items-0-title": "Edited item"}
            ),
        ),
    ),
    page("meetings:headline-report", "meeting", ref_of("meeting"), GET),
    page(
        "meetings:raise-action",
        "meeting",
        ref_of("meeting"),
        GET_POST_ONLY,
        Op("POST", page_pmo(), data=lambda w, v: {"action-description": "Matrix action", "action-owner": "PMO"}),
    ),
    page(
        "meetings:record-decision",
        "meeting",
        ref_of("meeting"),
        GET_POST_ONLY,
        Op("POST", page_chair(), data=lambda w, v: {"decision-text": "Matrix decision"}),
    ),
    page(
        "meetings:record-votes",
        "meeting",
        ref_of("meeting"),
        GET_POST_ONLY,
        Op("POST", page_chair(), data=lambda w, v: {"votes-subject": "CR100", "votes-vote_LARGE_SUPPLIER": "abstain"}),
    ),
    page(
        "meetings:open-vote-round",
        "meeting",
        ref_of("meeting"),
        GET_POST_ONLY,
        Op("POST", page_chair(), data=lambda w, v: {"round-subject": "Matrix vote"}),
    ),
    page(
        "meetings:close-vote-round",
        "round",
        round_of(),
        GET_POST_ONLY,
        Op("POST", page_chair(), data=lambda w, v: {}),
    ),
    page(
        "meetings:cast-vote",
        "round",
        round_of(),
        GET_POST_ONLY,
        # Only a constituency's representative votes, for their own (test_a_constituency_representative_votes_…);
        # a Participant is refused once they may read the round, and told nothing of a Restricted one.
        Op("POST", by_role(LOGIN, See(403), 403, 403), data=lambda w, v: {f"cast-{w.round[v].pk}-vote": "approve"}),
    ),
    page(
        "meetings:add-discussion",
        "meeting",
        ref_of("meeting"),
        GET_POST_ONLY,
        # Discussion items are PMO's: not among the Chair's permissions (core.roles).
        Op("POST", page_pmo(), data=lambda w, v: {"discussion-area": "Matrix", "discussion-text": "Discussed"}),
    ),
    page(
        "meetings:issue-headline",
        "meeting",
        ref_of("meeting"),
        GET_POST_ONLY,
        Op("POST", page_chair(), data=lambda w, v: {"issue-issued_on": day_after(w.meeting[v])}),
    ),
    page(
        "meetings:approve-headline",
        "meeting",
        ref_of("meeting"),
        GET_POST_ONLY,
        # At DAG26 (DAG71) approve the issued headline report of DAG25 (DAG70).
        Op("POST", page_chair(), data=lambda w, v: {"approve-meeting": w.issued[v].ref}),
    ),
    page("meetings:packs", "meeting", ref_of("meeting"), GET),
    page(
        "meetings:request-pack",
        "meeting",
        ref_of("meeting"),
        GET_POST_ONLY,
        Op("POST", page_chair(), data=lambda w, v: {"kind": "headline_report", "classification": "public"}),
    ),
    page(
        "meetings:pack-retry",
        "failed_pack",
        pk_of("failed_pack"),
        GET_POST_ONLY,
        Op("POST", page_chair(), data=lambda w, v: {}),
    ),
    page("meetings:pack-download", "pack", pk_of("pack"), GET),
    page("meetings:action-list", None, no_kwargs, GET),
    page("meetings:action-detail", "action", ref_of("action"), GET),
    page(
        "meetings:action-edit",
        "action",
        ref_of("action"),
        Op("GET", page_pmo(200)),
        Op("POST", page_pmo(), data=lambda w, v: form_data(ActionForm(instance=record(w, "action", v)), area="Edited")),
    ),
    page(
        "meetings:action-step",
        "action",
        lambda w, v: {"ref": w.action[v].ref, "step": "update"},
        GET_POST_ONLY,
        Op("POST", page_pmo(), data=lambda w, v: {"text": "Progress made", "status": "ongoing"}),
    ),
    page(
        "meetings:action-owner-update",
        "action",
        ref_of("action"),
        GET_POST_ONLY,
        # The world's actions are owned by "Pat Participant", the Participant: the owner updates their own (a
        # non-owner is refused: test_someone_else_s_action_is_not_theirs_to_update); the PMO keep the log; the
        # Chair owns none of them.
        Op("POST", by_role(LOGIN, See(302), 403, 302), data=lambda w, v: {"text": "Progress made"}),
    ),
    page("meetings:decision-list", None, no_kwargs, GET),
    page("meetings:decision-detail", "decision", ref_of("decision"), GET),
    # --- notifications (pages) ------------------------------------------------------------------------------------
    # Everyone signed in has an inbox; a notification is its recipient's alone (the world's is the Participant's):
    # anyone else's answers 404, as one that does not exist.
    page("notifications:inbox", None, no_kwargs, GET),
    page(
        "notifications:mark-read",
        None,
        lambda w, v: {"pk": w.notification[PARTICIPANT].pk},
        GET_POST_ONLY,
        Op("POST", by_role(LOGIN, 302, 404, 404), data=lambda w, v: {}),
    ),
    page(
        "notifications:mark-all-read",
        None,
        no_kwargs,
        GET_POST_ONLY,
        # Every role has an unread notification in the world: each marks its own.
        Op("POST", by_role(LOGIN, 302, 302, 302), data=lambda w, v: {}),
    ),
    page(
        "notifications:preferences",
        None,
        no_kwargs,
        GET,
        Op("POST", by_role(LOGIN, 302, 302, 302), data=lambda w, v: dict.fromkeys(Kind.values, Frequency.DAILY)),
    ),
    page(
        "notifications:follow-group",
        None,
        dag,
        GET_POST_ONLY,
        Op("POST", by_role(LOGIN, 302, 302, 302), data=lambda w, v: {"follow": "1"}),
    ),
    page(
        "notifications:follow-record",
        "followable",
        followed,
        GET_POST_ONLY,
        # Only what the person may read: a Restricted record is not there to follow.
        Op("POST", by_role(LOGIN, See(302), 302, 302), data=lambda w, v: {"follow": "1"}),
    ),
    page(
        "notifications:unsubscribe",
        None,
        lambda w, v: {"token": w.unsubscribe_token},
        # No sign-in by design: the signed link names the person (the Participant) and the kinds. Opening it asks
        # to confirm and changes nothing; confirming turns the kinds off, whoever's browser posts it. A forged or
        # expired link: test_a_forged_or_expired_unsubscribe_link_changes_nothing.
        Op("GET", by_role(200, 200, 200, 200)),
        Op("POST", by_role(200, 200, 200, 200), data=lambda w, v: {}),
    ),
    page("notifications:outbox", None, no_kwargs, Op("GET", page_pmo(200))),
    page(
        "notifications:outbox-retry",
        None,
        lambda w, v: {"pk": w.failed_delivery.pk},
        GET_POST_ONLY,
        Op("POST", page_pmo(), data=lambda w, v: {}),
    ),
    # --- sign-in and liveness ----------------------------------------------------------------------------------
    # Signed-in people are sent on from the sign-in page to the dashboard.
    page("login", None, no_kwargs, Op("GET", by_role(200, 302, 302, 302))),
    page(
        "logout",
        None,
        no_kwargs,
        Op("GET", by_role(LOGIN, 405, 405, 405)),
        Op("POST", by_role(LOGIN, 302, 302, 302), data=lambda w, v: {}, lands=False),
        fresh_client=True,
    ),
    page("health", None, no_kwargs, Op("GET", by_role(200, 200, 200, 200))),
    # --- API: programme structure ------------------------------------------------------------------------------
    api(
        "constituency-list",
        None,
        no_kwargs,
        API_GET,
        Op("POST", api_pmo(201), data=lambda w, v: {"code": "MATRIX_SEAT", "name": "Matrix seat"}),
    ),
    api(
        "constituency-detail",
        None,
        lambda w, v: {"code": "DNO"},
        API_GET,
        Op("PUT", api_pmo(200), data=lambda w, v: {"code": "DNO", "name": "Distribution", "description": "Wires"}),
        Op("PATCH", api_pmo(200), data=lambda w, v: {"name": "Distribution Network Operator"}),
        DELETE,
    ),
    api(
        "organisation-list",
        None,
        no_kwargs,
        API_GET,
        Op("POST", api_pmo(201), data=lambda w, v: {"name": "Matrix Ltd", "constituency": "DNO"}),
    ),
    api(
        "organisation-detail",
        None,
        lambda w, v: {"pk": w.organisations["UKPN"].pk},
        API_GET,
        Op("PUT", api_pmo(200), data=lambda w, v: {"name": "UKPN plc", "constituency": "DNO", "active": True}),
        Op("PATCH", api_pmo(200), data=lambda w, v: {"name": "UK Power Networks"}),
        DELETE,
    ),
    api(
        "governance-group-list",
        None,
        no_kwargs,
        API_GET,
        Op(
            "POST",
            api_pmo(201),
            data=lambda w, v: {"code": "MATRIXWG", "name": "Matrix WG", "level": 4, "parent": "DAG"},
        ),
    ),
    api(
        "governance-group-detail",
        None,
        dag,
        API_GET,
        Op(
            "PUT",
            api_pmo(200),
            data=lambda w, v: {
                "code": "DAG",
                "name": "Design Advisory Group",
                "level": 3,
                "parent": "PSG",
                "chair": "X",
            },
        ),
        Op("PATCH", api_pmo(200), data=lambda w, v: {"chair": "Matrix chair"}),
        DELETE,
    ),
    # --- API: change control ------------------------------------------------------------------------------------
    api(
        "change-request-list",
        None,
        no_kwargs,
        API_GET,
        Op("POST", api_pmo(201), data=lambda w, v: {"title": "Matrix change"}),
    ),
    api(
        "change-request-detail",
        "cr",
        ref_of("cr"),
        API_GET,
        Op(
            "PUT",
            api_pmo(200),
            data=lambda w, v: {
                "title": "Replaced title",
                "description": "Replaced",
                "change_type": "full_impact_assessment",
                "classification": w.cr[v].classification,
            },
        ),
        Op("PATCH", api_pmo(200), data=lambda w, v: {"title": "Patched title"}),
        DELETE,
    ),
    api("change-request-impact-summary", "cr", ref_of("cr"), API_GET),
    api(
        "change-request-transitions",
        "cr",
        lambda w, v: {"ref": w.cr[v].ref, "step": "close_ia"},
        GET_NOT_OFFERED,
        Op("POST", api_pmo(200), data=lambda w, v: {}),
        suffix_writes=True,
    ),
    api(
        "impact-response-list",
        None,
        no_kwargs,
        API_GET,
        Op(
            "POST",
            api_pmo(201),
            family="cr",
            data=lambda w, v: {
                "change_request": w.cr[v].ref,
                "organisation": w.organisations["UKPN"].pk,
                "response": "abstain",
            },
        ),
    ),
    api(
        "impact-response-detail",
        "response",
        pk_of("response"),
        API_GET,
        # The PMO revise any answer (on the party's behalf); the answering party's representative their own
        # (test_a_party_representative_answers_…); nobody else.
        Op(
            "PUT",
            api_pmo(200),
            data=lambda w, v: {
                "change_request": w.cr[v].ref,
                "organisation": w.response[v].organisation_id,
                "response": "reject",
            },
        ),
        Op("PATCH", api_pmo(200), data=lambda w, v: {"response": "abstain"}),
        DELETE,
    ),
    # --- API: RAID and milestones ------------------------------------------------------------------------------
    api(
        "raid-item-list",
        None,
        no_kwargs,
        API_GET,
        Op(
            "POST",
            api_pmo(201),
            data=lambda w, v: {"kind": "risk", "title": "Matrix risk", "likelihood": 2, "impact": 2, "groups": ["DAG"]},
        ),
    ),
    api(
        "raid-item-detail",
        "raid",
        ref_of("raid"),
        API_GET,
        Op(
            "PUT",
            api_pmo(200),
            data=lambda w, v: {
                "kind": "risk",
                "title": "Replaced risk",
                "likelihood": 2,
                "impact": 3,
                "classification": w.raid[v].classification,
            },
        ),
        Op("PATCH", api_pmo(200), data=lambda w, v: {"title": "Patched risk"}),
        DELETE,
    ),
    api(
        "milestone-list",
        None,
        no_kwargs,
        API_GET,
        Op(
            "POST",
            api_pmo(201),
            data=lambda w, v: {
                "ref": "T3-DB-0999",
                "title": "Matrix milestone",
                "forum": "DAG",
                "baseline_on": "2030-01-07",
            },
        ),
    ),
    api(
        "milestone-detail",
        "milestone",
        ref_of("milestone"),
        API_GET,
        Op(
            "PUT",
            api_pmo(200),
            data=lambda w, v: {
                "ref": w.milestone[v].ref,
                "title": "Replaced milestone",
                "forum": "DAG",
                "baseline_on": w.milestone[v].baseline_on.isoformat(),
                "classification": w.milestone[v].classification,
            },
        ),
        Op("PATCH", api_pmo(200), data=lambda w, v: {"commentary": "Patched"}),
        DELETE,
    ),
    # --- API: meetings -----------------------------------------------------------------------------------------
    api(
        "meeting-list",
        None,
        no_kwargs,
        API_GET,
        Op(
            "POST",
            api_pmo(201),
            data=lambda w, v: {"group": "DAG", "number": "98", "starts_at": "2024-06-05T10:00:00+01:00"},
        ),
    ),
    api(
        "meeting-detail",
        "meeting",
        ref_of("meeting"),
        API_GET,
        Op(
            "PUT",
            api_pmo(200),
            data=lambda w, v: {
                "group": "DAG",
                "number": w.meeting[v].number,
                "starts_at": w.meeting[v].starts_at.isoformat(),
                "title": "Replaced title",
                "classification": w.meeting[v].classification,
            },
        ),
        Op("PATCH", api_pmo(200), data=lambda w, v: {"venue": "Room 1"}),
        DELETE,
    ),
    api(
        "meeting-approve-headline-report",
        "issued",
        ref_of("issued"),
        GET_NOT_OFFERED,
        # Approves DAG25's (DAG70's) headline report at DAG26 (DAG71).
        Op("POST", api_chair(201), data=lambda w, v: {"at_meeting": w.meeting[v].ref}),
        suffix_writes=True,
    ),
    api(
        "meeting-issue-headline-report",
        "meeting",
        ref_of("meeting"),
        GET_NOT_OFFERED,
        Op("POST", api_chair(200), data=lambda w, v: {"issued_on": day_after(w.meeting[v])}),
        suffix_writes=True,
    ),
    api("meeting-votes", "meeting", ref_of("meeting"), API_GET),
    api(
        "meeting-vote-rounds",
        "meeting",
        ref_of("meeting"),
        API_GET,
        # The meeting is read first: a Participant is refused a Public one's, told nothing of a Restricted one.
        Op("POST", by_role(REFUSED, See(403), 201, 201), data=lambda w, v: {"subject": "Matrix vote"}),
        suffix_writes=True,
    ),
    api(
        "meeting-close-vote-round",
        "round",
        round_of("round_id"),
        GET_NOT_OFFERED,
        Op("POST", api_chair(200), data=lambda w, v: {}),
        suffix_writes=True,
    ),
    api(
        "agenda-item-list",
        None,
        no_kwargs,
        API_GET,
        Op(
            "POST",
            api_pmo(201),
            family="meeting",
            data=lambda w, v: {"meeting": w.meeting[v].ref, "position": 9, "title": "Matrix item"},
        ),
    ),
    api(
        "agenda-item-detail",
        "agenda_item",
        pk_of("agenda_item"),
        API_GET,
        Op(
            "PUT",
            api_pmo(200),
            data=lambda w, v: {"meeting": w.meeting[v].ref, "position": 1, "title": "Replaced item"},
        ),
        Op("PATCH", api_pmo(200), data=lambda w, v: {"title": "Patched item"}),
        DELETE,
    ),
    api(
        "action-list",
        None,
        no_kwargs,
        API_GET,
        Op(
            "POST",
            api_pmo(201),
            family="meeting",
            data=lambda w, v: {"meeting": w.meeting[v].ref, "description": "Matrix action", "owner": "PMO"},
        ),
    ),
    api(
        "action-detail",
        "action",
        ref_of("action"),
        API_GET,
        Op(
            "PUT",
            api_pmo(200),
            data=lambda w, v: {
                "meeting": w.action[v].meeting.ref,
                "description": "Replaced action",
                "owner": "PMO",
                "classification": w.action[v].classification,
            },
        ),
        Op("PATCH", api_pmo(200), data=lambda w, v: {"area": "Patched"}),
        DELETE,
    ),
    api(
        "action-updates",
        "action",
        ref_of("action"),
        GET_NOT_OFFERED,
        # The owner ("Pat Participant", the Participant) updates their own; the PMO keep the log; the Chair owns
        # none (a non-owner: test_someone_else_s_action_is_not_theirs_to_update).
        Op("POST", by_role(REFUSED, See(201), 403, 201), data=lambda w, v: {"text": "Progress made"}),
        suffix_writes=True,
    ),
    api(
        "decision-list",
        None,
        no_kwargs,
        API_GET,
        Op(
            "POST",
            api_chair(201),
            family="meeting",
            data=lambda w, v: {"meeting": w.meeting[v].ref, "text": "Matrix decision"},
        ),
    ),
    api("decision-detail", "decision", ref_of("decision"), *READ_ONLY_DETAIL),
    api(
        "vote-list",
        None,
        no_kwargs,
        API_GET,
        Op(
            "POST",
            api_chair(201),
            family="meeting",
            data=lambda w, v: {
                "meeting": w.meeting[v].ref,
                "subject": "CR100",
                "constituency": "LARGE_SUPPLIER",
                "vote": "approve",
            },
        ),
    ),
    api("vote-detail", "vote", pk_of("vote"), *READ_ONLY_DETAIL),
    api(
        "discussion-item-list",
        None,
        no_kwargs,
        API_GET,
        Op(
            "POST",
            api_pmo(201),
            family="meeting",
            data=lambda w, v: {"meeting": w.meeting[v].ref, "area": "Matrix", "text": "Discussed"},
        ),
    ),
    api(
        "discussion-item-detail",
        "discussion",
        pk_of("discussion"),
        API_GET,
        Op(
            "PUT",
            api_pmo(200),
            data=lambda w, v: {"meeting": w.meeting[v].ref, "area": "Replaced", "text": "Replaced"},
        ),
        Op("PATCH", api_pmo(200), data=lambda w, v: {"text": "Patched"}),
        DELETE,
    ),
    api(
        "meeting-pack-list",
        None,
        no_kwargs,
        API_GET,
        Op(
            "POST",
            api_chair(202),
            family="meeting",
            data=lambda w, v: {"meeting": w.meeting[v].ref, "kind": "headline_report", "classification": "public"},
        ),
    ),
    api("meeting-pack-detail", "pack", pk_of("pack"), *READ_ONLY_DETAIL),
    api(
        "meeting-pack-retry",
        "failed_pack",
        pk_of("failed_pack"),
        GET_NOT_OFFERED,
        Op("POST", api_chair(202), data=lambda w, v: {}),
        suffix_writes=True,
    ),
    # --- API: notifications --------------------------------------------------------------------------------------
    # One's own only (the world's is the Participant's): anyone else's answers 404.
    api(
        "notification-list",
        None,
        no_kwargs,
        API_GET,
        Op("POST", NOT_OFFERED, data=lambda w, v: {"subject": "Forged"}),
    ),
    api(
        "notification-detail",
        None,
        lambda w, v: {"pk": w.notification[PARTICIPANT].pk},
        Op("GET", by_role(REFUSED, 200, 404, 404)),
        Op("PUT", NOT_OFFERED, data=lambda w, v: {"subject": "Forged"}),
        Op("PATCH", NOT_OFFERED, data=lambda w, v: {"subject": "Forged"}),
        Op("DELETE", NOT_OFFERED),
    ),
    api(
        "notification-read",
        None,
        lambda w, v: {"pk": w.notification[PARTICIPANT].pk},
        Op("GET", NOT_OFFERED),
        Op("POST", by_role(REFUSED, 200, 404, 404), data=lambda w, v: {}),
        suffix_writes=True,
    ),
    # --- API: root, tokens, schema and docs ----------------------------------------------------------------------
    api("api-root", None, no_kwargs, Op("GET", by_role(REFUSED, 200, 200, 200))),
    api(
        "api-token",
        None,
        no_kwargs,
        GET_NOT_OFFERED,
        # Anyone may trade a username and password for a token; anonymous here sends wrong ones.
        Op(
            "POST",
            by_role(400, 200, 200, 200),
            data=lambda w, v: {"username": "nobody", "password": "wrong"},
        ),
        suffix=False,
    ),
    api("api-schema", None, no_kwargs, Op("GET", by_role(REFUSED, 200, 200, 200)), suffix=False),
    api("api-docs", None, no_kwargs, Op("GET", by_role(REFUSED, 200, 200, 200)), suffix=False),
    api("api-redoc", None, no_kwargs, Op("GET", by_role(REFUSED, 200, 200, 200)), suffix=False),
]
RULES: dict[str, Rule] = {rule.name: rule for rule in RULES_LIST}
ADMIN = "admin:*"


# --- the URL conf -----------------------------------------------------------------------------------------------

FORMAT_SUFFIX = re.compile(r"\(\?P<format>|<drf_format_suffix:format>")


def url_patterns(resolver=None, prefix: str = "", namespace: str = "") -> list[tuple[str | None, str, bool]]:
    """Every pattern of the URL conf, nested resolvers included: (namespaced name, full pattern, is a
    format-suffix twin). Every admin route counts as the one name "admin:*"."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace or "") if part)
            found += url_patterns(entry, pattern, inner)
        elif isinstance(entry, URLPattern):
            if namespace.split(":")[0] == "admin":
                found.append((ADMIN, pattern, False))
                continue
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            found.append((name, pattern, bool(FORMAT_SUFFIX.search(pattern))))
    return found


def test_every_route_has_a_rule():
    patterns = url_patterns()
    by_name = defaultdict(list)
    for name, pattern, is_suffix in patterns:
        by_name[name].append((pattern, is_suffix))
    problems = []
    for name, entries in sorted(by_name.items(), key=lambda item: str(item[0])):
        if name is None:
            problems += [f"unnamed route without a rule: {pattern}" for pattern, _ in entries]
            continue
        if name == ADMIN:
            continue
        if name not in RULES:
            problems.append(f"route without a rule: {name} ({', '.join(p for p, _ in entries)})")
            continue
        plain = [pattern for pattern, is_suffix in entries if not is_suffix]
        twins = [pattern for pattern, is_suffix in entries if is_suffix]
        if len(plain) != 1:
            problems.append(f"{name} names {len(plain)} routes, one rule cannot say for all: {plain}")
        if bool(twins) != RULES[name].suffix:
            problems.append(f"{name}: the rule says suffix={RULES[name].suffix}, the URL conf has {twins or 'none'}")
    problems += [f"rule for a route that no longer exists: {name}" for name in RULES if name not in by_name]
    assert ADMIN in by_name, "the admin is mounted"
    assert not problems, "\n".join(problems)


# --- the world and its clients -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction that is rolled back at its end; each test runs in a
    savepoint of it (pytest-django's `db`), so a write in one test is gone for the next."""
    media = tmp_path_factory.mktemp("access-media")
    with override_settings(MEDIA_ROOT=str(media)), django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    """A page client and an API client per role, signed in once for the module."""
    pages, apis = {}, {}
    with django_db_blocker.unblock():
        for role in ROLES:
            pages[role], apis[role] = Client(), APIClient()
            user = world.users.get(role)
            if user is not None:
                pages[role].force_login(user)
                apis[role].force_authenticate(user)
    return {"page": pages, "api": apis}


def client_for(rule: Rule, role: str, clients, world):
    if rule.fresh_client:
        caller = APIClient() if rule.api else Client()
        if role != "anonymous":
            if rule.api:
                caller.force_authenticate(world.users[role])
            else:
                caller.force_login(world.users[role])
        return caller
    return clients["api" if rule.api else "page"][role]


# --- the matrix -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    rule: str
    op: int  # index into the rule's ops
    variant: str
    visible: bool  # may the Participant see this variant's record
    role: str
    suffix: bool = False  # through the `.json` twin of the route

    @property
    def id(self) -> str:
        rule = RULES[self.rule]
        method = rule.ops[self.op].method
        return f"{self.rule}{'.json' if self.suffix else ''}-{self.variant}-{self.role}-{method}"


def cases() -> list[Case]:
    found = []
    for rule in RULES_LIST:
        for index, op in enumerate(rule.ops):
            variants = FAMILIES[rule.family if op.family in ("inherit", "one") else op.family]
            for variant, visible in variants[:1] if op.family == "one" else variants:
                for role in ROLES:
                    found.append(Case(rule.name, index, variant, visible, role))
                    if rule.suffix and (op.method == "GET" or rule.suffix_writes):
                        found.append(Case(rule.name, index, variant, visible, role, suffix=True))
    return found


# --- known bugs ---------------------------------------------------------------------------------------------------
# Case id -> reason, with the reproduction. Each case stays xfail(strict=True) until the app is fixed; then it
# passes, the strict xfail fails, and its entry here is deleted.

SIGNED_IN = (PARTICIPANT, CHAIR, PMO)
BOTH = ("public", "restricted")

KNOWN_BUGS: dict[str, str] = {}

MARKER_BUGS: dict[str, str] = {}
REF_BUGS: dict[str, str] = {**MARKER_BUGS}

LINK_BUGS: dict[str, str] = {}


def params(items, id_of=lambda item: item.id, bugs=None):
    bugs = KNOWN_BUGS if bugs is None else bugs
    return [
        pytest.param(item, id=id_of(item), marks=[pytest.mark.xfail(strict=True, reason=bugs[id_of(item)])])
        if id_of(item) in bugs
        else pytest.param(item, id=id_of(item))
        for item in items
    ]


def build_url(rule: Rule, case: Case, world) -> str:
    kwargs = rule.kwargs(world, case.variant)
    if case.suffix:
        kwargs = {**kwargs, "format": "json"}
    return reverse(rule.name, kwargs=kwargs)


def expected_outcome(op: Op, case: Case):
    outcome = op.expect[case.role]
    if isinstance(outcome, See):
        return outcome.status if case.visible else 404
    return outcome


def send(caller, rule: Rule, op: Op, path: str, data):
    method = getattr(caller, op.method.lower())
    if op.method == "GET":
        return method(path)
    if rule.api:
        return method(path, data, format="json")
    if op.upload:
        return method(path, data)
    if op.method == "POST":
        return method(path, data or {})
    return method(path, data or {}, content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("case", params(cases()))
def test_route_answers_each_role_as_the_rules_say(case, world, clients, db):
    rule = RULES[case.rule]
    op = rule.ops[case.op]
    path = build_url(rule, case, world)
    if op.query:
        path = f"{path}?{op.query(world, case.variant, case.role)}"
    data = op.data(world, case.variant) if op.data else None
    if rule.name == "api-token" and case.role != "anonymous":
        data = {"username": world.users[case.role].username, "password": PASSWORD}
    caller = client_for(rule, case.role, clients, world)

    before = fingerprint()
    response = send(caller, rule, op, path, data)
    after = fingerprint()

    expected = expected_outcome(op, case)
    status = response.status_code
    assert status != 500
    if expected == LOGIN:
        assert status == 302, _explain(response)
        assert response["Location"] == redirect_to_login(path).url
    elif expected == REFUSED:
        assert status in (401, 403), _explain(response)
    else:
        assert status == expected, _explain(response)
    if op.method == "GET":
        return
    allowed = status in (200, 201, 202, 204, 302) and expected not in (LOGIN, REFUSED)
    if allowed and op.lands:
        assert after != before, "an allowed write must land"
    else:
        assert after == before, "a refused write must change nothing"


def _explain(response) -> str:
    location = response.get("Location", "")
    body = b"" if getattr(response, "streaming", False) else response.content[:300]
    return f"{response.status_code} {location} {body!r}"


# --- the admin: one rule group ---------------------------------------------------------------------------------

ADMIN_URLS = {
    "index": lambda w: reverse("admin:index"),
    "changelist": lambda w: reverse("admin:changes_changerequest_changelist"),
    "restricted-record": lambda w: reverse("admin:changes_changerequest_change", args=[w.cr["restricted"].pk]),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page_name", sorted(ADMIN_URLS))
def test_admin_is_for_pmo_staff_only(page_name, role, world, clients, db):
    path = ADMIN_URLS[page_name](world)
    response = clients["page"][role].get(path)
    if role == PMO:
        assert response.status_code == 200
        return
    assert response.status_code == 302
    if role == "anonymous":
        # The admin's sign-in for its index, the site's (LoginRequiredMiddleware) for the other admin pages.
        assert response["Location"] in (
            redirect_to_login(path).url,
            redirect_to_login(path, reverse("admin:login")).url,
        )
    else:
        # Signed in without staff status: the admin's own sign-in page.
        assert response["Location"] == redirect_to_login(path, reverse("admin:login")).url


@pytest.mark.parametrize("role", ["anonymous", PARTICIPANT, CHAIR])
def test_admin_refuses_writes_to_non_staff(role, world, clients, db):
    cr = world.cr["restricted"]
    path = reverse("admin:changes_changerequest_change", args=[cr.pk])
    before = fingerprint()
    response = clients["page"][role].post(path, {"title": "Through the admin", "change_type": "fast_track"})
    assert response.status_code == 302
    assert fingerprint() == before
    assert ChangeRequest.objects.get(pk=cr.pk).title == cr.title


# --- Participants never receive Restricted content ----------------------------------------------------------------


def body_text(response) -> str:
    """The response as text: HTML / JSON / CSV / iCalendar decoded, xlsx cells and PDF text extracted."""
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    content_type = response.get("Content-Type", "")
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            " ".join("" if cell is None else str(cell) for cell in row)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if "pdf" in content_type:
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(content))
        # Text as laid out, and without the line breaks a long title may be wrapped at.
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        return text + "\n" + re.sub(r"\s+", "", text)
    return content.decode("utf-8", errors="replace")


def leaked_refs(text: str, world) -> list[str]:
    """The Restricted refs `text` names (as whole refs: CR701, not CR7010; DAG71 also inside DAG71-01)."""
    return [ref for ref in world.restricted_refs if re.search(rf"(?<![\w-]){re.escape(ref)}(?![\w])", text)]


def around(text: str, *needles: str, width: int = 120) -> str:
    """Where each needle first shows in `text`, with some context: the failure message of a leak."""
    shown = []
    for needle in needles:
        index = text.find(needle)
        if index >= 0:
            shown.append(f"{needle}: …{text[max(index - width, 0) : index + width]!r}…")
    return "\n".join(shown)


@dataclass(frozen=True)
class Read:
    """One GET a Participant makes."""

    label: str
    path: Callable  # world -> path with query

    @property
    def id(self) -> str:
        return self.label


def participant_reads() -> list[Read]:
    """Every GET route of RULES a Participant may call, on every variant, and the same routes with the query
    parameters that switch their reading (as of a date, since a date, search terms, pagination)."""
    reads = []
    for case in cases():
        rule = RULES[case.rule]
        op = rule.ops[case.op]
        if case.role != PARTICIPANT or op.method != "GET" or rule.name in ("logout", "login", "health"):
            continue

        def path(w, rule=rule, case=case, op=op):
            url = build_url(rule, case, w)
            return f"{url}?{op.query(w, case.variant, PARTICIPANT)}" if op.query else url

        reads.append(Read(f"{rule.name}{'.json' if case.suffix else ''}-{case.variant}", path))
    since = "since=2000-01-01"  # every record is "new" since then
    as_of = f"as_of={datetime.date.today() + datetime.timedelta(days=1):%Y-%m-%d}"
    extra = {
        "dashboard-as-of": f"/?{as_of}",
        "changes-since-2000": f"/changes-since/?{since}",
        # The page repeats the query: search for the start of a Restricted ref, not the whole of it.
        "search-marker-prefix": "/search/?q=ZQRESTRICTED",
        "search-ref-cr": "/search/?q=CR70",
        "search-ref-raid": "/search/?q=R70",
        "search-ref-milestone": "/search/?q=T3-ZQR",
        "search-ref-meeting": "/search/?q=DAG7",
        "search-ref-psg": "/search/?q=PSG7",
        "search-ref-decision": "/search/?q=DAG-DEC70",
        "search-ref-action": "/search/?q=DAG26-0",
        "changes-list-as-of": f"/changes/?{as_of}",
        "changes-status-36-months": "/changes/status/?months=36",
        "raid-list-since": f"/raid/?{since}",
        "raid-list-as-of": f"/raid/?{as_of}",
        "raid-heat-map-risks": "/raid/heat-map/?kind=risk",
        "raid-top-risks-since": f"/raid/groups/DAG/?{since}",
        "milestones-list-as-of": f"/milestones/?{as_of}",
        "milestones-dashboard-on-today": f"/milestones/dashboards/DAG/?on={datetime.date.today():%Y-%m-%d}",
        "milestones-dashboard-psg": "/milestones/dashboards/PSG/",
        "meetings-list-as-of": f"/meetings/?{as_of}",
        "meeting-tabs-packs": "/meetings/DAG26/?tab=packs",
        "meeting-live": "/meetings/DAG26/?live=1",
        "actions-list-as-of": f"/actions/?{as_of}",
        "decisions-list-as-of": f"/decisions/?{as_of}",
        "group-psg": "/groups/PSG/",
        "raid-export-as-of": f"/raid/export.csv?{as_of}",
        "actions-export-as-of": f"/actions/export.xlsx?{as_of}",
        "api-change-requests-as-of": f"/api/change-requests/?{as_of}",
        "api-change-requests-search": "/api/change-requests/?q=restricted",
        "api-raid-items-since": f"/api/raid-items/?{since}&page_size=500",
        "api-raid-items-as-of": f"/api/raid-items/?{as_of}",
        "api-milestones-as-of": f"/api/milestones/?{as_of}",
        "api-meetings-as-of": f"/api/meetings/?{as_of}",
        "api-actions-as-of": f"/api/actions/?{as_of}",
        "api-decisions-as-of": f"/api/decisions/?{as_of}",
        "api-agenda-items-by-meeting": "/api/agenda-items/?meeting__ref=DAG71",
        "api-votes-by-meeting": "/api/votes/?meeting__ref=DAG71",
        "api-discussion-by-meeting": "/api/discussion-items/?meeting__ref=DAG71",
        "api-packs-restricted": "/api/meeting-packs/?classification=restricted",
        "public-headline-pack-pdf": None,
    }
    # The Participant's notification about CR701, restricted since it was written: its words are not theirs now.
    reads.append(
        Read(
            "notification-detail-restricted-record",
            lambda w: reverse("notification-detail", kwargs={"pk": w.notification["restricted-record"].pk}),
        )
    )
    for label, path in extra.items():
        if path is None:
            reads.append(Read(label, lambda w: reverse("meetings:pack-download", args=[w.public_headline_pack.pk])))
        else:
            reads.append(Read(label, lambda w, path=path: path))
    return reads


READS = participant_reads()
_BODIES: dict[str, tuple[int, str]] = {}


def participant_get(read: Read, world, clients) -> tuple[int, str]:
    """The Participant's response to `read` (status, text), fetched once for the marker and the ref checks."""
    if read.label not in _BODIES:
        path = read.path(world)
        caller = clients["api" if path.startswith("/api/") else "page"][PARTICIPANT]
        response = caller.get(path)
        assert response.status_code != 500, path
        _BODIES[read.label] = (response.status_code, body_text(response))
    return _BODIES[read.label]


@pytest.mark.parametrize("read", params(READS, bugs=MARKER_BUGS))
def test_participants_never_receive_restricted_content(read, world, clients, db):
    _, text = participant_get(read, world, clients)
    assert MARKER not in text, around(text, MARKER)


@pytest.mark.parametrize("read", params(READS, bugs=REF_BUGS))
def test_participants_never_receive_restricted_refs(read, world, clients, db):
    _, text = participant_get(read, world, clients)
    leaked = leaked_refs(text, world)
    assert not leaked, around(text, *leaked)


def test_public_content_does_reach_participants(world, clients, db):
    """The leak checks prove something only if the same reads show the Public records: spot checks."""
    expectations = {
        "changes:list--": "CR100",
        "raid:list--": "R100",
        "milestones:list--": "T3-DB-0100",
        "meetings:detail-public": "DAG-DEC100",
        "meetings:pack-download-public": "DAG-DEC100",
        "public-headline-pack-pdf": "DAG-DEC100",
        "export-change-requests-csv": "CR100",
        "export-actions-xlsx": "DAG26-01",
        "dashboards:group-calendar--": "DAG26",
        "dashboards:my--": "CR100",
        "change-request-list--": "CR100",
        "notifications:inbox--": "DAG26-01",
        "notification-list--": "DAG26-01",
    }
    by_label = {read.label: read for read in READS}
    for label, wanted in expectations.items():
        status, text = participant_get(by_label[label], world, clients)
        assert status == 200, label
        assert wanted in text, label


# --- counts -----------------------------------------------------------------------------------------------------

COUNTED = {
    "/api/change-requests/": lambda: ChangeRequest.objects.all(),
    "/api/impact-responses/": lambda: ImpactResponse.objects.all(),
    "/api/raid-items/": lambda: RaidItem.objects.all(),
    "/api/milestones/": lambda: Milestone.objects.all(),
    "/api/meetings/": lambda: Meeting.objects.all(),
    "/api/agenda-items/": lambda: AgendaItem.objects.all(),
    "/api/actions/": lambda: Action.objects.all(),
    "/api/decisions/": lambda: Decision.objects.all(),
    "/api/votes/": lambda: Vote.objects.all(),
    "/api/discussion-items/": lambda: DiscussionItem.objects.all(),
    "/api/meeting-packs/": lambda: MeetingPack.objects.all(),
}
# Where a record's classification lives: its own, its meeting's or its change request's (packs: both).
CLASSIFIED_BY = {
    "/api/impact-responses/": ("change_request__classification",),
    "/api/agenda-items/": ("meeting__classification",),
    "/api/votes/": ("meeting__classification",),
    "/api/discussion-items/": ("meeting__classification",),
    "/api/meeting-packs/": ("classification", "meeting__classification"),
}


@pytest.mark.parametrize("role", [PARTICIPANT, CHAIR, PMO])
@pytest.mark.parametrize("path", sorted(COUNTED))
def test_api_list_counts_only_what_the_role_may_see(path, role, world, clients, db):
    everything = COUNTED[path]()
    public = everything.filter(**{name: PUBLIC for name in CLASSIFIED_BY.get(path, ("classification",))})
    assert public.count() < everything.count(), "the world has Restricted records of this kind"
    response = clients["api"][role].get(path, {"page_size": 500})
    assert response.status_code == 200
    expected = public.count() if role == PARTICIPANT else everything.count()
    assert response.json()["count"] == expected
    assert len(response.json()["results"]) == expected


def test_dashboard_counts_only_public_records_for_participants(world, clients, db):
    response = clients["page"][PARTICIPANT].get("/")
    assert response.status_code == 200
    context = response.context
    open_crs = ChangeRequest.objects.filter(classification=PUBLIC, status__in=["open", "on_hold"])
    assert context["changes"]["open_total"] == open_crs.count()
    assert {cr.ref for cr in context["changes"]["in_ia"]} == {"CR100"}
    open_items = RaidItem.objects.filter(classification=PUBLIC, status="open")
    assert context["raid"]["total"] == open_items.count()
    assert all(item.classification == PUBLIC for item in context["raid"]["top"])
    pending = [*context["actions"]["overdue"], *context["actions"]["due_soon"]]
    assert {action.ref for action in pending} == {world.action["public"].ref}
    assert all(meeting.classification == PUBLIC for meeting in context["next_meetings"])
    # Every milestone sits in one tier donut: the totals count the Public ones only.
    assert sum(chart["total"] for _, chart in context["milestones"]["tiers"]) == (
        Milestone.objects.filter(classification=PUBLIC).count()
    )

    chair = clients["page"][CHAIR].get("/").context
    assert chair["changes"]["open_total"] == ChangeRequest.objects.filter(status__in=["open", "on_hold"]).count()
    assert chair["raid"]["total"] == RaidItem.objects.filter(status="open").count()


def test_search_finds_for_participants_only_public_records(world, clients, db):
    participant = clients["page"][PARTICIPANT].get("/search/", {"q": "Restricted"}).context["results"]
    assert not [hit.ref for _, hits, _ in participant for hit in hits if hit.ref in world.restricted_refs]
    chair = clients["page"][CHAIR].get("/search/", {"q": "Restricted"}).context["results"]
    assert {hit.ref for _, hits, _ in chair for hit in hits} & set(world.restricted_refs)
    public = clients["page"][PARTICIPANT].get("/search/", {"q": "public"}).context["results"]
    assert sum(total for *_, total in public) > 0


EXPORTED = {
    "change-requests": (lambda: ChangeRequest.objects.all(), "classification"),
    "impact-responses": (lambda: ImpactResponse.objects.all(), "change_request__classification"),
    "raid-items": (lambda: RaidItem.objects.all(), "classification"),
    "milestones": (lambda: Milestone.objects.all(), "classification"),
    "actions": (lambda: Action.objects.all(), "classification"),
    "decisions": (lambda: Decision.objects.all(), "classification"),
}


@pytest.mark.parametrize("role", [PARTICIPANT, CHAIR])
@pytest.mark.parametrize("kind", sorted(EXPORTED))
def test_exports_hold_only_the_rows_the_role_may_see(kind, role, world, clients, db):
    assert set(EXPORTED) == set(REGISTERS) - PMO_ONLY_REGISTERS
    everything, classified_by = EXPORTED[kind]
    expected = everything().filter(**{classified_by: PUBLIC}) if role == PARTICIPANT else everything()
    response = clients["page"][role].get(reverse(f"export-{kind}", kwargs={"fmt": "csv"}))
    rows = [row for row in csv.reader(io.StringIO(body_text(response).lstrip("\ufeff"))) if any(row)]
    assert len(rows) - 1 == expected.count()


# --- Public records linked to Restricted ones ---------------------------------------------------------------------
# Each scenario links a Public record to a Restricted one as the pages and services allow, then reads the Public
# record where it shows. `link` returns the names its paths use.


def _decision_about_restricted_cr(w) -> dict:
    # A Chair records, at the Public DAG26, a decision naming the Restricted CR701 (the decision form offers
    # every CR): the decision is Restricted, since it names that CR, though its meeting is Public.
    decision = meeting_services.decision_record(
        meeting=w.meeting["public"], actor=None, text="The group noted the change", change_request=w.cr["restricted"]
    )
    assert decision.classification == Classification.RESTRICTED
    return {"decision": decision.ref}


def _cr_exclusive_with_restricted(w) -> dict:
    w.cr["public"].mutually_exclusive_with.add(w.cr["restricted"])
    return {}


def _milestone_depends_on_restricted(w) -> dict:
    restricted = record(w, "milestone", "restricted")
    restricted.rag_override, restricted.rag_override_reason = "red", f"Override {MARKER}"
    restricted.save()
    public = record(w, "milestone", "public")
    public.forecast_on = restricted.baseline_on + datetime.timedelta(days=7)
    public.save()
    public.depends_on.add(restricted)
    milestone_services.recompute_rag()
    return {}


def _action_linked_to_restricted(w) -> dict:
    action = record(w, "action", "public")
    action.change_requests.add(w.cr["restricted"])
    action.raid_items.add(w.raid["restricted"])
    action.milestones.add(w.milestone["restricted"])
    return {"action": action.ref}


def _public_action_at_restricted_meeting(w) -> dict:
    action = meeting_services.action_raise(
        meeting=w.meeting["restricted"], actor=None, description="Public action", owner="PMO", classification=PUBLIC
    )
    return {"action": action.ref}


def _headlines_approved_across(w) -> dict:
    # DAG25's (Public) report approved at DAG71 (Restricted); DAG70's (Restricted) at DAG26 (Public): the approve
    # form offers any earlier issued report of the group, whatever its classification.
    meeting_services.headline_approve(meeting=w.issued["public"], at_meeting=w.meeting["restricted"], actor=None)
    meeting_services.headline_approve(meeting=w.issued["restricted"], at_meeting=w.meeting["public"], actor=None)
    return {}


@dataclass(frozen=True)
class Link:
    scenario: str
    link: Callable  # world -> names for `path`
    linked: tuple  # the refs of the Restricted records linked to
    path: str

    @property
    def id(self) -> str:
        return f"{self.scenario}-{self.path}"


def _links(scenario, link, linked, *paths) -> list[Link]:
    return [Link(scenario, link, linked, path) for path in paths]


LINKS = [
    *_links(
        "decision-about-restricted-cr",
        _decision_about_restricted_cr,
        ("CR701",),
        "/decisions/?group=DAG",
        "/decisions/export.csv",
        "/api/decisions/",
        "/meetings/DAG26/",
        "/meetings/DAG26/headline-report/",
        "/groups/DAG/",
    ),
    *_links(
        "cr-exclusive-with-restricted",
        _cr_exclusive_with_restricted,
        ("CR701",),
        "/changes/CR100/",
        "/changes/",
        "/changes/export.csv",
        "/api/change-requests/CR100/",
    ),
    *_links(
        "milestone-depends-on-restricted",
        _milestone_depends_on_restricted,
        ("T3-ZQR-0701",),
        "/milestones/T3-DB-0100/",
        "/milestones/",
        "/milestones/export.csv",
        "/milestones/dashboards/DAG/",
        "/api/milestones/T3-DB-0100/",
    ),
    *_links(
        "action-linked-to-restricted",
        _action_linked_to_restricted,
        ("CR701", "R701", "T3-ZQR-0701"),
        "/actions/{action}/",
        "/actions/?group=DAG",
        "/actions/export.csv",
        "/api/actions/{action}/",
    ),
    # An action said to be Public at a Restricted meeting is Restricted (its ref names the meeting): the lists
    # that would show it must not (its own pages answer 404: test_an_action_said_public_at_a_restricted_meeting…).
    *_links(
        "public-action-at-restricted-meeting",
        _public_action_at_restricted_meeting,
        (),
        "/actions/?group=DAG",
        "/groups/DAG/",
        "/",
    ),
    *_links(
        "headlines-approved-across",
        _headlines_approved_across,
        ("DAG70", "DAG71"),
        "/meetings/DAG25/",
        "/meetings/DAG26/",
        "/meetings/DAG26/headline-report/",
        "/api/meetings/DAG25/",
    ),
]


@pytest.mark.parametrize("path", ["/actions/{action}/", "/api/actions/{action}/"])
def test_an_action_said_public_at_a_restricted_meeting_is_hidden_with_it(path, world, clients, db):
    names = _public_action_at_restricted_meeting(world)
    client = clients["api" if path.startswith("/api/") else "page"][PARTICIPANT]
    assert client.get(path.format(**names)).status_code == 404


@pytest.mark.parametrize("link", params(LINKS, bugs=LINK_BUGS))
def test_public_records_linked_to_restricted_ones_do_not_reveal_them(link, world, clients, db):
    path = link.path.format(**link.link(world))
    response = clients["api" if path.startswith("/api/") else "page"][PARTICIPANT].get(path)
    assert response.status_code == 200
    text = body_text(response)
    assert MARKER not in text, around(text, MARKER)
    leaked = [ref for ref in link.linked if ref in leaked_refs(text, world)]
    assert not leaked, around(text, *leaked)


# --- Participants' own writes: representatives and action owners --------------------------------------------------
# The generic matrix's Participant holds no grant. Here the world's representatives: a party representative of UKPN
# and a constituency representative of Supplier A Ltd (LARGE_SUPPLIER). Each may act for their own party or
# constituency on Public records, is refused (403) for another, and is told nothing (as if absent) of Restricted ones.


def _api_as(user) -> APIClient:
    caller = APIClient()
    caller.force_authenticate(user)
    return caller


def _page_as(user) -> Client:
    caller = Client()
    caller.force_login(user)
    return caller


def _as_if_absent(send, restricted: str, absent: str):
    """Asserts that naming the Restricted record answers exactly as naming one that does not exist, and that
    nothing changed; returns the response."""
    before = fingerprint()
    response = send(restricted)
    assert fingerprint() == before, "a refused write must change nothing"
    assert response.status_code in (400, 404), _explain(response)
    missing = send(absent)
    assert response.status_code == missing.status_code
    assert _sans_csrf(body_text(response)).replace(restricted, absent) == _sans_csrf(body_text(missing))
    assert MARKER not in body_text(response)
    return response


def _sans_csrf(text: str) -> str:
    return re.sub(r'(CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", text)


def _refused(response, before, status=403):
    assert response.status_code == status, _explain(response)
    assert fingerprint() == before, "a refused write must change nothing"


def _answer_of(world, variant: str, organisation: str = "UKPN"):
    return (
        ImpactResponse.objects.unrestricted()
        .filter(change_request=world.cr[variant], organisation=world.organisations[organisation])
        .first()
    )


def test_a_party_representative_answers_for_their_own_organisation_on_a_public_cr(world, db):
    rep = world.representatives["party"]
    response = _api_as(rep).post(
        "/api/impact-responses/", {"change_request": "CR100", "response": "support"}, format="json"
    )
    assert response.status_code == 201, _explain(response)
    answer = _answer_of(world, "public")
    assert answer.response == "support" and answer.entered_by == rep and not answer.on_behalf
    assert response.json()["organisation"] == world.organisations["UKPN"].pk

    revised = _api_as(rep).patch(f"/api/impact-responses/{answer.pk}/", {"response": "reject"}, format="json")
    assert revised.status_code == 200, _explain(revised)
    assert _answer_of(world, "public").response == "reject"

    page = _page_as(rep).post(reverse("changes:record-response", kwargs={"ref": "CR100"}), {"response": "abstain"})
    assert page.status_code == 302, _explain(page)
    assert _answer_of(world, "public").response == "abstain"
    assert not _answer_of(world, "public").on_behalf


def test_the_pmo_answer_for_any_organisation_marked_on_its_behalf(world, db):
    response = clients_api(world, PMO).post(
        "/api/impact-responses/",
        {"change_request": "CR100", "organisation": world.organisations["UKPN"].pk, "response": "reject"},
        format="json",
    )
    assert response.status_code == 201, _explain(response)
    assert _answer_of(world, "public").on_behalf


def clients_api(world, role) -> APIClient:
    return _api_as(world.users[role])


def test_a_party_representative_is_refused_for_another_organisation(world, db):
    rep = world.representatives["party"]
    other = world.organisations["Supplier A Ltd"]
    before = fingerprint()
    _refused(
        _api_as(rep).post(
            "/api/impact-responses/",
            {"change_request": "CR100", "organisation": other.pk, "response": "reject"},
            format="json",
        ),
        before,
    )
    # Supplier A Ltd's own answer to CR100, in the world.
    _refused(
        _api_as(rep).patch(f"/api/impact-responses/{world.response['public'].pk}/", {"response": "reject"}, "json"),
        before,
    )
    _refused(
        _page_as(rep).post(
            reverse("changes:record-response", kwargs={"ref": "CR100"}),
            {"organisation": other.pk, "response": "reject"},
        ),
        before,
    )


def test_without_the_grant_a_participant_answers_for_nobody(world, clients, db):
    before = fingerprint()
    _refused(
        clients["api"][PARTICIPANT].post(
            "/api/impact-responses/", {"change_request": "CR100", "response": "support"}, format="json"
        ),
        before,
    )
    _refused(
        clients["page"][PARTICIPANT].post(
            reverse("changes:record-response", kwargs={"ref": "CR100"}), {"response": "support"}
        ),
        before,
    )


def test_a_party_representative_is_told_nothing_of_a_restricted_cr(world, db):
    rep = world.representatives["party"]
    api_client, page_client = _api_as(rep), _page_as(rep)
    _as_if_absent(
        lambda ref: api_client.post(
            "/api/impact-responses/", {"change_request": ref, "response": "support"}, format="json"
        ),
        "CR701",
        "CR999",
    )
    _as_if_absent(
        lambda pk: api_client.patch(f"/api/impact-responses/{pk}/", {"response": "reject"}, format="json"),
        str(world.response["restricted"].pk),
        "999999",
    )
    response = _as_if_absent(
        lambda ref: page_client.post(reverse("changes:record-response", kwargs={"ref": ref}), {"response": "support"}),
        "CR701",
        "CR999",
    )
    assert response.status_code == 404
    assert _answer_of(world, "restricted") is None


def _cast_page(world, variant: str) -> tuple[str, dict]:
    vote_round = world.round[variant]
    path = reverse("meetings:cast-vote", kwargs={"ref": vote_round.meeting.ref, "pk": vote_round.pk})
    return path, {f"cast-{vote_round.pk}-vote": "approve"}


def test_a_constituency_representative_votes_for_their_own_constituency_on_a_public_round(world, db):
    rep = world.representatives["constituency"]
    vote_round = world.round["public"]
    path, data = _cast_page(world, "public")
    response = _page_as(rep).post(path, data)
    assert response.status_code == 302, _explain(response)
    cast = Vote.objects.get(round=vote_round)
    assert (cast.constituency.code, cast.vote) == ("LARGE_SUPPLIER", "approve")

    changed = _api_as(rep).post("/api/votes/", {"round": vote_round.pk, "vote": "reject"}, format="json")
    assert changed.status_code == 201, _explain(changed)
    assert changed.json()["constituency"] == "LARGE_SUPPLIER"
    assert Vote.objects.get(round=vote_round).vote == "reject"


def test_a_constituency_representative_is_refused_for_another_constituency(world, clients, db):
    rep = world.representatives["constituency"]
    vote_round = world.round["public"]
    before = fingerprint()
    _refused(
        _api_as(rep).post(
            "/api/votes/", {"round": vote_round.pk, "vote": "approve", "constituency": "DNO"}, format="json"
        ),
        before,
    )
    # Without the grant, nobody votes: not a Participant, not the PMO (who record votes where no round is held).
    for caller in (clients["api"][PARTICIPANT], clients["api"][CHAIR], clients["api"][PMO]):
        _refused(caller.post("/api/votes/", {"round": vote_round.pk, "vote": "approve"}, format="json"), before)
    path, data = _cast_page(world, "public")
    _refused(clients["page"][PARTICIPANT].post(path, data), before)


def test_a_constituency_representative_is_told_nothing_of_a_restricted_round(world, db):
    rep = world.representatives["constituency"]
    vote_round = world.round["restricted"]
    api_client, page_client = _api_as(rep), _page_as(rep)
    _as_if_absent(
        lambda pk: api_client.post("/api/votes/", {"round": int(pk), "vote": "approve"}, format="json"),
        str(vote_round.pk),
        "999999",
    )
    _as_if_absent(
        lambda ref: api_client.post(
            "/api/votes/", {"meeting": ref, "subject": vote_round.subject, "vote": "approve"}, format="json"
        ),
        "DAG71",
        "DAG99",
    )
    response = _as_if_absent(
        lambda ref: page_client.post(
            reverse("meetings:cast-vote", kwargs={"ref": ref, "pk": vote_round.pk}),
            {f"cast-{vote_round.pk}-vote": "approve"},
        ),
        "DAG71",
        "DAG99",
    )
    assert response.status_code == 404
    assert not Vote.objects.filter(round=vote_round).exists()


def test_a_closed_round_takes_no_vote_and_does_not_close_twice(world, clients, db):
    vote_round = world.round["public"]
    close = f"/api/meetings/{vote_round.meeting.ref}/vote-rounds/{vote_round.pk}/close/"
    closed = clients["api"][CHAIR].post(close, {}, format="json")
    assert closed.status_code == 200, _explain(closed)
    # Every constituency Not in attendance.
    assert closed.json()["tally"]["absent"] == len(world.constituencies)
    before = fingerprint()
    _refused(clients["api"][CHAIR].post(close, {}, format="json"), before, status=400)
    rep = world.representatives["constituency"]
    _refused(_api_as(rep).post("/api/votes/", {"round": vote_round.pk, "vote": "approve"}, format="json"), before, 400)
    # The page says why and changes nothing.
    path, data = _cast_page(world, "public")
    response = _page_as(rep).post(path, data)
    assert response.status_code == 302
    assert fingerprint() == before


def _someone_elses_action(world):
    return meeting_services.action_raise(
        meeting=world.meeting["public"], actor=None, description="The PMO's own action", owner="PMO"
    )


@pytest.mark.parametrize("route", ["page", "api"])
def test_someone_else_s_action_is_not_theirs_to_update(route, world, clients, db):
    action = _someone_elses_action(world)
    before = fingerprint()
    if route == "page":
        response = clients["page"][PARTICIPANT].post(
            reverse("meetings:action-owner-update", kwargs={"ref": action.ref}), {"text": "Done, I think"}
        )
    else:
        response = clients["api"][PARTICIPANT].post(
            f"/api/actions/{action.ref}/updates/", {"text": "Done, I think"}, format="json"
        )
    _refused(response, before)
    assert Action.objects.get(pk=action.pk).latest_update == ""


def test_an_action_owned_by_their_organisation_is_theirs_to_update(world, clients, db):
    action = meeting_services.action_raise(
        meeting=world.meeting["public"],
        actor=None,
        description="UKPN to confirm",
        owner="UKPN",
        owner_organisation=world.organisations["UKPN"],
    )
    response = clients["api"][PARTICIPANT].post(
        f"/api/actions/{action.ref}/updates/", {"text": "Confirmed", "status": "recommend_closed"}, format="json"
    )
    assert response.status_code == 201, _explain(response)
    assert Action.objects.get(pk=action.pk).status == "recommend_closed"
    # Closing stays with the group's meeting.
    before = fingerprint()
    _refused(
        clients["api"][PARTICIPANT].post(
            f"/api/actions/{action.ref}/updates/", {"text": "Closed", "status": "closed"}, format="json"
        ),
        before,
        status=400,
    )


# --- notifications: one's own, and nothing about what one may not read --------------------------------------------


def _everyone(world) -> dict:
    return {**world.users, **{f"rep-{name}": user for name, user in world.representatives.items()}}


def test_each_person_reads_and_marks_only_their_own_notifications(world, db):
    from notifications.models import Notification

    everyone = _everyone(world)
    for label, user in everyone.items():
        own = set(Notification.objects.filter(recipient=user).values_list("pk", flat=True))
        assert own, f"{label} has a notification in the world"
        listed_ids = {row["id"] for row in _api_as(user).get("/api/notifications/").json()["results"]}
        assert listed_ids == own, label
        for other in Notification.objects.exclude(recipient=user):
            before = fingerprint()
            assert _api_as(user).get(f"/api/notifications/{other.pk}/").status_code == 404
            _refused(_api_as(user).post(f"/api/notifications/{other.pk}/read/"), before, 404)
            _refused(_page_as(user).post(reverse("notifications:mark-read", args=[other.pk])), before, 404)


def test_events_about_restricted_records_reach_only_those_who_may_read_them(world, db):
    """The world dispatched the real events: the action assigned (the Participant owns the Public and the Restricted
    ones), the IAs issued (to UKPN's representative), the votes opened (to LARGE_SUPPLIER's)."""
    from notifications import services as notification_services
    from notifications.models import Notification

    def about(user):
        return {(n.content_type.model, n.object_id) for n in Notification.objects.filter(recipient=user)}

    participant = world.users[PARTICIPANT]
    assert ("action", world.action["public"].pk) in about(participant)
    restricted_actions = Action.objects.unrestricted().exclude(classification=PUBLIC).values_list("pk", flat=True)
    assert not {("action", pk) for pk in restricted_actions} & about(participant)
    assert about(world.representatives["party"]) == {("changerequest", world.cr["public"].pk)}
    assert about(world.representatives["constituency"]) == {("meeting", world.meeting["public"].pk)}

    # Following DAG: the headline reports of its Public meetings reach the Participant, its Restricted ones do not.
    notification_services.follow_set(user=participant, following=True, group=world.groups["DAG"])
    for meeting in (world.issued["public"], world.issued["restricted"]):
        notification_services.dispatch_event("headline_issued", {"meeting_id": meeting.pk})
    headlines = Notification.objects.filter(recipient=participant, kind="headline_issued")
    assert [n.object_id for n in headlines] == [world.issued["public"].pk]


def test_a_notification_about_a_record_restricted_since_keeps_its_place_not_its_words(world, clients, db):
    note = world.notification["restricted-record"]
    inbox = body_text(clients["page"][PARTICIPANT].get(reverse("notifications:inbox")))
    assert "A record you can no longer read." in inbox
    assert "DAG26-01" in inbox  # the Public one, in full
    detail = clients["api"][PARTICIPANT].get(f"/api/notifications/{note.pk}/").json()
    assert (detail["subject"], detail["body"], detail["url"]) == ("A record you can no longer read.", "", "")
    # Marking it read is still theirs to do.
    assert clients["api"][PARTICIPANT].post(f"/api/notifications/{note.pk}/read/").status_code == 200


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("link", ["forged", "another-salt", "expired"])
def test_a_forged_or_expired_unsubscribe_link_changes_nothing(link, method, world, db):
    from django.core import signing

    token = world.unsubscribe_token
    max_age = None
    if link == "forged":
        token = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    elif link == "another-salt":
        token = signing.TimestampSigner(salt="elsewhere").sign_object({"u": world.users[PMO].pk, "k": ["cr_decided"]})
    else:
        max_age = -1
    path = reverse("notifications:unsubscribe", kwargs={"token": token})
    before = fingerprint()
    with override_settings(**({"NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE": max_age} if max_age is not None else {})):
        response = getattr(Client(), method.lower())(path)
    _refused(response, before, status=400)


def test_a_superuser_reads_the_outbox_a_chair_does_not(world, clients, db):
    from tests.factories import UserFactory

    admin = UserFactory(username="matrix-admin", is_superuser=True, is_staff=True)
    assert _page_as(admin).get(reverse("notifications:outbox")).status_code == 200
    assert clients["page"][CHAIR].get(reverse("notifications:outbox")).status_code == 403


@pytest.mark.parametrize("who", ["party", "constituency"])
def test_representatives_never_receive_restricted_content(who, world, db):
    user = world.representatives[who]
    for path in ("/", "/my/", "/inbox/", "/api/notifications/", "/changes/CR100/", "/meetings/DAG26/?tab=votes"):
        caller = _api_as(user) if path.startswith("/api/") else _page_as(user)
        response = caller.get(path)
        assert response.status_code == 200, path
        text = body_text(response)
        assert MARKER not in text, around(text, MARKER)
        leaked = leaked_refs(text, world)
        assert not leaked, around(text, *leaked)
