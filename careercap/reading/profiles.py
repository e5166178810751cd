"""Profiles from files and streams: each YAML document (or JSON line) validated, or its
errors located.

Loading never stops at a bad document: each one comes back as a `Loaded` with either a
profile or the diagnostics that say what is wrong and where.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, NamedTuple

from careercap.core.profile import CareerEvent, Certification, Profile, Skill
from careercap.errors import CareercapError, Diagnostic, Location, shown_path
from careercap.reading import jsonlines
from careercap.reading.diagnostics import located_error, validate
from careercap.reading.documents import (
    BLOCK,
    Document,
    LineProblem,
    split_documents,
    stream_chunks,
    whole_document,
)
from careercap.reading.files import STDIN, Unreadable, read_regular, reading_format
from careercap.reading.yamlvalues import Marks, Path, marks, parse

KNOWN_KEYS: dict[tuple[str, ...], list[str]] = {
    (): [*Profile.model_fields, "salary"],
    ("certifications",): list(Certification.model_fields),
    ("skills",): list(Skill.model_fields),
    ("events",): [field.alias or name for name, field in CareerEvent.model_fields.items()],
}


class Loaded(NamedTuple):
    """One document of a source: a profile, or why there is none."""

    source: str
    document: int
    profile: Profile | None
    errors: tuple[Diagnostic, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    line: int | None = None  # where its document starts in the source, 1-based
    origin: Document | None = None  # what its profile was read from, to locate later problems

    @property
    def empty(self) -> bool:
        """An empty document: skipped with a warning, not an error."""
        return self.profile is None and not self.errors


def load_document(document: Document) -> Loaded:
    """Validate one document into a profile, or locate what is wrong with it."""
    if document.problem is not None:
        return Loaded(document.source, document.number, None, (document.problem,))
    json_line = isinstance(document, jsonlines.JsonLine)
    try:
        data = jsonlines.parse(document) if json_line else parse(document)
    except CareercapError as exc:
        return Loaded(document.source, document.number, None, exc.diagnostics)
    if data is None:
        warning = Diagnostic(document.where(0, 0), f"document {document.number} is empty; skipped", "warning")
        return Loaded(document.source, document.number, None, (), (warning,))
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        message = f"a profile must be a mapping of keys such as 'name:' and 'income:', not {kind}"
        return Loaded(document.source, document.number, None, document.error(message, 0, 0).diagnostics)
    try:
        profile, errors, warnings = validate(
            Profile,
            document,
            data,
            KNOWN_KEYS,
            located_as={"income_and_salary": ("salary",)},
            locate=_locator(document),
        )
    except CareercapError as exc:  # locating the errors parses the text, which may say more
        return Loaded(document.source, document.number, None, exc.diagnostics)
    return Loaded(
        document.source,
        document.number,
        profile,
        tuple(errors),
        tuple(warnings),
        document.first_line + 1,
        None if profile is None else document,
    )


def error_at(document: Document, path: Path, message: str) -> Diagnostic:
    """An error about one value of a valid profile, found once it is projected (a career
    event that takes the income out of range): at that value, named as validation's own
    errors name it."""
    return located_error(document, path, message, _locator(document))


def _locator(document: Document) -> Callable[[Document], Marks]:
    """What reads where each value of the document stands: a JSON line's reader, or YAML's."""
    return jsonlines.marks if isinstance(document, jsonlines.JsonLine) else marks


def stream_documents(stream: BinaryIO, source: str) -> Iterator[Document | Loaded]:
    """Every document of a binary stream, in order, read as it comes (nothing is read ahead
    of the document being handed out); a stream with no document is one error, as a
    `Loaded` in its place."""
    seen_text = False

    def noting_text(chunks: Iterable[str | LineProblem]) -> Iterator[str | LineProblem]:
        nonlocal seen_text
        for chunk in chunks:
            if not seen_text and (not isinstance(chunk, str) or chunk.strip()):
                seen_text = True
            yield chunk

    seen = False
    for document in split_documents(noting_text(stream_chunks(stream)), source):
        seen = True
        yield document
    if not seen:
        what = "holds only comments" if seen_text else "is empty"
        message = f"{what}: a profile needs at least 'name:' and 'income:'"
        yield Loaded(source, 0, None, (Diagnostic(Location(source), message),))


def stream_lines(stream: BinaryIO, source: str) -> Iterator[Document | Loaded]:
    """Every line of a JSON Lines stream that holds a profile, in order, read as it comes;
    a stream with none is one error, as a `Loaded` in its place."""
    seen = False
    for line in jsonlines.stream_lines(stream, source):
        seen = True
        yield line
    if not seen:
        message = 'is empty: each line holds one profile, a JSON object with at least "name" and "income"'
        yield Loaded(source, 0, None, (Diagnostic(Location(source), message),))


def documents(
    source: str, stdin: BinaryIO | None = None, given_format: str | None = None
) -> Iterator[Document | Loaded]:
    """Every document of a file, or of standard input (`stdin`, else the process's) for
    `-`, as it is read: YAML documents, or the lines of JSON Lines (as `files.reading_format`
    tells from the name and `given_format`). A file that cannot be opened or read (gone
    since it was named, say) is one error, as a `Loaded` in its place."""
    name = shown_path(source)  # what the documents are named by; the file is opened by `source`
    read = stream_lines if reading_format(source, given_format) == "jsonl" else stream_documents
    try:
        if source == STDIN:
            yield from read(sys.stdin.buffer if stdin is None else stdin, name)
            return
        head, larger = read_regular(source, BLOCK)
        if larger is not None:  # a large file: read a block at a time
            with larger:
                yield from read(larger, name)
            return
        if read is stream_lines:
            yield from stream_lines(io.BytesIO(head), name)
            return
        document = whole_document(head, name)  # the usual small profile, read at once
        yield from (document,) if document is not None else stream_documents(io.BytesIO(head), name)
    except Unreadable as exc:
        yield Loaded(name, 0, None, (exc.diagnostic(),))
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        yield Loaded(name, 0, None, (Diagnostic(Location(name), f"cannot be read ({exc.strerror})"),))


def validated(found: Iterable[Document | Loaded]) -> Iterator[Loaded]:
    """Each document validated; what is a `Loaded` already, as it is."""
    for item in found:
        yield item if isinstance(item, Loaded) else load_document(item)


def load_stream(stream: BinaryIO, source: str) -> Iterator[Loaded]:
    """Every document of a binary stream, validated, in order, as it is read."""
    return validated(stream_documents(stream, source))


def load_text(text: str, source: str) -> Iterator[Loaded]:
    """Every document of a text (as if read from a UTF-8 file)."""
    return load_stream(io.BytesIO(text.encode("utf-8")), source)


def load(source: str, given_format: str | None = None) -> Iterator[Loaded]:
    """Every document of a file, or of standard input for `-`, validated as it is read
    (`given_format` as `documents` takes it)."""
    return validated(documents(source, given_format=given_format))
