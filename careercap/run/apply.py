"""`careercap plan --apply`: the profile file with the plan merged into its lists, its
comments, order, quoting and indentation kept (ruamel.yaml reads and writes it round
trip), written atomically in place or to another file."""

from __future__ import annotations

import codecs
import io
from typing import TYPE_CHECKING, Any

from careercap.core.words import counted
from careercap.errors import UsageError
from careercap.render.plan import Added, plan_additions
from careercap.render.text import yaml_text
from careercap.run.files import STDOUT, write_text

if TYPE_CHECKING:
    from careercap.core.plan import Plan

ADDED = "added by careercap plan"
"""The comment above the items a plan adds."""

_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)


def apply_plan(plan: Plan, source: str, target: str) -> str | None:
    """Write the profile `source` with the plan merged in to `target` (the profile itself,
    on purpose, or another file, or `-`), and say what was done (None for `-`)."""
    added = plan_additions(plan)
    if target != STDOUT and not added:
        why = "no plan does what was asked" if not plan.reached else "the plan adds nothing"
        return f"{source} is as it was: {why}"
    with open(source, "rb") as handle:
        data = handle.read()
    merged = merged_profile(_decoded(data, source), added, source)
    write_text(merged, target, "apply" if target == source else "apply_to")
    if target == STDOUT:
        return None
    events = counted(sum(len(each.items) for each in added), "learning event")
    return f"wrote {target}: {events} added to its {' and '.join(each.key for each in added)}"


def _decoded(data: bytes, source: str) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise UsageError(f"{source}: not {encoding.upper()} text; save it as UTF-8", "apply") from None


def merged_profile(text: str, added: list[Added], source: str = "the profile") -> str:
    """The profile's YAML text with each list's new items at its end, under a comment (a
    list it lacks is added before `notes`, or at the end). Written in UTF-8, with the
    file's own line ends and indentation."""
    from ruamel.yaml import YAML  # only --apply needs it
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString
    from ruamel.yaml.util import load_yaml_guess_indent

    newline = "\r\n" if "\r\n" in text else "\n"
    yaml = YAML()
    yaml.width = 4096  # long names stay on their line
    yaml.preserve_quotes = True
    try:
        documents = list(yaml.load_all(text))
        if len(documents) != 1 or not isinstance(documents[0], CommentedMap):
            raise UsageError(
                f"{source}: --apply rewrites a file that holds one profile and nothing else", "apply"
            )
        _, indent, offset = load_yaml_guess_indent(text)
    except YAMLError as exc:
        raise UsageError(f"{source}: cannot be rewritten: {exc}", "apply") from None
    offset = offset or 0
    sequence = indent or offset + 2  # where a list item's text starts: `  - name` is 4, offset 2
    yaml.indent(mapping=max(2, sequence - offset), sequence=sequence, offset=offset)
    profile: Any = documents[0]

    def scalar(value: str | float) -> object:
        if isinstance(value, str):
            return value if yaml_text(value) == value else DoubleQuotedScalarString(value)
        return int(value) if float(value).is_integer() else value

    for each in added:
        items = [CommentedMap((key, scalar(value)) for key, value in item.items()) for item in each.items]
        listed = profile.get(each.key)
        if isinstance(listed, CommentedSeq):
            start = len(listed)
            listed.extend(items)
            if listed.fa.flow_style():
                continue  # a comment cannot stand inside [...]
        else:
            listed = CommentedSeq(items)
            start = 0
            if each.key in profile:
                profile[each.key] = listed  # an empty list, written `skills:` or `skills: []`
            else:
                keys = list(profile)
                profile.insert(keys.index("notes") if "notes" in keys else len(keys), each.key, listed)
        listed.yaml_set_comment_before_after_key(start, before=ADDED, indent=offset)
    written = io.StringIO()
    yaml.dump(profile, written)
    return written.getvalue().replace("\n", newline) if newline != "\n" else written.getvalue()
