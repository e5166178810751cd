"""What a person already keeps elsewhere, read for `careercap import`: a LinkedIn data
export (the ZIP, or its folder), a JSON Resume, and Open Badges (2.0 assertions, 3.0
credentials; a file each, an array, a folder of them, a badge baked into its PNG or SVG
image, or a credential signed as a JWT). Each source is recognised by its content. ZIP
members are read in memory with size caps, never extracted; an SVG is read with no DTD or
entity; URLs are recorded, never fetched, and a JWT's signature is not verified. A source
that cannot be read is one located error; what is skipped inside one, and what is read by
a guess, is a warning saying why.
"""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import io
import json
import os
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO, NamedTuple
from xml.etree.ElementTree import ParseError, XMLParser

from careercap.core.fields import YEAR_MAX, YEAR_MIN, PartialDate, parse_date, quoted
from careercap.core.imported import Found, Kind
from careercap.errors import CareercapError, Diagnostic, InputError, Location, shown_path
from careercap.reading.files import STDIN, read_head

MAX_FILE = 20 * 1024 * 1024
"""The most bytes careercap reads of a source file (a LinkedIn ZIP is well under this)."""
MAX_MEMBER = 5 * 1024 * 1024
"""The most bytes careercap unpacks of one member of a ZIP: a ZIP bomb stops here."""
MAX_ROWS = 10_000
MAX_DEPTH = 64
"""The deepest nesting of JSON careercap reads: a badge or a résumé is far shallower."""

LINKEDIN = ("Profile.csv", "Certifications.csv", "Skills.csv")
PNG = b"\x89PNG\r\n\x1a\n"
BAKED = (b"openbadges", b"openbadgecredential")
"""The PNG text chunks a baked badge keeps its assertion (2.0) or credential (3.0) in."""
SVG_BADGES = {
    "{http://openbadges.org}assertion": "openbadges:assertion",
    "{https://purl.imsglobal.org/ob/v3p0}credential": "openbadges:credential",
}
"""The SVG elements a baked badge keeps its assertion (2.0) or credential (3.0) in, and the
names they are written with."""
JWT_EXTENSIONS = (".jwt", ".jws")

ACHIEVEMENT_TYPES: dict[str, Kind | None] = {
    # What careercap counts as a certification: a credential of an occupation's knowledge
    # and skills, earned and often renewed.
    "Achievement": "certification",
    "ApprenticeshipCertificate": "certification",
    "Badge": "certification",
    "Certificate": "certification",
    "CertificateOfCompletion": "certification",
    "Certification": "certification",
    "JourneymanCertificate": "certification",
    "License": "certification",
    "MasterCertificate": "certification",
    "MicroCredential": "certification",
    # What careercap counts as a skill: an ability shown, rather than a credential earned.
    "Assessment": "skill",
    "Competency": "skill",
    # Neither: degrees and diplomas, courses and programmes, and what recognises a person
    # rather than a skill. Left out, and named in a comment.
    "Assignment": None,
    "AssociateDegree": None,
    "Award": None,
    "BachelorDegree": None,
    "CoCurricular": None,
    "CommunityService": None,
    "Course": None,
    "Degree": None,
    "Diploma": None,
    "DoctoralDegree": None,
    "Fieldwork": None,
    "GeneralEducationDevelopment": None,
    "LearningProgram": None,
    "MasterDegree": None,
    "Membership": None,
    "ProfessionalDoctorate": None,
    "QualityAssuranceCredential": None,
    "ResearchDoctorate": None,
    "SecondarySchoolDiploma": None,
}
"""What each Open Badges 3.0 achievementType is to careercap: a certification, a skill, or
neither (None). A type outside this vocabulary (an `ext:` extension) is read as a
certification, as a badge without an achievementType is, with a warning."""


class Source(NamedTuple):
    """What one source holds: its items, the person's name and latest position where it
    gives them, and warnings about what it skipped."""

    found: tuple[Found, ...]
    name: str | None = None
    position: str | None = None
    warnings: tuple[Diagnostic, ...] = ()


def read_source(path: str, stdin: BinaryIO | None = None) -> Source:
    """The source at `path` (`-`: standard input, or `stdin`), recognised by its content.
    Raises InputError when it cannot be read at all, CareercapError when it is not what
    careercap imports or is malformed."""
    if path == STDIN:
        data = _standard_input(stdin)
    elif os.path.isdir(path):
        return _folder(path)
    else:
        data = read_head(path, MAX_FILE)
    if len(data) > MAX_FILE:
        raise _error(
            path, f"is larger than {MAX_FILE // (1024 * 1024)} MiB; careercap imports smaller exports"
        )
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _linkedin_zip(path, data)
    if data.startswith(PNG):
        return _baked(path, data)
    content = data.removeprefix(b"\xef\xbb\xbf").strip()  # past a byte-order mark
    if content.startswith(b"<"):
        return _svg(path, data)
    if path.lower().endswith(JWT_EXTENSIONS) or _is_jwt(content.decode("latin-1")):
        return _jwt_source(path, _named(path), _text(path, data).strip())
    value = _json(path, data)
    return _json_source(path, _named(path), value)


def _named(path: str) -> str:
    """A source as the profile's comments name it."""
    return "standard input" if path == STDIN else os.path.basename(path)


def _standard_input(stdin: BinaryIO | None) -> bytes:
    """What standard input holds, up to one byte past the size careercap imports."""
    stream = sys.stdin.buffer if stdin is None else stdin
    try:
        return stream.read(MAX_FILE + 1)
    except OSError as exc:
        raise InputError(f"standard input cannot be read ({exc.strerror})", "sources") from None


def _error(path: str, message: str, line: int | None = None, column: int | None = None) -> CareercapError:
    return CareercapError(Diagnostic(Location(shown_path(path), line, column), message))


def _warning(path: str, message: str, line: int | None = None) -> Diagnostic:
    return Diagnostic(Location(shown_path(path), line), message, "warning")


# Text and JSON -----------------------------------------------------------------------

_LINE_END = re.compile(r"\r\n|\r|\n")
"""Where a line ends, in every source: a line feed, a carriage return and line feed, or a
lone carriage return (and nowhere else: not at U+2028, nor at a form feed)."""


def _place(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character, lines ending as `_LINE_END` says."""
    line, start = 1, 0
    for found in _LINE_END.finditer(text, 0, index):
        line, start = line + 1, found.end()
    return line, index - start + 1


def _text(path: str, data: bytes, what: str | None = None) -> str:
    """UTF-8 text (a byte-order mark is dropped); anything else is one error."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, _ = _place(data[: exc.start].decode("latin-1"), exc.start)
        inside = f"{what} " if what else ""
        raise _error(
            path,
            f"{inside}is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
            "export it again as UTF-8",
        ) from None


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _Repeated(key)
        found[key] = value
    return found


class _Repeated(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _TooLong(Exception):
    def __init__(self, digits: str) -> None:
        super().__init__(digits)
        self.digits = digits


def _integer(digits: str) -> int:
    """A JSON integer; one too long for Python to read as a number is an error of its own."""
    try:
        return int(digits)
    except ValueError:
        raise _TooLong(digits) from None


def _depth(text: str) -> int:
    """How deep the JSON nests, outside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for character in text:
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif character in "]}":
            depth -= 1
    return deepest


def _json(path: str, data: bytes, what: str = "is not JSON, nor a ZIP of a LinkedIn export") -> Any:
    """JSON, each key once and nested at most `MAX_DEPTH` deep; text that does not begin
    as JSON is `what` it is not."""
    text = _text(path, data)
    if _depth(text) > MAX_DEPTH:
        raise _error(path, f"nests deeper than {MAX_DEPTH} levels; a badge or a résumé is far shallower")
    try:
        return json.loads(text, object_pairs_hook=_no_repeats, parse_int=_integer)
    except json.JSONDecodeError as exc:
        problem = what if exc.pos == 0 else "is not valid JSON"
        raise _error(path, f"{problem}: {exc.msg}", *_place(text, exc.pos)) from None
    except _Repeated as exc:
        raise _error(
            path, f"has the key {quoted(exc.key)} twice in one object; which one is meant?"
        ) from None
    except _TooLong as exc:
        raise _error(
            path,
            f"has a number {len(exc.digits.lstrip('-')):,} digits long; careercap reads "
            f"numbers of at most {sys.get_int_max_str_digits():,} digits",
            *_number_place(text, exc.digits),
        ) from None


_STRING_OR_NUMBER = re.compile(r'"(?:[^"\\]|\\.)*"|-?\d+')


def _number_place(text: str, digits: str) -> tuple[int, int] | tuple[()]:
    """Where a number is in JSON text (outside its strings), as line and column."""
    for found in _STRING_OR_NUMBER.finditer(text):
        if found.group() == digits:
            return _place(text, found.start())
    return ()


# Dates -------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{4})")
_ISO_START = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?",
    re.IGNORECASE,
)


def date_of(text: str) -> PartialDate | None:
    """A date as exports write it: `Jan 2023`, `2023-01`, `2023-01-15`, an ISO date-time
    (`2023-01-15T10:00:00Z`); None for an empty one. Raises ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    named = _MONTH_YEAR.fullmatch(text)
    if named is not None and named.group(1).lower() in _MONTHS:
        return parse_date(f"{named.group(2)}-{_MONTHS[named.group(1).lower()]:02d}")
    iso = _ISO_START.fullmatch(text)
    if iso is not None:
        return parse_date("-".join(part for part in iso.groups() if part))
    raise ValueError(f"{quoted(text)} is not a date careercap reads (2023, 2023-01, Jan 2023, 2023-01-15)")


# LinkedIn ----------------------------------------------------------------------------


def _linkedin_zip(path: str, data: bytes) -> Source:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _error(path, f"is not a readable ZIP archive ({exc})") from None
    named = {member.filename: member for member in members if not member.is_dir()}
    picked = _pick(path, list(named))
    files: dict[str, tuple[str, bytes]] = {}
    for wanted, name in picked.files.items():
        member = named[name]
        where = f"{path}: {name}"
        if member.flag_bits & 0x1:
            raise _error(where, "is encrypted; export it again without a password")
        if member.file_size > MAX_MEMBER:
            raise _error(where, f"unpacks to more than {MAX_MEMBER // (1024 * 1024)} MiB; refused")
        try:
            with archive.open(member) as stream:
                content = stream.read(MAX_MEMBER + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise _error(where, f"cannot be unpacked ({exc})") from None
        if len(content) > MAX_MEMBER:
            raise _error(where, f"unpacks to more than {MAX_MEMBER // (1024 * 1024)} MiB; refused")
        files[wanted] = (name, content)
    if not files:
        raise _error(
            path, "is a ZIP without Profile.csv, Certifications.csv or Skills.csv: not a LinkedIn export"
        )
    return _linkedin(path, files, picked.skipped)


class _Picked(NamedTuple):
    """The member read for each LinkedIn file, and warnings naming the members skipped."""

    files: dict[str, str]
    skipped: list[Diagnostic]


def _preferred(name: str) -> tuple[int, bool]:
    """The order in which members of one name are preferred: nearest the top, then the
    name's case as LinkedIn writes it."""
    base = name.rsplit("/", 1)[-1]
    return name.count("/"), base not in LINKEDIN


def _pick(path: str, names: list[str]) -> _Picked:
    """Which of an export's members (`/`-separated names) is read for each LinkedIn file,
    its name's case aside; every other CSV file, and every ZIP inside, is named in a warning."""
    candidates: dict[str, list[str]] = {}
    others: list[str] = []
    skipped: list[Diagnostic] = []
    for name in names:
        base = name.replace("\\", "/").rsplit("/", 1)[-1]  # `..` and absolute paths are just names
        wanted = next((linkedin for linkedin in LINKEDIN if linkedin.lower() == base.lower()), None)
        if wanted is not None:
            candidates.setdefault(wanted, []).append(name)
        elif base.lower().endswith(".csv"):
            others.append(name)
        elif base.lower().endswith(".zip"):
            skipped.append(
                _warning(
                    _member(path, name),
                    "skipped: careercap does not open a ZIP inside an export; unpack it and import it "
                    "on its own",
                )
            )
    files = {}
    for wanted, found in candidates.items():
        chosen, *seconds = sorted(found, key=_preferred)
        files[wanted] = chosen
        skipped += [
            _warning(_member(path, second), f"skipped: a second {wanted}; careercap reads {chosen}")
            for second in seconds
        ]
    if others:
        shown = ", ".join(others[:10]) + (f" and {len(others) - 10:,} more" if len(others) > 10 else "")
        skipped.append(
            _warning(
                path,
                f"skipped {len(others):,} CSV file{'s' if len(others) > 1 else ''} careercap does not "
                f"import: {shown} (it reads Profile.csv, Certifications.csv and Skills.csv)",
            )
        )
    return _Picked(files, skipped)


def _folder(path: str) -> Source:
    entries = sorted(os.listdir(path))
    picked = _pick(path, [entry for entry in entries if not os.path.isdir(os.path.join(path, entry))])
    if picked.files:
        files = {}
        for name, entry in picked.files.items():
            data = read_head(os.path.join(path, entry), MAX_MEMBER)
            if len(data) > MAX_MEMBER:
                raise _error(
                    os.path.join(path, entry), f"is larger than {MAX_MEMBER // (1024 * 1024)} MiB; refused"
                )
            files[name] = (entry, data)
        return _linkedin(path, files, picked.skipped)
    badges = [entry for entry in entries if entry.lower().endswith(".json")]
    if not badges:
        raise InputError(
            f"{path}: a folder with neither LinkedIn's Certifications.csv or Skills.csv "
            "nor badge .json files",
            "sources",
        )
    found: list[Found] = []
    warnings = list(picked.skipped)
    for entry in badges:
        file = os.path.join(path, entry)
        data = read_head(file, MAX_FILE)
        source = _json_source(file, f"{os.path.basename(os.path.normpath(path))}/{entry}", _json(file, data))
        found += source.found
        warnings += source.warnings
    return Source(tuple(found), None, None, tuple(warnings))


def _member(path: str, name: str) -> str:
    """Where a LinkedIn file is, for messages: inside a ZIP, or in a folder."""
    return os.path.join(path, name) if os.path.isdir(path) else f"{path}: {name}"


def _rows(
    path: str, name: str, data: bytes, header: str
) -> tuple[Iterator[tuple[int, dict[str, str]]], list[Diagnostic]]:
    """A LinkedIn CSV's rows (numbered as a spreadsheet numbers them, the header being
    row 1), past any note lines before the header."""
    where = _member(path, name)
    text = _text(where, data)
    reader = csv.reader(io.StringIO(text, newline=""))  # rows end where RFC 4180 says, nowhere else
    warnings: list[Diagnostic] = []
    skipped = 0
    try:
        for cells in reader:
            if header in [cell.strip() for cell in cells]:
                break
            if any(cell.strip() for cell in cells):
                skipped += 1
        else:
            raise _error(
                where, f"has no header row with a {quoted(header)} column: not a LinkedIn export file"
            )
    except csv.Error as exc:
        raise _error(
            where, f"is not CSV careercap reads (line {reader.line_num}: {exc})", reader.line_num
        ) from None
    columns = [cell.strip() for cell in cells]
    first = reader.line_num
    if skipped:
        warnings.append(
            _warning(
                where, f"skipped {skipped} note line{'s' if skipped > 1 else ''} before the header", first
            )
        )

    def numbered() -> Iterator[tuple[int, dict[str, str]]]:
        count = 1
        try:
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue
                count += 1
                if count > MAX_ROWS + 1:
                    raise _error(
                        where,
                        f"has more than {MAX_ROWS:,} rows; careercap imports a person's export",
                        reader.line_num,
                    )
                yield count, dict(zip(columns, (cell.strip() for cell in cells), strict=False))
        except csv.Error as exc:
            raise _error(
                where, f"is not CSV careercap reads (line {reader.line_num}: {exc})", reader.line_num
            ) from None

    return numbered(), warnings


def _linkedin(path: str, files: dict[str, tuple[str, bytes]], passed_over: list[Diagnostic]) -> Source:
    """The person's name, certifications and skills, from each LinkedIn file by its
    name: the member it was read from, and its content."""
    found: list[Found] = []
    warnings = list(passed_over)
    name = None
    if "Profile.csv" in files:
        rows, skipped = _rows(path, *files["Profile.csv"], "First Name")
        warnings += skipped
        for _, row in rows:
            name = (
                " ".join(part for part in (row.get("First Name", ""), row.get("Last Name", "")) if part)
                or None
            )
            break
    if "Certifications.csv" in files:
        where = _member(path, files["Certifications.csv"][0])
        rows, skipped = _rows(path, *files["Certifications.csv"], "Name")
        warnings += skipped
        for number, row in rows:
            title = row.get("Name", "")
            if not title:
                warnings.append(_warning(where, f"row {number} has no name; skipped"))
                continue
            dates: dict[str, PartialDate | None] = {}
            for column in ("Started On", "Finished On"):
                try:
                    dates[column] = date_of(row.get(column, ""))
                except ValueError as exc:
                    warnings.append(_warning(where, f"row {number}, {column}: {exc}; left out"))
                    dates[column] = None
            found.append(
                Found(
                    "certification",
                    title,
                    f"LinkedIn Certifications.csv, row {number}",
                    dates["Started On"],
                    row.get("Authority") or None,
                    dates["Finished On"],
                    renewals=True,
                )
            )
    if "Skills.csv" in files:
        rows, skipped = _rows(path, *files["Skills.csv"], "Name")
        warnings += skipped
        for number, row in rows:
            if row.get("Name"):
                found.append(Found("skill", row["Name"], f"LinkedIn Skills.csv, row {number}"))
    return Source(tuple(found), name, None, tuple(warnings))


# JSON Resume and Open Badges ----------------------------------------------------------


def _json_source(path: str, label: str, value: Any) -> Source:
    if isinstance(value, list):
        found: list[Found] = []
        warnings: list[Diagnostic] = []
        for index, item in enumerate(value, 1):
            if isinstance(item, str) and _is_jwt(item.strip()):
                signed = _jwt_source(f"{path}: item {index}", f"{label}, item {index}", item.strip())
                found += signed.found
                warnings += signed.warnings
            elif _is_badge(item):
                badge, guesses = _badge(path, f"{label}, item {index}", item, f"item {index}, ")
                found.append(badge)
                warnings += guesses
            else:
                warnings.append(
                    _warning(path, f"item {index} is not an Open Badges assertion or credential; skipped")
                )
        return Source(tuple(found), None, None, tuple(warnings))
    if isinstance(value, str) and _is_jwt(value.strip()):
        return _jwt_source(path, label, value.strip())
    if not isinstance(value, dict):
        raise _error(path, "is JSON, but neither a JSON Resume, an Open Badge nor an array of badges")
    if _is_badge(value):
        badge, guesses = _badge(path, label, value)
        return Source((badge,), warnings=tuple(guesses))
    if any(key in value for key in ("basics", "certificates", "skills", "work")):
        return _resume(path, label, value)
    raise _error(
        path, "is JSON, but neither a JSON Resume (no basics, certificates or skills) nor an Open Badge"
    )


def _baked(path: str, data: bytes) -> Source:
    """A badge baked into its PNG image: the assertion or credential in its text chunk."""
    chunk = _baked_chunk(path, data)
    if chunk is None:
        raise _error(
            path,
            "is a PNG image with no badge baked into it (no openbadges text chunk); "
            "import the badge's JSON, which its issuer's page offers to download",
        )
    keyword, content = chunk
    return _baked_text(f"{path}: {keyword}", os.path.basename(path), content)


def _baked_text(where: str, label: str, content: bytes) -> Source:
    """What a baked badge holds: its JSON, or a JWT; only a URL is an error naming it."""
    text = content.strip()
    if text.startswith((b"http://", b"https://")):
        raise _only_a_url(where, _text(where, text))
    if text.startswith((b"{", b"[")):
        return _json_source(where, label, _json(where, content))
    return _jwt_source(where, label, _text(where, text))


def _only_a_url(where: str, url: str) -> CareercapError:
    return _error(
        where,
        f"the baked badge is only a URL ({quoted(url)}), and careercap fetches no URL; download the "
        "JSON it points to and import that",
    )


class _SvgBadge:
    """An XML parser's target that keeps the first baked-badge element of an SVG (its
    name, `verify` attribute and text) and nothing else, so memory stays flat."""

    def __init__(self) -> None:
        self.root: str | None = None
        self.element: str | None = None
        self.verify: str | None = None
        self.text: list[str] = []
        self.inside = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if self.root is None:
            self.root = tag
        if self.inside:
            self.inside += 1
        elif self.element is None and tag in SVG_BADGES:
            self.element, self.verify, self.inside = SVG_BADGES[tag], attributes.get("verify"), 1

    def end(self, tag: str) -> None:
        if self.inside:
            self.inside -= 1
            if not self.inside:
                raise _Found  # the rest of the image holds no badge

    def data(self, text: str) -> None:
        if self.inside:
            self.text.append(text)

    def close(self) -> None:
        return None


class _Found(Exception):
    """The baked badge is read: the parser stops there."""


_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _svg(path: str, data: bytes) -> Source:
    """A badge baked into its SVG image: the assertion or credential in its
    `openbadges:assertion` (2.0) or `openbadges:credential` (3.0) element, as the element's
    text or its `verify` attribute. No DTD and no entity is read: a document declaring one
    is refused before it is parsed."""
    text = _text(path, data)
    declared = _DECLARATION.search(text)
    if declared is not None:
        raise _error(
            path,
            f"holds a <!{declared.group(1).upper()}> declaration, which careercap does not read in an "
            "SVG (it could expand without end or read other files); export the badge again",
            *_place(text, declared.start()),
        )
    badge = _SvgBadge()
    parser = XMLParser(target=badge)
    try:
        parser.feed(text)
        parser.close()
    except _Found:
        pass
    except ParseError as exc:
        line, column = exc.position
        raise _error(path, f"is not XML careercap reads: {_parse_problem(exc)}", line, column + 1) from None
    if badge.root is None or badge.root.rsplit("}", 1)[-1] != "svg":
        raise _error(path, "is XML, but not an SVG image; careercap imports badges baked into PNG or SVG")
    if badge.element is None:
        raise _error(
            path,
            "is an SVG image with no badge baked into it (no openbadges:assertion or "
            "openbadges:credential element); import the badge's JSON, which its issuer's page "
            "offers to download",
        )
    where = f"{path}: {badge.element}"
    content = "".join(badge.text).strip() or (badge.verify or "").strip()
    if not content:
        raise _error(where, "is empty: the baked badge holds neither JSON nor a JWT")
    return _baked_text(where, os.path.basename(path), content.encode())


def _parse_problem(exc: ParseError) -> str:
    """What expat says is wrong, without the place it adds (given as line and column)."""
    return str(exc).split(":", 1)[0]


_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
"""A compact JWS: header, payload and signature, each base64url, separated by dots (the
signature empty when the JWT is unsecured)."""
_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")


def _is_jwt(text: str) -> bool:
    """Whether text is meant as a JWT: a compact JWS, or text beginning as a JWT's header
    does (`{"` in base64url)."""
    return text.startswith("eyJ") or _JWS.fullmatch(text) is not None


def _jwt_source(where: str, label: str, text: str) -> Source:
    """An Open Badges credential signed as a JWT (VC-JWT): the credential in the payload's
    `vc` claim, or the payload itself. The signature is not verified, and the item's origin
    says so. The payload's `nbf` and `exp` date the credential when it is not dated itself."""
    parts = text.split(".")
    if len(parts) != 3:
        raise _error(
            where,
            f"is a malformed JWT: it has {len(parts)} part{'s' if len(parts) != 1 else ''} separated "
            "by dots, and a JWT has 3 (header.payload.signature)",
        )
    header = _jwt_part(where, "header", parts[0])
    if not isinstance(header, dict):
        raise _error(where, "is a malformed JWT: its header is not a JSON object")
    payload = _jwt_part(where, "payload", parts[1])
    if not _BASE64URL.fullmatch(parts[2]):
        raise _error(where, "is a malformed JWT: its signature is not base64url")
    inner = payload.get("vc") if isinstance(payload, dict) else None
    credential = inner if _is_badge(inner) else payload
    if not isinstance(credential, dict) or not _is_badge(credential):
        raise _error(
            where,
            "is a JWT, but its payload is not an Open Badges assertion or credential, nor holds one "
            "in its vc claim",
        )
    dated = dict(credential)
    for claim, fields in (("nbf", ("validFrom", "issuanceDate")), ("exp", ("validUntil", "expirationDate"))):
        if not any(field in dated for field in fields) and "badge" not in dated:
            moment = _numeric_date(payload.get(claim))
            if moment is not None:
                dated[fields[0]] = moment
    badge, warnings = _badge(where, f"{label} (a JWT; signature not verified)", dated)
    return Source((badge,), warnings=tuple(warnings))


def _jwt_part(where: str, part: str, text: str) -> Any:
    """A JWT's header or payload: base64url (padding allowed), holding JSON."""
    unpadded = text.rstrip("=")
    try:
        if not _BASE64URL.fullmatch(unpadded):
            raise binascii.Error
        data = base64.urlsafe_b64decode(unpadded + "=" * (-len(unpadded) % 4))
    except binascii.Error:
        raise _error(where, f"is a malformed JWT: its {part} is not base64url") from None
    return _json(f"{where}: JWT {part}", data, "is not JSON")


def _numeric_date(value: Any) -> str | None:
    """A JWT's NumericDate (seconds since 1970) as an ISO date; None for anything else."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    try:
        return dt.datetime.fromtimestamp(value, dt.UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def _baked_chunk(path: str, data: bytes) -> tuple[str, bytes] | None:
    """The keyword and content of a PNG's first baked-badge text chunk (iTXt, or tEXt);
    None when it has none."""
    at = len(PNG)
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        body = data[at + 8 : at + 8 + length]
        at += 12 + length  # length, type, data, checksum
        keyword, _, rest = body.partition(b"\0")
        if kind == b"IEND":
            break
        if kind == b"tEXt" and keyword in BAKED:
            return keyword.decode(), rest
        if kind == b"iTXt" and keyword in BAKED:
            return keyword.decode(), _itxt(f"{path}: {keyword.decode()}", rest)
    return None


def _itxt(where: str, rest: bytes) -> bytes:
    """An iTXt chunk's text, past its keyword: unpacked when it is compressed."""
    if len(rest) < 2:
        raise _error(where, "is a damaged PNG text chunk")
    compressed = rest[0]
    _language, _, rest = rest[2:].partition(b"\0")
    _translated, _, text = rest.partition(b"\0")
    if not compressed:
        return text
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(text, MAX_MEMBER + 1)
    except zlib.error as exc:
        raise _error(where, f"cannot be unpacked ({exc})") from None
    if len(text) > MAX_MEMBER:
        raise _error(where, f"unpacks to more than {MAX_MEMBER // (1024 * 1024)} MiB; refused")
    return text


def _text_of(value: Any) -> str | None:
    """A string field's text, trimmed; None for anything else (a number, a list...)."""
    return value.strip() or None if isinstance(value, str) else None


def _resume(path: str, label: str, resume: dict[str, Any]) -> Source:
    found: list[Found] = []
    warnings: list[Diagnostic] = []
    basics = resume.get("basics")
    name = _text_of(basics.get("name")) if isinstance(basics, dict) else None
    for index, item in enumerate(_list(resume.get("certificates")), 1):
        title = _text_of(item.get("name")) if isinstance(item, dict) else None
        if title is None:
            warnings.append(_warning(path, f"certificates[{index}] has no name; skipped"))
            continue
        try:
            date = date_of(item["date"]) if isinstance(item.get("date"), str) else None
        except ValueError as exc:
            warnings.append(_warning(path, f"certificates[{index}].date: {exc}; left out"))
            date = None
        found.append(
            Found(
                "certification",
                title,
                f"JSON Resume {label}, certificates[{index}]",
                date,
                _text_of(item.get("issuer")),
            )
        )
    for index, item in enumerate(_list(resume.get("skills")), 1):
        if not isinstance(item, dict):
            continue
        skill = _text_of(item.get("name"))
        if skill is not None:
            found.append(Found("skill", skill, f"JSON Resume {label}, skills[{index}]"))
        for keyword in _list(item.get("keywords")):
            text = _text_of(keyword)
            if text is not None:
                found.append(Found("skill", text, f"JSON Resume {label}, skills[{index}] keywords"))
    position = None
    jobs = [job for job in _list(resume.get("work")) if isinstance(job, dict)]
    if jobs:
        latest = max(
            jobs, key=lambda job: (str(job.get("endDate") or "9999"), str(job.get("startDate") or ""))
        )
        position = _text_of(latest.get("position"))
    return Source(tuple(found), name, position, tuple(warnings))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _types(value: dict[str, Any]) -> set[str]:
    kind = value.get("type")
    return {kind} if isinstance(kind, str) else {k for k in _list(kind) if isinstance(k, str)}


def _is_badge(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    types = _types(value)
    return (
        "Assertion" in types
        or ("badge" in value and "issuedOn" in value)
        or bool({"VerifiableCredential", "OpenBadgeCredential", "AchievementCredential"} & types)
    )


def _badge(path: str, origin: str, badge: dict[str, Any], item: str = "") -> tuple[Found, list[Diagnostic]]:
    """A badge as a certification (or, by its Open Badges 3.0 achievementType, a skill or
    neither): its name, issuer, date and expiry; and a warning for each guess. `item` says
    which of an array's badges it is."""
    kind: Kind = "certification"
    uncounted = None
    warnings: list[Diagnostic] = []
    if "badge" in badge or "Assertion" in _types(badge):  # Open Badges 2.0
        inner = badge.get("badge")
        if isinstance(inner, dict):
            title = _text_of(inner.get("name"))
            issuer = inner.get("issuer")
            issuer_name = _text_of(issuer.get("name")) if isinstance(issuer, dict) else _text_of(issuer)
        else:  # a URL: recorded as it is, never fetched
            title, issuer_name = _text_of(inner), None
            origin += " (the badge is a URL, not fetched: give it its name)"
        dates = {"issuedOn": badge.get("issuedOn"), "expires": badge.get("expires")}
    else:  # Open Badges 3.0, a Verifiable Credential
        subject = badge.get("credentialSubject")
        achievement = subject.get("achievement") if isinstance(subject, dict) else None
        title = _text_of(achievement.get("name")) if isinstance(achievement, dict) else None
        issuer = badge.get("issuer")
        issuer_name = _text_of(issuer.get("name")) if isinstance(issuer, dict) else _text_of(issuer)
        issued = "validFrom" if "validFrom" in badge else "issuanceDate"
        expires = "validUntil" if "validUntil" in badge else "expirationDate"
        dates = {issued: badge.get(issued), expires: badge.get(expires)}
        if isinstance(achievement, dict):
            kind, uncounted, doubts = _achievement_type(path, item, achievement.get("achievementType"))
            warnings += doubts
    if title is None:
        raise _error(
            path, f"{origin}: a badge without a name (badge.name, or credentialSubject.achievement.name)"
        )
    read: list[PartialDate | None] = []
    for field, value in dates.items():
        date, guess = _badge_date(path, value)
        read.append(date)
        if guess is not None:
            warnings.append(_warning(path, f"{item}{field}: {guess}"))
    if kind == "skill":
        return Found("skill", title, f"Open Badge {origin}"), warnings
    found = Found(
        "certification", title, f"Open Badge {origin}", read[0], issuer_name, read[1], uncounted=uncounted
    )
    return found, warnings


def _achievement_type(path: str, item: str, value: Any) -> tuple[Kind, str | None, list[Diagnostic]]:
    """What an Open Badges 3.0 achievementType is to careercap (`ACHIEVEMENT_TYPES`): a
    certification or a skill, or neither (and then what the badge calls it); a type outside
    the vocabulary is read as a certification, with a warning."""
    if value is None:
        return "certification", None, []
    if isinstance(value, str) and value in ACHIEVEMENT_TYPES:
        kind = ACHIEVEMENT_TYPES[value]
        return ("certification", f"achievementType {quoted(value)}", []) if kind is None else (kind, None, [])
    warning = _warning(
        path,
        f"{item}achievementType {quoted(value)} is not in Open Badges 3.0's vocabulary; "
        "read as a certification",
    )
    return "certification", None, [warning]


def _badge_date(path: str, value: Any) -> tuple[PartialDate | None, str | None]:
    """A badge's date, and how it was guessed when it is a number: a year where it can be
    one, else a Unix time (as Open Badges 2.0 allows)."""
    if value is None:
        return None, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if (isinstance(value, int) or value.is_integer()) and YEAR_MIN <= value <= YEAR_MAX:
            return PartialDate(int(value)), f"the number {value} is read as the year {int(value)}; check it"
        try:
            when = dt.datetime.fromtimestamp(value, dt.UTC)
            date = parse_date(f"{when.year}-{when.month:02d}-{when.day:02d}")
        except (OverflowError, OSError, ValueError):
            raise _error(path, f"{value} is neither a year nor a Unix time careercap reads") from None
        return date, f"the number {value} is read as a Unix time, {date}; check it"
    try:
        return date_of(str(value)), None
    except ValueError as exc:
        raise _error(path, str(exc)) from None
