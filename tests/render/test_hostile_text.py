"""Text from a profile in what careercap writes beyond its tables (a report's HTML, a
chart's SVG, PNG or PDF, JSON, a plan's YAML): shown as the tables show it, so that no name
can reorder, hide or forge what a browser or a terminal shows; names too long for a chart
cut short there and kept whole in its text alternative and in the report's tables."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from tests.conftest import PROFILES, TERMINAL, Invoke, Write, needs_charts

# Right-to-left override, ESC (a colour), BEL, the C1 command start (CSI), next line, the
# line and paragraph separators and DEL.
NAME = "Ada \u202eevil\u202c \x1b[31mred\x07 \x9b2J \x85next\u2028line\u2029end\x7f"
RAW = ("\u202e", "\u202c", "\x1b", "\x07", "\x9b", "\x85", "\u2028", "\u2029", "\x7f")
SHOWN = "Ada \\u202eevil\\u202c \\x1b[31mred\\x07 \\x9b2J \\x85next\\u2028line\\u2029end\\x7f"
LONG = "Maximiliana " + "Wolfeschlegelsteinhausenbergerdorff " * 6
LONG = LONG[:200]
SVG = "{http://www.w3.org/2000/svg}"


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar, what is not printable written as an escape."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in json.dumps(text, ensure_ascii=False))


def profile(name: str, event: str = "", income: int = 50000) -> str:
    """A profile named `name`, with a planned certification named `event`."""
    text = f"name: {quoted(name)}\nincome: {income}\nas_of: 2025\n"
    if event:
        text += f"certifications:\n  - {{name: {quoted(event)}, earned: 2027}}\n"
    return text


def nothing_raw(text: str) -> None:
    for character in RAW:
        assert character not in text, repr(character)


# HTML, SVG and YAML -----------------------------------------------------------------------


@needs_charts
def test_a_report_shows_control_and_bidirectional_characters_as_the_tables_do(
    cli: Invoke, write: Write
) -> None:
    path = write("hostile.yaml", profile(NAME, "Cert " + NAME))
    result = cli("report", path, "-o", "r.html")
    assert (result.exit_code, result.stderr) == (0, "")
    page = Path("r.html").read_bytes().decode("utf-8")
    nothing_raw(page)
    assert f"<h2>{SHOWN}</h2>" in page
    assert f"Cert {SHOWN} (certification, planned)" in page  # its year's learning events
    assert f"<title>careercap report: {SHOWN}</title>" in page


@needs_charts
def test_a_charts_svg_shows_them_as_escapes_in_what_it_draws_and_in_its_title(
    cli: Invoke, write: Write
) -> None:
    path = write("hostile.yaml", profile(NAME, "Cert " + NAME))
    result = cli("chart", path, "-o", "c.svg")
    assert (result.exit_code, result.stderr) == (0, "")
    text = Path("c.svg").read_bytes().decode("utf-8")
    nothing_raw(text)
    svg = ET.fromstring(text)
    assert svg[0].tag == f"{SVG}title"
    assert svg[0].text == f"Income by year: {SHOWN} (USD)"


def test_a_plans_yaml_escapes_them_and_reads_back_as_written(cli: Invoke, write: Write) -> None:
    options = "".join(
        f"  - {{name: {quoted(f'{index} {NAME}')}, kind: certification, cost: 10}}\n" for index in range(4)
    )
    catalogue = write("catalogue.yaml", "options:\n" + options)
    path = write("p.yaml", profile("P"))
    result = cli("plan", path, "--catalogue", catalogue, "-f", "yaml")
    assert result.exit_code == 0
    nothing_raw(result.stdout)
    added = yaml.safe_load(result.stdout)["certifications"]
    assert added
    assert all(each["name"].endswith(f" {NAME}") for each in added)


# JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["project", "hostile.yaml", "-f", "json"],
        ["project", "hostile.yaml", "-f", "jsonl"],
        ["project", "hostile.yaml", "-f", "json", "-o", "out.json"],
        ["project", "hostile.yaml", "-f", "jsonl", "-o", "out.jsonl"],
        ["compare", "hostile.yaml", "hostile.yaml", "-f", "json"],
        ["plan", "hostile.yaml", "-f", "json"],
    ],
    ids=["json", "jsonl", "json-file", "jsonl-file", "compare", "plan"],
)
def test_json_holds_no_c1_separator_or_bidirectional_character_and_reads_back_as_written(
    cli: Invoke, write: Write, command: list[str]
) -> None:
    write("hostile.yaml", profile(NAME, "Cert " + NAME))
    result = cli(*command)
    assert result.exit_code == 0, result.output
    text = Path(command[-1]).read_text(encoding="utf-8") if "-o" in command else result.stdout
    nothing_raw(text)
    for escaped in ("\\u202e", "\\u009b", "\\u2028"):
        assert escaped in text
    documents = [json.loads(line) for line in text.splitlines()] if "jsonl" in command else [json.loads(text)]
    names = json.dumps(documents)  # every string, whole, as JSON reads it back
    assert json.dumps(NAME)[1:-1] in names
    assert json.dumps("Cert " + NAME)[1:-1] in names


@pytest.mark.parametrize("output_format", ["json", "jsonl"])
def test_json_written_to_a_terminal_holds_none_of_them(tmp_path: Path, output_format: str) -> None:
    (tmp_path / "hostile.yaml").write_text(profile(NAME, "Cert " + NAME), encoding="utf-8")
    controller, terminal = os.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "careercap", "project", "hostile.yaml", "-f", output_format],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=subprocess.PIPE,
        env={**os.environ, **TERMINAL},
    ) as process:
        os.close(terminal)
        received = b""
        while True:
            try:
                piece = os.read(controller, 65536)
            except OSError:  # the other end closed: everything is read
                break
            if not piece:
                break
            received += piece
        assert process.wait(timeout=60) == 0
    os.close(controller)
    text = received.decode("utf-8")
    nothing_raw(text)
    document = json.loads(text.splitlines()[0] if output_format == "jsonl" else text)
    projection = document if output_format == "jsonl" else document["projections"][0]
    assert projection["name"] == NAME
    assert projection["years"][2]["events"][0]["name"] == "Cert " + NAME


# Charts: the chart library's warnings, long names, a `$` -------------------------------------


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`careercap ARGS...` as its own process, so that standard error is what a user sees."""
    return subprocess.run(
        [sys.executable, "-m", "careercap", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, **TERMINAL},
        timeout=120,
        check=False,
    )


NO_GLYPH = "careercap: warning: some characters of the names have no glyph in the chart's font"
IN_A_PICTURE = f"{NO_GLYPH} and are drawn as boxes\n"
IN_AN_SVG = f"{NO_GLYPH}: the SVG keeps them as text, and a viewer without a font for them shows boxes\n"


@needs_charts
@pytest.mark.parametrize(
    ("output", "said"),
    [("c.svg", IN_AN_SVG), ("c.png", IN_A_PICTURE), ("c.pdf", IN_A_PICTURE), ("r.html", IN_AN_SVG)],
)
def test_a_name_the_charts_font_cannot_draw_gives_one_careercap_warning(
    tmp_path: Path, output: str, said: str
) -> None:
    (tmp_path / "emoji.yaml").write_text(profile("Ada 🚀✨ Lovelace", "Rust 🦀"), encoding="utf-8")
    result = run("report" if output.endswith(".html") else "chart", "emoji.yaml", "-o", output, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == said
    assert "UserWarning" not in result.stderr
    assert ".py" not in result.stderr
    assert (tmp_path / output).stat().st_size > 0


def svg_texts(svg: ET.Element) -> list[str]:
    """The texts an SVG draws."""
    return ["".join(element.itertext()) for element in svg.iter(f"{SVG}text")]


@needs_charts
def test_a_long_name_is_cut_short_in_the_charts_title_and_legend_and_kept_whole_in_its_title(
    cli: Invoke, write: Write
) -> None:
    path = write("long.yaml", profile(LONG, "Very long certification name " * 6))
    result = cli("chart", path, "-o", "long.svg", "--sensitivity")
    assert (result.exit_code, result.stderr) == (0, "")
    svg = ET.parse("long.svg").getroot()
    drawn = svg_texts(svg)
    title = next(text for text in drawn if text.startswith("Income by year: "))
    assert title.endswith("… (USD)")
    assert len(title) <= 70
    assert LONG[:30] in title
    legend = [text for text in drawn if text.startswith("Maximiliana")]
    assert [text.endswith("…") for text in legend] == [True]  # the band's entry names no one
    assert "range of plausible rule values" in drawn
    assert all(len(text) <= 70 for text in legend)
    assert max(len(text) for text in drawn) <= 70  # the planned certification's name too
    assert svg[0].text == f"Income by year: {LONG} (USD)"
    assert LONG in "".join(svg[1].itertext())  # the <desc>: the legend, whole
    line = next(group for group in svg.iter(f"{SVG}g") if group.get("id") == "careercap-line-0")
    assert (line[0].tag, line[0].text) == (f"{SVG}title", LONG)


@needs_charts
def test_each_long_name_is_cut_short_in_the_legend_and_whole_in_its_lines_title(
    cli: Invoke, write: Write
) -> None:
    paths = [
        write(f"{index}.yaml", profile(f"{LONG[:190]} {index}", income=50000 + index)) for index in (1, 2)
    ]
    result = cli("chart", *paths, "-o", "two.svg")
    assert (result.exit_code, result.stderr) == (0, "")
    svg = ET.parse("two.svg").getroot()
    legend = [text for text in svg_texts(svg) if text.startswith("Maximiliana")]
    assert [text.endswith("…") for text in legend] == [True, True]
    titles = [
        group[0].text for group in svg.iter(f"{SVG}g") if group.get("id", "").startswith("careercap-line-")
    ]
    assert titles == [f"{LONG[:190]} 1", f"{LONG[:190]} 2"]


@needs_charts
def test_a_report_keeps_long_names_whole_in_its_tables_and_lets_them_wrap(cli: Invoke, write: Write) -> None:
    event = "Certified " + "x" * 120  # one word, longer than the page is wide
    path = write("long.yaml", profile(LONG, event))
    result = cli("report", path, "-o", "r.html")
    assert (result.exit_code, result.stderr) == (0, "")
    page = Path("r.html").read_text(encoding="utf-8")
    assert f"<h2>{LONG}</h2>" in page
    assert f'<td class="text">{event} (certification, planned)</td>' in page
    assert f'<td class="text">{event}</td>' in page  # the learning table
    assert "td.text { overflow-wrap: anywhere; }" in page
    assert re.search(r">Income by year: Maximiliana [^<]*… \(USD\)</text>", page)  # the chart's, cut short


@needs_charts
def test_a_dollar_sign_in_a_name_is_drawn_as_written(cli: Invoke, write: Write) -> None:
    name = "Ann $\\frac{1 $ and $x^2$"
    path = write("dollar.yaml", profile(name))
    result = cli("chart", path, "-o", "d.svg")
    assert (result.exit_code, result.stderr) == (0, "")
    assert f"Income by year: {name} (USD)" in svg_texts(ET.parse("d.svg").getroot())


@needs_charts
def test_the_examples_charts_keep_their_names_whole(cli: Invoke, write: Write) -> None:
    result = cli("chart", str(PROFILES / "finance-clerk-with-plan.yaml"), "-o", "c.svg")
    assert (result.exit_code, result.stderr) == (0, "")
    assert not any("…" in text for text in svg_texts(ET.parse("c.svg").getroot()))
