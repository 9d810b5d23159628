"""RAID items and themes as the seed papers record them (../shared/seeds/), for load_demo."""

# Sources and their dates (the date a paper's scores are "as at"):
#   PSG #36 papers, 04 September 2024 (psg-36-2024-09-04-papers.txt): "Overall RAID Summary: Key Strategic
#       Themes" table and the "Appendix RAID Theme Slides" (Risk Themes 1-6, "Current score movement since last
#       PSG"). Previous PSG: 07 August 2024 ("Approval of PSG 07 August 2024 Headline Report").
#   CCAG #36 papers, 27 November 2024 (ccag-36-2024-11-27-papers.txt): "Top Programme Risks related to CCAG"
#       ("Current score movement since last CCAG"). Previous CCAG: 23 October 2024 (CCAG35 actions raised then).
#   CCAG papers extract, 28 February 2024 (ccag-2024-02-28-papers-extract.txt): "Top Programme Risks related
#       to CCAG" (description / impact / RAG / mitigation; the RAG cell values did not survive the text extract).
#
# Score dating rule: a score printed in a paper is dated by that paper's meeting date. "Score remains at N" or
# "Score reduced from A to B" in a paper of date D gives a point at the group's previous meeting date (N or A:
# the score the movement is measured from) and a point at D (N or B). "New item" / "No change" with no number
# gives no point: the numeric scores sit on a graphic scale (30 ... 1) that the text extract lost.
#
# Wording is copied from the papers, including their own typos ("Qualifcation", "Migratoin", "are confidence");
# only PDF-extraction whitespace artefacts ("Des ign", "ra is ing", "a ssurance", double spaces) are cleaned.
#
# Two keys beyond the brief's format, both stated by the papers:
#   "band": the PSG Key Strategic Themes table prints "Current Score" as a band (Critical / High), not a number.
#   "classification": "Restricted" where the slide carrying the item is marked "Document Classification:
#       Restricted" (Risk Theme 1, page 1). A second "Restricted" marking sits between the Risk Theme 3 and
#       Risk Theme 4 slides ("RAID (4 of 7)") and cannot be tied to one page from the extract, so it is not used.
# Mitigation steps carry "owner" only where the step opens "<owner> to ..." and "due" only where the step itself
# gives a date for its action (year taken from the paper, 2024); "done" is never stated, so it is left out.

# (name, summary, mitigation approach overview) — the strategic themes ("SIT Execution", "M10 Readiness", ...)
THEMES = [
    # PSG #36, "Overall RAID Summary: Key Strategic Themes" (Theme column) and "RAID Summary & Mitigations".
    # The papers give no separate summary for these; the "RAID Summary & Mitigations" bullet is used as the
    # mitigation approach overview where there is one.
    (
        "SIT Execution",
        "",
        "Scenario Planning is currently ongoing across all Test Phases, analysing current progress against "
        "forecasted timelines for completion, to consider revisions to the test schedule and any consequential "
        "impact on Programme Plan. More immediate proposals to change Maintenance Window to maintain testing "
        "momentum.",
    ),
    ("RTTM Development", "", ""),
    (
        "M10 Readiness",
        "",
        "Programme continuing to engage with the Code Bodies to ensure the ELS Model is signed off and can "
        "therefore be implemented. Continued assurance of the Service Design which is carried out by Elexon and "
        "asking Elexon to bring regular updates to Industry via TORWG.",
    ),
    ("Post M10 Change", "", ""),
    # PSG #36, Appendix RAID Theme Slides (Risk Themes 1-6), "Theme / Summary / Mitigation Approach Overview".
    (
        "Risks to SIT Functional Execution",
        "The theme explores the factors which may affect the Programme being able to complete SIT Functional "
        "within the planned duration",
        "• Continuous monitoring of the MVC (through SIT CIT) to ensure that the MVC remains viable\n"
        "• Maintenance of pairing relationships via go-live cohorts, to enable better programme decisions based on "
        "risks / clarity on ways of working that enable SIT parties to work effectively, transparent and fairly "
        "with the programme to complete SIT in an optimum way",
    ),
    (
        "SIT Migration Execution",
        "The theme explores the factors that could impact the Programme being complete SIT Migratoin",
        "• Bilaterals have been scheduled to understand the reasons regarding Participants throughput\n"
        "• Discussions with DCC to ensure clarity regarding CSS support for reverse migration activities.",
    ),
    (
        "Risks to SIT Non-Functional and SIT Operational",
        "The theme explores the factors which may affect the Programme being able to complete SIT Non-Functional "
        "and Operational within the planned duration",
        "• A PIT NFT Tooling questionnaire has been issued to all participants as a means of understanding their "
        "current methods of generating, and processing, of IFs and PUBs messages.\n"
        "• Additionally, participants have been asked how they have simulated various routes outside of programme "
        "scope but are integral in allowing end to end business processes to be completed.",
    ),
    (
        "Risks to Qualification Success",
        "Code Bodies are accountable for Qualification for all relevant PPs.\n"
        "Industry participants have raised a risk historically that there has been a lack of clarity on the "
        "approach and plan to deliver Qualification for non-SIT LDSOs, Suppliers and Agents.",
        "• CR 47 and 48 have been approved by programme governance. This includes some additional milestones to "
        "support participant planning. CR 47 and 48 now embodied in Programme Plan which has highlighted R900 risk "
        "to M10 (in later slide).\n"
        "• Ongoing collaboration between MHHSP and Code Bodies and industry to develop and approve Qualification "
        "material through QWG & QAG.\n"
        "• Wave allocation has been confirmed and Code Bodies are reviewing placing reliance",
    ),
    (
        "Commencing and completing Migration successfully",
        "The theme explores the factors which may affect the Programme meeting M10 / M11 and completing Migration "
        "and how the Programme is planning to mitigate these to stop these risks from converting into issues",
        "• Some of the existing risk factors around M10 / M11 will be mitigated by the findings throughout SIT "
        "Testing, which will evaluate assumptions, highlight to the Programme the areas which require attention "
        "and allow the Programme enough time to make the changes necessary for M10 / M11 success\n"
        "• The Migration Design, the Migration Cutover & Data Strategy, the Data Cleanse Plan, the Migration "
        "Thresholds Document and ongoing Code Drafting will provide Participants necessary materials to prepare "
        "for M10 / M11",
    ),
    (
        "Early Life Risks",
        "This theme explores risks during the period immediately following the go-live of the MHHS "
        "arrangements(M10) and during the early stages of the MHHS Migration period (post M11/M12).",
        "• Early Life Support Model is being developed. This will set out the ramp up criteria that will need to "
        "be met for the number of migrations to be increased.\n"
        "• Programme to monitor and assure progress by participants vs the Data Cleanse Plan through the DCWG",
    ),
    # CCAG #36 (27 November 2024), "Top Programme Risks related to CCAG".
    (
        "Top risks to the Code Workstream",
        "The main risk to Code delivery is late changes, which Code needs to reflect, e.g. through PCRs and/or "
        "testing or issues during the SCR process",
        "• Monitoring triggers to Design and Code change and ensuring there are mechanisms to make changes within "
        "the Programme timescales\n"
        "• Front load SCR processes, so that issues are identified earlier and within timescales that don't delay "
        "the milestone timescales",
    ),
]

PSG36 = "2024-09-04"  # PSG #36 paper date
PSG35 = "2024-08-07"  # previous PSG, the base of "movement since last PSG" in PSG #36
CCAG36 = "2024-11-27"  # CCAG #36 paper date
CCAG35 = "2024-10-23"  # previous CCAG, the base of "movement since last CCAG" in CCAG #36

_PSG_STRATEGIC = "PSG #36 papers (2024-09-04), Overall RAID Summary: Key Strategic Themes"
_PSG_THEME = "PSG #36 papers (2024-09-04), Appendix RAID Theme Slides, "
_CCAG36 = "CCAG #36 papers (2024-11-27), Top Programme Risks related to CCAG"
_CCAG_FEB = "CCAG papers extract (2024-02-28), Top Programme Risks related to CCAG"

# Each item: only what the seeds say; leave a key out where they are silent. Dates ISO "YYYY-MM-DD".
# Refs are upper-cased ("i191" in the PSG table is I191). "groups": PSG for items on PSG's own RAID slides
# (movement "since last PSG"), CCAG for items on the "Top Programme Risks related to CCAG" slides.
# "status": "open" for items the papers list as current key risks / issues; left out for mention-only items.
RAID_ITEMS = [
    # ---- PSG #36, Overall RAID Summary: Key Strategic Themes (Current Score printed as a band) ----
    {
        "ref": "I191",
        "kind": "issue",
        "title": "SIT will not be completed in line with the Programme Plan",
        "description": "There is an issue that SIT will not be completed in line with the Programme Plan",
        "theme": "SIT Execution",
        "groups": ["PSG"],
        "band": "Critical",
        "status": "open",
        "mitigation": [
            {
                "text": "Tactical proposal to delay IR8.2 maintenance window to support testing momentum and "
                "achievement of Cycle 2 targets. Maintenance Window extended to allow time for serial data loading "
                "activities."
            },
            {
                # due: "Programme to bring a CR ... w/c 2nd Sept" (week commencing 2 September 2024).
                "text": "Programme working with PPs, Ofgem and wider stakeholders on scenario planning following "
                "the lack of progress to SIT and impact on Programme milestones. Programme to bring a CR with the "
                "recalibration of milestones w/c 2nd Sept, with hopes full Change cycle will be completed ahead of "
                "October PSG. Engagement underway with PP\u2019s, Ofgem, IPA.",
                "due": "2024-09-02",
            },
            {
                "text": "Added risk to timelines due to R753, and the potential delay to SIT operational due to "
                "Service Design documents and consequently Theme 3 Test scenarios being delayed."
            },
            {"text": "Programme is conducting MVC Trials to drive out testing constraints."},
            {
                "text": "Ongoing Bilaterals with PPs to understand resourcing concerns and constraints from their "
                "side, recognising PP comments that testing has been more difficult than they anticipated."
            },
            {
                "text": "Signposting key elements of the plan ahead of the CR and moved the CR date ahead two weeks "
                "to engage stakeholders and ensure the plan is credible. Programme requested and received execution "
                "models from cohorts which have been fed into Scenario Planning and shared with Ofgem and IPA."
            },
        ],
        "source": _PSG_STRATEGIC,
    },
    {
        "ref": "I188",
        "kind": "issue",
        "title": "Current RTTM requires development to assure SIT covers programme requirements across all roles",
        "description": "There is an issue that the current RTTM requires development to assure that Programme SIT "
        "(and eventually Qualifcation) covers programme requirements across all roles. New test cases are required "
        "to calibrate test scope and gaps and these will need to be added to SIT.",
        "theme": "RTTM Development",
        "groups": ["PSG"],
        "band": "High",
        "status": "open",
        "mitigation": [
            {
                "text": "Testing Team to develop new test cases from the role based RTTM, distribute these to PPs "
                "and schedule these into SIT.",
                "owner": "Testing Team",
            },
            {
                # due: "Test Scripts are scheduled to be complete on 30-Aug-24".
                "text": "Analysis found 23 test scripts needed to be added, will undergo the script uplift process "
                "and absorbed into SITF. Test Scripts are scheduled to be complete on 30-Aug-24",
                "due": "2024-08-30",
            },
        ],
        "source": _PSG_STRATEGIC,
    },
    {
        "ref": "R770",
        "kind": "risk",
        "title": "Elexon's M10 readiness for Handover",
        "description": "There is a risk regarding Elexon's M10 readiness for Handover as this requires further "
        "scope and integrated and holistic plan, including required engagement with industry.",
        "theme": "M10 Readiness",
        "groups": ["PSG"],
        "band": "High",
        "status": "open",
        "mitigation": [
            {"text": "Several workshops undertaken with Elexon July & August progressing different areas of risk."},
            {
                "text": "Service Design Document and Low-Level Service Designs to be finalised, particularly to "
                "demonstrate interaction and engagement with industry for Service Management. Significant input "
                "from Operational Testing lead."
            },
        ],
        "source": _PSG_STRATEGIC,
    },
    {
        "ref": "R958",
        "kind": "risk",
        "title": "Programme timescales dependent on the Ofgem decision on post M10 Change Governance authority",
        "description": "There is a risk to Programme timescales and ability to deliver as it is dependent on the "
        "Ofgem decision on the post M10 Change Governance authority.",
        "theme": "Post M10 Change",
        "groups": ["PSG"],
        "band": "High",
        "status": "open",
        "mitigation": [
            {"text": "Ongoing engagement with Code Bodies and Ofgem"},
            {
                "text": "Discussions with Ofgem ongoing, awaiting Ofgem direction/decision on the best approach for "
                "post M10 Change Process"
            },
        ],
        "source": _PSG_STRATEGIC,
    },
    # ---- PSG #36, Risk Theme 1: Risks to SIT Functional Execution ----
    {
        "ref": "R849",
        "kind": "risk",
        "title": "Delivery of SIT Functional Test execution is more difficult than expected",
        "description": "There is a risk, raised by some Participants in SITWG, FTIG, SITAG and NFTWG that the "
        "delivery of SIT Functional Test execution is more difficult than expected, along with the concurrent SIT "
        "Test Stage execution activities, resulting in some Participants under increased pressure to deliver at "
        "the pace required.",
        "impact": "Some Participants under increased pressure to deliver at the pace required.",
        "theme": "Risks to SIT Functional Execution",
        "groups": ["PSG"],
        "score": 25,
        # "Score remains at 25" in PSG #36: 25 at the previous PSG (2024-08-07) and at PSG #36 (2024-09-04).
        "score_history": [(PSG35, 25), (PSG36, 25)],
        "status": "open",
        "movement_text": "Score remains at 25",
        "classification": "Restricted",
        "mitigation": [
            {"text": "Programme has reviewed progress and is continuing to have discussions with IPA"},
            {"text": "Ongoing Bilaterals with PPs to understand resourcing concerns and constraints from their side."},
        ],
        "source": _PSG_THEME + "Risk Theme 1: Risks to SIT Functional Execution (Page 1 of 2)",
    },
    {
        "ref": "R753",
        "kind": "risk",
        "title": "MHHS Service Design not completed at pace for SIT Operational testing",
        "description": "There is a risk that if the MHHS Service Design is not completed at pace, the minimum "
        "required service management processes (and supporting technology) will not be ready to test within the "
        "SIT Operational testing phase starting in October 2024.",
        "theme": "Risks to SIT Functional Execution",
        "groups": ["PSG"],
        "score": 25,
        # "Score remains at 25" in PSG #36: 25 at 2024-08-07 and at 2024-09-04.
        "score_history": [(PSG35, 25), (PSG36, 25)],
        "status": "open",
        "movement_text": "Score remains at 25",
        "classification": "Restricted",
        "mitigation": [
            {
                # due: "estimated date of Helix to share Designs is 26-July" (2024).
                "text": "Helix have agreed to provide Low Level Designs to enable Programme to complete Theme 3, "
                "estimated date of Helix to share Designs is 26-July.",
                "due": "2024-07-26",
            },
            {
                "text": "Helix have assured that they are confidence in their delivery plan to complete SIT Op. "
                "Programme have highlighted the need to take an industry perspective when delivering the plan."
            },
        ],
        "source": _PSG_THEME + "Risk Theme 1: Risks to SIT Functional Execution (Page 1 of 2)",
    },
    {
        "ref": "I183",
        "kind": "issue",
        "title": "Settlement Testing will not complete by SIT F Cycle 2 Sprint 4",
        "description": "There is an issue that Settlement Testing will not complete by SIT F Cycle 2 Sprint 4.",
        "theme": "Risks to SIT Functional Execution",
        "groups": ["PSG"],
        # "New item" in PSG #36 (raised since 2024-08-07); no numeric score in the text.
        "status": "open",
        "movement_text": "New item",
        "mitigation": [
            {
                "text": "Scenario Planning is currently ongoing to account for this issue and how this could impact "
                "the commencement of other Testing Phases."
            },
        ],
        "source": _PSG_THEME + "Risk Theme 1: Risks to SIT Functional Execution (Page 2 of 2)",
    },
    {
        "ref": "I190",
        "kind": "issue",
        "title": "Non-Functional Testing may not start on time due to Settlement Testing",
        "description": "There is an issue that Non-Functional Testing may not start on time due to Settlement "
        "Testing not completing in SIT F cycle 2 Sprint 4.",
        "theme": "Risks to SIT Functional Execution",
        "groups": ["PSG"],
        # "New item" in PSG #36; no numeric score in the text.
        "status": "open",
        "movement_text": "New item",
        "mitigation": [
            {"text": "Scenario testing across all test phases to assess completion dates and timelines"},
            {
                "text": "Proposed delay to the IR8.1 Maintenance window to allow for Settlement Testing to progress "
                "sufficiently before SIT-B is taken down for use for NFT."
            },
        ],
        "source": _PSG_THEME + "Risk Theme 1: Risks to SIT Functional Execution (Page 2 of 2)",
    },
    # ---- PSG #36, Risk Theme 2: SIT Migration Execution ----
    {
        "ref": "R946",
        "kind": "risk",
        "title": "PPs will not complete SIT Migration in line with current Programme Plan",
        "description": "There is a risk that PPs will not complete SIT Migration in line with current Programme Plan",
        "theme": "SIT Migration Execution",
        "groups": ["PSG"],
        "score": 24,
        # "Score remains at 24" in PSG #36: 24 at 2024-08-07 and at 2024-09-04.
        "score_history": [(PSG35, 24), (PSG36, 24)],
        "status": "open",
        "movement_text": "Score remains at 24",
        "mitigation": [
            {
                "text": "Testing throughput has been lower than expected, Bilaterals are scheduled with Participants "
                "to address over the next two weeks."
            },
            {
                "text": "Scenario testing across all test phases to assess completion dates and timelines (See R930 "
                "for further detail)"
            },
            {"text": "PSG accepted scenario proposals, CR raised to adjust for Programme Milestones."},
        ],
        "source": _PSG_THEME + "Risk Theme 2: SIT Migration Execution",
    },
    {
        "ref": "R922",
        "kind": "risk",
        "title": "Cohorts without sufficient SIT Functional CoA and CoS Testing impaired in SIT Migration",
        "description": "There is a risk that Cohorts who have not exercised sufficient SIT Functional CoA and CoS "
        "Testing will be impaired during the initial weeks of SIT Migration, uncovering Defects that could have "
        "been uncovered by earlier SIT Functional Testing",
        "theme": "SIT Migration Execution",
        "groups": ["PSG"],
        "score": 20,
        # "Score remains at 20" in PSG #36: 20 at 2024-08-07 and at 2024-09-04.
        "score_history": [(PSG35, 20), (PSG36, 20)],
        "status": "open",
        "movement_text": "Score remains at 20",
        "mitigation": [
            {
                "text": "Programme to outline overall SIT M execution model, with assumptions to support required "
                "velocity of testing, to provide a benchmark for gauging whether future testing progress is on "
                "track.",
                "owner": "Programme",
            },
            {
                "text": "Programme to monitor, report progress on incomplete Cycle 1 tests until they have been "
                "completed \u2013 with adjusting actions being taken collaboratively with Participants.",
                "owner": "Programme",
            },
            {
                "text": "Programme to continue to monitor, report testing progress through SIT M vs. the benchmarked "
                "execution model, for gauging whether future testing progress is on track \u2013 with adjusting "
                "actions being taken collaboratively with Participants.",
                "owner": "Programme",
            },
            {
                "text": "Scenario testing across all test phases to assess completion dates and timelines (See R930 "
                "for further detail)"
            },
            {"text": "PSG accepted scenario proposals, CR raised to adjust for Programme Milestones."},
        ],
        "source": _PSG_THEME + "Risk Theme 2: SIT Migration Execution",
    },
    # ---- PSG #36, Risk Theme 3: Risks to SIT Non-Functional and SIT Operational ----
    {
        "ref": "R948",
        "kind": "risk",
        "title": "Delayed return of PIT readiness documentation may delay the start of SIT NFT",
        "description": "There is a risk that delayed return of PIT readiness documentation from PPs may delay the "
        "start of SIT NFT.",
        "theme": "Risks to SIT Non-Functional and SIT Operational",
        "groups": ["PSG"],
        # "New item" in PSG #36; no numeric score in the text.
        "status": "open",
        "movement_text": "New item",
        "mitigation": [
            {
                "text": "SIT Team communicated with PPs on FTIG. PPC have added this risk as an agenda item in "
                "Bilaterals."
            },
        ],
        "source": _PSG_THEME + "Risk Theme 3: Risks to SIT Non-Functional and SIT Operational",
    },
    {
        "ref": "R911",
        "kind": "risk",
        "title": "Suppliers/registration services not meeting the current Non-Functional Requirements targets",
        "description": "There is a risk that suppliers/registration services are not going to meet the current "
        "Non-Functional Requirements targets",
        "theme": "Risks to SIT Non-Functional and SIT Operational",
        "groups": ["PSG"],
        # "New item" in PSG #36; no numeric score in the text.
        "status": "open",
        "movement_text": "New item",
        "mitigation": [
            {
                "text": "LDSOs raised CR54 to amend LDSO CRs appropriately. CR54 is currently out for IA and will go "
                "to September PSG for approval."
            },
        ],
        "source": _PSG_THEME + "Risk Theme 3: Risks to SIT Non-Functional and SIT Operational",
    },
    # ---- PSG #36, Risk Theme 4: Risks to Qualification success ----
    {
        "ref": "R532",
        "kind": "risk",
        "title": "SIT participants will need to execute additional Qualification Testing to qualify",
        "description": "There is a risk that SIT participants will need to execute additional Qualification "
        "Testing to qualify",
        "theme": "Risks to Qualification Success",
        "groups": ["PSG"],
        "score": 15,
        # "Score reduced from 18 to 15" in PSG #36: 18 at the previous PSG (2024-08-07), 15 at 2024-09-04.
        "score_history": [(PSG35, 18), (PSG36, 15)],
        "status": "open",
        "movement_text": "Score reduced from 18 to 15",
        "mitigation": [
            {
                # due: "expecting to complete this w/e 13th July" (2024).
                "text": "The Programme is currently analysing the potential test gaps highlighted by Code Bodies to "
                "date and are expecting to complete this w/e 13th July (with the identification of any potential "
                "new SIT scripts or PIT evidence requirements)",
                "due": "2024-07-13",
            },
            {
                # Listed as step 2 of the Mitigation Plan; due: "scheduled to be complete on 30-Aug-24".
                "text": "Reason for score reduction: Analysis found 23 test scripts needed to be added, will undergo "
                "the script uplift process and absorbed into SITF. Test Scripts are scheduled to be complete on "
                "30-Aug-24.",
                "due": "2024-08-30",
            },
        ],
        "source": _PSG_THEME + "Risk Theme 4: Risks to Qualification success",
    },
    # ---- PSG #36, Risk Theme 5: Commencing and completing Migration successfully ----
    {
        "ref": "R700",
        "kind": "risk",
        "title": "Suppliers and Agents do not complete Qualification in line with their delivery plans",
        "description": "There is a risk that Suppliers and Agents do not complete Qualification in line with their "
        "delivery plans and this places pressure on the volumes that needs to be delivered over the remainder of "
        "the migration period",
        "theme": "Commencing and completing Migration successfully",
        "groups": ["PSG"],
        "score": 17,
        # "Score remains at 17" in PSG #36: 17 at 2024-08-07 and at 2024-09-04.
        "score_history": [(PSG35, 17), (PSG36, 17)],
        "status": "open",
        "movement_text": "Score remains at 17",
        "mitigation": [
            {
                "text": "Engagement with Suppliers and Agents to ensure they build a Qualification delivery plan that "
                "is achievable, and that they remain on track to deliver this plan."
            },
            {"text": "Increased flexibility from Code Bodies in wave qualification."},
            {"text": "Close liaison and reporting required from Qualification team to the Migration Control Centre."},
        ],
        "source": _PSG_THEME + "Risk Theme 5: Commencing and completing Migration successfully",
    },
    {
        "ref": "R828",
        "kind": "risk",
        "title": "Suppliers initiate more migrations than planned, or exceed the Threshold volumes",
        "description": "There is a risk that Suppliers initiate more migrations than planned, or exceed the "
        "Threshold volumes",
        "theme": "Commencing and completing Migration successfully",
        "groups": ["PSG"],
        "score": 18,
        # "Score remains at 18" in PSG #36: 18 at 2024-08-07 and at 2024-09-04.
        "score_history": [(PSG35, 18), (PSG36, 18)],
        "status": "open",
        "movement_text": "Score remains at 18",
        "mitigation": [
            {
                "text": "Mitigations to be agreed as part of Consultation 2 of the Migration Framework. Exploring "
                "regulatory mechanisms that deal with scenarios where participants breach agreed system thresholds."
            },
        ],
        "source": _PSG_THEME + "Risk Theme 5: Commencing and completing Migration successfully",
    },
    # ---- PSG #36, Risk Theme 6: Early Life Risks ----
    {
        "ref": "R745",
        "kind": "risk",
        "title": "Post M11, migration is ramped up too quickly",
        "description": "There is a risk that Post M11, migration is ramped up too quickly before performance has "
        "indicated the number of migrations can be ramped up.",
        "theme": "Early Life Risks",
        "groups": ["PSG"],
        "score": 17,
        # "Score remains at 17" in PSG #36: 17 at 2024-08-07 and at 2024-09-04.
        "score_history": [(PSG35, 17), (PSG36, 17)],
        "status": "open",
        "movement_text": "Score remains at 17",
        "mitigation": [
            {
                "text": "Early Life Support Model is being developed. This will set out the ramp up criteria that "
                "will be needed to be met for the number of migrations to be increased."
            },
            {"text": "Migration Team are currently considering incentives related to the Migration period."},
        ],
        "source": _PSG_THEME + "Risk Theme 6: Early Life Risks",
    },
    # ---- CCAG #36 (2024-11-27) and the CCAG extract (2024-02-28): Top Programme Risks related to CCAG ----
    {
        "ref": "R966",
        "kind": "risk",
        "title": "Code Drafting over and above the M6 baseline required for Service Management",
        "description": "There is a risk that Code Drafting over and above the M6 baseline will be required for "
        "Service Management to ensure industry parties are appropriately obligated to take action",
        "theme": "Top risks to the Code Workstream",
        "groups": ["CCAG"],
        # "New item" in CCAG #36 (raised since 2024-10-23); no numeric score in the text.
        "status": "open",
        "movement_text": "New item",
        "mitigation": [
            {"text": "Plan for analysis of Helix Service Management deliverables and likely Code drafting activity"},
        ],
        "source": _CCAG36,
    },
    {
        "ref": "R202",
        "kind": "risk",
        "title": "Programme testing may identify changes to baselined code",
        # Description and mitigation: CCAG #36 (latest). Impact: CCAG extract 2024-02-28 (CCAG #36 is silent).
        "description": "There is a risk that Programme testing (CIT/SIT) may identify changes to baselined code and "
        "require code updates and further code releases after initial code changes have been approved",
        "impact": "This may result in additional time being required to deliver code updates, delaying M6 and/or M8",
        "theme": "Top risks to the Code Workstream",
        "groups": ["CCAG"],
        # "No change" in CCAG #36; no numeric score in either paper's text.
        "status": "open",
        "movement_text": "No change",
        "mitigation": [
            {
                "text": "Monthly meeting in place between Test and Code to monitor likely volume of changes to Design "
                "and by association Code"
            },
            {
                "text": "To ensure the change control process is followed correctly and test item volume known by "
                "Code team"
            },
            {"text": "Ongoing engagement on how code change will be managed"},
        ],
        "source": _CCAG_FEB + "; " + _CCAG36,
    },
    {
        "ref": "R485",
        "kind": "risk",
        "title": "Design or Design queries not completed or provided in time for Code drafting",
        # Description and mitigation: CCAG #36 (same wording in the extract). Impact: CCAG extract 2024-02-28.
        "description": "There is a risk that the Design or queries related to Design are not completed or provided "
        "in time and as a result do not provide the information required to enable Code drafting delivery",
        "impact": "A delay to resolving Design queries will result in a delay to Code delivery",
        "theme": "Top risks to the Code Workstream",
        "groups": ["CCAG"],
        # "No change" in CCAG #36; no numeric score in either paper's text.
        "status": "open",
        "movement_text": "No change",
        "mitigation": [
            {"text": "Design process (DIN Process) set up to resolve Design queries"},
            {"text": "Amend Code Drafting Plan to accommodate outstanding Design areas"},
            {"text": "Monitor DIN Volumes"},
            {
                "text": "Code is baselined against a point in time and after this time, changes are picked up by a CR "
                "or post M6 agreed process."
            },
        ],
        "source": _CCAG_FEB + "; " + _CCAG36,
    },
    {
        "ref": "R920",
        "kind": "risk",
        # Title: the heading RECCo's delivery report gives it in PSG #36 ("R0920 - Swagger may not be aligned to
        # approved design artefact (DES138) which is used for Code drafting."). Impact: the same report.
        # Description, movement and mitigation: CCAG #36 (latest). RECCo's own action in PSG #36 ("Work Off plan
        # agreed at CCAG to cover DINs and new Code Changes required as a result of IR8.2", 25/09/24, Andrew
        # Wallace) is superseded by the CCAG #36 mitigation and not listed as a step.
        "title": "Swagger may not be aligned to approved design artefact (DES138)",
        "description": "There is a risk that Code Drafting (specifically the Energy Market Data Specification) does "
        "not reflect the intended MHHS design. This risk is specific to Swagger's alignment with for example "
        "DES138.",
        "impact": "Lack of alignment means M6 criteria not met and could also lead to qualification delays and live "
        "operational issues.",
        "theme": "Top risks to the Code Workstream",
        "groups": ["CCAG"],
        "score": 10,
        # "Score reduced from 20 to 10" in CCAG #36: 20 at the previous CCAG (2024-10-23), 10 at 2024-11-27.
        "score_history": [(CCAG35, 20), (CCAG36, 10)],
        "status": "open",
        "movement_text": "Score reduced from 20 to 10",
        "mitigation": [
            {
                "text": "The Programme recognises the risk in the context of Code drafting, It has always been the "
                "intention of the Programme to keep both documents aligned where appropriate, PP have been told to "
                "develop against Swagger where inconsistencies are identified. the DIN process has worked "
                "effectively to address any misalignment and this will continue going forward."
            },
        ],
        "source": "PSG #36 papers (2024-09-04), RECCo delivery report (R0920); " + _CCAG36,
    },
    {
        "ref": "R691",
        "kind": "risk",
        "title": "Code team delivering Design Artefacts delays Code delivery",
        # Only in the CCAG extract (2024-02-28); not on the CCAG #36 list, which the papers do not explain.
        "description": "There is a risk that Code team delivering Design Artefacts delays Code delivery",
        "impact": "The Code team have supported Design by raising and progressing Design change (eg ECS Reporting, "
        "DES196) and Design continue to require Code resource and code support, which impacts the Code delivery.",
        "groups": ["CCAG"],
        "status": "open",
        "mitigation": [
            {"text": "Deliver both workstream activities by working additional hours"},
            {"text": "Delaying the delivery of Code Artefacts"},
            {"text": "Delaying the delivery of Design Artefacts"},
            {"text": "Additional resource is identified who can support this activity"},
        ],
        "source": _CCAG_FEB,
    },
    {
        "ref": "R402",
        "kind": "risk",
        "title": "Ofgem designate code changes using SCR powers rather than Smart Meter Act powers",
        # Only in the CCAG extract (2024-02-28); not on the CCAG #36 list, which the papers do not explain.
        "description": "There is a risk that Ofgem designate code changes using their SCR powers rather than Smart "
        "Meter act powers, adds risk and dependencies on external party delivery",
        "impact": "Using SCR powers means that each code will have to raise a SCR mod and consult, whereas using SMA "
        "powers Ofgem would do one consultation.",
        "groups": ["CCAG"],
        "status": "open",
        "mitigation": [
            {"text": "Monitor plan to ensure SCR powers don't delay M7/M8"},
            {"text": "Monitor compressed SCR mod timescales to reduce timelines"},
            {"text": "Code Bodies follow MHHSP/Ofgem SCR plan"},
            {"text": "Document detailed approach with Ofgem to ensure this aligns with M6-M8 activity/plan"},
            {
                "text": "Host regular meetings with Ofgem and delivery partners (Code Bodies) to monitor and manage "
                "progress"
            },
        ],
        "source": _CCAG_FEB,
    },
    # ---- Mentioned in PSG #36 but not on a RAID slide: only the passage that names them is known ----
    # Description = the sentence(s) that mention the item, verbatim; no status, score, theme or group.
    {
        "ref": "R900",
        "kind": "risk",
        "title": "Risk to M10 highlighted by CR 47 and 48 in the Programme Plan",
        "description": "CR 47 and 48 now embodied in Programme Plan which has highlighted R900 risk to M10 (in "
        "later slide).",
        "source": _PSG_THEME + "Risk Theme 4: Risks to Qualification success (Mitigation Approach Overview)",
    },
    {
        "ref": "R930",
        "kind": "risk",
        "title": "Scenario testing across all test phases (completion dates and timelines)",
        "description": "Scenario testing across all test phases to assess completion dates and timelines (See R930 "
        "for further detail)",
        "source": _PSG_THEME + "Risk Theme 2: SIT Migration Execution (R946 and R922 mitigation plans)",
    },
    {
        "ref": "I179",
        "kind": "issue",
        "title": "ERDS Multithreading issue affecting agent appointment updates into CSS",
        "description": "REC Issue I0204 raised to investigate options to resolved an ERDS Multithreading issue "
        "affecting agent appointment updates into CSS. Programme Issue I179 raised in parallel.",
        "source": "PSG #36 papers (2024-09-04), RECCo delivery report, Progress last month",
    },
    {
        "ref": "I186",
        "kind": "issue",
        "title": "DIP environment availability for the test harness",
        "description": "At risk because of DIP env availability for the test harness. (Issue no: I186). Issue will "
        "be avoided if start of QT window is delayed",
        "source": "PSG #36 papers (2024-09-04), Milestone dashboard, T3-QU-0078 (QAG (Non-SIT LDSO)) LDSO Test "
        "Environments Connection Confirmed to UIT Environment",
    },
]
