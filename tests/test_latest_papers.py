"""The "Latest papers" banner (dashboards.latest_papers): when no meeting is scheduled ahead and the last one began
more than a programme cycle ago, the dashboard and the registers name the newest papers the reader may see (the
PSG's where it has some) and link to the page as they reported it (?as_of=<ref>), and from there back to today's;
while the papers are current there is none. Two queries a page at most (one while a meeting is recent or ahead),
whatever the number of meetings."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.choices import Classification
from core.roles import PARTICIPANT, PMO
from dashboards.latest_papers import calendar
from meetings.choices import HeadlineStatus, MeetingStatus, PackKind, PackStatus
from meetings.models import MeetingPack
from tests.dashboards.helpers import by_testid, page, signed_in
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory, at

pytestmark = pytest.mark.django_db

TWO_YEARS_ON = at(datetime.date(2026, 9, 4), 12)
PAPERS_CURRENT = at(datetime.date(2024, 9, 10), 12)
DAY = datetime.timedelta(days=1)
REGISTERS = ["/changes/", "/raid/", "/milestones/", "/meetings/", "/actions/", "/decisions/"]


def banner(response):
    return page(response).find(data_testid="latest-papers-banner")


def link(element, testid: str) -> str:
    return element.find(data_testid=testid).attrs["href"]


@pytest.fixture
def pmo(db):
    return UserFactory(username="lp-pmo", role=PMO)


@pytest.fixture
def participant(db):
    return UserFactory(username="lp-participant", role=PARTICIPANT)


@pytest.fixture
def psg36(groups):
    """PSG #36 with its papers (their document reference), and PSG #35 before it."""
    MeetingFactory(group=groups["PSG"], number="35", starts_at=at(datetime.date(2024, 8, 7)))
    return MeetingFactory(
        group=groups["PSG"], number="36", starts_at=at(datetime.date(2024, 9, 4)), document_ref="MHHS-DEL3002"
    )


# --- the demo -----------------------------------------------------------------------------------------------------


@pytest.fixture
def demo(pmo):
    with time_machine.travel(TWO_YEARS_ON, tick=False):
        call_command("load_demo", "--allow-published-passwords", stdout=StringIO())


@pytest.mark.slow
def test_two_years_after_the_demo_papers_the_dashboard_and_registers_name_psg36_and_link_to_its_view(demo, pmo):
    client = signed_in(pmo)
    with time_machine.travel(TWO_YEARS_ON, tick=False):
        today = banner(client.get("/"))
        assert today is not None
        assert today.attrs["role"] == "region" and today.attrs["aria-label"] == "Latest papers"
        assert "Latest papers: PSG #36, 4 September 2024" in today.text()
        assert link(today, "latest-papers-then") == "/?as_of=PSG36"

        then = page(client.get("/?as_of=PSG36"))
        assert "PSG36" in by_testid(then, "as-of-banner").text()
        assert "PSG #36, 4 September 2024" in by_testid(then, "latest-papers-banner").text()
        assert link(then, "latest-papers-today") == "/"

        for url in REGISTERS:
            register = banner(client.get(f"{url}?q=&page=1"))
            assert register is not None, url
            assert "Latest papers: PSG #36, 4 September 2024" in register.text(), url
            assert link(register, "latest-papers-then") == f"{url}?q=&as_of=PSG36", url

        then = page(client.get("/actions/?as_of=PSG36"))
        assert "PSG36" in by_testid(then, "as-of-banner").text()
        assert link(then, "latest-papers-today") == "/actions/"


@pytest.mark.slow
def test_while_the_demo_papers_are_current_there_is_no_banner(demo, pmo):
    client = signed_in(pmo)
    with time_machine.travel(PAPERS_CURRENT, tick=False):
        for url in ["/", *REGISTERS]:
            assert banner(client.get(url)) is None, url


# --- the rule -----------------------------------------------------------------------------------------------------


@time_machine.travel(TWO_YEARS_ON, tick=False)
def test_the_steering_groups_papers_are_named_before_a_later_group_meetings_or_a_later_psg_without_papers(
    groups, psg36, pmo
):
    MeetingFactory(group=groups["PSG"], number="38", starts_at=at(datetime.date(2024, 11, 6)))
    MeetingFactory(
        group=groups["CCAG"], number="36", starts_at=at(datetime.date(2024, 11, 27)), document_ref="MHHS-DEL3283"
    )

    assert calendar(pmo).latest_papers == psg36


@time_machine.travel(TWO_YEARS_ON, tick=False)
def test_a_ready_pack_or_an_issued_headline_report_are_papers_too(groups, psg36, pmo):
    psg37 = MeetingFactory(group=groups["PSG"], number="37", starts_at=at(datetime.date(2024, 10, 2)))
    MeetingPack.objects.create(meeting=psg37, kind=PackKind.PAPERS, status=PackStatus.READY)
    assert calendar(pmo).latest_papers == psg37

    psg38 = MeetingFactory(
        group=groups["PSG"],
        number="38",
        starts_at=at(datetime.date(2024, 11, 6)),
        headline_status=HeadlineStatus.ISSUED,
    )
    assert calendar(pmo).latest_papers == psg38


@time_machine.travel(TWO_YEARS_ON, tick=False)
def test_without_a_psg_or_any_papers_the_newest_meeting_is_named(groups, pmo):
    MeetingFactory(group=groups["DAG"], number="20", starts_at=at(datetime.date(2024, 8, 14)))
    dag21 = MeetingFactory(group=groups["DAG"], number="21", starts_at=at(datetime.date(2024, 9, 11)))
    MeetingFactory(
        group=groups["DAG"], number="22", starts_at=at(datetime.date(2024, 10, 9)), status=MeetingStatus.CANCELLED
    )

    assert calendar(pmo).latest_papers == dag21


@time_machine.travel(TWO_YEARS_ON, tick=False)
def test_a_meeting_ahead_or_one_within_a_programme_cycle_means_the_papers_are_current(groups, psg36, pmo):
    assert calendar(pmo).latest_papers == psg36

    MeetingFactory(group=groups["DAG"], number="40", starts_at=at(datetime.date(2026, 8, 5)))
    assert calendar(pmo).latest_papers is None, "a meeting began four weeks ago"

    MeetingFactory(group=groups["DAG"], number="41", starts_at=at(datetime.date(2027, 1, 6)))
    assert calendar(pmo).latest_papers is None


@time_machine.travel(TWO_YEARS_ON, tick=False)
def test_a_cancelled_meeting_ahead_does_not_count(groups, psg36, pmo):
    MeetingFactory(
        group=groups["PSG"], number="37", starts_at=at(datetime.date(2026, 10, 7)), status=MeetingStatus.CANCELLED
    )

    assert calendar(pmo).latest_papers == psg36


# --- restriction ----------------------------------------------------------------------------------------------------


@time_machine.travel(TWO_YEARS_ON, tick=False)
def test_a_participant_never_learns_of_a_restricted_meeting_from_the_banner(groups, psg36, pmo, participant):
    MeetingFactory(
        group=groups["PSG"],
        number="37",
        starts_at=at(datetime.date(2024, 10, 2)),
        document_ref="MHHS-DEL3100",
        classification=Classification.RESTRICTED,
    )

    for url in ["/", "/actions/"]:
        assert "Latest papers: PSG #37, 2 October 2024" in banner(signed_in(pmo).get(url)).text()
        response = signed_in(participant).get(url)
        assert "Latest papers: PSG #36, 4 September 2024" in banner(response).text()
        assert "PSG37" not in response.content.decode() and "PSG #37" not in response.content.decode()


@time_machine.travel(TWO_YEARS_ON, tick=False)
def test_a_restricted_meeting_ahead_keeps_the_banner_for_a_participant_only(groups, psg36, pmo, participant):
    MeetingFactory(
        group=groups["PSG"],
        number="37",
        starts_at=at(datetime.date(2026, 10, 7)),
        classification=Classification.RESTRICTED,
    )

    assert banner(signed_in(pmo).get("/")) is None
    assert "Latest papers: PSG #36" in banner(signed_in(participant).get("/")).text()


# --- where it shows, and what it costs ----------------------------------------------------------------------------


@time_machine.travel(TWO_YEARS_ON, tick=False)
def test_the_link_keeps_the_pages_other_parameters_and_only_the_papers_own_ref_reads_as_viewing_them(psg36, pmo):
    client = signed_in(pmo)

    filtered = banner(client.get("/raid/?kind=risk&kind=issue&page=1&as_of=2024-01-01"))
    assert link(filtered, "latest-papers-then") == "/raid/?kind=risk&kind=issue&as_of=PSG36"

    viewing = banner(client.get("/raid/?kind=risk&as_of=psg36"))
    assert "Back to today's view" in viewing.text()
    assert link(viewing, "latest-papers-today") == "/raid/?kind=risk"


@time_machine.travel(TWO_YEARS_ON, tick=False)
def test_record_pages_and_table_refreshes_carry_no_banner(psg36, pmo):
    client = signed_in(pmo)

    assert banner(client.get(f"/meetings/{psg36.ref}/")) is None
    refresh = client.get("/meetings/", headers={"HX-Request": "true", "HX-Target": "record-table"})
    assert refresh.status_code == 200 and b"latest-papers-banner" not in refresh.content


@time_machine.travel(TWO_YEARS_ON, tick=False)
def test_the_banner_reads_two_queries_whatever_the_number_of_meetings(groups, psg36, pmo):
    def queries(url) -> int:
        client = signed_in(pmo)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    pmo.has_perm("meetings.view_meeting")  # the reader's permissions, read once whatever follows
    with CaptureQueriesContext(connection) as captured:
        papers = calendar(pmo).latest_papers
    assert papers == psg36 and len(captured) == 2, "whether the programme is quiet, then which papers"

    before = {url: queries(url) for url in ["/", "/actions/", "/meetings/"]}
    for number in range(37, 57):
        MeetingFactory(group=groups["PSG"], number=str(number), starts_at=at(datetime.date(2024, 9, 5)) + number * DAY)
    after = {url: queries(url) for url in before}

    assert before == after
