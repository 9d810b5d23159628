"""Programme milestones as the seed papers record them (../shared/seeds/), for load_demo."""

# Paper dates: PSG #36 = 2024-09-04, CCAG #36 = 2024-11-27, CCAG extract = 2024-02-28.
#
# Sources:
#   PSG #36 papers, 04 September 2024 (psg-36-2024-09-04-papers.txt):
#     - item 7 "Delivery Dashboards" (Milestone ID, Forum, Title, Baseline Date, Forecast Date, Responsible,
#       Previous RAG 21/08/24, Current RAG 28/08/24, Forecast RAG 04/09/24, Commentary);
#     - item 3 "Update on M6" ("M6 criteria met", "DECISION: SRO to approve M6 as complete");
#     - item 5 "M10 Planning Update" (M10 / M11 window);
#     - "MHHS Programme - Code Workstream Summary" (Mstn Ref, Drafting Milestones, Baseline date,
#       Forecast date, Status) and "PSG - Qualification Update, Key upcoming milestones" (name, Date, RAG);
#     - "Level 3 Advisory Groups Updates" (QAG 22 August 2024 approvals, MCAG 25 July 2024 date move,
#       CCAG 21 August 2024, PSG 07 August 2024 CR052).
#   CCAG #36 papers, 27 November 2024 (ccag-36-2024-11-27-papers.txt): Code Workstream Summary table, the
#       "Ofgem M7 Delivery Summary" table and the REC, BSC and DIP Manager "M8" milestone tables.
#   CCAG papers extract, 28 February 2024 (ccag-2024-02-28-papers-extract.txt): Code Workstream Summary table,
#       "M6 Code Drafting POAP" ("M6 - 23rd Aug") and "M7 and M8 Plan on a Page" (M7 11/11, M8 07/03).
#
# Reading the text extract:
#   - The PSG #36 dashboard RAG cells are colour fills: no RAG word survives the extract (the cells are blank
#     between "Responsible" and "Commentary"; "On track" in that position is commentary). previous_rag,
#     current_rag and forecast_rag are therefore None unless the printed commentary states the colour:
#     "Status red until ..." (the MHHS review rows T3-DB-0154/0158/0160/0162/0164) and "RAG as red was
#     requested by SRO" (T3-TE-0035) give current_rag "red"; "As per T3-DB-0153, Status red ..." is read as
#     saying the submission row it points to (T3-DB-0153/0157/0159/0161/0163) is red as well.
#   - Code-workstream and code-body tables have one "Status" column holding a RAG word ("Green", "Complete"):
#     it is the current_rag of the paper that prints it. Earlier papers' Status values go to "rag_history".
#     Rows with Status "Complete" are status "complete" with actual = the printed forecast date (the tables
#     keep the achieved date in the forecast column; no separate actual date is printed).
#   - Dates are as printed, converted from UK formats. A few printed weekdays do not match the date (PDF
#     copy-over); the date is kept and the weekday ignored: T1-RE-1000 "Fri 02/09/24" (a Monday), T2-TE-0700
#     "Mon 26/09/24" (a Thursday), T3-QU-0087 "Mon 10/11/24" (a Sunday; the commentary also says 10/11/24),
#     BSC 3700 "Tue 27/02/25" (a Thursday), 3702/3703/M8 "Fri 24/09/25" (a Wednesday; 07/03/25, the M8 date
#     before CR055, was a Friday). T3-RE-0300 is printed "22/11//23" (read 22/11/23).
#   - Wording is copied from the papers, including their typos ("combines", "to got to"); only PDF line-break
#     whitespace is cleaned.
#
# Refs and merges:
#   - Refs are the papers' own. Duplicates in the papers: the Code Workstream table (Feb and Sep 2024) prints
#     T3-RE-0550 twice; its second row, "Code changes baselined (M6)", is the PSG dashboard's T1-RE-1000 (same
#     title and baseline) and is merged there. It also prints T3-RE-0500 twice ("Topic Area Mop Up" and
#     "Consequential Change", identical dates and status): kept as one record with both titles.
#   - CCAG #36 code-body tables use programme-plan line numbers: 4088 (Ofgem table) is T2-RE-0600 (M7) and 3707
#     (REC, BSC and DIP Manager tables) is T2-RE-0650 (M8), same titles and dates; they are merged into those
#     records. Lines reported by REC and BSC with the same dates (3702, 3703) are one record; 3700 has different
#     dates in the two tables (REC Tue 27/02/24, BSC Tue 27/02/25), so it is two records "3700-REC" and
#     "3700-BSC". Rows printed without an ID get a descriptive ref that no paper uses: "M8-CP-REC" / "M8-CP-BSC"
#     ("Last date to raise CP before M8" in each code body's table) and "QU-KEY-01".."03" (rows of the PSG
#     Qualification Update "Key upcoming milestones" table that match no dashboard row).
#   - Programme milestones are tier 1 with refs "M6", "M7", "M8", "M10", "M11". M6, M7 and M8 are also carried
#     by workstream rows (T1-RE-1000, T2-RE-0600, T2-RE-0650 - see PROGRAMME_MILESTONE_ROWS); both are kept,
#     with the same dates. The papers give no title or date for M1-M5, M9, M12-M16 (M12, M15 and M16 are only
#     named in passing: "post M11/M12", "M15/M16 cut-over plan"), so they are left out. M11 has no title or
#     date in the papers either; it is kept because the M10 planning update sets its window after M10.
#   - Party milestones in the central parties' monthly delivery reports (DIP, St Clements, RECCo, DCC ...) are
#     the parties' own plans, not programme milestones, and are left out.
#
# Keys beyond the brief's format:
#   "forum_printed": the Forum cell where it adds a sub-forum to the group code ("QAG (Non-SIT LDSO)",
#       "MCAG (Transition)", "MCAG (Migration)"); "forum" holds the group code.
#   "rag_history": [(paper date, RAG printed by that earlier paper)] for the code-workstream tables.
#
# History:
#   baseline_history (date, old, new, authority): only where a paper says the date was moved by a CR or a
#       decision. Dated by the decision where the papers give it, otherwise by the first paper that prints the
#       new date. old is None where the papers give the earlier baseline only as a month ("March 2025").
#   forecast_history (date, forecast): the forecast as printed by an earlier paper, dated by that paper.

PAPER_DATES = {
    "PSG #36": "2024-09-04",
    "CCAG #36": "2024-11-27",
    "CCAG extract": "2024-02-28",
}

# The dates in the PSG #36 Delivery Dashboard column headers.
PSG36_DASHBOARD_RAG_DATES = {"previous": "2024-08-21", "current": "2024-08-28", "forecast": "2024-09-04"}

# Workstream rows whose title names the programme milestone they deliver ("Code changes baselined (M6)").
PROGRAMME_MILESTONE_ROWS = {
    "M6": ["T1-RE-1000"],
    "M7": ["T2-RE-0600"],
    "M8": ["T2-RE-0650"],
}

_PSG_DASH = "PSG #36 papers, item 7 Delivery Dashboards"
_PSG_CODE = "PSG #36 papers, MHHS Programme - Code Workstream Summary (Drafting Milestones)"
_FEB_CODE = "CCAG papers 28 Feb 2024, MHHS Programme - Code Workstream Summary (Drafting Milestones)"
_NOV_CODE = "CCAG #36 papers, MHHS Programme - Code Workstream Summary (Drafting Milestones)"
_NOV_M7 = "CCAG #36 papers, MHHS Programme - Ofgem M7 Delivery Summary November 2024"
_NOV_REC = "CCAG #36 papers, MHHS Code Workstream - REC Milestone Reporting"
_NOV_BSC = "CCAG #36 papers, MHHS Programme - BSC M8 Milestones"
_NOV_DIP = "CCAG #36 papers, MHHS Code Workstream - DIP Manager Milestone Reporting"

_QT_SCENARIOS = (
    "QT Test Scenarios which reuse SIT Scenarios are unable to be approved until SIT Scenarios are approved. "
    "Review scope of SIT NF/Operational to understand whether all themes impact QT, work with SIT team to "
    "increase parallelisation of activities where possible."
)
_QT_DEFERRAL = "Date will be missed due to deferral of QT window. Forecast date to be updated mid Sep"

MILESTONES = [
    # ------------------------------------------------------------------------------------------------------
    # Programme milestones (tier 1)
    # ------------------------------------------------------------------------------------------------------
    {
        "ref": "M6",
        "title": "Code changes baselined",
        "forum": "PSG",
        "responsible": "CPT",  # the Responsible cell of T1-RE-1000, the dashboard row for M6
        "baseline": "2024-08-23",
        "forecast": "2024-09-02",
        # PSG #36 asks the SRO to approve M6 as complete at this meeting ("M6 criteria met"); the pack cannot
        # record the outcome, but the CCAG #36 papers treat M6 as achieved ("M6 baselined code modification
        # proposals", "Post-M6/Pre-M8"). Actual = the PSG #36 meeting date.
        "actual": "2024-09-04",
        "status": "complete",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "M6 criteria met. DECISION: SRO to approve M6 as complete. At CCAG on 21st August there was unanimous "
            "recommendation to baseline the Industry codes. Ofgem and Code Bodies have now received the "
            "baselined MHHS Code Artefact and acknowledge receipt. They will now commence work on delivering M7 "
            "which will direct the changes to the Code Body governance. The Programme is now asking the SRO and "
            "PSG to confirm that the requirement of the M6 milestone have been met in line with the Programme "
            "Plan."
        ),
        "depends_on": [],
        "baseline_history": [],
        # CCAG 28 Feb 2024: "on track for M6 delivery in August 2024"; POAP "M6 - 23rd Aug".
        "forecast_history": [("2024-02-28", "2024-08-23")],
        "source": (
            "PSG #36 papers, item 3 Update on M6 (MHHS Code Drafting - Code Baselined (M6)) and item 7 "
            "(T1-RE-1000); CCAG papers 28 Feb 2024, M6 Code Drafting POAP"
        ),
    },
    {
        "ref": "M7",
        # Latest title (CCAG #36). Earlier: "Significant Code Review Powers enabled (M7) Authority Decision"
        # (Feb 2024), "Smart Meters Act powers enabled (M7)" (PSG #36), "'M7 SCR powers enabled' Milestone"
        # (CR052).
        "title": "Ofgem decisions on M6 baselined code modification proposals",
        "forum": "PSG",
        "responsible": "Ofgem",  # "Ofgem M7 Delivery Summary", presented by Ofgem at CCAG #36
        "baseline": "2024-12-11",
        "forecast": "2024-12-11",
        "actual": None,
        "status": "in_progress",  # "M7 remains on track ... Ofgem ... is preparing decisions"; plan line "In progress"
        "previous_rag": None,
        "current_rag": "green",  # the "(M7)" row of the CCAG #36 Code Workstream table
        "forecast_rag": None,
        "commentary": (
            "M7 remains on track: Ofgem has received Final Reports from the code bodies on all the SCR "
            "modifications and is preparing decisions. Ofgem to publish decisions on or before the M7 milestone "
            "of 11 December"
        ),
        "depends_on": [],
        # The M7 date was 11/11/24 in Feb 2024 and 11/12/24 from PSG #36 on; PSG #36 records that the SRO
        # approved CR052 "Amending the 'M7 SCR powers enabled' Milestone" at PSG on 07 August 2024. The papers
        # do not print CR052's old and new dates; they are the two printed baselines.
        "baseline_history": [("2024-08-07", "2024-11-11", "2024-12-11", "CR052")],
        "forecast_history": [("2024-02-28", "2024-11-11"), ("2024-09-04", "2024-12-11")],
        "source": f"{_NOV_CODE}; {_NOV_M7}; PSG #36 papers, PSG 07 August 2024 update (CR052)",
    },
    {
        "ref": "M8",
        "title": "Code changes delivered",  # "Code Change Go-live (M8)" in Feb 2024
        "forum": "PSG",
        "responsible": "Code Bodies",  # CCAG #36 item 6 "Code Body M8 Implementation", led by the Code Bodies
        "baseline": "2025-09-24",
        "forecast": "2025-09-24",
        "actual": None,
        "status": "in_progress",  # "M8 activities have started and are on track" (PSG #36)
        "previous_rag": None,
        "current_rag": "green",  # the "(M8)" row of the CCAG #36 Code Workstream, REC, BSC and DIP tables
        "forecast_rag": None,
        "commentary": (
            "M8 activities are on track, and the M8 Milestone has moved in line with the M10 delivery date of "
            "24/09/25. M8 on track for Sept 2025 (based on proposed CR55 dates)."
        ),
        "depends_on": [],
        # 07/03/25 in Feb and Sep 2024; 24/09/25 in CCAG #36 "in line with the M10 delivery date", "based on
        # proposed CR55 dates". The CR055 decision date is not in the papers: dated by CCAG #36.
        "baseline_history": [("2024-11-27", "2025-03-07", "2025-09-24", "CR055")],
        "forecast_history": [("2024-02-28", "2025-03-07"), ("2024-09-04", "2025-03-07")],
        "source": f"{_NOV_CODE}; {_NOV_REC}; {_NOV_BSC}; {_NOV_DIP}; {_PSG_CODE}; {_FEB_CODE}",
    },
    {
        "ref": "M10",
        # PSG #36 Risk Theme 5: "the go-live of the MHHS arrangements(M10)"
        "title": "Go-live of the MHHS arrangements",
        "forum": "PSG",
        "baseline": "2025-09-24",  # CCAG #36: "the M10 delivery date of 24/09/25"
        "forecast": None,  # no separate M10 forecast is printed
        "actual": None,
        "status": "in_progress",  # M10 readiness and planning work reported in PSG #36
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "The Programme has decided to delay the issuing of the Change Request to industry by 2-weeks. The new "
            "target date is 23-Sep-24. The underlying logic within the plan (beyond M10) remains sound and there "
            "is no new evidence to change CR022 assumptions. There is no intention to constrain future activities "
            "or timelines to compensate for an M10 move. M8 Milestone has moved in line with the M10 delivery "
            "date of 24/09/25."
        ),
        "depends_on": [],
        # CCAG 28 Feb 2024: "Programme Milestone M10 in March 2025" (month only, so old = None). CCAG #36
        # prints 24/09/25 after CR055 "Amendments to M10 and corresponding milestones" (decision date not
        # given; dated by CCAG #36).
        "baseline_history": [("2024-11-27", None, "2025-09-24", "CR055")],
        "forecast_history": [],
        "source": (
            "CCAG #36 papers, Code Workstream Summary and e-PSG / CR055 notice; PSG #36 papers, item 5 M10 "
            "Planning Update and Risk Theme 5; CCAG papers 28 Feb 2024, CR041 (M10 in March 2025)"
        ),
    },
    {
        "ref": "M11",
        "title": None,  # not named in the papers; migration follows it ("Post M11, migration is ramped up")
        "forum": "PSG",
        "actual": None,
        "status": "not_started",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "The window between M10 and M11 is currently 1 month in the plan but this could be reduced, with "
            "minimal impact, to help mitigate an M10 delay. It is likely that the gap between M10 and M11 will "
            "be reduced from 1 month, to 1-2 weeks."
        ),
        "depends_on": ["M10"],  # read from the M10 / M11 window in the plan
        "baseline_history": [],
        "forecast_history": [],
        "source": "PSG #36 papers, item 5 M10 Planning Update (focal point 7, M10 / M11 Window) and R745",
    },
    # ------------------------------------------------------------------------------------------------------
    # PSG #36 Delivery Dashboards, in the papers' order (sorted by baseline date)
    # ------------------------------------------------------------------------------------------------------
    {
        "ref": "T3-DB-0153",
        "title": "SIT Non-Functional PIT RTTM submitted to Programme for assurance",
        "forum": "SITAG",
        "responsible": "PP",
        "baseline": "2024-05-30",
        "forecast": "2024-05-30",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "red",  # T3-DB-0154: "As per T3-DB-0153, Status red ..."
        "forecast_rag": None,
        "commentary": (
            "33/34 RTTMs have been submitted to the Programme. Because of the delay to all RTTMs being submitted "
            "there is an increased risk to completion of SIT Non-Functional PIT. Re-forecasting the completion date "
            "isn’t possible as delivery is dependent on the PPs. Engagement taking place for remaining PPs"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-DB-0155",
        "title": "SIT Non-Functional PIT test scenarios submitted to Programme for assurance",
        "forum": "SITAG",
        "responsible": "PP",
        "baseline": "2024-05-30",
        "forecast": "2024-05-30",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "33/34 test scenarios have been submitted to the Programme. Because of the delay to all test scenarios "
            "being submitted there is an increased risk to completion of SIT Non-Functional PIT. Re-forecasting the "
            "completion date isn’t possible as delivery is dependent on the PPs. Engagement taking place for "
            "remaining PPs"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-DB-0159",
        "title": "SIT Operational PIT Test Approach & Plan (PIT) submitted to Programme for assurance",
        "forum": "SITAG",
        "responsible": "PP",
        "baseline": "2024-06-14",
        "forecast": "2024-06-14",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "red",  # T3-DB-0160: "As per T3-DB-0159, Status red ..."
        "forecast_rag": None,
        "commentary": (
            "30/34 test approach and plans have been submitted to the Programme. Because of the delay to all Test "
            "Approach and plans being submitted there is an increased risk to completion of SIT Operational PIT. "
            "Re-forecasting the completion date isn’t possible as delivery is dependent on the PPs. Engagement taking "
            "place for remaining PPs"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-DB-0161",
        "title": "SIT Operational PIT RTTM submitted to Programme for assurance",
        "forum": "SITAG",
        "responsible": "PP",
        "baseline": "2024-07-04",
        "forecast": "2024-07-04",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "red",  # T3-DB-0162: "As per T3-DB-0161. Status red ..."
        "forecast_rag": None,
        "commentary": (
            "20/34 SIT Operational PIT RTTMs have been submitted to the Programme. Because of the delay to all RTTMs "
            "being submitted there is an increased risk to completion of SIT Operational PIT. Re-forecasting the "
            "completion date isn’t possible as delivery is dependent on the PPs. Engagement taking place for "
            "remaining PPs"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-DB-0163",
        "title": "SIT Operational PIT test scenarios submitted to Programme for assurance",
        "forum": "SITAG",
        "responsible": "PP",
        "baseline": "2024-07-04",
        "forecast": "2024-07-04",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "red",  # T3-DB-0164: "As per T3-DB-0163. Status red ..."
        "forecast_rag": None,
        "commentary": (
            "20/34 SIT Operational PIT test scenarios have been submitted to the Programme. Because of the delay to "
            "all SIT Operational PIT test scenarios being submitted there is increased risk to the completion of SIT "
            "Operational PIT. Re-forecasting the completion date isn’t possible as delivery is dependent on the PPs. "
            "Engagement taking place for remaining PPs"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-DB-0154",
        "title": "SIT Non-Functional RTTM MHHS Review Completed",
        "forum": "SITAG",
        "responsible": "SI Test",
        "baseline": "2024-07-11",
        "forecast": "2024-07-11",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "red",
        "forecast_rag": None,
        "commentary": ("33/34 reviewed. As per T3-DB-0153, Status red until remaining RTTMs submitted and reviewed"),
        "depends_on": ["T3-DB-0153"],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-MI-0033",
        "title": "MCAG Approval of Early Life Support Model",
        "forum": "MCAG",
        "forum_printed": "MCAG (Transition)",
        "responsible": "SI Transition",
        "baseline": "2024-07-30",
        "forecast": "2024-07-30",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date has been missed because of late input from Code-Bodies. Because of this drafting and "
            "publication of the document have been delayed. Code Bodies have been asked to provide feedback by "
            "Weds 28/08, once this feedback has been received, we should be in a position to arrange the "
            "industry consultation and then confirm an updated forecast date. Forecast date to be approved by "
            "MCAG."
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-DB-0157",
        "title": "SIT Non-Functional PIT Completion Report submitted to Programme for assurance",
        "forum": "SITAG",
        "responsible": "PP",
        "baseline": "2024-08-02",
        "forecast": "2024-08-02",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "red",  # T3-DB-0158: "As per T3-DB-0157. Status red ..."
        "forecast_rag": None,
        "commentary": (
            "16/34 SIT Non-Functional PIT RTTMs have been submitted to the Programme. Because of the delay to all "
            "RTTMs being submitted there is an increased risk to completion of SIT Operational PIT. Re-forecasting "
            "the completion date isn’t possible as delivery is dependent on the PPs. Engagement taking place for "
            "remaining PPs"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-DB-0160",
        "title": "SIT Operational Test approach and plan MHHS Review Completed",
        "forum": "SITAG",
        "responsible": "SI Test",
        "baseline": "2024-08-08",
        "forecast": "2024-08-08",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "red",
        "forecast_rag": None,
        "commentary": (
            "28/34 reviewed. As per T3-DB-0159, Status red until remaining PIT Test Approach and Plans "
            "submitted and reviewed"
        ),
        "depends_on": ["T3-DB-0159"],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-DB-0162",
        "title": "SIT Operational RTTM MHHS Review Completed",
        "forum": "SITAG",
        "responsible": "SI Test",
        "baseline": "2024-08-15",
        "forecast": "2024-08-15",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "red",
        "forecast_rag": None,
        "commentary": (
            "20/34 reviewed. As per T3-DB-0161. Status red until remaining PIT Test Approach and Plans "
            "submitted and reviewed"
        ),
        "depends_on": ["T3-DB-0161"],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-DB-0164",
        "title": "SIT Operational Test scenarios MHHS Review Completed",
        "forum": "SITAG",
        "responsible": "SI Test",
        "baseline": "2024-08-15",
        "forecast": "2024-08-15",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "red",
        "forecast_rag": None,
        "commentary": (
            "20/34 reviewed. As per T3-DB-0163. Status red until remaining PIT Test Approach and Plans "
            "submitted and reviewed"
        ),
        "depends_on": ["T3-DB-0163"],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-DB-0158",
        "title": "SIT Non-Functional PIT Completion Report MHHS Review Completed",
        "forum": "SITAG",
        "responsible": "SI Test",
        "baseline": "2024-08-16",
        "forecast": "2024-08-16",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "red",
        "forecast_rag": None,
        "commentary": (
            "12/34 reviewed. As per T3-DB-0157. Status red until remaining PIT Test Approach and Plans "
            "submitted and reviewed"
        ),
        "depends_on": ["T3-DB-0157"],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-TE-0081",
        "title": "Cycle 3 - PP's confirmation that test data is ready for SIT Functional",
        "forum": "SITAG",
        "responsible": "SI Test Data",
        "baseline": "2024-08-19",
        "forecast": "2024-10-18",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date re-forecast in line with short term scenario planning. Introduction of 5 weeks of additional sprints"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-TE-0116",
        "title": "SIT NFT Scenarios & Test Cases Approved - Theme 3",
        "forum": "SITAG",
        "responsible": "SI Test",
        "baseline": "2024-08-21",
        "forecast": "2024-09-18",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date missed because of uncertainty around test scenarios based PPs engagement. Test cases may not be "
            "ready in time for the start of SIT Non-Functional testing. Approval forecast at Sep SITAG in prep "
            "for testing commencing 7/10"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0110",
        "title": "QAG Approval for Operational, Non-Functional & Migration Annexes of Approach & Plan",
        "forum": "QAG",
        "forum_printed": "QAG (Non-SIT LDSO)",
        "responsible": "Code Bodies",
        "baseline": "2024-08-22",
        "forecast": "2024-08-22",
        # No commentary on the dashboard. PSG #36 "QAG 22 August 2024": the Chair approved the Qualification
        # Approach and Plan with its Annex 1 and Annex 2. (The Qualification Update slide, written before that
        # QAG, shows "Non-SIT LDSO Annex 1 Updated with Non-Functional, Migration and Operational plans 22/8/24"
        # as G.)
        "actual": "2024-08-22",
        "status": "complete",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": f"{_PSG_DASH}; PSG #36 papers, QAG 22 August 2024 update",
    },
    {
        "ref": "T3-QU-0008",
        "title": (
            "Qualification Testing for Non-SIT LDSOs (Functional, Migration, NFT, Operational) Test Execution "
            "Schedule Complete"
        ),
        "forum": "QAG",
        "forum_printed": "QAG (Non-SIT LDSO)",
        "responsible": "Non-SIT LDSO",
        "baseline": "2024-08-22",
        "forecast": "2024-08-22",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date not met because of re-planning activity around SIT Cycle 2 Maintenance window. Maintain dialog "
            "with Programme scenario planning from SIT. New forecast date will be defined after programme "
            "scenario CR is approved."
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0071",
        "title": "Test Scenarios & Cases - Non-Functional - Approved at QAG",
        "forum": "QAG",
        "forum_printed": "QAG (Non-SIT LDSO)",
        "responsible": "Non-SIT LDSO",
        "baseline": "2024-08-22",
        "forecast": "2024-08-22",
        # No commentary; QAG 22 August 2024 approved the "Non-SIT LDSO Test Scenarios and Test Cases".
        "actual": "2024-08-22",
        "status": "complete",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": f"{_PSG_DASH}; PSG #36 papers, QAG 22 August 2024 update",
    },
    {
        "ref": "T3-QU-0073",
        "title": "Test Scenarios & Cases - Operational - Approved at QAG",
        "forum": "QAG",
        "forum_printed": "QAG (Non-SIT LDSO)",
        "responsible": "Non-SIT LDSO",
        "baseline": "2024-08-22",
        "forecast": "2024-08-22",
        # As T3-QU-0071.
        "actual": "2024-08-22",
        "status": "complete",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": f"{_PSG_DASH}; PSG #36 papers, QAG 22 August 2024 update",
    },
    {
        "ref": "T3-QU-0077",
        "title": "PP Test Scope Presented at QAG",
        "forum": "QAG",
        "forum_printed": "QAG (Non-SIT LDSO)",
        "responsible": "Non-SIT LDSO",
        "baseline": "2024-08-22",
        "forecast": "2024-08-22",
        # No commentary, and not among the QAG 22 August 2024 approvals: completion is not stated.
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0081",
        "title": "QAG Approval of Qualification Approach and Plan v3",
        "forum": "QAG",
        "responsible": "Code Bodies",
        "baseline": "2024-08-22",
        "forecast": "2024-08-22",
        # QAG 22 August 2024: the Chair approved the "Qualification Approach and Plan".
        "actual": "2024-08-22",
        "status": "complete",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": f"{_PSG_DASH}; PSG #36 papers, QAG 22 August 2024 update",
    },
    {
        "ref": "T3-QU-0083",
        "title": "QAG Endorsement of Qualification Assessment Document v2",
        "forum": "QAG",
        "responsible": "Code Bodies",
        "baseline": "2024-08-22",
        "forecast": "2024-08-22",
        # QAG 22 August 2024: the Chair approved the "Qualification Assessment Document".
        "actual": "2024-08-22",
        "status": "complete",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": f"{_PSG_DASH}; PSG #36 papers, QAG 22 August 2024 update",
    },
    {
        "ref": "T3-TE-0035",
        "title": "Non-SIT LDSO Test Harness Released",
        "forum": "QAG",
        "responsible": "SI DevOps",
        "baseline": "2024-08-23",
        "forecast": "2024-08-23",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "red",  # "Decision not to seek milestone date change and RAG as red was requested by SRO"
        "forecast_rag": None,
        "commentary": (
            "Date will be missed due to Sims & Ems being blocked from completing connectivity and regression "
            "testing activities, since message functionality is disabled in the current UIT environment version "
            "(IR7.3), only becoming enabled from 2/9 (release of IR8.1 UIT). Decision not to seek milestone date "
            "change and RAG as red was requested by SRO, with a corresponding acknowledgement that Sims & Ems "
            "are blocked due to external factors. LDP working towards getting the milestone date changed to "
            "September (exact date TBC)"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-TE-0044",
        "title": (
            "Central Parties' UIT environments ready to start connectivity proving (incl. certificates and "
            "security compliance)"
        ),
        "forum": "QAG",
        "responsible": "SI Test",
        "baseline": "2024-08-23",
        "forecast": "2024-08-23",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "On track",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-RE-0550",
        # Dashboard title. The Code Workstream tables (Feb and Sep 2024) call it "Finalise and consistency
        # check approved at CCAG" (23/08/24, Green).
        "title": "CCAG recommend final code to PSG for baselining",
        "forum": "CCAG",
        "responsible": "PP",
        "baseline": "2024-08-23",
        "forecast": "2024-08-21",
        # PSG #36 item 3: "At CCAG on 21st August there was unanimous recommendation to baseline the Industry
        # codes."
        "actual": "2024-08-21",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "green",  # Code Workstream table, PSG #36
        "forecast_rag": None,
        "rag_history": [("2024-02-28", "green")],
        "commentary": "On track",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [("2024-02-28", "2024-08-23")],
        "source": f"{_PSG_DASH}; {_PSG_CODE}; {_FEB_CODE}; PSG #36 papers, item 3 Update on M6",
    },
    {
        "ref": "T1-RE-1000",
        # Also printed (Feb and Sep 2024 Code Workstream tables) as a second "T3-RE-0550" row, "Code changes
        # baselined (M6) 23/08/24 23/08/24 Green"; read as this milestone.
        "title": "Code changes baselined (M6)",
        "forum": "PSG",
        "responsible": "CPT",
        "baseline": "2024-08-23",
        "forecast": "2024-09-02",
        "actual": "2024-09-04",  # as M6
        "status": "complete",
        "previous_rag": None,
        "current_rag": None,  # the Code Workstream table of the same pack prints "Green" for this row
        "forecast_rag": None,
        "rag_history": [("2024-02-28", "green")],
        "commentary": (
            "CCAG will approve the code text to go to Ofgem on 23/8/24. PSG will then ratify the milestone at "
            "PSG on 2/9/24"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [("2024-02-28", "2024-08-23")],
        "source": f"{_PSG_DASH}; {_PSG_CODE}; {_FEB_CODE}",
    },
    {
        "ref": "T2-TE-0700",
        "title": "SIT Non-Functional Testing Preparation Complete",
        "forum": "SITAG",
        "responsible": "SI Test",
        "baseline": "2024-08-26",
        "forecast": "2024-09-26",  # printed "Mon 26/09/24"
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date at risk due to lower than expected SIT functional test velocity. Date re-forecast in line with "
            "short term scenario planning. Introduction of 5 weeks additional sprints"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0080",
        "title": (
            "Assessment Criteria (Functional, Non-Functional, Migration, Operational) Approved by REC PAB and BSC PAB"
        ),
        "forum": "QAG",
        "responsible": "Code Bodies",
        "baseline": "2024-08-29",
        "forecast": "2024-09-26",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date missed because additional changes were identified during test scope analysis, therefore "
            "assessment criteria needs further updates (a version was approved in June). To be approved at PAB."
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0065",
        "title": (
            "Non-Functional Testing elements of Qualification Approach and Plan v3 approved by REC PAB and BSC PAB"
        ),
        "forum": "QAG",
        "responsible": "Code Bodies",
        "baseline": "2024-08-29",
        "forecast": "2024-08-29",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        # PSG #36 Qualification Update, Key upcoming milestones: "Qualification Approach and Plan v3
        # (Non-Functional & Operational) 29/08/24 G" - read as this row.
        "current_rag": "green",
        "forecast_rag": None,
        "commentary": "On track",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": f"{_PSG_DASH}; PSG #36 papers, PSG - Qualification Update (Key upcoming milestones)",
    },
    {
        "ref": "T3-QU-0067",
        "title": "Qualification Assessment Document v2 approved by REC PAB and BSC PAB",
        "forum": "QAG",
        "responsible": "Code Bodies",
        "baseline": "2024-08-29",
        "forecast": "2024-08-29",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "On track",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-TE-0040",
        "title": "SIT Non-Functional Testing Start",
        "forum": "SITAG",
        "responsible": "SI Test",
        "baseline": "2024-09-02",
        "forecast": "2024-10-07",
        "actual": None,
        "status": "not_started",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date will be missed due to lower than expected SIT functional test velocity. Start of SIT-Non "
            "Functional (MVC) will be delayed. Date re-forecast in line with short term scenario planning. "
            "Introduction of 5 weeks additional sprints"
        ),
        # T3-TE-0116: "Test cases may not be ready in time for the start of SIT Non-Functional testing".
        "depends_on": ["T3-TE-0116"],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0113",
        "title": "Test Data Signed Off",
        "forum": "QAG",
        "forum_printed": "QAG (Non-SIT LDSO)",
        "responsible": "Non-SIT LDSO",
        "baseline": "2024-09-03",
        "forecast": "2024-09-03",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date will be missed due to QT execution replanning. Additionally, the Test Harness will be loaded "
            "with dummy suppliers MHHS (outgoing supplier) and MHHX (incoming supplier) for the Change of Supply "
            "Test Cases. For messages to flow between DIP, the LDSO systems and the Test Harness the LDSO systems "
            "will need to be updated with these dummy suppliers. Test data is required from LDSOs by 13 Sept.. A "
            "new forecast date will be provided following conclusion of the scenario analysis"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-DB-0165",
        "title": "SIT Operational PIT Completion Report submitted to Programme for assurance",
        "forum": "SITAG",
        "responsible": "PP",
        "baseline": "2024-09-06",
        "forecast": "2024-09-06",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date at risk because of potential delay to submissions for SIT Operational PIT completion reports. "
            "Impact may be a delay to the start of SIT Operational Testing. Bilateral’s scheduled for week "
            "commencing 19/8"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0084",
        "title": "Update to Qualification Assessment Document Portal post QAD V2 Complete",
        "forum": "QAG",
        "responsible": "QAD Portal Dev Team",
        "baseline": "2024-09-12",
        "forecast": "2024-09-12",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "On track",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-TE-0119",
        "title": "SIT Operational Scenarios & Test Cases Approved - Theme 3",
        "forum": "SITAG",
        "responsible": "SI Test",
        "baseline": "2024-09-18",
        "forecast": "2024-09-18",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date at risk because of uncertainty around test scenarios based PPs engagement. Test cases may not "
            "be ready in time for the start of SIT Operational testing. Approval forecast at Sep SITAG in prep "
            "for testing commencing 7/10"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0078",
        "title": "LDSO Test Environments Connection Confirmed to UIT Environment",
        "forum": "QAG",
        "forum_printed": "QAG (Non-SIT LDSO)",
        "responsible": "Non-SIT LDSO",
        "baseline": "2024-09-18",
        "forecast": "2024-09-18",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "At risk because of DIP env availability for the test harness. (Issue no: I186). Issue will be "
            "avoided if start of QT window is delayed"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0124",
        "title": "E2E Sandbox Test Data Approach and Plan Approved",
        "forum": "QAG",
        "responsible": "Sandbox (Qualification Governance)",
        "baseline": "2024-09-19",
        "forecast": "2024-10-17",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,  # the commentary says "Off Track", which is not a RAG colour
        "forecast_rag": None,
        "commentary": (
            "Some delays have been experienced during the development of the E2E Sandbox Test Data Approach and "
            "Plan which will impact when the document is available for internal programme review and industry "
            "consultation. Milestone T3-QU-0124 with a due date of 19-Sep-24 for “E2E Sandbox Test Data "
            "Approach and Plan” has moved to a status against milestone of “Off Track” as a result. "
            "Revised plan has been created, -Industry consultation for this document is now targeted for between "
            "16-Sep-24 to 30-Sep-24 -Document will be presented to the next available QWG session on 8-Oct-24 "
            "for recommendation for approval -Document will be presented to the next available QAG session "
            "on17-Oct-24 for formal approval and completion of the Milestone T3-QU-0124"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0120",
        "title": "QAG Approval of QT Non-Functional Test Scenarios and Test Cases Batch 2",
        "forum": "QAG",
        "responsible": "Non-SIT S&A QT Test Team",
        "baseline": "2024-09-19",
        "forecast": "2024-10-17",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "Date will be missed because of SIT Non-Functional/Operational Test Scenario Approval dates. "
        + _QT_SCENARIOS,
        # "QT Test Scenarios which reuse SIT Scenarios are unable to be approved until SIT Scenarios are
        # approved": the non-functional batch is read as waiting on the SIT NFT Theme 3 approval.
        "depends_on": ["T3-TE-0116"],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0121",
        "title": "QAG Approval of QT Operational Test Scenarios and Test Cases Batch 1",
        "forum": "QAG",
        "responsible": "Non-SIT S&A QT Test Team",
        "baseline": "2024-09-19",
        "forecast": "2024-10-17",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date will be missed because of delay to SIT Non-Functional/Operational Test Scenario Approval dates. "
        )
        + _QT_SCENARIOS,
        "depends_on": ["T3-TE-0119"],  # operational batch: SIT Operational Theme 3 approval
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0122",
        "title": "QAG Approval of QT Operational Test Scenarios and Test Cases Batch 2",
        "forum": "QAG",
        "responsible": "Non-SIT S&A QT Test Team",
        "baseline": "2024-09-19",
        "forecast": "2024-10-17",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date will be missed because of delay to SIT Non-Functional/Operational Test Scenario Approval dates. "
        )
        + _QT_SCENARIOS,
        "depends_on": ["T3-TE-0119"],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-DB-0166",
        "title": "SIT Operational PIT Completion Report MHHS Review Completed",
        "forum": "SITAG",
        "responsible": "SI Test",
        "baseline": "2024-09-20",
        "forecast": "2024-09-20",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date at risk because of potential delay to submissions for SIT Operational PIT completion reports. "
            "Impact may be a delay to the start of SIT Operational Testing. Continue engagement with PPs"
        ),
        "depends_on": ["T3-DB-0165"],  # the review of the reports T3-DB-0165 submits
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T2-TE-0750",
        "title": "SIT Operational Testing Preparation Complete",
        "forum": "SITAG",
        "responsible": "SI Test",
        "baseline": "2024-09-25",
        "forecast": "2024-09-25",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "Date at risk due to lower than expected test velocity and Participants PIT submissions",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0076",
        "title": "Non-SIT LDSO Participants have submitted PIT Test Completion Report & evidence for QT Entry",
        "forum": "QAG",
        "forum_printed": "QAG (Non-SIT LDSO)",
        "responsible": "Non-SIT LDSO",
        "baseline": "2024-09-30",
        "forecast": "2024-09-30",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": _QT_DEFERRAL,
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0007",
        "title": (
            "Qualification Testing for Non-SIT LDSOs (Functional, Migration, NFT, Operational) Programme Test "
            "Readiness confirmed"
        ),
        "forum": "QAG",
        "forum_printed": "QAG (Non-SIT LDSO)",
        "responsible": "Non-SIT LDSO",
        "baseline": "2024-09-30",
        "forecast": "2024-09-30",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": _QT_DEFERRAL,
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T2-QU-0550",
        "title": (
            "Qualification Testing for Non-SIT LDSOs (Functional, Migration, NFT, Operational) Test Readiness "
            "Confirmed (Final Test Readiness Review for LDSO)"
        ),
        "forum": "QAG",
        "forum_printed": "QAG (Non-SIT LDSO)",
        "responsible": "LDSO",
        "baseline": "2024-09-30",
        "forecast": "2024-09-30",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": _QT_DEFERRAL,
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0115",
        "title": "Non-SIT LDSO QT Test Execution Starts",
        "forum": "QAG",
        "forum_printed": "QAG (Non-SIT LDSO)",
        "responsible": "Non-SIT LDSO",
        "baseline": "2024-10-01",
        "forecast": "2024-11-01",
        "actual": None,
        "status": "not_started",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date re-forecast in line with short term scenario planning as being no earlier than 1/11/24. This "
            "will continue to be developed in scenario planning."
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-MI-0030",
        "title": "Automated Population of Null Connection Type",
        "forum": "MCAG",
        "forum_printed": "MCAG (Transition)",
        "responsible": "LDSO",
        "baseline": "2024-10-04",
        "forecast": "2024-10-04",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "On track",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-MI-0027",
        "title": "Automated Population of Connection Type for Measurement Classes ‘B’, ‘D’, ‘F’ & ‘G’",
        "forum": "MCAG",
        "forum_printed": "MCAG (Transition)",
        "responsible": "LDSO",
        "baseline": "2024-10-04",
        "forecast": "2024-10-04",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "On track",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-MI-0028",
        "title": "BAU Population of Connection Type for Site Specific LLFCs within Measurement Classes ‘C’ & ‘E’",
        "forum": "MCAG",
        "forum_printed": "MCAG (Transition)",
        "responsible": "LDSO",
        "baseline": "2024-10-04",
        "forecast": "2024-10-04",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "On track",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-MI-0029",
        "title": "Automated Population of Connection Type for Smart Meters within Measurement Class ‘A’",
        "forum": "MCAG",
        "forum_printed": "MCAG (Transition)",
        "responsible": "LDSO",
        "baseline": "2024-10-04",
        "forecast": "2024-10-04",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "On track",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-TE-0042",
        "title": "SIT Operational Testing Start",
        "forum": "SITAG",
        "responsible": "SI Test",
        "baseline": "2024-10-07",
        # The same pack's M10 planning update expects "the start of SIT Operational testing will be delayed to
        # 04-Nov-24"; the dashboard still prints 07/10/24, kept here.
        "forecast": "2024-10-07",
        "actual": None,
        "status": "not_started",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "On track",
        # T3-TE-0119 ("Test cases may not be ready in time for the start of SIT Operational testing") and
        # T3-DB-0165 / T3-DB-0166 ("Impact may be a delay to the start of SIT Operational Testing").
        "depends_on": ["T3-TE-0119", "T3-DB-0165", "T3-DB-0166"],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-QU-0087",
        "title": "Non-SIT LDSO QT Participants have submitted their initial QAD",
        "forum": "QAG",
        "responsible": "Participants",
        # The commentary says QAG approved a date change from 10/10/24 to 10/11/24 on 22/08/24 ("To go to
        # 19/09/24 QAG for noting"), but the dashboard of 28/08 still prints the baseline 10/10/24 and the new
        # date as the forecast: kept as printed, no baseline_history.
        "baseline": "2024-10-10",
        "forecast": "2024-11-10",  # printed "Mon 10/11/24"
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date will be missed because the date for the initial QAD submission window has been moved back to "
            "reflect the delay to SIT activities and to provide Programme PPs with more time to prepare. "
            "Milestone date change was approved at QAG on 22/08/24, from 10/10/24 to 10/11/24. To go to "
            "19/09/24 QAG for noting."
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T2-TE-0800",
        "title": "SIT Migration Testing Test Completion Report (Minimum Viable Cohort) Approved",
        "forum": "SITAG",
        "responsible": "SI Test",
        "baseline": "2024-10-18",
        "forecast": "2025-01-15",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Date change because the plan did not consider SIT Migration regression testing. SIT Migration Test "
            "Completion Report date was incorrect. Revise plan to align to Jan 25 SITAG approval. Date change to "
            "form part of Programme CR"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-MI-0031",
        "title": "Each LDSO has linked all relevant import/export MPANS",
        "forum": "MCAG",
        "forum_printed": "MCAG (Transition)",
        "responsible": "LDSO",
        "baseline": "2024-10-18",
        "forecast": "2024-10-18",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "On track",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-MI-0017",
        # The MCAG 25 July 2024 update calls it "Migration Processes & Procedures".
        "title": "MCAG Approval of Migration Framework Artefacts (Baselined)",
        "forum": "MCAG",
        "forum_printed": "MCAG (Migration)",
        "responsible": "PP",
        "baseline": "2024-10-22",
        "forecast": "2024-10-22",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "On track",
        "depends_on": [],
        # PSG #36, MCAG 25 July 2024: "The Chair, acting with delegated authority of the SRO, approved
        # Milestone T3-MI-0017, Migration Processes & Procedures, to move from 2 August 2024 to 22 October 2024."
        "baseline_history": [
            ("2024-07-25", "2024-08-02", "2024-10-22", "MCAG 25 July 2024: Chair with delegated SRO authority")
        ],
        "forecast_history": [],
        "source": f"{_PSG_DASH}; PSG #36 papers, MCAG 25 July 2024 update",
    },
    {
        "ref": "T3-MI-0039",
        "title": "V1.0 of Migration Schedule Baseline Approved at MCAG",
        "forum": "MCAG",
        "forum_printed": "MCAG (Migration)",
        "responsible": "PP",
        "baseline": "2024-10-22",
        "forecast": "2024-10-22",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "On track",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-TE-0082",
        "title": "Regression - PP's confirmation that test data is ready for SIT Functional",
        "forum": "SITAG",
        "responsible": "SI Test Data",
        "baseline": "2024-10-25",
        "forecast": "2024-10-25",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "Date will not be met due to programme scenario planning",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-TE-0048",
        "title": "UIT E2E Sandbox Preparation Complete",
        "forum": "QAG",
        "responsible": "SI Test",
        "baseline": "2025-01-31",
        "forecast": "2025-01-31",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": "On track",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    {
        "ref": "T3-MI-0032",
        "title": "Approval of M15/M16 cut-over plan",
        "forum": "MCAG",
        "forum_printed": "MCAG (Transition)",
        "responsible": "SI Transition",
        "baseline": "2024-10-29",
        "forecast": "2024-10-29",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": None,
        "forecast_rag": None,
        "commentary": (
            "Milestone to got to MCAG on 24/9 to be removed because the M15/M16 cutover plan is being combines "
            "with the M16 methodology"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _PSG_DASH,
    },
    # ------------------------------------------------------------------------------------------------------
    # PSG #36 Qualification Update, "Key upcoming milestones" rows with no dashboard row (no ID printed).
    # One "Date" column: used as baseline and forecast. "C"/"c" = complete (actual = that date).
    # ------------------------------------------------------------------------------------------------------
    {
        "ref": "QU-KEY-01",
        "title": "Non-SIT S&A QT Test Data Approach Approved by QAG",
        "forum": "QAG",
        "baseline": "2024-07-18",
        "forecast": "2024-07-18",
        "actual": "2024-07-18",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": "PSG #36 papers, PSG - Qualification Update (Key upcoming milestones)",
    },
    {
        "ref": "QU-KEY-02",
        "title": "Non-SIT S&A QT Migration Test Scenarios Approved by QAG",
        "forum": "QAG",
        "baseline": "2024-07-18",
        "forecast": "2024-07-18",
        "actual": "2024-07-18",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": "PSG #36 papers, PSG - Qualification Update (Key upcoming milestones)",
    },
    {
        "ref": "QU-KEY-03",
        # Printed with an unbalanced bracket.
        "title": (
            "Qualification Testing for Non-SIT LDSOs Participants' environments) Ready to start DIP onboarding "
            "(incl. certificates and security compliance)"
        ),
        "forum": "QAG",
        "baseline": "2024-08-05",
        "forecast": "2024-08-05",
        "actual": "2024-08-05",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": "PSG #36 papers, PSG - Qualification Update (Key upcoming milestones)",
    },
    # ------------------------------------------------------------------------------------------------------
    # Code workstream: Code Workstream Summary "Drafting Milestones" (CCAG Feb 2024, PSG #36, CCAG #36).
    # No Responsible column; forum CCAG (the tables are CCAG's standing "Reporting Milestones" item).
    # ------------------------------------------------------------------------------------------------------
    {
        "ref": "T2-RE-0100",
        "title": "Data Services approved at CCAG",
        "forum": "CCAG",
        "baseline": "2023-05-24",
        "forecast": "2023-05-24",
        "actual": "2023-05-24",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "rag_history": [("2024-02-28", "complete")],
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [("2024-02-28", "2023-05-24")],
        "source": f"{_PSG_CODE}; {_FEB_CODE}",
    },
    {
        "ref": "T2-RE-0150",
        "title": "Metering Services approved at CCAG",
        "forum": "CCAG",
        "baseline": "2023-05-24",
        "forecast": "2023-05-24",
        "actual": "2023-05-24",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "rag_history": [("2024-02-28", "complete")],
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [("2024-02-28", "2023-05-24")],
        "source": f"{_PSG_CODE}; {_FEB_CODE}",
    },
    {
        "ref": "T2-RE-0250",
        "title": "Registration approved at CCAG",
        "forum": "CCAG",
        "baseline": "2023-08-23",
        "forecast": "2023-08-23",
        "actual": "2023-08-23",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "rag_history": [("2024-02-28", "complete")],
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [("2024-02-28", "2023-08-23")],
        "source": f"{_PSG_CODE}; {_FEB_CODE}",
    },
    {
        "ref": "T2-RE-0200",
        "title": "BSC Central Services approved at CCAG",
        "forum": "CCAG",
        "baseline": "2023-09-27",
        "forecast": "2023-09-27",
        "actual": "2023-09-27",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "rag_history": [("2024-02-28", "complete")],
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [("2024-02-28", "2023-09-27")],
        "source": f"{_PSG_CODE}; {_FEB_CODE}",
    },
    {
        "ref": "T3-RE-0300",
        "title": "Governance, Migration and Qualification approved at CCAG",
        "forum": "CCAG",
        "baseline": "2023-11-22",  # printed "22/11//23"
        "forecast": "2023-11-22",
        "actual": "2023-11-22",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "rag_history": [("2024-02-28", "complete")],
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [("2024-02-28", "2023-11-22")],
        "source": f"{_PSG_CODE}; {_FEB_CODE}",
    },
    {
        "ref": "T3-RE-0350",
        "title": "Transition Text and Interfaces approved at CCAG",
        "forum": "CCAG",
        "baseline": "2024-01-24",
        "forecast": "2024-01-24",
        "actual": "2024-01-24",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "rag_history": [("2024-02-28", "complete")],
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [("2024-02-28", "2024-01-24")],
        "source": f"{_PSG_CODE}; {_FEB_CODE}",
    },
    {
        "ref": "T3-RE-0500",
        # Two rows carry this ID in both tables, with the same dates and status: kept as one record.
        "title": "Topic Area Mop Up approved at CCAG / Consequential Change approved at CCAG",
        "forum": "CCAG",
        "baseline": "2024-05-22",
        "forecast": "2024-05-22",
        "actual": "2024-05-22",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "rag_history": [("2024-02-28", "green")],
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [("2024-02-28", "2024-05-22")],
        "source": f"{_PSG_CODE}; {_FEB_CODE}",
    },
    {
        "ref": "T2-RE-0600",
        # Earlier titles: "Significant Code Review Powers enabled (M7) Authority Decision" (Feb 2024), "Smart
        # Meters Act powers enabled (M7)" (PSG #36). Plan line 4088 in the CCAG #36 Ofgem M7 table.
        "title": "Ofgem decisions on M6 baselined code modification proposals (M7)",
        "forum": "CCAG",
        "responsible": None,
        "baseline": "2024-12-11",
        "forecast": "2024-12-11",
        "actual": None,
        "status": "in_progress",  # Ofgem M7 table, line 4088: "In progress"
        "previous_rag": None,
        "current_rag": "green",
        "forecast_rag": None,
        "rag_history": [("2024-02-28", "green"), ("2024-09-04", "green")],
        "commentary": "",
        "depends_on": [],
        "baseline_history": [("2024-08-07", "2024-11-11", "2024-12-11", "CR052")],  # as M7
        "forecast_history": [("2024-02-28", "2024-11-11"), ("2024-09-04", "2024-12-11")],
        "source": f"{_NOV_CODE}; {_NOV_M7} (line 4088); {_PSG_CODE}; {_FEB_CODE}",
    },
    {
        "ref": "T2-RE-0650",
        # "Code Change Go-live (M8)" in Feb 2024. Plan line 3707 in the CCAG #36 REC, BSC and DIP Manager
        # tables (Fri 24/09/25, Green in each).
        "title": "Code changes delivered (M8)",
        "forum": "CCAG",
        "baseline": "2025-09-24",
        "forecast": "2025-09-24",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "green",
        "forecast_rag": None,
        "rag_history": [("2024-02-28", "green"), ("2024-09-04", "green")],
        "commentary": "M8 activities are on track, and the M8 Milestone has moved in line with the M10 delivery "
        "date of 24/09/25",
        "depends_on": [],
        "baseline_history": [("2024-11-27", "2025-03-07", "2025-09-24", "CR055")],  # as M8
        "forecast_history": [("2024-02-28", "2025-03-07"), ("2024-09-04", "2025-03-07")],
        "source": f"{_NOV_CODE}; {_NOV_REC}; {_NOV_BSC}; {_NOV_DIP} (line 3707); {_PSG_CODE}; {_FEB_CODE}",
    },
    # ------------------------------------------------------------------------------------------------------
    # CCAG #36, "MHHS Programme - Ofgem M7 Delivery Summary November 2024" (plan lines; Status column).
    # Forecasts are printed per code body; forecast and actual = the latest of them (all rows Complete), with
    # the printed text kept in the commentary.
    # ------------------------------------------------------------------------------------------------------
    {
        "ref": "6460",
        "title": "Consultation close-out for representations",
        "forum": "CCAG",
        "baseline": "2024-10-09",
        "forecast": "2024-10-13",
        "actual": "2024-10-13",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "commentary": "Forecast dates: Sun 13/10/24 for BSC; Wed 09/10/24 for REC",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _NOV_M7,
    },
    {
        "ref": "6461",
        "title": "Each Code Body reviews consultation response and drafts Modification Report",
        "forum": "CCAG",
        "baseline": "2024-10-23",
        "forecast": "2024-10-31",
        "actual": "2024-10-31",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "commentary": "Forecast dates: 14/10/24-30/10/24 for BSC; 10/10/24-31/10/24 for REC",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _NOV_M7,
    },
    {
        "ref": "6462",
        "title": "Final Modification Reports sent to Panels for decisions",
        "forum": "CCAG",
        "baseline": "2024-10-24",
        "forecast": "2024-10-31",
        "actual": "2024-10-31",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "commentary": "Forecast dates: Wed 30/10/24 for BSC; Thu 31/10/24 for REC",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _NOV_M7,
    },
    {
        "ref": "6463",
        "title": "Modification Panel decisions",
        "forum": "CCAG",
        "baseline": "2024-11-07",
        "forecast": "2024-11-07",
        "actual": "2024-11-07",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        # The same slide's text: "Following discussions on 5 and 6 November respectively, the REC and BSC
        # Panels agreed to recommend approval of the SCR mods" (the table says 07/11 for BSC).
        "commentary": "Forecast dates: Thu 07/11/24 for BSC; Tue 05/11/24 for REC",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _NOV_M7,
    },
    {
        "ref": "9518",
        "title": "Code Bodies Submit Final Modification/Change Reports",
        "forum": "CCAG",
        "baseline": "2024-11-08",
        "forecast": "2024-11-08",
        "actual": "2024-11-08",
        "status": "complete",
        "previous_rag": None,
        "current_rag": "complete",
        "forecast_rag": None,
        "commentary": (
            "Forecast dates: Thu 07/11/24 for BSC and REC; Fri 08/11/24 for DCUSA. All three code bodies "
            "submitted Final Modification/Change Reports on or before the deadline in the Programme Plan"
        ),
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _NOV_M7,
    },
    # ------------------------------------------------------------------------------------------------------
    # CCAG #36, code-body M8 tables (REC Milestone Reporting, BSC M8 Milestones; the DIP Manager table has
    # only 3707 = T2-RE-0650). Status column = current RAG.
    # ------------------------------------------------------------------------------------------------------
    {
        "ref": "2224",
        "title": "Deliver MHHS Code Changes",
        "forum": "CCAG",
        "baseline": "2024-11-12",
        "forecast": "2024-11-12",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "green",
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": _NOV_BSC,
    },
    {
        "ref": "3700-REC",
        "title": (
            "Impacted codes make resourcing provisions and prepare to implement new Code via internal code body "
            "change processes"
        ),
        "forum": "CCAG",
        "baseline": "2024-02-27",  # REC table "Tue 27/02/24"; the BSC table prints 27/02/25 for the same line
        "forecast": "2024-02-27",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "green",
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": f"{_NOV_REC} (line 3700)",
    },
    {
        "ref": "3700-BSC",
        "title": (
            "Impacted codes make resourcing provisions and prepare to implement new Code via internal code body "
            "change processes"
        ),
        "forum": "CCAG",
        "baseline": "2025-02-27",  # BSC table "Tue 27/02/25"
        "forecast": "2025-02-27",
        "actual": None,
        "status": "in_progress",
        "previous_rag": None,
        "current_rag": "green",
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": f"{_NOV_BSC} (line 3700)",
    },
    {
        "ref": "M8-CP-REC",
        "title": "Last date to raise CP before M8",
        "forum": "CCAG",
        "baseline": None,  # "tbc"
        "forecast": None,  # "tbc"
        "actual": None,
        "status": "not_started",
        "previous_rag": None,
        "current_rag": "green",
        "forecast_rag": None,
        "commentary": "Baseline and forecast dates tbc",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": f"{_NOV_REC} (row without an ID)",
    },
    {
        "ref": "M8-CP-BSC",
        "title": "Last date to raise CP before M8",
        "forum": "CCAG",
        "baseline": "2025-06-09",
        "forecast": "2025-06-09",
        "actual": None,
        "status": "not_started",
        "previous_rag": None,
        "current_rag": "green",
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": f"{_NOV_BSC} (row without an ID)",
    },
    {
        "ref": "3702",
        "title": "Release preparation (e.g. preparing release documentation)",
        "forum": "CCAG",
        "baseline": "2025-09-24",  # printed "Fri 24/09/25" in the REC and BSC tables
        "forecast": "2025-09-24",
        "actual": None,
        "status": "not_started",
        "previous_rag": None,
        "current_rag": "green",
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": f"{_NOV_REC}; {_NOV_BSC}",
    },
    {
        "ref": "3703",
        "title": "Implement new code on day of code release",
        "forum": "CCAG",
        "baseline": "2025-09-24",  # printed "Fri 24/09/25" in the REC and BSC tables
        "forecast": "2025-09-24",
        "actual": None,
        "status": "not_started",
        "previous_rag": None,
        "current_rag": "green",
        "forecast_rag": None,
        "commentary": "",
        "depends_on": [],
        "baseline_history": [],
        "forecast_history": [],
        "source": f"{_NOV_REC}; {_NOV_BSC}",
    },
]
