"""axe-core in Chromium: the WCAG 2.x A and AA rules run on a Playwright page, and what they find as a message that
names each rule, its impact, how many nodes and the first of them."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
SHOWN_NODES = 3

_axe = Axe()


def violations(page, within: str | None = None) -> list[dict]:
    """The violations on the page as it shows now, or within the element `within` (a CSS selector) only."""
    # Axe.run injects axe-core before every run, as long again as the run itself: once per document is enough.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe.axe_script)
    return page.evaluate(
        "([within, options]) => axe.run(within ? {include: [[within]]} : document, options)", [within, OPTIONS]
    )["violations"]


def describe(found: list[dict]) -> str:
    lines = []
    for violation in found:
        nodes = violation["nodes"]
        lines.append(f"{violation['id']} ({violation['impact']}, {len(nodes)} nodes): {violation['help']}")
        for node in nodes[:SHOWN_NODES]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}  {node['html'][:200]}")
        if len(nodes) > SHOWN_NODES:
            lines.append(f"    … and {len(nodes) - SHOWN_NODES} more")
    return "\n".join(lines)


def summary(found: list[dict]) -> str:
    """One line: rule (nodes) for each violation."""
    return ", ".join(f"{violation['id']} ({len(violation['nodes'])})" for violation in found)
