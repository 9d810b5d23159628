"""Governance meetings as the seed papers record them (../shared/seeds/), for load_demo.

Sources, latest first: CCAG #36 papers (27 Nov 2024, MHHS-DEL3283 v1.0), PSG #36 papers (04 Sep 2024,
MHHS-DEL3002 v1.3) and an extract of the CCAG papers of 28 Feb 2024. The three packs give their own
meeting's agenda and actions review; their "Governance group updates" slides (the headline report
paragraphs of other groups' recent meetings), "Upcoming Governance Meetings" lists, forward plans,
working-group progress report and dashboards give the other meetings. Pure data, no Django imports.

Conventions:
- Wording is copied from the papers. In the 28 Feb 2024 extract, PDF extraction split words ("w as",
  "Framew ork", "Qualif ication") and lines; those are mended, nothing else is changed (typos kept and noted).
- Dates are ISO. Every meeting has "meeting_on" (its date) where the papers give one; "starts_at" /
  "ends_at" (Europe/London local time) only where the papers give a time. No paper names a venue.
- "number" is the papers' meeting number, or one read off a printed neighbour: an action ref with its
  raise date (CCAG25-01 raised 20/12/2023 -> CCAG25 on 20 Dec 2023), "the previous / next meeting" of a
  numbered one, or an extraordinary meeting after a numbered one ("37.1", DESIGN §2). Where the papers
  give no number and none can be read off, "number" is None and "ref" is "<GROUP>-<YYYY-MM-DD>"
  (e.g. "DAG-2024-08-14"); the loader may keep that ref or number the meeting itself. Every meeting
  carries "ref"; for numbered ones it is group + number. ACTIONS / DECISIONS / FORWARD_PLANS point at it.
- "status" as of the latest paper (27 Nov 2024): "by_correspondence" / "cancelled" where the papers say
  so; otherwise "held" when dated before 27 Nov 2024 (a meeting whose date has passed with no
  cancellation reported is taken as held, although the papers print outcomes only for some), and
  "planned" from CCAG #36 on (its pack, issued before it met, is the latest paper).
- Agenda items carry "position" (the agenda's "#"); keys the agenda leaves blank are left out (the
  Welcome and Appendices rows have no type, the Appendices rows no lead or time). Working-group agendas
  are item titles only. "item_type" is the first of a "Decision / Information" pair.
- "headline_report": present where a paper shows that meeting's headline report issued (tabled for
  approval, or linked). "approved_at" where it is tabled at a meeting that was held (the outcome is not
  printed: the packs are pre-meeting papers); "for_approval_at" where that meeting is still planned.
  No paper prints an issue date, so "issued_on" never appears; "with_amendments" / "by_correspondence"
  are likewise never printed.
- "discussion" holds the headline paragraphs; those that record a decision are in DECISIONS instead.
  Headline sentences printed without a heading have area "".
- No paper gives votes by constituency (the CR054 table is an impact assessment, changes/demo_data.py),
  so no meeting has "votes". No decisions log with refs ("DAG-DEC55") is printed: every decision has
  "ref": None.

Meetings the papers mention without a date are left out: the December 2023 DAG (approved CR036), the
April and February 2024 SITAGs, the August 2024 CDWG (CR053), the September 2024 and November 2024
CDWG / CDWG1 meetings (reported cancelled), and the PSG whose acceptance of scenario proposals RAID
R946/R922 cite. Milestone-table dates ("Approved by QAG 18/07/24", "approved at CCAG 22/05/24") are
milestone dates, not meeting records, and are left to milestones/demo_data.py. The "Migration Framework
Development Workshop 1" (22 Feb 2024), the Open Day and webinars are not governance-group meetings.
"""

_PSG36 = "PSG #36 papers (04 Sep 2024, MHHS-DEL3002 v1.3)"
_CCAG36 = "CCAG #36 papers (27 Nov 2024, MHHS-DEL3283 v1.0)"
_CCAG_FEB = "CCAG papers 28 Feb 2024 (extract)"

_CCAG_STANDING_FEB = [
    "Headline report and actions",
    "Programme updates",
    "Horizon Scanning Log",
    "CCAG Reporting",
    "CDWG Updates",
    "Next steps",
]
_CCAG_STANDING_NOV = [
    "Headline report and actions",
    "Programme updates",
    "Horizon Scanning Log",
    "CCAG Reporting",
    "Next steps",
]

MEETINGS = [
    # ------------------------------------------------------------------ PSG
    {
        # PSG33-01 (due 03/07/2024) is its only trace; the papers give no date.
        "ref": "PSG33",
        "group": "PSG",
        "number": "33",
        "title": "Programme Steering Group #33",
        "status": "held",
        "source": f"{_PSG36}, actions review (PSG33-01)",
    },
    {
        # Date read off the due dates: the PSG log sets actions due at the next meeting (PSG35-0x due
        # 04/09/2024 = PSG #36, PSG34-0x due 07/08/2024 = PSG35), so PSG33-01, due 03/07/2024, points to
        # PSG34 on 3 July 2024. Not printed as such.
        "ref": "PSG34",
        "group": "PSG",
        "number": "34",
        "title": "Programme Steering Group #34",
        "meeting_on": "2024-07-03",
        "status": "held",
        "source": f"{_PSG36}, actions review (PSG34-01, PSG34-02; PSG33-01 due date)",
    },
    {
        # PSG #36 approves "PSG 07 August 2024 Headline Report" and reviews PSG35-0x actions.
        "ref": "PSG35",
        "group": "PSG",
        "number": "35",
        "title": "Programme Steering Group #35",
        "meeting_on": "2024-08-07",
        "status": "held",
        "headline_report": {"approved_at": "PSG36"},
        "discussion": [
            {
                "area": "Elexon Settlement Analysis",
                "text": (
                    "The Settlement Analysis Model has been built and a volunteer organisation has agreed to "
                    "provide 50,000 MPANs."
                ),
            },
            {
                # Printed under this heading, although the text describes a testing update.
                "area": "Post-M10 Change Management",
                "text": (
                    "Programme provided update on SIT Functional Cycle 2, SIT Migration and Settlement Testing "
                    "– as at end of Sprint 3 and into Sprint 4, contingency planning and Immediate and "
                    "Tactical Changes to Test Plan."
                ),
            },
        ],
        "source": f"{_PSG36}, item 2 and Level 3 Advisory Groups Updates (PSG 07 August 2024)",
    },
    {
        "ref": "PSG36",
        "group": "PSG",
        "number": "36",
        "title": "Programme Steering Group #36",
        "meeting_on": "2024-09-04",
        "starts_at": "2024-09-04T10:00",
        "ends_at": "2024-09-04T11:25",  # the agenda's last slot ends 11:25
        "classification": "public",
        "document_ref": "MHHS-DEL3002",
        # v1.1 updated the M10 planning status (30-Aug-24), v1.2 the SIT progress and focal-point slides,
        # v1.3 the planned engagement slide ("Updated: v1.x" marks).
        "version": "1.3",
        # The papers are pre-meeting: the outcomes of items 2, 3 and 6 (PSG35 headline report, M6, CR054)
        # are not printed, so no decisions are recorded for PSG36. The M6 milestone commentary says "PSG
        # will then ratify the milestone at PSG on 2/9/24" (the meeting is 04/09/2024).
        "status": "held",
        "agenda": [
            {"position": 1, "title": "Welcome", "objective": "", "lead": "Chair", "duration_minutes": 5},
            {
                "position": 2,
                "title": "Headline Report and Actions",
                "objective": "Approve headline report of previous meeting and actions review",
                "item_type": "decision",
                "lead": "Chair & Secretariat",
                "duration_minutes": 10,
            },
            {
                # Its section slide reads "M6 criteria met / DECISION: SRO to approve M6 as complete".
                "position": 3,
                "title": "Update on M6",
                "objective": "SRO to approve M6",
                "item_type": "decision",
                "lead": "Programme (Chris Welby)",
                "duration_minutes": 5,
            },
            {
                "position": 4,
                "title": "Testing Update",
                "objective": "Updates from the Programme on System Integration Testing (SIT)",
                "item_type": "information",
                "lead": "Programme (Keith Clark)",
                "duration_minutes": 20,
            },
            {
                "position": 5,
                "title": "M10 Planning Update",
                "objective": "Programme to provide update on plan for M10",
                "item_type": "information",
                "lead": "Programme (Lewis Hall)",
                "duration_minutes": 15,
            },
            {
                "position": 6,
                "title": "Programme Change Requests",
                "objective": "Decision on CR054",
                "item_type": "decision",  # "Decision / Information"
                "lead": "Programme (PMO)",
                "duration_minutes": 5,
            },
            {
                "position": 7,
                "title": "Delivery Dashboards",
                "objective": "Questions from PSG members on delivery dashboard content",
                "item_type": "information",
                "lead": "Chair",
                "duration_minutes": 20,
            },
            {
                "position": 8,
                "title": "Summary and Next Steps",
                "objective": "Summarise actions and decisions, and look ahead to next meeting",
                "item_type": "information",
                "lead": "Chair & Secretariat",
                "duration_minutes": 5,
            },
            # An unnumbered last row of the agenda table ("Appendix RAID Theme Slides"); read as item
            # "Appendix" with objective "RAID Theme Slides".
            {"position": None, "title": "Appendix", "objective": "RAID Theme Slides"},
        ],
        "source": f"{_PSG36}, agenda and items 2-8",
    },
    {
        # "Next PSG meeting: 02 October 2024 10:00 – 12:30" (PSG #36).
        "ref": "PSG37",
        "group": "PSG",
        "number": "37",
        "title": "Programme Steering Group #37",
        "meeting_on": "2024-10-02",
        "starts_at": "2024-10-02T10:00",
        "ends_at": "2024-10-02T12:30",
        "status": "held",
        "source": f"{_PSG36}, Summary and Next Steps",
    },
    {
        # "Extraordinary Programme Steering Group (e-PSG), held on Friday 18 October 2024 at 14:00". The
        # papers give it no number; "37.1" follows the DESIGN convention for an extraordinary meeting
        # after PSG37 (2 Oct 2024).
        "ref": "PSG37.1",
        "group": "PSG",
        "number": "37.1",
        "title": "Extraordinary Programme Steering Group (e-PSG)",
        "meeting_on": "2024-10-18",
        "starts_at": "2024-10-18T14:00",
        "status": "held",
        "discussion": [
            {
                "area": "CR055",
                "text": (
                    "The Programme have also uploaded v6.1 of the MHHS Programme Plan (Microsoft Project), "
                    "Milestone Register, and Outline Plan (Excel) to the Collaboration Base. These documents "
                    "have incorporated the feedback from participants to v6.0, as well as the amendments the "
                    "Programme are suggesting to e-PSG, following CR055 (Amendments to M10 and corresponding "
                    "milestones) feedback."
                ),
            }
        ],
        "source": f"{_CCAG36}, e-PSG notice after the Appendices",
    },
    {
        # "PSG 06 November 2024" ("the November PSG"): the next ordinary PSG after PSG37 and the e-PSG,
        # hence 38; the papers give no number.
        "ref": "PSG38",
        "group": "PSG",
        "number": "38",
        "title": "Programme Steering Group #38",
        "meeting_on": "2024-11-06",
        "status": "held",
        "discussion": [
            {
                "area": "Testing Update",
                "text": "Programme provided an update on Cycle 3, Settlement Testing, Domain Expiry and IR8.4.",
            },
            {
                "area": "Change/Design Management post-M10",
                "text": "Programme provided an update on principles for Change Management post-M10.",
            },
            {
                "area": "Risks and Issues",
                "text": "Programme outlined the key strategic themes from the Programme RAID log post CR055.",
            },
        ],
        "source": f"{_CCAG36}, Governance group updates (PSG 06 November 2024)",
    },
    {
        # Number unknown: counting back monthly from PSG #36 would make it 29, but the papers do not say.
        "ref": "PSG-2024-02-07",
        "group": "PSG",
        "number": None,
        "title": "Programme Steering Group",
        "meeting_on": "2024-02-07",
        "status": "held",
        "discussion": [
            {
                "area": "Sponsor Update",
                "text": (
                    "Ofgem advised DESNZ consider smart metering as an important factor in future innovation. "
                    "Progressing MHHS according to the timelines within the Programme Plan is considered "
                    "essential and DESNZ are keen to support industry parties in ensuring timelines are met."
                ),
            },
            {
                "area": "Qualification Testing",
                "text": (
                    "Responses on the draft Qualification Approach and Plan are due 14 February 2024. Further "
                    "consultation will be issued soon. Notice of all consultations and response deadlines will "
                    "be provided in The Clock."
                ),
            },
            {
                "area": "Migration Updates",
                "text": (
                    "A Migration Control Centre (MCC) Framework is under development with workshop sessions to "
                    "be held in February 2024. Initial principles and known complexities were shared with the "
                    "PSG. Participants are encouraged to attend the Migration Working Group to support "
                    "understanding of migration requirements."
                ),
            },
            {
                "area": "CR036 Decision Appeal",
                "text": (
                    "The IPA advised the appeal is ongoing, and reminded parties they are expected to continue "
                    "activities according to the original decision."
                ),
            },
        ],
        "source": f"{_CCAG_FEB}, Governance group updates (PSG 07 February 2024)",
    },
    # ------------------------------------------------------------------ CCAG
    {
        # CCAG25-01 "Date Raised 20/12/2023".
        "ref": "CCAG25",
        "group": "CCAG",
        "number": "25",
        "title": "Cross Code Advisory Group #25",
        "meeting_on": "2023-12-20",
        "status": "held",
        "source": f"{_CCAG_FEB}, actions review (CCAG25-01)",
    },
    {
        # CCAG26-0x raised 23/01/2024; the headline report link sits in a folder "26. 23 January 2024".
        # The code-drafting milestone T3-RE-0350 "Transition Text and Interfaces approved at CCAG" is
        # dated 24/01/24.
        "ref": "CCAG26",
        "group": "CCAG",
        "number": "26",
        "title": "Cross Code Advisory Group #26",
        "meeting_on": "2024-01-23",
        "status": "held",
        "headline_report": {"document_ref": "MHHS-DEL2184", "version": "1.0", "approved_at": "CCAG27"},
        "discussion": [
            {
                "area": "Consequential Code Change Delivery",
                "text": (
                    "The BSC advised qualification and performance assurance code drafting will be discussed "
                    "at the January 2024 Elexon PAB. The CUSC advised changes to TNUoS charging required as a "
                    "result of MHHS have been discussed with Ofgem and will be decoupled from CCAG-led code "
                    "drafting and progressed via standard CUSC governance. CUSC changes are targeted for "
                    "approval by 30 September 2024 for the start of the charging year."
                ),
            },
            {
                "area": "Licence Review",
                "text": (
                    "The Programme has reviewed potential licence changes required for MHHS and no change "
                    "requirements have been identified. A consultation will be issued in due course."
                ),
            },
        ],
        "source": f"{_CCAG_FEB}, item 2 (headline report link, CCAG26 actions) and Governance group updates",
    },
    {
        # The extract's own meeting. Unnumbered in the extract; 27 as the meeting after CCAG26 (whose
        # headline report and actions it takes). The extract begins at "Minutes and Actions": the agenda
        # table, the cover (document ref, version) and item 1 are not in it, nor any time of day.
        "ref": "CCAG27",
        "group": "CCAG",
        "number": "27",
        "title": "Cross Code Advisory Group #27",
        "meeting_on": "2024-02-28",
        "classification": "public",
        "status": "held",
        "agenda": [
            # Positions 2 and 3 are read from the order of the sections; the extract prints numbers from 4.
            {
                "position": 2,
                "title": "Minutes and Actions",
                "objective": "Approve minutes of previous meeting and review outstanding actions",
                "item_type": "decision",
                "lead": "Chair & Secretariat",
                "duration_minutes": 10,
            },
            {
                "position": 3,
                "title": "Programme Updates",
                "objective": "Updates from MHHS Programme governance groups and the wider Programme",
                "item_type": "information",
                "lead": "Programme (PMO)",
                "duration_minutes": 5,
            },
            {
                "position": 4,
                "title": "Horizon Scanning Log",
                "objective": (
                    "Updates from all Code Bodies and the Programme on changes which may impact MHHS Programme"
                ),
                "item_type": "discussion",
                "lead": "Programme & Code Bodies",
                "duration_minutes": 25,
            },
            {
                "position": 5,
                "title": "CDWG Escalations",
                "objective": "No items",
                "item_type": "information",
                "lead": "Programme (Chris Welby)",
                "duration_minutes": 0,
            },
            {
                "position": 6,
                "title": "CCAG Reporting, Risks and Milestones",
                "objective": "Overall Programme status, risks and milestones updates",
                "item_type": "information",  # "INFORMATION / DECISION"
                "lead": "Programme (Andrew Margan)",
                "duration_minutes": 10,
            },
            {
                "position": 7,
                "title": "Consequential Code Change Delivery",
                "objective": "Updates from Code Bodies on Consequential Code Change delivery",
                "item_type": "information",
                "lead": "Code Bodies (NGESO)",
                "duration_minutes": 5,
            },
            {
                "position": 8,
                "title": "CDWG Update",
                "objective": "Updates from the Code Drafting Working Group (CDWG)",
                "item_type": "information",
                "lead": "Programme (Andrew Margan)",
                "duration_minutes": 5,
            },
            {
                "position": 9,
                "title": "License Review",
                "objective": (
                    "Consultation on changes required to supply, distribution and transition licenses to enable "
                    "MHHS TOM"
                ),
                "item_type": "information",
                "lead": "Programme (Chris Welby)",
                "duration_minutes": 5,
            },
            {
                "position": 10,
                "title": "Summary and Next Steps",
                "objective": "Summarise meeting actions and next steps",
                "item_type": "information",
                "lead": "Chair & Secretariat",
                "duration_minutes": 5,
            },
            {
                "position": 11,
                "title": "Appendices",
                "objective": "Appendix 1 – Code Drafting POAP; Appendix 2 – MHHS License Review Assessment",
            },
        ],
        "source": f"{_CCAG_FEB}, section slides 2-11",
    },
    {
        # "Next CCAG meeting 27 March 2024 at 10:00am" (28 Feb papers): the meeting after CCAG27.
        "ref": "CCAG28",
        "group": "CCAG",
        "number": "28",
        "title": "Cross Code Advisory Group #28",
        "meeting_on": "2024-03-27",
        "starts_at": "2024-03-27T10:00",
        "status": "held",
        "source": f"{_CCAG_FEB}, Summary and Next Steps",
    },
    {
        # Third column of the 28 Feb forward plan (28 February, 27 March, 24 April).
        "ref": "CCAG29",
        "group": "CCAG",
        "number": "29",
        "title": "Cross Code Advisory Group #29",
        "meeting_on": "2024-04-24",
        "status": "held",
        "source": f"{_CCAG_FEB}, Summary and Next Steps (forward plan)",
    },
    {
        # "CCAG 21 August 2024". Unnumbered: it would be CCAG33 if CCAG met exactly once a month between
        # CCAG27 (Feb) and CCAG35 (Oct), which the papers do not state. The M6 milestone commentary says
        # "CCAG will approve the code text to go to Ofgem on 23/8/24" (forecast 21/08/24 elsewhere).
        "ref": "CCAG-2024-08-21",
        "group": "CCAG",
        "number": None,
        "title": "Cross Code Advisory Group",
        "meeting_on": "2024-08-21",
        "status": "held",
        "discussion": [
            {
                "area": "SIT Progress and Scenario Planning",
                "text": "Particularly the impact to Code drafting and the expected movement to M8, in line with M10.",
            },
            {
                "area": "Horizon Scanning Log",
                "text": (
                    "BSC provided updates on P477. REC provided updates on REC changes. National Grid ESO "
                    "provided a CUSC update on CMP430."
                ),
            },
            {"area": "M6 Reporting", "text": "M6 Programme status, risks and milestone updates."},
            {"area": "M7 Delivery", "text": "Ofgem M7 delivery."},
            {"area": "M8 Code implementation", "text": "Code Bodies update on the M8 Code Implementation/go-live."},
            {"area": "", "text": "September CDWG meetings were cancelled."},
            {
                # RECCo delivery report (PSG #36): an action without a ref in any printed log.
                "area": "",
                "text": (
                    "M6 Code Drafting approved by CCAG with action to develop work off plan to address IR8.2 "
                    "and DINs required for M8. Work off plan to be developed and discussed at Sept CCAG."
                ),
            },
        ],
        "source": (
            f"{_PSG36}, Level 3 Advisory Groups Updates (CCAG 21 August 2024), item 3 (M6) and RECCo delivery report"
        ),
    },
    {
        # "Sept CCAG": date read from the RECCo report's "25/09/24 (M6 WO Plan for CCAG review)". Would be
        # CCAG34 as the meeting before CCAG35 if none was cancelled; not stated.
        "ref": "CCAG-2024-09-25",
        "group": "CCAG",
        "number": None,
        "title": "Cross Code Advisory Group",
        "meeting_on": "2024-09-25",
        "status": "held",
        "source": f"{_PSG36}, RECCo delivery report",
    },
    {
        # CCAG35-0x raised 23/10/2024; CCAG #36 approves the "Headline Report from CCAG meeting held
        # 23 October 2024".
        "ref": "CCAG35",
        "group": "CCAG",
        "number": "35",
        "title": "Cross Code Advisory Group #35",
        "meeting_on": "2024-10-23",
        "status": "held",
        "headline_report": {"for_approval_at": "CCAG36"},
        "discussion": [
            {"area": "Programme Updates", "text": "Including an update on the progress of CR055."},
            {"area": "Horizon Scanning Log", "text": "National Grid ESO, DCUSA, REC and BSC provided updates."},
            {"area": "M6 Reporting", "text": "Post M6 Code Change Process and top Programme risks relating to CCAG."},
            {"area": "M7 Delivery", "text": "Ofgem M7 delivery."},
            {
                "area": "M8 Code implementation",
                "text": "Code Bodies and DIP Manager update on the M8 Code Implementation/go-live.",
            },
            {"area": "", "text": "November CDWG1 was cancelled."},
        ],
        "source": f"{_CCAG36}, item 2 and Governance group updates (CCAG 23 October 2024)",
    },
    {
        "ref": "CCAG36",
        "group": "CCAG",
        "number": "36",
        "title": "Cross Code Advisory Group #36",
        "meeting_on": "2024-11-27",
        "starts_at": "2024-11-27T10:00",
        "ends_at": "2024-11-27T11:20",
        "classification": "public",
        "document_ref": "MHHS-DEL3283",
        "version": "1.0",
        "status": "planned",  # its pack, issued before the meeting, is the latest paper
        "agenda": [
            {"position": 1, "title": "Welcome", "objective": "", "lead": "Chair", "duration_minutes": 5},
            {
                "position": 2,
                "title": "Minutes and Actions",
                "objective": "Approve minutes of previous meeting and review outstanding actions",
                "item_type": "decision",
                "lead": "Chair & Secretariat",
                "duration_minutes": 10,
            },
            {
                "position": 3,
                "title": "Horizon Scanning Log",
                "objective": (
                    "Updates from all Code Bodies and the Programme on changes which may impact MHHS Programme"
                ),
                "item_type": "discussion",
                "lead": "Programme & Code Bodies",
                "duration_minutes": 20,
            },
            {
                # "CAG" as printed in the agenda table; the section slide reads "Reporting Milestone, CCAG
                # Risks and Code Activities".
                "position": 4,
                "title": "Reporting Milestones, CAG Risks and Code activities",
                "objective": "Programme milestone status, risks and Post M6/Pre M8 Code Change Activities",
                "item_type": "information",
                "lead": "Programme (Andrew Margan)",
                "duration_minutes": 15,
            },
            {
                "position": 5,
                "title": "M7 Delivery Update",
                "objective": "Provide an update on Ofgem M7 delivery",
                "item_type": "information",
                "lead": "Ofgem (Andy McFaul)",
                "duration_minutes": 10,
            },
            {
                # The agenda gives 11:00-11:15, 15 mins; the section slide says 10 mins.
                "position": 6,
                "title": "M8 Code Implementation Update",
                "objective": "Provide an update on Code Body M8 Implementation",
                "item_type": "information",
                "lead": "Code Bodies (Andrew Wallace, Jacob Snowden, DIP Manager)",
                "duration_minutes": 15,
            },
            {
                "position": 7,
                "title": "Programme Updates",
                "objective": "Updates from MHHS Programme governance groups and the wider Programme",
                "item_type": "information",
                "lead": "Programme (Secretariat)",
                "duration_minutes": 0,  # "0 mins – to be taken as read"
            },
            {
                "position": 8,
                "title": "Summary and Next Steps",
                "objective": "Summarise meeting actions and next steps",
                "item_type": "information",
                "lead": "Chair & Secretariat",
                "duration_minutes": 5,
            },
            {
                "position": 9,
                "title": "Appendices",
                "objective": (
                    "Appendix 1 - M7 Delivery and M8 Implementation POAP; Appendix 2 - MHHS related REC Category 3 POAP"
                ),
            },
        ],
        "source": f"{_CCAG36}, agenda and items 2-9",
    },
    {
        # "Next CCAG meeting 18 December 2024 at 2pm (afternoon meeting)".
        "ref": "CCAG37",
        "group": "CCAG",
        "number": "37",
        "title": "Cross Code Advisory Group #37",
        "meeting_on": "2024-12-18",
        "starts_at": "2024-12-18T14:00",
        "status": "planned",
        "source": f"{_CCAG36}, Summary and Next Steps",
    },
    {
        # Third column of the CCAG #36 forward plan (27 November, 18 December, 22 January).
        "ref": "CCAG38",
        "group": "CCAG",
        "number": "38",
        "title": "Cross Code Advisory Group #38",
        "meeting_on": "2025-01-22",
        "status": "planned",
        "source": f"{_CCAG36}, Summary and Next Steps (forward plan)",
    },
    # ------------------------------------------------------------------ DAG
    {
        "ref": "DAG-2024-01-10",
        "group": "DAG",
        "number": None,
        "title": "Design Advisory Group",
        "meeting_on": "2024-01-10",
        "status": "held",
        "discussion": [
            {
                "area": "Interim Releases",
                "text": (
                    "The next design releases are IR7 on 31 January 2024 and IR8 on 03 April 2024. Subsequent "
                    "release dates are TBC."
                ),
            },
            {
                "area": "CR036 Updates",
                "text": (
                    "CR036 (Use of Clock Midnight for Appointments and Reads) was approved at the December 2023 "
                    "DAG meeting and is scheduled for IR7 with implementation in SIT Functional Cycle 2 in June "
                    "2024. A Design Resolution Group (DRG) was held 12 January 2024 to refine the redlining of "
                    "the change that will be released in IR7."
                ),
            },
        ],
        "source": f"{_CCAG_FEB}, Governance group updates (DAG 10 January 2024)",
    },
    {
        # "On Wednesday 14 February, the DAG rejected CR041" (BSC horizon scanning, CP1589).
        "ref": "DAG-2024-02-14",
        "group": "DAG",
        "number": None,
        "title": "Design Advisory Group",
        "meeting_on": "2024-02-14",
        "status": "held",
        "source": f"{_CCAG_FEB}, Horizon Scanning (BSC CP1589) and Participant Checklist",
    },
    {
        "ref": "DAG-2024-08-14",
        "group": "DAG",
        "number": None,
        "title": "Design Advisory Group",
        "meeting_on": "2024-08-14",
        "status": "by_correspondence",
        "note": "Meeting held by correspondence only owing to diminishing content.",
        "source": f"{_PSG36}, Level 3 Advisory Groups Updates (DAG 14 August 2024)",
    },
    {
        "ref": "DAG-2024-11-13",
        "group": "DAG",
        "number": None,
        "title": "Design Advisory Group",
        "meeting_on": "2024-11-13",
        "status": "by_correspondence",
        "note": "Meeting held by correspondence owing to diminishing content.",
        "discussion": [
            {
                "area": "Interim Release Update",
                "text": "Interim Release 8.4 was published on 16 October 2024. IR8.5 was published 06 November 2024",
            },
            {
                "area": "Change Request Updates",
                "text": "Programme provided updates on CR055, CR057, CR058 and CR059.",
            },
        ],
        "source": f"{_CCAG36}, Governance group updates (DAG 13 November 2024)",
    },
    # ------------------------------------------------------------------ TMAG
    {
        "ref": "TMAG-2024-01-17",
        "group": "TMAG",
        "number": None,
        "title": "Testing and Migration Advisory Group",
        "meeting_on": "2024-01-17",
        "status": "held",
        "discussion": [
            {
                "area": "SIT Functional Test Scenarios and Test Cases",
                "text": (
                    "Theme 8 (settlement and coverage gaps) were issued for review on 12 & 19 January 2024. "
                    "The Programme will respond to all comments received ahead of the target approval date at "
                    "the February 2024 SIT Advisory Group (SITAG)."
                ),
            },
            {
                "area": "Additional Secondary Routing",
                "text": (
                    "The Programme advised additional secondary routing testing would be conducted between CIT "
                    "and SIT Functional, led by the Programme Testing Team. The DIP Simulator will be extended "
                    "for this, and following successful completion, IR5.3 will be deployed."
                ),
            },
        ],
        "source": f"{_CCAG_FEB}, Governance group updates (TMAG 17 January 2024)",
    },
    # ------------------------------------------------------------------ SITAG
    {
        # "SITAG approved the CIT completion report 11-Mar-24" (SIT Stage Readiness slide).
        "ref": "SITAG-2024-03-11",
        "group": "SITAG",
        "number": None,
        "title": "System Integration Testing Advisory Group",
        "meeting_on": "2024-03-11",
        "status": "held",
        "source": f"{_PSG36}, SIT Stage Readiness",
    },
    {
        "ref": "SITAG-2024-05-15",
        "group": "SITAG",
        "number": None,
        "title": "System Integration Testing Advisory Group",
        "meeting_on": "2024-05-15",
        "status": "held",
        "discussion": [
            {
                "area": "SIT Non-Functional Test Approach and Plan",
                "text": (
                    "SIT Non-Functional Test Approach and Plan – deferred from May SITAG whilst test tooling "
                    "assumptions are validated and the approach reviewed"
                ),
            },
        ],
        "source": f"{_PSG36}, SIT Stage Readiness and SI Workstream Progress Update",
    },
    {
        "ref": "SITAG-2024-07-17",
        "group": "SITAG",
        "number": None,
        "title": "System Integration Testing Advisory Group",
        "meeting_on": "2024-07-17",
        "status": "held",
        "source": f"{_PSG36}, SIT Stage Readiness",
    },
    {
        # ESITAG, an extraordinary SITAG. The slide says "Theme 1 – Approved at ESITAG 25-Jul" and, two
        # lines above, "Document approvedat ESITAG 26th July"; read as one meeting on 25 July 2024.
        "ref": "SITAG-2024-07-25",
        "group": "SITAG",
        "number": None,
        "title": "Extraordinary System Integration Testing Advisory Group (ESITAG)",
        "meeting_on": "2024-07-25",
        "status": "held",
        "source": f"{_PSG36}, SIT Stage Readiness",
    },
    {
        "ref": "SITAG-2024-08-21",
        "group": "SITAG",
        "number": None,
        "title": "System Integration Testing Advisory Group",
        "meeting_on": "2024-08-21",
        "status": "held",
        "discussion": [
            {
                "area": "SIT Non-Functional Test Scenarios & Test Cases Theme 3",
                "text": (
                    "SITAG provided an update on the deferral of the approval of the SIT Non-Functional Test "
                    "Scenarios & Test Cases Theme 3 (v0.2)."
                ),
            },
            {
                "area": "",
                "text": (
                    "Programme also provided an update on SIT Progress Management and Extension to SIT Cycle 2 Testing."
                ),
            },
        ],
        "source": f"{_PSG36}, Level 3 Advisory Groups Updates (SITAG 21 August 2024) and SIT Stage Readiness",
    },
    {
        # "September SITAG"; date read from "18/09/2024 (SIT Operational Test Scenarios approved)" and
        # milestone T3-TE-0116 "Approval forecast at Sep SITAG" (forecast Wed 18/09/24).
        "ref": "SITAG-2024-09-18",
        "group": "SITAG",
        "number": None,
        "title": "System Integration Testing Advisory Group",
        "meeting_on": "2024-09-18",
        "status": "held",
        "source": f"{_PSG36}, SIT Stage Readiness, delivery dashboards and RECCo delivery report",
    },
    {
        "ref": "SITAG-2024-11-20",
        "group": "SITAG",
        "number": None,
        "title": "System Integration Testing Advisory Group",
        "meeting_on": "2024-11-20",
        "status": "held",
        "discussion": [
            {
                "area": "SIT Operational Test Scenarios and Test Cases Theme 3",
                "text": (
                    "Programme provided an update on Theme 3 and addressed the initial assessment feedback from "
                    "Participants."
                ),
            },
            {
                "area": "Service Management & SIT Operational Dependencies",
                "text": "Programme provided an update on the early release of the Service Operating Manual.",
            },
            {
                "area": "SIT Test Progress Update",
                "text": (
                    "The Programme provided an update on SIT Test Progress, highlighting the progress of "
                    "Settlement Testing."
                ),
            },
            {"area": "SIT Functional Rationalisation", "text": "The Programme ran through the rationalisation process"},
        ],
        "source": f"{_CCAG36}, Governance group updates (SITAG 20 November 2024)",
    },
    # ------------------------------------------------------------------ QAG
    {
        "ref": "QAG-2024-02-22",
        "group": "QAG",
        "number": None,
        "title": "Qualification Advisory Group",
        "meeting_on": "2024-02-22",
        "status": "held",
        "source": f"{_CCAG_FEB}, Upcoming Governance Meetings",
    },
    {
        "ref": "QAG-2024-08-22",
        "group": "QAG",
        "number": None,
        "title": "Qualification Advisory Group",
        "meeting_on": "2024-08-22",
        "status": "held",
        "discussion": [
            {
                "area": "",
                "text": "Programme also provided an update on SIT Progess and Programme Scenario Planning.",
            },
        ],
        "source": f"{_PSG36}, Level 3 Advisory Groups Updates (QAG 22 August 2024) and delivery dashboards",
    },
    {
        # Milestone T3-QU-0087: "To go to 19/09/24 QAG for noting."
        "ref": "QAG-2024-09-19",
        "group": "QAG",
        "number": None,
        "title": "Qualification Advisory Group",
        "meeting_on": "2024-09-19",
        "status": "held",
        "source": f"{_PSG36}, delivery dashboards (T3-QU-0087)",
    },
    {
        "ref": "QAG-2024-10-17",
        "group": "QAG",
        "number": None,
        "title": "Qualification Advisory Group",
        "meeting_on": "2024-10-17",
        "status": "held",
        "discussion": [
            {
                "area": "Wave Allocation",
                "text": (
                    "The Code Bodies provided an update on whether Wave Reallocation can be supported with the "
                    "outcome of CR55 and the potential next steps."
                ),
            },
            {"area": "IPA Update", "text": "The IPA provided an update on the Period 8 Test Assurance."},
            {"area": "", "text": "The Programme also provided an update on CR055."},
        ],
        "source": f"{_CCAG36}, Governance group updates (QAG 17 October 2024)",
    },
    {
        "ref": "QAG-2024-11-21",
        "group": "QAG",
        "number": None,
        "title": "Qualification Advisory Group",
        "meeting_on": "2024-11-21",
        "status": "held",
        "source": f"{_CCAG36}, Upcoming Governance Meetings",
    },
    # ------------------------------------------------------------------ MCAG
    {
        "ref": "MCAG-2024-02-27",
        "group": "MCAG",
        "number": None,
        "title": "Migration & Cutover Advisory Group",
        "meeting_on": "2024-02-27",
        "status": "held",
        "source": f"{_CCAG_FEB}, Upcoming Governance Meetings",
    },
    {
        "ref": "MCAG-2024-07-25",
        "group": "MCAG",
        "number": None,
        "title": "Migration & Cutover Advisory Group",
        "meeting_on": "2024-07-25",
        "status": "held",
        "discussion": [
            {
                "area": "Migration Framework Update",
                "text": "The Programme provided an update on the development of the Migration Framework.",
            },
            {"area": "IPA Update", "text": "The IPA provided an update on the Consequential Change assurance approach"},
        ],
        "source": f"{_PSG36}, Level 3 Advisory Groups Updates (MCAG 25 July 2024)",
    },
    {
        # Milestone T3-MI-0032: "Milestone to got to MCAG on 24/9 to be removed".
        "ref": "MCAG-2024-09-24",
        "group": "MCAG",
        "number": None,
        "title": "Migration & Cutover Advisory Group",
        "meeting_on": "2024-09-24",
        "status": "held",
        "source": f"{_PSG36}, delivery dashboards (T3-MI-0032)",
    },
    {
        "ref": "MCAG-2024-10-22",
        "group": "MCAG",
        "number": None,
        "title": "Migration & Cutover Advisory Group",
        "meeting_on": "2024-10-22",
        "status": "held",
        "discussion": [
            {"area": "", "text": "The Programme also provided an update on MWG, DCWG, TORWG and CR055."},
        ],
        "source": f"{_CCAG36}, Governance group updates (MCAG 22 October 2024)",
    },
    {
        "ref": "MCAG-2024-11-26",
        "group": "MCAG",
        "number": None,
        "title": "Migration & Cutover Advisory Group",
        "meeting_on": "2024-11-26",
        "status": "held",
        "source": f"{_CCAG36}, Upcoming Governance Meetings",
    },
    # ------------------------------------------------------------------ level-4 groups
    {
        # "The CDWG meeting papers and latest Headline Report can be found here" links to
        # "MHHS-DEL1424 CDWG 11 July 2023 Headline Report v1.0.pdf".
        "ref": "CDWG-2023-07-11",
        "group": "CDWG",
        "number": None,
        "title": "Code Drafting Working Group",
        "meeting_on": "2023-07-11",
        "status": "held",
        "headline_report": {"document_ref": "MHHS-DEL1424", "version": "1.0"},
        "source": f"{_CCAG_FEB}, CDWG Update (headline report link)",
    },
    {
        "ref": "CDWG-2024-03-12",
        "group": "CDWG",
        "number": None,
        "title": "Code Drafting Working Group (CDWG1)",
        "meeting_on": "2024-03-12",
        "starts_at": "2024-03-12T10:00",
        "status": "held",
        "source": f"{_CCAG_FEB}, Summary and Next Steps",
    },
    {
        "ref": "CDWG-2024-03-19",
        "group": "CDWG",
        "number": None,
        "title": "Code Drafting Working Group (CDWG2)",
        "meeting_on": "2024-03-19",
        "starts_at": "2024-03-19T10:00",
        "status": "held",
        "source": f"{_CCAG_FEB}, Summary and Next Steps",
    },
    {
        # "Date of CDWG1 meeting is 10 December 2024 (to cancel)".
        "ref": "CDWG-2024-12-10",
        "group": "CDWG",
        "number": None,
        "title": "Code Drafting Working Group (CDWG1)",
        "meeting_on": "2024-12-10",
        "status": "cancelled",
        "source": f"{_CCAG36}, Summary and Next Steps",
    },
    {
        "ref": "DRG-2024-01-12",
        "group": "DRG",
        "number": None,
        "title": "Design Resolution Group",
        "meeting_on": "2024-01-12",
        "status": "held",
        "discussion": [
            {
                "area": "CR036",
                "text": (
                    "A Design Resolution Group (DRG) was held 12 January 2024 to refine the redlining of the "
                    "change that will be released in IR7."
                ),
            },
        ],
        "source": f"{_CCAG_FEB}, Governance group updates (DAG 10 January 2024, CR036 Updates)",
    },
    {
        "ref": "SDWG-2024-03-01",
        "group": "SDWG",
        "number": None,
        "title": "Security Design Working Group",
        "meeting_on": "2024-03-01",
        "status": "held",
        "source": f"{_CCAG_FEB}, Upcoming Governance Meetings",
    },
    {
        # TMAG 17 January 2024 update: "On 08 January 2024 the SITWG recommended approval."
        "ref": "SITWG-2024-01-08",
        "group": "SITWG",
        "number": None,
        "title": "Systems Integration Test Working Group",
        "meeting_on": "2024-01-08",
        "status": "held",
        "source": f"{_CCAG_FEB}, Governance group updates (TMAG 17 January 2024)",
    },
    {
        "ref": "DCWG-2024-08-28",
        "group": "DCWG",
        "number": None,
        "title": "Data Cleanse Working Group",
        "meeting_on": "2024-08-28",
        "status": "held",
        "source": f"{_PSG36}, Upcoming Governance Meetings",
    },
    {
        "ref": "SAQTSG-2024-09-04",
        "group": "SAQTSG",
        "number": None,
        "title": "Non-Systems Integration Testing (SIT) Supplier & Agent Qualification Testing Subgroup",
        "meeting_on": "2024-09-04",
        "status": "held",
        "source": f"{_PSG36}, Upcoming Governance Meetings",
    },
    # Working Group Progress Report (CCAG #36): "Agenda items from last meeting" and "Latest meeting's
    # agenda items" per working group. The bullets were lost in the text; items are split at the title
    # boundaries the wording suggests (e.g. DCWG 28 Nov "Population of Connection Type Update" / "EES Full
    # MPAN Refresh Wash Up", after DCWG 31 Oct's "EES Full MPAN Refresh"). "TBC" agendas are left empty.
    # Every row reports "L3 escalations: None".
    {
        "ref": "DWG-2024-11-13",
        "group": "DWG",
        "number": None,
        "title": "Data Working Group",
        "meeting_on": "2024-11-13",
        "status": "held",
        "agenda": [
            {"position": 1, "title": "Data Schedule Update"},
            {"position": 2, "title": "Cycle 3 Test Progress in relation to Data"},
            {"position": 3, "title": "SIT Non-Functional Update"},
        ],
        "source": f"{_CCAG36}, Working Group Progress Report (SITAG)",
    },
    {
        "ref": "DWG-2024-12-12",
        "group": "DWG",
        "number": None,
        "title": "Data Working Group",
        "meeting_on": "2024-12-12",
        "status": "planned",
        "source": f"{_CCAG36}, Working Group Progress Report (SITAG)",
    },
    {
        "ref": "SITWG-2024-11-07",
        "group": "SITWG",
        "number": None,
        "title": "Systems Integration Test Working Group",
        "meeting_on": "2024-11-07",
        "status": "held",
        "agenda": [
            {"position": 1, "title": "SIT Operational Test Scenarios and Test Cases - Theme 3"},
            {"position": 2, "title": "SIT Test Progress Update"},
            {"position": 3, "title": "Regression Approach"},
            {"position": 4, "title": "SIT Functional Rationalisation"},
            {"position": 5, "title": "IR8.4"},
        ],
        "source": f"{_CCAG36}, Working Group Progress Report (SITAG)",
    },
    {
        "ref": "SITWG-2024-12-05",
        "group": "SITWG",
        "number": None,
        "title": "Systems Integration Test Working Group",
        "meeting_on": "2024-12-05",
        "status": "planned",
        "source": f"{_CCAG36}, Working Group Progress Report (SITAG)",
    },
    {
        "ref": "NFTWG-2024-11-19",
        "group": "NFTWG",
        "number": None,
        "title": "Non-Functional Testing Working Group",
        "meeting_on": "2024-11-19",
        "status": "held",
        "agenda": [
            {"position": 1, "title": "Dates for PIT Completion"},
            {"position": 2, "title": "Status of NF PIT Deliverables for SIT"},
            {"position": 3, "title": "Delivery of SIT NFT Readiness Reports"},
            {"position": 4, "title": "Preparation for SIT Themes 2 and 3"},
        ],
        "source": f"{_CCAG36}, Working Group Progress Report (SITAG)",
    },
    {
        "ref": "NFTWG-2025-01-23",
        "group": "NFTWG",
        "number": None,
        "title": "Non-Functional Testing Working Group",
        "meeting_on": "2025-01-23",
        "status": "planned",
        "source": f"{_CCAG36}, Working Group Progress Report (SITAG)",
    },
    {
        "ref": "MWG-2024-10-10",
        "group": "MWG",
        "number": None,
        "title": "Migration Working Group",
        "meeting_on": "2024-10-10",
        "status": "held",
        "agenda": [
            {"position": 1, "title": "Supplier Schedule Submission Review"},
            {"position": 2, "title": "Migration Workstream Progress Update"},
        ],
        "source": f"{_CCAG36}, Working Group Progress Report (MCAG)",
    },
    {
        "ref": "MWG-2024-11-14",
        "group": "MWG",
        "number": None,
        "title": "Migration Working Group",
        "meeting_on": "2024-11-14",
        "status": "held",
        "agenda": [
            {"position": 1, "title": "Supplier Plan Submissions Analysis"},
            {"position": 2, "title": "Migration Roadmap"},
            {"position": 3, "title": "Outstanding Actions and Issues"},
        ],
        "source": f"{_CCAG36}, Working Group Progress Report (MCAG)",
    },
    {
        "ref": "DCWG-2024-10-31",
        "group": "DCWG",
        "number": None,
        "title": "Data Cleanse Working Group",
        "meeting_on": "2024-10-31",
        "status": "held",
        "agenda": [
            {"position": 1, "title": "Further Data Cleanse Activities"},
            {"position": 2, "title": "Population of Market Segment and Domestic Premises Indicator"},
            {"position": 3, "title": "EES Full MPAN Refresh"},
            {"position": 4, "title": "Data Cleanse Reporting"},
            {"position": 5, "title": "General Clarifications"},
        ],
        "source": f"{_CCAG36}, Working Group Progress Report (MCAG)",
    },
    {
        "ref": "DCWG-2024-11-28",
        "group": "DCWG",
        "number": None,
        "title": "Data Cleanse Working Group",
        "meeting_on": "2024-11-28",
        "status": "planned",
        "agenda": [
            {
                "position": 1,
                "title": "Population of ESME ID and Meter Location and Number of Displayed Register Digits",
            },
            {"position": 2, "title": "Data Cleanse Plan"},
            {"position": 3, "title": "Supplier Exception Resolution Comms"},
            {"position": 4, "title": "Programme and REC Alignment"},
            {"position": 5, "title": "Population of Connection Type Update"},
            {"position": 6, "title": "EES Full MPAN Refresh Wash Up"},
            {"position": 7, "title": "Data Cleanse Reporting"},
            {"position": 8, "title": "General Clarifications"},
        ],
        "source": f"{_CCAG36}, Working Group Progress Report (MCAG)",
    },
    {
        "ref": "TORWG-2024-11-14",
        "group": "TORWG",
        "number": None,
        "title": "Transition & Operational Readiness Working Group",
        "meeting_on": "2024-11-14",
        "status": "held",
        "agenda": [
            {"position": 1, "title": "Service Design Update"},
            {"position": 2, "title": "Early Life Support Model"},
        ],
        "source": f"{_CCAG36}, Working Group Progress Report (MCAG)",
    },
    {
        "ref": "TORWG-2024-12-11",
        "group": "TORWG",
        "number": None,
        "title": "Transition & Operational Readiness Working Group",
        "meeting_on": "2024-12-11",
        "status": "planned",
        "source": f"{_CCAG36}, Working Group Progress Report (MCAG)",
    },
    {
        # Also CCAG35-04: "Update provided at QWG on 12 November."
        "ref": "QWG-2024-11-12",
        "group": "QWG",
        "number": None,
        "title": "Qualification and E2E Sandbox Working Group",
        "meeting_on": "2024-11-12",
        "status": "held",
        "agenda": [
            {"position": 1, "title": "Wave Reallocation"},
            {"position": 2, "title": "PPIR"},
            {"position": 3, "title": "DIP Manager Assurance"},
            {"position": 4, "title": "QWG and CCAG Action Update"},
            {"position": 5, "title": "Qualification Artefacts"},
            {"position": 6, "title": "Non-SIT LDSO QT Readiness Update"},
        ],
        "source": f"{_CCAG36}, Working Group Progress Report (QAG) and actions review (CCAG35-04)",
    },
    {
        "ref": "QWG-2024-12-10",
        "group": "QWG",
        "number": None,
        "title": "Qualification and E2E Sandbox Working Group",
        "meeting_on": "2024-12-10",
        "status": "planned",
        "source": f"{_CCAG36}, Working Group Progress Report (QAG)",
    },
]

# The actions logs as printed ("Ref, Action, Owner, Due, Latest update / Status"). The status word that
# opens each update ("RECOMMEND CLOSED:", "RECOMMENDED CLOSED:", "ONGOING:", "OPEN:") is the status; the
# rest is the latest update, logged under the date of the pack that prints it. The PSG log has no "Date
# Raised" column: PSG35's raise date is its meeting date, PSG34's the date read for PSG34 (see MEETINGS),
# PSG33's unknown. "owner" is as printed; "owner_organisation" names a programme/demo_reference.py
# ORGANISATIONS entry where the owner is one party (None for "Code Bodies" and joint owners): "Programme",
# "PMO" and "Programme/PPC" are the MHHS Programme; "BSC (...)" / "BSC Representative (...)" are BSCCo,
# i.e. Elexon; "REC (Andrew Wallace)" is the REC Code Manager, RECCo; "Chair (Chris Welby)" is the
# Programme (the same pack lists "Programme (Chris Welby)"). "links" only where the action names a CR.
ACTIONS = [
    {
        "ref": "PSG35-01",
        "meeting": "PSG35",
        "description": (
            "Elexon to provide a breakdown of the type of MPAN data (e.g. Profile Class, GSP Group) to be used in "
            "Settlement Analysis Model."
        ),
        "owner": "Elexon",
        "owner_organisation": "Elexon",
        "raised_on": "2024-08-07",
        "due_on": "2024-09-04",
        "status": "recommend_closed",
        "latest_update": "Elexon met with the relevant PP and provided a breakdown of the MPAN data.",
        "updates": [("2024-09-04", "Elexon met with the relevant PP and provided a breakdown of the MPAN data.")],
    },
    {
        "ref": "PSG35-02",
        "meeting": "PSG35",
        "description": (
            "Programme to explore options to provide more transparency over future Change Requests and rejected "
            "Change Requests."
        ),
        "owner": "Programme/PPC",
        "owner_organisation": "MHHS Programme",
        "raised_on": "2024-08-07",
        "due_on": "2024-09-04",
        "status": "recommend_closed",
        "latest_update": (
            "On Hold Change Requests can be found on the On Hold Change Request page on the Collaboration Base. "
            "They are also being tracked in the Participant Checklist and can be found on the “On Hold Change "
            "Request” Tab. You can view the Participant Checklist on the respective Planning pages of the "
            "Collaboration Base and the MHHS website."
        ),
        "updates": [
            (
                "2024-09-04",
                "On Hold Change Requests can be found on the On Hold Change Request page on the Collaboration "
                "Base. They are also being tracked in the Participant Checklist and can be found on the “On Hold "
                "Change Request” Tab. You can view the Participant Checklist on the respective Planning pages of "
                "the Collaboration Base and the MHHS website.",
            )
        ],
    },
    {
        "ref": "PSG35-03",
        "meeting": "PSG35",
        "description": (
            "Programme to mark slides in PSG papers so PPs can identify updates that have been made since v1.0 of "
            "the papers were published to give PPs more transparency."
        ),
        "owner": "PMO",
        "owner_organisation": "MHHS Programme",
        "raised_on": "2024-08-07",
        "due_on": "2024-09-04",
        "status": "recommend_closed",
        "latest_update": "Programme will mark any slides that have been updated after v1.0.",
        "updates": [("2024-09-04", "Programme will mark any slides that have been updated after v1.0.")],
    },
    {
        "ref": "PSG35-04",
        "meeting": "PSG35",
        "description": (
            "Ofgem to provide an update on incentives for migration activity. This update should clarify Ofgem's "
            "stance and any requirements or qualifications necessary for parties involved in migration."
        ),
        "owner": "Ofgem",
        "owner_organisation": "Ofgem",
        "raised_on": "2024-08-07",
        "due_on": "2024-09-04",
        "status": "ongoing",
        "latest_update": "Awaiting response from Ofgem.",
        "updates": [("2024-09-04", "Awaiting response from Ofgem.")],
    },
    {
        "ref": "PSG34-01",
        "meeting": "PSG34",
        "description": (
            "Elexon Settlement Analysis model to be issued to Participants as soon as constructed and to update "
            "Participants on any changes to the 4-week construction timeline."
        ),
        "owner": "Programme / Elexon",
        "owner_organisation": None,
        "raised_on": "2024-07-03",
        "due_on": "2024-08-07",
        "status": "ongoing",
        "latest_update": "Elexon to provide updates as available.",
        "updates": [("2024-09-04", "Elexon to provide updates as available.")],
    },
    {
        "ref": "PSG34-02",
        "meeting": "PSG34",
        "description": "Programme to provide an update on post-M10 Change Management.",
        "owner": "Programme",
        "owner_organisation": "MHHS Programme",
        "raised_on": "2024-07-03",
        "due_on": "2024-08-07",
        "status": "ongoing",
        "latest_update": (
            "Programme provided update at PSG 07 August 2024 and will provide further updates as they are required."
        ),
        "updates": [
            (
                "2024-09-04",
                "Programme provided update at PSG 07 August 2024 and will provide further updates as they are "
                "required.",
            )
        ],
    },
    {
        "ref": "PSG33-01",
        "meeting": "PSG33",
        "description": (
            "Programme to provide information on expectations on parties post-M10 to support resourcing and "
            "management view."
        ),
        "owner": "Programme",
        "owner_organisation": "MHHS Programme",
        "due_on": "2024-07-03",
        "status": "ongoing",
        "latest_update": (
            "The Programme is considering this as part of the Early Life Support Model which is currently in "
            "development. There will also be expectations on participants to support the Migration Period as set "
            "out within the Migration Framework."
        ),
        "updates": [
            (
                "2024-09-04",
                "The Programme is considering this as part of the Early Life Support Model which is currently in "
                "development. There will also be expectations on participants to support the Migration Period as "
                "set out within the Migration Framework.",
            )
        ],
    },
    {
        "ref": "CCAG35-01",
        "meeting": "CCAG35",
        "description": (
            "Code Bodies to bring a cross-code plan back to CCAG to understand how REC, DCUSA and DIP rules will "
            "be aligned to design and programme updates."
        ),
        "owner": "Code Bodies",
        "owner_organisation": None,
        "raised_on": "2024-10-23",
        "due_on": "2024-11-27",
        "status": "recommend_closed",
        "latest_update": "See item number 4 for update.",
        "updates": [("2024-11-27", "See item number 4 for update.")],
    },
    {
        "ref": "CCAG35-02",
        "meeting": "CCAG35",
        "description": "Code Bodies to confirm impacts to their releases following the recommendation of CR055.",
        "owner": "Code Bodies",
        "owner_organisation": None,
        "raised_on": "2024-10-23",
        "due_on": "2024-11-27",
        "status": "recommend_closed",
        "latest_update": "To be played back in meeting",
        "updates": [("2024-11-27", "To be played back in meeting")],
        "links": ["CR055"],
    },
    {
        "ref": "CCAG35-03",
        "meeting": "CCAG35",
        "description": (
            "Programme to confirm which PSG the post M6 DIN item update will be taken to following an update at TORWG."
        ),
        "owner": "Programme (Claire Silk)",
        "owner_organisation": "MHHS Programme",
        "raised_on": "2024-10-23",
        "due_on": "2024-11-27",
        "status": "recommend_closed",
        "latest_update": "Principles were presented at the November PSG.",
        "updates": [("2024-11-27", "Principles were presented at the November PSG.")],
    },
    {
        "ref": "CCAG35-04",
        "meeting": "CCAG35",
        "description": (
            "REC to investigate the impact to Qualification of design updates and how that aligns to code "
            "drafting and participant Qualification."
        ),
        "owner": "REC (Andrew Wallace)",
        "owner_organisation": "RECCo",
        "raised_on": "2024-10-23",
        "due_on": "2024-11-27",
        "status": "recommend_closed",
        "latest_update": "Update provided at QWG on 12 November.",
        "updates": [("2024-11-27", "Update provided at QWG on 12 November.")],
    },
    {
        # Not among the outstanding actions of the CCAG #36 papers, so closed by then; the papers between are not
        # in the seeds, so it is closed at the meeting before.
        "closed_at": "CCAG35",
        "ref": "CCAG25-01",
        "meeting": "CCAG25",
        "description": "BSC to communicate out the update on CP1589 to those that responded to/are reviewing the CP.",
        "owner": "BSC (Lawrence Jones)",
        "owner_organisation": "Elexon",
        "raised_on": "2023-12-20",
        "due_on": "2024-01-23",
        "status": "open",
        "latest_update": "Verbal update to be provided during the meeting.",
        "updates": [("2024-02-28", "Verbal update to be provided during the meeting.")],
    },
    {
        "ref": "CCAG26-01",
        "meeting": "CCAG26",
        "description": "Programme to issue link to the latest Change Control Log to enable CCAG members to review",
        "owner": "Programme (Andrew Margan)",
        "owner_organisation": "MHHS Programme",
        "raised_on": "2024-01-23",
        "due_on": "2024-02-28",
        "status": "recommend_closed",
        "latest_update": (
            "The link was issued to CCAG members and the Change Control Log was published on the Collaboration Base."
        ),
        "updates": [
            (
                "2024-02-28",
                "The link was issued to CCAG members and the Change Control Log was published on the "
                "Collaboration Base.",
            )
        ],
    },
    {
        # Not among the outstanding actions of the CCAG #36 papers, so closed by then; the papers between are not
        # in the seeds, so it is closed at the meeting before.
        "closed_at": "CCAG35",
        "ref": "CCAG26-02",
        "meeting": "CCAG26",
        "description": (
            "BSC Representative to confirm to the Supplier Agent (Independent) Representative how ‘sub meters’ "
            "proposed within P455 will be managed in terms of registration"
        ),
        "owner": "BSC Representative (Chris Day)",
        "owner_organisation": "Elexon",
        "raised_on": "2024-01-23",
        "due_on": "2024-02-28",
        "status": "ongoing",
        "latest_update": "",  # printed "ONGOING:" with no text
    },
    {
        "ref": "CCAG26-03",
        "meeting": "CCAG26",
        "description": (
            "Programme to consider how code drafting changes arising as a result of new CRs or DINs will be "
            "reviewed and communicated and provide an update to the CCAG"
        ),
        "owner": "Programme (Andrew Margan)",
        "owner_organisation": "MHHS Programme",
        "raised_on": "2024-01-23",
        "due_on": "2024-02-28",
        "status": "recommend_closed",
        "latest_update": "See Section 6 – change process shared",
        "updates": [("2024-02-28", "See Section 6 – change process shared")],
    },
    {
        "ref": "CCAG26-04",
        "meeting": "CCAG26",
        "description": (
            "Programme to share Licence Review update text to be included within The Clock with the REC Code "
            "Manager for inclusion in the REC newsletter"
        ),
        "owner": "Programme (Andrew Margan)",
        "owner_organisation": "MHHS Programme",
        "raised_on": "2024-01-23",
        "due_on": "2024-02-28",
        "status": "recommend_closed",
        "latest_update": "This was included multiple times in The Clock in January.",
        "updates": [("2024-02-28", "This was included multiple times in The Clock in January.")],
    },
    {
        # The due-date cell reads "28/02/2024 CR"; the stray "CR" is taken as an extraction artefact.
        "ref": "CCAG26-05",
        "meeting": "CCAG26",
        "description": (
            "Programme to liaise with Ofgem on whether MHHS licence review could be included in daily Ofgem updates"
        ),
        "owner": "Chair (Chris Welby)",
        "owner_organisation": "MHHS Programme",
        "raised_on": "2024-01-23",
        "due_on": "2024-02-28",
        "status": "recommend_closed",
        "latest_update": "Sent via The Clock and the REC.",
        "updates": [("2024-02-28", "Sent via The Clock and the REC.")],
    },
]

# Decisions as the headline paragraphs and dashboards print them. No paper prints a decisions log, so
# every "ref" is None (the loader generates <GROUP>-DEC<n>). "decided_by": "SRO", the group's code, or
# "Chair (delegated SRO authority)" where the papers say "the Chair, acting with delegated authority of
# the SRO". "change_request" where the decision is on a programme CR.
DECISIONS = [
    # PSG 07 August 2024
    {
        # "MHHSP-03" as printed; the CR is "Deferral of MHSSP-037" (Change Request Status slide).
        "ref": None,
        "meeting": "PSG35",
        "area": "CR051",
        "text": "SRO approved CR051, Deferral of MHHSP-03.",
        "decided_by": "SRO",
        "change_request": "CR051",
    },
    {
        "ref": None,
        "meeting": "PSG35",
        "area": "CR052",
        "text": "SRO approved CR052, Amending the ‘M7 SCR powers enabled' Milestone.",
        "decided_by": "SRO",
        "change_request": "CR052",
    },
    {
        # Printed "SRO approved CR051, ISD Publication Frequency Change": ISD Publication Frequency Change
        # is CR053's title and the paragraph is headed CR053, so this is CR053's approval (typo kept).
        "ref": None,
        "meeting": "PSG35",
        "area": "CR053",
        "text": (
            "SRO approved CR051, ISD Publication Frequency Change. CR053 will go to August CDWG to discuss if the "
            "related minor Code changes can be incorporated into M6 Code release."
        ),
        "decided_by": "SRO",
        "change_request": "CR053",
    },
    # PSG 06 November 2024
    {
        "ref": None,
        "meeting": "PSG38",
        "area": "Programme Change Requests",
        "text": (
            "CR057 was rejected by SRO following a recommendation to reject by Change Board based on CR057 not "
            "meeting the Change Freeze criteria."
        ),
        "decided_by": "SRO",
        "change_request": "CR057",
    },
    # PSG 07 February 2024
    {
        "ref": None,
        "meeting": "PSG-2024-02-07",
        "area": "CR042 Decision",
        "text": "The PSG approved CR042 which changes a Tier 2 migration milestone date.",
        "decided_by": "PSG",
        "change_request": "CR042",
    },
    {
        # Passive in the paper ("were approved"); a PSG headline, so taken as PSG's.
        "ref": None,
        "meeting": "PSG-2024-02-07",
        "area": "Future Readiness Assessments",
        "text": "Changes to upcoming Readiness Assessments were approved which reduce effort required by participants.",
        "decided_by": "PSG",
    },
    # CCAG 23 January 2024
    {
        "ref": None,
        "meeting": "CCAG26",
        "area": "CDWG Escalations",
        "text": (
            "The CCAG approved the Transitional Text and Interfaces code drafting following a recommendation from "
            "the CDWG. It was confirmed that any changes to the approved text as a result of new Programme Change "
            "Requests (CRs) or Design Issue Notifications (DINs) which progress despite the Programme change "
            "freeze would be reviewed and approved as part of the ‘Topic Area Mop-Up’ code drafting tranche."
        ),
        "decided_by": "CCAG",
    },
    # CCAG 21 August 2024
    {
        # PSG #36 item 3 (M6): the CCAG recommendation that the SRO's M6 approval rests on.
        "ref": None,
        "meeting": "CCAG-2024-08-21",
        "area": "Code Baselined (M6)",
        "text": "At CCAG on 21st August there was unanimous recommendation to baseline the Industry codes.",
        "decided_by": "CCAG",
    },
    {
        "ref": None,
        "meeting": "CCAG-2024-08-21",
        "area": "CDWG Escalations",
        "text": "SRO approve the Code Artefacts to be baselined for M6.",
        "decided_by": "SRO",
    },
    # DAG 10 January 2024
    {
        "ref": None,
        "meeting": "DAG-2024-01-10",
        "area": "CR039 Impact Assessment",
        "text": (
            "CR039 (Registration Service IF-40 Change) was approved for issuance to IA subject to agreed "
            "amendments. Responses are due by 31 January 2024."
        ),
        "decided_by": "DAG",
        "change_request": "CR039",
    },
    {
        "ref": None,
        "meeting": "DAG-2024-01-10",
        "area": "CR040 Impact Assessment",
        "text": (
            "CR040 (Change to NFR E2E1009 for DNO IDNO roles (LDSO UMSO Registrations)) was approved for issuance "
            "to IA subject to agreed amendments. Responses are due by 24 January 2024."
        ),
        "decided_by": "DAG",
        "change_request": "CR040",
    },
    {
        "ref": None,
        "meeting": "DAG-2024-01-10",
        "area": "CR041 Impact Assessment",
        "text": (
            "CR041 (Change the format of Market Participant Role Code from Char(1) to Char(2)) was approved for "
            "issuance to IA subject to agreed amendments. Responses are due by 24 January 2024."
        ),
        "decided_by": "DAG",
        "change_request": "CR041",
    },
    # DAG 14 February 2024
    {
        "ref": None,
        "meeting": "DAG-2024-02-14",
        "area": "CR041",
        "text": (
            "On Wednesday 14 February, the DAG rejected CR041. It supported the principle of MHHS Programme Change "
            "Request CR041 and BSC CP1589, but did not think that CR041 should be included in the scope of the "
            "MHHS Programme changes to be delivered for Programme Milestone M10 in March 2025."
        ),
        "decided_by": "DAG",
        "change_request": "CR041",
    },
    # The Participant Checklist (updated to 21/02/2024) lists "Change Request (CR039) approved by the Design
    # Advisory Group (DAG)" and the same for CR040 next to CR041's rejection, without a date. Attributed to
    # the DAG of 14 Feb 2024 (the only DAG the papers date between the IAs closing, 24 and 31 January, and
    # the checklist): a reading, not printed.
    {
        "ref": None,
        "meeting": "DAG-2024-02-14",
        "area": "CR039",
        "text": "Change Request (CR039) approved by the Design Advisory Group (DAG)",
        "decided_by": "DAG",
        "change_request": "CR039",
    },
    {
        "ref": None,
        "meeting": "DAG-2024-02-14",
        "area": "CR040",
        "text": "Change Request (CR040) approved by the Design Advisory Group (DAG)",
        "decided_by": "DAG",
        "change_request": "CR040",
    },
    # DAG 14 August 2024 (by correspondence)
    {
        "ref": None,
        "meeting": "DAG-2024-08-14",
        "area": "Approval of Interface Code of Connections",
        "text": (
            "Decision to approve updates made to the Interface Code of Connections, following endorsement by SDWG. "
            "This approval was made by correspondence with no objections received."
        ),
        "decided_by": "DAG",
    },
    # TMAG 17 January 2024
    {
        "ref": None,
        "meeting": "TMAG-2024-01-17",
        "area": "CR037 Decision",
        "text": (
            "The TMAG approved CR037 (Migration Message Processing Choreography Update) was approved for "
            "implementation. The updated MHHS Design will be included in Interim Release (IR) 8 on 03 April 2024 "
            "and will be deployed into SIT Non-Functional testing scheduled to commence on 02 September 2024."
        ),
        "decided_by": "TMAG",
        "change_request": "CR037",
    },
    {
        # Heading printed "(Themes 6,7,9)", body "6, 7, 8"; "15 December 2024" is presumably 2023.
        "ref": None,
        "meeting": "TMAG-2024-01-17",
        "area": "SIT Functional Test Scenarios and Test Cases (Themes 6,7,9)",
        "text": (
            "Themes 6, 7, 8 were issued to participants for review on 15 December 2024 and replies provided to "
            "respondents. On 08 January 2024 the SITWG recommended approval. The TMAG approved themes 6, 7, 8."
        ),
        "decided_by": "TMAG",
    },
    {
        "ref": None,
        "meeting": "SITWG-2024-01-08",
        "area": "SIT Functional Test Scenarios and Test Cases (Themes 6, 7, 8)",
        "text": "On 08 January 2024 the SITWG recommended approval.",
        "decided_by": "SITWG",
    },
    # SITAG, from the PSG #36 SIT Stage Readiness and SI Workstream slides
    {
        "ref": None,
        "meeting": "SITAG-2024-03-11",
        "area": "CIT",
        "text": "SITAG approved the CIT completion report 11-Mar-24",
        "decided_by": "SITAG",
    },
    {
        "ref": None,
        "meeting": "SITAG-2024-05-15",
        "area": "SIT Non-Functional Test Approach and Data",
        "text": "Test Data Approach and Plan Approved May SITAG",
        "decided_by": "SITAG",
    },
    {
        "ref": None,
        "meeting": "SITAG-2024-05-15",
        "area": "SIT Operational Test Approach and Data",
        "text": (
            "Test Approach and Data (plus associated Test Data): Approved at 15-May SITAG. SIT Operational Test "
            "Approach and Plan, achieved 15-May SITAG Approval"
        ),
        "decided_by": "SITAG",
    },
    {
        "ref": None,
        "meeting": "SITAG-2024-05-15",
        "area": "SIT Migration",
        "text": "SIT Migration Theme 2 & 3 Work Off, achieved 15-May SITAG Approval",
        "decided_by": "SITAG",
    },
    {
        "ref": None,
        "meeting": "SITAG-2024-07-17",
        "area": "SIT Non-Functional Test Scenarios & Test Cases",
        "text": "Theme 2 – Approved July SITAG 17-Jul",
        "decided_by": "SITAG",
    },
    {
        "ref": None,
        "meeting": "SITAG-2024-07-17",
        "area": "SIT Operational Test Scenarios & Test Cases",
        "text": "Theme 2 – Approved July SITAG 17-Jul",
        "decided_by": "SITAG",
    },
    {
        "ref": None,
        "meeting": "SITAG-2024-07-25",
        "area": "SIT Non-Functional Test Approach and Plan",
        "text": "Test Approach and Plan, removed from May SITAG Agenda. Document approvedat ESITAG 26th July.",
        "decided_by": "SITAG",
    },
    {
        "ref": None,
        "meeting": "SITAG-2024-07-25",
        "area": "SIT Non-Functional Test Scenarios & Test Cases",
        "text": "Theme 1 – Approved at ESITAG 25-Jul",
        "decided_by": "SITAG",
    },
    {
        # Also "Theme 1 – Approved August SITAG 21-Aug" and the PPC's "SIT Operational Theme 1: MPRS/LDSO and
        # Business Requirements was approved at SITAG on 21 August."
        "ref": None,
        "meeting": "SITAG-2024-08-21",
        "area": "SIT Operational Test Scenarios and Test Cases",
        "text": "SRO approved SIT Operational Test Scenarios and Test Cases Theme 1 (v0.2)",
        "decided_by": "SRO",
    },
    {
        "ref": None,
        "meeting": "SITAG-2024-11-20",
        "area": "Regression Approach",
        "text": "The Chair approved the date changes of two T3 milestones and assignment of two T2 milestone IDs.",
        "decided_by": "Chair",
    },
    # QAG
    {
        "ref": None,
        "meeting": "QAG-2024-08-22",
        "area": "",
        "text": (
            "The following documents were approved by the Chair, acting with delegated authority of the MHHS "
            "Senior Responsible Owner (SRO), following endorsement from QWG: Qualification Approach and Plan; "
            "Annex 1 Qualification Approach and Plan; Annex 2 Qualification Approach and Plan; Qualification "
            "Assessment Document; Non-SIT LDSO Test Data Plan; Non-SIT LDSO Test Scenarios and Test Cases"
        ),
        "decided_by": "Chair (delegated SRO authority)",
    },
    {
        # Delivery dashboard commentary on milestone T3-QU-0087.
        "ref": None,
        "meeting": "QAG-2024-08-22",
        "area": "T3-QU-0087",
        "text": "Milestone date change was approved at QAG on 22/08/24, from 10/10/24 to 10/11/24.",
        "decided_by": "QAG",
    },
    {
        "ref": None,
        "meeting": "QAG-2024-10-17",
        "area": "Qualification Documents",
        "text": (
            "The Chair, acting with delegated authority of the MHHS Senior Responsible Owner (SRO), approved the "
            "Self-Qualification Assessment Document (SQAD) to go to BSC PAB on 31 October 2024."
        ),
        "decided_by": "Chair (delegated SRO authority)",
    },
    # MCAG
    {
        "ref": None,
        "meeting": "MCAG-2024-07-25",
        "area": "Migration Framework Consultation 2",
        "text": (
            "The Chair, acting with delegated authority of the SRO, approved the Migration Framework Consultation "
            "2 Outputs."
        ),
        "decided_by": "Chair (delegated SRO authority)",
    },
    {
        "ref": None,
        "meeting": "MCAG-2024-07-25",
        "area": "Programme Milestones related to MCAG",
        "text": (
            "The Chair, acting with delegated authority of the SRO, approved Milestone T3-MI-0017, Migration "
            "Processes & Procedures, to move from 2 August 2024 to 22 October 2024."
        ),
        "decided_by": "Chair (delegated SRO authority)",
    },
    {
        "ref": None,
        "meeting": "MCAG-2024-10-22",
        "area": "Service Design Consultation",
        "text": (
            "MCAG endorsed the Service Design Document v2.4 and the Low Level Service Design v2.2, noting that the "
            "interaction between service desks would need to be detailed in the Service User Operating manual to "
            "be produced in December."
        ),
        "decided_by": "MCAG",
    },
]

# Forward plans as printed: each pack's "Summary and Next Steps" table (meeting dates x relevant milestones
# or activities / agenda items / standing items) and, for the working groups, the CCAG #36 Working Group
# Progress Report (next meeting, its agenda or "TBC", "Upcoming deliverables"). Each (group, meeting_on)
# is a meeting in MEETINGS. "source" names the pack, i.e. the date the plan was printed.
FORWARD_PLANS = [
    {
        # Two columns flattened in the text: "02 October 2024 agenda items" (the first two bullets) and
        # "Standing items" (the rest).
        "group": "PSG",
        "meeting_on": "2024-10-02",
        "items": ["Programme Change Requests", "Change/Design Management post m-10"],
        "standing_items": [
            "Minutes and Actions",
            "Programme Reporting",
            "Delivery Dashboards",
            "Summary and Next Steps",
        ],
        "source": f"{_PSG36}, Summary and Next Steps",
    },
    # The 28 Feb 2024 table prints four agenda bullets for three dates; read as 28 Feb: the first,
    # 27 Mar: the second and third, 24 Apr: the fourth.
    {
        "group": "CCAG",
        "meeting_on": "2024-02-28",
        "activities": ["Mop-up consultation"],
        "items": ["Mop-up consultation update"],
        "standing_items": _CCAG_STANDING_FEB,
        "source": f"{_CCAG_FEB}, Summary and Next Steps",
    },
    {
        "group": "CCAG",
        "meeting_on": "2024-03-27",
        "activities": ["M7 SCR Powers"],
        "items": ["M7 SCR Planning and Approach", "Mop-up 2/Final review consultation/progress update"],
        "standing_items": _CCAG_STANDING_FEB,
        "source": f"{_CCAG_FEB}, Summary and Next Steps",
    },
    {
        "group": "CCAG",
        "meeting_on": "2024-04-24",
        "activities": ["Mop-up 2 and Final Review"],
        "items": ["Mop-up 2 and Final Review consultation/progress update"],
        "standing_items": _CCAG_STANDING_FEB,
        "source": f"{_CCAG_FEB}, Summary and Next Steps",
    },
    {
        "group": "CCAG",
        "meeting_on": "2024-11-27",
        "activities": ["SCR Update"],
        "items": ["M7 Updates", "M8 Updates", "Incremental code change"],
        "standing_items": _CCAG_STANDING_NOV,
        "source": f"{_CCAG36}, Summary and Next Steps",
    },
    {
        "group": "CCAG",
        "meeting_on": "2024-12-18",
        "activities": ["SCR Update"],
        "items": ["M7 Updates", "M8 Updates", "Incremental code change"],
        "standing_items": _CCAG_STANDING_NOV,
        "source": f"{_CCAG36}, Summary and Next Steps",
    },
    {
        "group": "CCAG",
        "meeting_on": "2025-01-22",
        "activities": [],
        "items": ["M8 Updates", "Incremental code change update"],
        "standing_items": _CCAG_STANDING_NOV,
        "source": f"{_CCAG36}, Summary and Next Steps",
    },
    {
        "group": "DWG",
        "meeting_on": "2024-12-12",
        "items": [],  # TBC
        "source": f"{_CCAG36}, Working Group Progress Report",
    },
    {
        "group": "SITWG",
        "meeting_on": "2024-12-05",
        "items": [],  # TBC.
        "deliverables": ["SIT Operational Test Scenarios and Test Cases Theme 3"],
        "source": f"{_CCAG36}, Working Group Progress Report",
    },
    {
        "group": "NFTWG",
        "meeting_on": "2025-01-23",
        "items": [],  # TBC
        "source": f"{_CCAG36}, Working Group Progress Report",
    },
    {
        # MWG's "latest meeting" column is 14 November 2024 (already past when the pack was written).
        "group": "MWG",
        "meeting_on": "2024-11-14",
        "items": ["Supplier Plan Submissions Analysis", "Migration Roadmap", "Outstanding Actions and Issues"],
        "deliverables": ["Migration Framework Consultation 3"],
        "source": f"{_CCAG36}, Working Group Progress Report",
    },
    {
        "group": "DCWG",
        "meeting_on": "2024-11-28",
        "items": [
            "Population of ESME ID and Meter Location and Number of Displayed Register Digits",
            "Data Cleanse Plan",
            "Supplier Exception Resolution Comms",
            "Programme and REC Alignment",
            "Population of Connection Type Update",
            "EES Full MPAN Refresh Wash Up",
            "Data Cleanse Reporting",
            "General Clarifications",
        ],
        "source": f"{_CCAG36}, Working Group Progress Report",
    },
    {
        "group": "TORWG",
        "meeting_on": "2024-12-11",
        "items": [],  # TBC
        "source": f"{_CCAG36}, Working Group Progress Report",
    },
    {
        "group": "QWG",
        "meeting_on": "2024-12-10",
        "items": [],  # TBC
        "source": f"{_CCAG36}, Working Group Progress Report",
    },
]
