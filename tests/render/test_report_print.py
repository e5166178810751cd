"""The report as a browser shows and prints it: every sentence on the page, on screens
1,024 to 1,600 pixels wide and printed on A4 and Letter (headless Chromium, the printed
PDF read back with pdftotext)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from careercap.render.report import EVENTS_GIVEN
from careercap.render.table import EARNED_NOTE
from tests.conftest import MANY_EVENTS, PROFILES, Invoke, Write, needs_charts

BROWSER = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
PDFTOTEXT = shutil.which("pdftotext")
needs_a_browser = pytest.mark.skipif(
    BROWSER is None or PDFTOTEXT is None,
    reason="prints the report with headless Chromium and reads it with pdftotext: "
    "install chromium and poppler-utils",
)
pytestmark = [needs_charts, needs_a_browser]

PLANNED = str(PROFILES / "finance-clerk-with-plan.yaml")
CLERK = str(PROFILES / "finance-clerk.yaml")
LONG_EVENT = "Certified Enterprise Automation and Process Mining Practitioner, Advanced Level"


class _Sentences(HTMLParser):
    """The text a reader sees: every text of the page but its head and the chart's
    pictured text (the SVG, whose words are drawn, not laid out)."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.cell = 0
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("head", "svg")
        self.cell += tag in ("td", "th")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("head", "svg")
        self.cell -= tag in ("td", "th")

    def handle_data(self, data: str) -> None:
        if self.hidden or not data.strip():
            return
        # A cell's lines may come out between its neighbours' (pdftotext reads across the
        # row): each of its words, then; any other text, whole.
        self.found += data.split() if self.cell else [data.strip()]


def sentences(page: str) -> list[str]:
    parser = _Sentences()
    parser.feed(page)
    return parser.found


def squeezed(text: str) -> str:
    """Text without white space and hyphens: a line broken anywhere (pdftotext joins a word
    broken after its hyphen) still reads the same."""
    return re.sub(r"[\s-]+", "", text)


def browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with its profile and home inside `tmp_path`."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    command = [
        str(BROWSER),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        f"--user-data-dir={home / 'profile'}",
        *args,
    ]
    environment = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_CACHE_HOME": str(home)}
    return subprocess.run(command, capture_output=True, text=True, timeout=180, env=environment, check=True)


@pytest.fixture
def page(cli: Invoke, write: Write, tmp_path: Path) -> Path:
    """A report of two profiles over ten years, with their ranges, a long learning name
    and a long profile name: what is most likely to overflow."""
    profile = Path(PLANNED).read_text(encoding="utf-8")
    profile = profile.replace("name: Python for finance", f"name: {LONG_EVENT}")
    named = write("long.yaml", re.sub(r"(?m)^name: .*$", "name: Maximiliana Wolkenstein-Dürrenmatt", profile))
    result = cli("report", named, CLERK, "--horizon", "10", "--sensitivity", "-o", "r.html")
    assert result.exit_code == 0, result.output
    return tmp_path / "r.html"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_sentence_of_the_report_is_in_what_chromium_prints(
    page: Path, tmp_path: Path, paper: str
) -> None:
    text = page.read_text(encoding="utf-8")
    sized = tmp_path / f"{paper}.html"
    sized.write_text(text.replace("</style>", f"@page {{ size: {paper}; }}</style>", 1), encoding="utf-8")
    pdf = tmp_path / f"{paper}.pdf"
    browser(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", sized.as_uri())
    printed = subprocess.run(
        [str(PDFTOTEXT), str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    whole = squeezed(printed)
    missing = [sentence for sentence in sentences(text) if squeezed(sentence) not in whole]
    assert missing == []
    # What a client most needs is there: the caveats, the years beyond the evidence, the comparison.
    for said in (
        "Interpretation",
        "Evidence",
        "lie beyond the evidence",
        "* extrapolated",
        "The profiles compared",
        LONG_EVENT,
    ):
        assert squeezed(said) in whole, said


OVERFLOWING = """
<script>
addEventListener("load", () => {
  const width = document.documentElement.clientWidth;
  const cut = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest("svg")) continue;
    const box = element.getBoundingClientRect();
    if (box.width && box.right > width + 0.5) cut.push(element.tagName + ": " + element.textContent.slice(0, 60));
    if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== "visible")
      cut.push("hidden in " + element.tagName + ": " + element.textContent.slice(0, 60));
  }
  document.body.setAttribute("data-cut", JSON.stringify(cut));
});
</script>
"""


@pytest.mark.parametrize("width", [1024, 1280, 1600])
def test_nothing_in_the_report_runs_past_the_right_edge_of_the_screen(
    page: Path, tmp_path: Path, width: int
) -> None:
    checked = tmp_path / f"screen-{width}.html"
    checked.write_text(
        page.read_text(encoding="utf-8").replace("</body>", OVERFLOWING + "</body>"), encoding="utf-8"
    )
    dom = browser(tmp_path, f"--window-size={width},900", "--dump-dom", checked.as_uri()).stdout
    found = re.search(r'data-cut="([^"]*)"', dom)
    assert found is not None, "the check did not run"
    assert found.group(1) == "[]"


# Career events: an Earned column, the events in their year, the sentence on what the figures measure.

EVENTS = MANY_EVENTS
EVENT_LABELS = (
    "switch to freelancer at 1,234,567.89",
    "raise +5 %",
    "pay cut -10 %",
    "break of 1 year, unpaid",
    "new income 150,000.00",
    "switch to employee",
    "raise +20 %",
    "break of 3 years at 25 % pay",
    "raise +10 %",
)


@pytest.fixture
def events_page(cli: Invoke, write: Write, tmp_path: Path) -> Path:
    """A report of two profiles with breaks, nine career events over ten years (two in one
    year), and a long name: the widest tables the events make."""
    many = write("many.yaml", EVENTS)
    other = write(
        "other.yaml", EVENTS.replace("Maximiliana Wolkenstein-Dürrenmatt", "Ana").replace("48000", "52000")
    )
    result = cli("report", many, other, "--sensitivity", "-o", "events.html")
    assert result.exit_code == 0, result.output
    return tmp_path / "events.html"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_report_with_career_events_prints_every_sentence(
    events_page: Path, tmp_path: Path, paper: str
) -> None:
    text = events_page.read_text(encoding="utf-8")
    sized = tmp_path / f"events-{paper}.html"
    sized.write_text(text.replace("</style>", f"@page {{ size: {paper}; }}</style>", 1), encoding="utf-8")
    pdf = tmp_path / f"events-{paper}.pdf"
    browser(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", sized.as_uri())
    printed = subprocess.run(
        [str(PDFTOTEXT), str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    whole = squeezed(printed)
    assert [sentence for sentence in sentences(text) if squeezed(sentence) not in whole] == []
    for said in (EVENTS_GIVEN, EARNED_NOTE, "Earned", "Final income by career events", *EVENT_LABELS):
        assert squeezed(said) in whole, said


@pytest.mark.parametrize("width", [1024, 1600])
def test_nothing_in_a_report_with_career_events_runs_past_the_right_edge(
    events_page: Path, tmp_path: Path, width: int
) -> None:
    checked = tmp_path / f"events-screen-{width}.html"
    checked.write_text(
        events_page.read_text(encoding="utf-8").replace("</body>", OVERFLOWING + "</body>"), encoding="utf-8"
    )
    dom = browser(tmp_path, f"--window-size={width},900", "--dump-dom", checked.as_uri()).stdout
    found = re.search(r'data-cut="([^"]*)"', dom)
    assert found is not None, "the check did not run"
    assert found.group(1) == "[]"
