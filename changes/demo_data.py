"""Programme change requests as the seed papers record them (../shared/seeds/), for load_demo."""

# Each CR: only what the seeds say; leave a key out (or None) where the papers are silent.
# Dates ISO "YYYY-MM-DD".
#
# Sources, latest first: CCAG #36 papers (27 Nov 2024), PSG #36 papers (04 Sep 2024, MHHS-DEL3002 v1.3)
# and an extract of the CCAG papers of 28 Feb 2024 (its governance updates cover DAG 10 Jan, TMAG 17 Jan,
# PSG 07 Feb and the Participant Checklist updated to 21/02/2024). Status and stage are as of the latest
# paper that mentions the CR. Only CR051-CR054 appear in a "Change Request Status" table (PSG #36, updated
# to 27/08/2024), so only they have raiser, change type and owner; elsewhere titles are those the text
# gives in brackets.
CHANGE_REQUESTS = [
    {
        # Outside CR036-CR059, but a programme CR the PSG #36 papers cite as the baseline of the plan.
        "ref": "CR022",
        "title": None,
        "description": (
            'Cited as the baseline of the Programme Plan ("since the plan was baselined (CR022)"); the M10 '
            'planning update finds "no new evidence to change CR022 assumptions" beyond M10.'
        ),
        "status": "approved",
        "stage": "complete",
        "source": "PSG #36 papers, M10 Planning Update and St Clements delivery report",
    },
    {
        "ref": "CR036",
        "title": "Use of Clock Midnight for Appointments and Reads",
        "description": (
            "Approved at the December 2023 DAG and scheduled for IR7; a Design Resolution Group on "
            "12 January 2024 refined the redlining of the change to be released in IR7. A decision appeal "
            "was ongoing in February 2024."
        ),
        "status": "approved",
        "stage": "implementation",
        "latest_action": (
            "IPA advised the decision appeal is ongoing; parties to continue activities according to the "
            "original decision (PSG 07 February 2024)"
        ),
        "decision_body": "DAG",
        "implementation_target": "IR7, implementation in SIT Functional Cycle 2 (June 2024)",
        "source": "CCAG papers 28 Feb 2024, DAG 10 Jan 2024 and PSG 07 Feb 2024 updates",
    },
    {
        "ref": "CR037",
        "title": "Migration Message Processing Choreography Update",
        "description": (
            "Approved for implementation by TMAG; the updated MHHS Design is to be included in Interim "
            "Release 8 and deployed into SIT Non-Functional testing."
        ),
        "status": "approved",
        "stage": "approved",
        "latest_action": "Approved for implementation by TMAG",
        "decision_body": "TMAG",
        "decided_on": "2024-01-17",
        "implementation_target": "IR8 (03 April 2024); SIT Non-Functional testing from 02 September 2024",
        "source": "CCAG papers 28 Feb 2024, TMAG 17 Jan 2024 update",
    },
    {
        "ref": "CR039",
        "title": "Registration Service IF-40 Change",
        "description": (
            "Approved by DAG for issuance to impact assessment subject to agreed amendments, then approved "
            'by DAG; by August 2024 development and testing of "CR039 - IF-040 Post Message Sending" '
            "was in progress."
        ),
        "status": "approved",
        "stage": "implementation",
        "latest_action": "Development and testing of CR039 - IF-040 Post Message Sending (in progress)",
        "decision_body": "DAG",
        "ia_closes_on": "2024-01-31",
        "source": (
            "CCAG papers 28 Feb 2024 (DAG 10 Jan 2024 update, Participant Checklist); PSG #36 papers, "
            "DIP Monthly Delivery Report (19-8-24)"
        ),
    },
    {
        "ref": "CR040",
        "title": "Change to NFR E2E1009 for DNO IDNO roles (LDSO UMSO Registrations)",
        "description": (
            "Changes non-functional requirement E2E1009 for the DNO and IDNO roles (LDSO and UMSO "
            "registrations); approved by DAG for issuance to impact assessment subject to agreed amendments."
        ),
        "status": "approved",
        "stage": "approved",
        "latest_action": "Approved by the Design Advisory Group (DAG)",
        "decision_body": "DAG",
        "ia_closes_on": "2024-01-24",
        "source": "CCAG papers 28 Feb 2024, DAG 10 Jan 2024 update and Participant Checklist",
    },
    {
        "ref": "CR041",
        "title": "Change the format of Market Participant Role Code from Char(1) to Char(2)",
        "description": (
            "Moves the Market Participant Role Code to a two-character value, as all one-character codes are "
            "allocated (alongside BSC CP1589). DAG supported the principle but did not think it should be in "
            "the scope of the changes delivered for M10 in March 2025."
        ),
        "status": "rejected",
        "stage": "closed",
        "latest_action": "Rejected by the Design Advisory Group (DAG)",
        "decision_body": "DAG",
        "ia_closes_on": "2024-01-24",
        "decided_on": "2024-02-14",
        "source": "CCAG papers 28 Feb 2024, DAG 10 Jan 2024 update and BSC horizon scanning (CP1589)",
    },
    {
        "ref": "CR042",
        "title": None,
        "description": "Changes a Tier 2 migration milestone date.",
        "status": "approved",
        "stage": "approved",
        "latest_action": "Approved by PSG",
        "decision_body": "PSG",
        "decided_on": "2024-02-07",
        "source": "CCAG papers 28 Feb 2024, PSG 07 Feb 2024 update",
    },
    {
        "ref": "CR043",
        "title": None,
        "description": "Issued for impact assessment (Participant Checklist, February 2024).",
        "status": "open",
        "stage": "impact_assessment",
        "latest_action": "Issued for Impact Assessment",
        "ia_closes_on": "2024-02-29",
        "source": "CCAG papers 28 Feb 2024, Participant Checklist (updated to 21/02/2024)",
    },
    {
        "ref": "CR047",
        "title": None,
        "description": (
            "Approved by programme governance together with CR048; includes additional milestones to support "
            "participant planning (qualification) and is now embodied in the Programme Plan."
        ),
        "status": "approved",
        "stage": "complete",
        "latest_action": "Approved by programme governance; embodied in Programme Plan",
        "source": "PSG #36 papers, RAID Risk Theme 4 (Qualification)",
    },
    {
        "ref": "CR048",
        "title": None,
        "description": (
            "Approved by programme governance together with CR047; includes additional milestones to support "
            "participant planning (qualification) and is now embodied in the Programme Plan."
        ),
        "status": "approved",
        "stage": "complete",
        "latest_action": "Approved by programme governance; embodied in Programme Plan",
        "source": "PSG #36 papers, RAID Risk Theme 4 (Qualification)",
    },
    {
        "ref": "CR051",
        "title": "Deferral of MHSSP-037",
        "description": 'Defers MHSSP-037 (the PSG 07 Aug 2024 update writes "MHHSP-03").',
        "raised_by": "Tom Paterson",
        "raiser_organisation": "Elexon",
        "change_type": "full_impact_assessment",
        "status": "approved",
        "stage": "complete",
        "latest_action": "Recommended for approval by Change Board",
        "decision_body": "SRO",
        "decided_on": "2024-08-07",
        "implementation_target": "M6 (Aug-24)",
        "change_owner": "Paul Pettitt, MHHS Programme",
        "source": "PSG #36 papers, Change Request Status slide and PSG 07 Aug 2024 update",
    },
    {
        "ref": "CR052",
        "title": "Amending the 'M7 SCR powers enabled' Milestone",
        "description": "Amends the 'M7 SCR powers enabled' programme milestone.",
        "raised_by": "Andy MacFaul",
        "raiser_organisation": "Ofgem",
        "change_type": "full_impact_assessment",
        "status": "approved",
        "stage": "complete",
        "latest_action": "Recommended for approval by Change Board",
        "decision_body": "SRO",
        "decided_on": "2024-08-07",
        "implementation_target": "Aug-24",
        "change_owner": "Andrew Margan, MHHS Programme",
        "source": "PSG #36 papers, Change Request Status slide and PSG 07 Aug 2024 update",
    },
    {
        "ref": "CR053",
        "title": "ISD Publication Frequency Change",
        "description": (
            "Changes the ISD publication frequency; to go to the August CDWG to discuss whether the related "
            "minor Code changes can be incorporated into the M6 Code release."
        ),
        "raised_by": "Ian Smith",
        "raiser_organisation": "MHHS Programme",
        "change_type": "full_impact_assessment",
        "status": "approved",
        "stage": "complete",
        "latest_action": "Recommended for approval by Change Board",
        "decision_body": "SRO",
        "decided_on": "2024-08-07",
        "implementation_target": "M6 (Aug-24)",
        "change_owner": "Ian Smith, MHHS Programme",
        "source": "PSG #36 papers, Change Request Status slide and PSG 07 Aug 2024 update",
    },
    {
        "ref": "CR054",
        "title": "Change to Non-Functional Requirements for LDSOs",
        "description": (
            "Raised by LDSOs to amend the NFRs for LDSOs so that they complete testing (in particular the "
            "performance testing element of NFT PIT) against an appropriate baseline rather than an "
            "unreasonable one. The Programme recommended that the SRO approve it at PSG #36."
        ),
        "raised_by": "David Yeoman",
        "raiser_organisation": "UKPN",
        "change_type": "full_impact_assessment",
        "status": "open",
        "stage": "awaiting_decision",
        "latest_action": "Validated by Change Board for Impact Assessment",
        "decision_body": "PSG",
        "source": (
            "PSG #36 papers, Change Request Status slide and item 6; CCAG #36 papers (DIP CR drafting "
            "relating to CR054 due to complete)"
        ),
    },
    {
        "ref": "CR055",
        "title": "Amendments to M10 and corresponding milestones",
        "description": (
            "Amends M10 and the corresponding milestones and extends the Change Freeze; following CR055 "
            "feedback, Programme Plan v6.1 carries the amendments the Programme suggested to the e-PSG of "
            "18 October 2024."
        ),
        "status": "open",
        "stage": "awaiting_decision",
        "latest_action": "Programme Plan v6.1 amendments following CR055 feedback suggested to e-PSG",
        "source": "CCAG #36 papers, actions, M8 reporting, governance updates and e-PSG notice",
    },
    {
        "ref": "CR056",
        "title": None,
        "description": (
            "The papers record only its approval, following which REC issue I0204 (Sequence Order of "
            "CSS00200 Message) was withdrawn."
        ),
        "status": "approved",
        "stage": "approved",
        "source": "CCAG #36 papers, REC horizon scanning (I0204, update 20/11)",
    },
    {
        "ref": "CR057",
        "title": None,
        "description": "Rejected as it did not meet the Change Freeze criteria.",
        "status": "rejected",
        "stage": "closed",
        "latest_action": "Rejected by SRO following a Change Board recommendation to reject",
        "decision_body": "SRO",
        "decided_on": "2024-11-06",
        "source": "CCAG #36 papers, PSG 06 Nov 2024 and DAG 13 Nov 2024 updates",
    },
    {
        "ref": "CR058",
        "title": None,
        "description": "Programme provided an update on it at DAG on 13 November 2024.",
        "source": "CCAG #36 papers, DAG 13 Nov 2024 update",
    },
    {
        "ref": "CR059",
        "title": None,
        "description": "Programme provided an update on it at DAG on 13 November 2024.",
        "source": "CCAG #36 papers, DAG 13 Nov 2024 update",
    },
]

# The "CR054 - Submitted Impact Assessments" table of the PSG #36 papers, row by row:
# (constituency name as in the table's row label, yes, no, abstain, no_reply). Totals must be 22, 1, 4, 165.
CR054_IMPACT_ASSESSMENT = [
    ("Large Suppliers", 3, 0, 1, 1),
    ("Medium Suppliers", 1, 0, 0, 6),
    ("Small Suppliers", 1, 0, 0, 32),
    ("I&C", 2, 0, 0, 39),
    ("DNOs", 6, 0, 0, 0),
    ("iDNOs", 2, 0, 0, 11),
    ("Ind. Agents", 2, 0, 0, 45),
    ("Supplier Agents", 0, 0, 0, 7),
    ("S/W Providers", 3, 0, 0, 22),
    ("REC Code Manager", 1, 0, 0, 0),
    ("National Grid ESO", 0, 0, 1, 0),
    ("Consumer", 0, 0, 0, 1),
    ("Elexon (Helix)", 0, 1, 0, 0),
    ("DCC", 0, 0, 1, 0),
    ("SRO / IM & LDP", 1, 0, 0, 0),
    ("IPA", 0, 0, 1, 0),
    ("Avanade", 0, 0, 0, 1),
]
