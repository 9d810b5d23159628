"""Reference data of the MHHS programme, transcribed from the public seed papers in ../shared/seeds/.

Sources: PSG #36 papers (4 Sep 2024, MHHS-DEL3002 v1.3), CCAG #36 papers (27 Nov 2024, MHHS-DEL3283) and
an extract of the CCAG papers of 28 Feb 2024. Pure data, no Django imports; `load_demo` loads it in list
order (constituencies, then organisations, then groups parent-first).
"""

# (code, name) — the seats members and respondents speak for. The first seventeen are the rows of the
# CR054 impact-assessment table (PSG #36), in its order; the table writes some in plural or short form
# ("Large Suppliers", "I&C", "Ind. Agents", "S/W Providers"), the papers' singular forms are used here.
# The SIT participant table's groupings ("Large, Medium, Small, I&C Supplier", "DNO, iDNO, LDSO",
# "Supplier / Independent Agent") are unions of these seats; LDSO is a market role (DNOs and iDNOs),
# not a seat.
CONSTITUENCIES = [
    ("LARGE_SUPPLIER", "Large Supplier"),
    ("MEDIUM_SUPPLIER", "Medium Supplier"),
    ("SMALL_SUPPLIER", "Small Supplier"),
    ("IC_SUPPLIER", "I&C Supplier"),
    ("DNO", "DNO"),
    ("IDNO", "iDNO"),
    ("IND_AGENT", "Independent Agent"),
    ("SUPPLIER_AGENT", "Supplier Agent"),
    ("SOFTWARE_PROVIDER", "Software Provider"),
    ("REC_CODE_MANAGER", "REC Code Manager"),
    ("NG_ESO", "National Grid ESO"),
    ("CONSUMER", "Consumer"),
    ("ELEXON", "Elexon (Helix)"),
    ("DCC", "DCC"),
    ("SRO_IM_LDP", "SRO / IM & LDP"),
    ("IPA", "IPA"),
    # The DIP provider has its own row in the CR054 table.
    ("AVANADE", "Avanade"),
    # Not IA rows, but parties the papers name that need a seat: the PSG delivery dashboards report
    # "Core Capability Provider Delivery Reports" (Helix, DIP, St Clements, RECCo, DCC and ElectraLink);
    # those without an IA row of their own sit here.
    ("CORE_CAPABILITY_PROVIDER", "Core Capability Provider"),
    # Programme sponsor ("Sponsor Update: Ofgem ..."); raises CRs (CR052) and owns the M7 decisions.
    ("OFGEM", "Ofgem"),
]

# (name, constituency_code) — programme parties named in the seeds: the FTIG participant list (PSG #36
# "FTIG Progress"), the SIT MVC participant table, CR raisers and delivery-report owners. Spelling follows
# the FTIG list, the fullest roster, except where noted. Variants seen: "British Gas" (SIT table),
# "E" (SIT), "E.ON Next" (SIT), "Elexon Central Systems (Helix)" / "Helix" / "BSCCo" (all Elexon),
# "Data Communications Company (DCC)" / "DCC", "National Grid (ESO)" / "NGESO", "BUUK", "Itron", "TMA",
# "Energy Assets", "Wheatley", "Ensek", "Npower Business Solutions", "Avanade (DIP)", "St Clements" / "SCS",
# "C7C" (a typo for C&C in the DNO report, whose owner column says C&C).
# Left out: DESNZ, Energy Networks Association and Water UK (named, but not programme parties); CGI,
# Landmark and Netcompany (DCC's service providers); code names (BSC, REC, DCUSA, CUSC, SEC) and roles
# (DIP Manager, CSS Provider, PPC) that the papers do not tie to a named organisation.
ORGANISATIONS = [
    # Suppliers: the SIT table lists eight without saying which supplier seat each holds; these are our
    # reading of each party's market size, to be confirmed by the PPC.
    ("British Gas / Centrica", "LARGE_SUPPLIER"),
    ("E.ON Next Energy Limited", "LARGE_SUPPLIER"),
    ("Octopus", "LARGE_SUPPLIER"),
    ("E (Gas and Electricity) Ltd", "MEDIUM_SUPPLIER"),
    ("Utilita", "MEDIUM_SUPPLIER"),
    ("Edgware Energy", "SMALL_SUPPLIER"),
    ("Rebel Energy", "SMALL_SUPPLIER"),
    ("Unify Energy", "IC_SUPPLIER"),
    # Networks: SSEN is named as a SIT DNO; UKPN raised CR054; SPEN and NGED appear in the DNO report / FTIG.
    ("National Grid Electricity Distribution", "DNO"),
    ("SPEN", "DNO"),
    ("SSEN", "DNO"),
    ("UKPN", "DNO"),
    ("BUUK Infrastructure", "IDNO"),
    # Agents: the papers note the Independent / Supplier Agent split "is maintained by the Programme Party
    # Coordinator and is subject to change". Supplier-group metering and data businesses are Supplier Agents.
    ("Callisto", "IND_AGENT"),
    ("Energy Assets Ltd", "IND_AGENT"),
    ("IMServ", "IND_AGENT"),
    ("Itron Metering Solutions (UK)", "IND_AGENT"),
    ("Power Data Associates", "IND_AGENT"),
    ("SMS", "IND_AGENT"),
    ("Stark", "IND_AGENT"),
    ("TMA Data Management", "IND_AGENT"),
    ("Tym Huckin Ltd", "IND_AGENT"),
    ("E.ON UK Energy Solutions (metering services)", "SUPPLIER_AGENT"),
    ("EdF (metering services)", "SUPPLIER_AGENT"),
    ("Kraken Data Services", "SUPPLIER_AGENT"),
    ("npower Business Solutions", "SUPPLIER_AGENT"),  # brand casing, as the SIT table writes it
    ("Octopus Energy Services (metering services)", "SUPPLIER_AGENT"),
    ("OVO (metering services)", "SUPPLIER_AGENT"),
    # The SIT table's "Managed Service Providers"; the CR054 table has no such row, so they answer IAs as
    # Software Providers.
    ("C&C", "SOFTWARE_PROVIDER"),
    ("ENSEK", "SOFTWARE_PROVIDER"),  # as the SIT table writes it
    ("ESG", "SOFTWARE_PROVIDER"),
    ("Kraken", "SOFTWARE_PROVIDER"),
    ("SeaGlass", "SOFTWARE_PROVIDER"),
    ("Utiliteam", "SOFTWARE_PROVIDER"),
    ("Wheatley Solutions", "SOFTWARE_PROVIDER"),
    # Central parties and code bodies.
    ("RECCo", "REC_CODE_MANAGER"),  # "REC Code Manager: RECCo are supportive" (CR054)
    ("National Grid ESO", "NG_ESO"),
    ("Elexon", "ELEXON"),  # raised CR051; FTIG writes "Elexon Central Systems (Helix)"
    ("Data Communications Company (DCC)", "DCC"),
    ("MHHS Programme", "SRO_IM_LDP"),  # "SRO / IM & LDP: The Programme are supportive" (CR054)
    ("Independent Programme Assurance (IPA)", "IPA"),
    ("Avanade", "AVANADE"),
    ("ElectraLink", "CORE_CAPABILITY_PROVIDER"),
    ("St Clements Services", "CORE_CAPABILITY_PROVIDER"),  # MPRS provider for the DNOs
    ("Ofgem", "OFGEM"),
]

# (code, name, level, parent_code or None, description) — parents before children: the level-1 decision
# authorities (Ofgem, SRO), PSG, then the level-3 groups (the Change Board, code "CB" here since the papers
# give it none, and the advisory groups), then the level-4 groups under each.
# Not groups: "e-PSG" and "ESITAG" are extraordinary meetings of PSG and SITAG; "CDWG1" / "CDWG2" are
# CDWG's two meeting series; "FITG" in the ElectraLink report is a typo for FTIG and "CAG" in the CCAG #36
# agenda one for CCAG; code panels (BSC Panel, BSC/REC PAB, REC Change Panel, Technical Expert Panel) are
# code-body governance outside the programme's.
GOVERNANCE_GROUPS = [
    # Level 1: the authorities above PSG that change requests can go to for decision ("CR057 was rejected
    # by SRO", "Ofgem ... M7 decisions"). They are decision bodies, not meeting forums.
    (
        "OFGEM",
        "Ofgem",
        1,
        None,
        "Programme sponsor: takes the decisions reserved to the regulator, such as the M7 SCR milestone.",
    ),
    (
        "SRO",
        "Senior Responsible Owner",
        1,
        None,
        "Accountable for the programme; takes change request and milestone decisions, usually at PSG.",
    ),
    (
        "PSG",
        "Programme Steering Group",
        2,
        None,
        "Steers the programme: the SRO takes decisions there on change requests and programme milestones "
        "(e.g. M6 approved as complete) and members review the delivery dashboards.",
    ),
    (
        "CB",
        "Change Board",
        3,
        "PSG",
        "Validates change requests for impact assessment and recommends approval or rejection to the "
        'decision body ("Recommended for approval by Change Board").',
    ),
    # Level 3: "SITAG, MCAG, QAG replaced the Testing and Migration Advisory Group (TMAG) in Q1 2024."
    (
        "DAG",
        "Design Advisory Group",
        3,
        "PSG",
        "Governs the MHHS design: issues design change requests for impact assessment, approves or rejects "
        "them and oversees the interim design releases.",
    ),
    (
        "CCAG",
        "Cross Code Advisory Group",
        3,
        "PSG",
        "Oversees MHHS code drafting and consequential code change: approves code artefacts on CDWG's "
        "recommendation, reviews the code change horizon scanning log and recommends final code to PSG.",
    ),
    (
        "SITAG",
        "System Integration Testing Advisory Group",
        3,
        "PSG",
        "Approves System Integration Testing artefacts (test approaches and plans, test scenarios and test "
        "cases, completion reports) and tracks SIT progress and milestones.",
    ),
    (
        "QAG",
        "Qualification Advisory Group",
        3,
        "PSG",
        "Approves the Qualification Approach and Plan, the Qualification Assessment Document and "
        "qualification test scenarios, following endorsement from QWG.",
    ),
    (
        "MCAG",
        "Migration & Cutover Advisory Group",
        3,
        "PSG",
        "Approves migration and transition artefacts: the Migration Framework, the Migration Schedule, the "
        "cutover plan and the Early Life Support Model.",
    ),
    (
        "TMAG",
        "Testing and Migration Advisory Group",
        3,
        "PSG",
        "Former advisory group for testing and migration (approved SIT test scenarios and CR037); replaced "
        "by SITAG, MCAG and QAG in Q1 2024.",
    ),
    # Level 4, by parent. DAG's: SDWG endorsed the Interface Code of Connection before DAG approved it;
    # the DRG refined the redlining of a DAG-approved change (CR036).
    (
        "SDWG",
        "Security Design Working Group",
        4,
        "DAG",
        "Works on security design and endorses security artefacts, such as the Interface Code of Connection, "
        "for DAG approval.",
    ),
    (
        "DRG",
        "Design Resolution Group",
        4,
        "DAG",
        "Convened to refine the redlining of an approved design change (CR036) before its interim release.",
    ),
    (
        "CDWG",
        "Code Drafting Working Group",
        4,
        "CCAG",
        "Reviews code drafting tranches and consultations and escalates its recommendations to CCAG; "
        "meets as CDWG1 and CDWG2.",
    ),
    # SITAG's, QAG's and MCAG's working groups as the CCAG #36 "Working Group Progress Report" lists them.
    (
        "SITWG",
        "Systems Integration Test Working Group",
        4,
        "SITAG",
        "Reviews SIT test scenarios and test cases and SIT progress, and recommends them to SITAG for approval.",
    ),
    (
        "DWG",
        "Data Working Group",
        4,
        "SITAG",
        "Works on SIT test data: the data schedule and data readiness for each test cycle.",
    ),
    (
        "NFTWG",
        "Non-Functional Testing Working Group",
        4,
        "SITAG",
        "Works on SIT non-functional testing: PIT completion, non-functional PIT deliverables and SIT NFT "
        "readiness reports.",
    ),
    (
        "QWG",
        "Qualification and E2E Sandbox Working Group",
        4,
        "QAG",
        "Develops and endorses qualification and E2E Sandbox artefacts (Qualification Approach and Plan, "
        "Qualification Assessment Document, annexes) for QAG approval.",
    ),
    # The papers give only its name; qualification subgroups report into QAG's tree, and the model has no
    # level below 4, so it sits beside QWG.
    (
        "SAQTSG",
        "Non-Systems Integration Testing (SIT) Supplier & Agent Qualification Testing Subgroup",
        4,
        "QAG",
        "Works on qualification testing for suppliers and agents that are not SIT participants.",
    ),
    (
        "MWG",
        "Migration Working Group",
        4,
        "MCAG",
        "Develops the Migration Framework through its consultations and reviews suppliers' migration "
        "schedule submissions.",
    ),
    (
        "DCWG",
        "Data Cleanse Working Group",
        4,
        "MCAG",
        "The forum through which the Programme monitors and assures participants' progress against the "
        "Data Cleanse Plan.",
    ),
    (
        "TORWG",
        "Transition & Operational Readiness Working Group",
        4,
        "MCAG",
        "Works on transition and operational readiness: service design, the Early Life Support Model and "
        "post-M10 activities.",
    ),
    # FTIG reports straight to PSG (its own item in the PSG delivery dashboards) and is absent from SITAG's
    # working-group report, so PSG is its parent although its subject is SIT.
    (
        "FTIG",
        "Fast Track Implementation Group",
        4,
        "PSG",
        "Weekly forum of SIT participants and central parties that tracks SIT Functional and Migration "
        "progress, contingency planning and improvement actions.",
    ),
]

# Groups the papers name that no longer meet; a loader may create them inactive.
INACTIVE_GROUPS = ("TMAG",)
