"""Profiles from files and streams: each YAML document validated, or its errors located.

Loading never stops at a bad document: each one comes back as a `Loaded` with either a
profile or the diagnostics that say what is wrong and where.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

from careercap.errors import CareercapError, Diagnostic, InputError, Location
from careercap.profile import Certification, Profile, Skill
from careercap.validation import validate
from careercap.yamltext import Document, decode, parse, split_documents

STDIN = "-"

KNOWN_KEYS: dict[tuple[str, ...], list[str]] = {
    (): [*Profile.model_fields, "salary"],
    ("certifications",): list(Certification.model_fields),
    ("skills",): list(Skill.model_fields),
}


@dataclass(frozen=True, slots=True)
class Loaded:
    """One document of a source: a profile, or why there is none."""

    source: str
    document: int
    profile: Profile | None
    errors: tuple[Diagnostic, ...] = ()
    warnings: tuple[Diagnostic, ...] = field(default=())

    @property
    def empty(self) -> bool:
        """An empty document: skipped with a warning, not an error."""
        return self.profile is None and not self.errors


def read_bytes(source: str) -> bytes:
    """The bytes of a profile file, or of standard input for `-`."""
    if source == STDIN:
        return sys.stdin.buffer.read()
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{source}: is a directory, not a profile file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{source}: is not a regular file")
    try:
        with open(source, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(f"{source}: cannot be read ({exc.strerror})") from None


def load_document(document: Document) -> Loaded:
    """Validate one document into a profile, or locate what is wrong with it."""
    try:
        data = parse(document)
    except CareercapError as exc:
        return Loaded(document.source, document.number, None, exc.diagnostics)
    if data is None:
        warning = Diagnostic(document.where(0, 0), f"document {document.number} is empty; skipped", "warning")
        return Loaded(document.source, document.number, None, (), (warning,))
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        message = f"a profile must be a mapping of keys such as 'name:' and 'income:', not {kind}"
        return Loaded(document.source, document.number, None, (document.error(message, 0, 0).diagnostics))
    profile, errors, warnings = validate(
        Profile, document, data, KNOWN_KEYS, located_as={"income_and_salary": ("salary",)}
    )
    return Loaded(document.source, document.number, profile, tuple(errors), tuple(warnings))


def load_text(text: str, source: str) -> Iterator[Loaded]:
    """Every document of a text, in order. A text with no document is one error."""
    seen = False
    try:
        for document in split_documents(text.splitlines(keepends=True), source):
            seen = True
            yield load_document(document)
    except CareercapError as exc:
        yield Loaded(source, exc.diagnostics[0].where.document or 0, None, exc.diagnostics)
        return
    if not seen:
        what = "is empty" if not text.strip() else "holds only comments"
        message = f"{what}: a profile needs at least 'name:' and 'income:'"
        yield Loaded(source, 0, None, (Diagnostic(Location(source), message),))


def load(source: str) -> Iterator[Loaded]:
    """Every document of a file (or standard input, `-`). Raises InputError if it cannot be read."""
    data = read_bytes(source)
    try:
        text = decode(data, source)
    except CareercapError as exc:
        yield Loaded(source, 0, None, exc.diagnostics)
        return
    yield from load_text(text, source)
