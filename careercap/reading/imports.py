"""What a person already keeps elsewhere, read for `careercap import`: a LinkedIn data
export (the ZIP, or its folder), a JSON Resume, and Open Badges (2.0 assertions, 3.0
credentials; a file each, an array, a folder of them, or a badge baked into its PNG image).
Each source is recognised by its content. ZIP members are read in memory with size caps,
never extracted, and URLs are recorded, never fetched. A source that cannot be read is one
located error; what is skipped inside one, and what is read by a guess, is a warning
saying why.
"""

from __future__ import annotations

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
from typing import Any, NamedTuple

from careercap.core.fields import YEAR_MAX, YEAR_MIN, PartialDate, parse_date, quoted
from careercap.core.imported import Found
from careercap.errors import CareercapError, Diagnostic, InputError, Location, shown_path
from careercap.reading.files import read_head

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


class Source(NamedTuple):
    """What one source holds: its items, the person's name and latest position where it
    gives them, and warnings about what it skipped."""

    found: tuple[Found, ...]
    name: str | None = None
    position: str | None = None
    warnings: tuple[Diagnostic, ...] = ()


def read_source(path: str) -> Source:
    """The source at `path`, recognised by its content. Raises InputError when it cannot be
    read at all, CareercapError when it is not what careercap imports or is malformed."""
    if os.path.isdir(path):
        return _folder(path)
    data = read_head(path, MAX_FILE)
    if len(data) > MAX_FILE:
        raise _error(
            path, f"is larger than {MAX_FILE // (1024 * 1024)} MiB; careercap imports smaller exports"
        )
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _linkedin_zip(path, data)
    if data.startswith(PNG):
        return _baked(path, data)
    value = _json(path, data)
    return _json_source(path, os.path.basename(path), value)


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


def _json(path: str, data: bytes) -> Any:
    text = _text(path, data)
    if _depth(text) > MAX_DEPTH:
        raise _error(path, f"nests deeper than {MAX_DEPTH} levels; a badge or a résumé is far shallower")
    try:
        return json.loads(text, object_pairs_hook=_no_repeats, parse_int=_integer)
    except json.JSONDecodeError as exc:
        what = "is not JSON, nor a ZIP of a LinkedIn export" if exc.pos == 0 else "is not valid JSON"
        raise _error(path, f"{what}: {exc.msg}", *_place(text, exc.pos)) from None
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
            if _is_badge(item):
                badge, guesses = _badge(path, f"{label}, item {index}", item, f"item {index}, ")
                found.append(badge)
                warnings += guesses
            else:
                warnings.append(
                    _warning(path, f"item {index} is not an Open Badges assertion or credential; skipped")
                )
        return Source(tuple(found), None, None, tuple(warnings))
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
    where = f"{path}: {keyword}"
    start = content.lstrip()[:8].decode("utf-8", "replace")
    if start.startswith(("http://", "https://")):
        raise _error(
            where,
            "the baked badge is only a URL, and careercap fetches no URL; download the JSON it "
            "points to and import that",
        )
    if not start.startswith(("{", "[")):
        raise _error(where, "the baked badge is a signed credential, not JSON; import the badge's JSON")
    return _json_source(where, os.path.basename(path), _json(where, content))


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
    """A badge as a certification: its name, issuer, date and expiry; and a warning for
    each date read from a number. `item` says which of an array's badges it is."""
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
    if title is None:
        raise _error(
            path, f"{origin}: a badge without a name (badge.name, or credentialSubject.achievement.name)"
        )
    read: list[PartialDate | None] = []
    warnings: list[Diagnostic] = []
    for field, value in dates.items():
        date, guess = _badge_date(path, value)
        read.append(date)
        if guess is not None:
            warnings.append(_warning(path, f"{item}{field}: {guess}"))
    return Found("certification", title, f"Open Badge {origin}", read[0], issuer_name, read[1]), warnings


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
