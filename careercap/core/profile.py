"""The profile: what a person tells careercap about themselves, validated.

Models are frozen and forbid unknown keys. A validated profile is normalized: a skill or
certification written twice (by normalized name) is kept once, at its earliest date, and
the repeat is reported as a warning through the validation context.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import unicodedata
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from careercap.core.fields import EMPTY_ITEM, Date, Integer, Number, PartialDate, Text, Year, quoted

Employment = Literal["employee", "freelancer"]
CENT = 0.01

# The bounds of the fields that JSON output gives back as the profile has them.
Currency = Annotated[Text, Field(pattern=r"^[A-Z]{3}$")]
MOST_YEARS = 50
"""The longest horizon."""
Horizon = Annotated[Integer, Field(ge=1, le=MOST_YEARS)]
BaselineGrowth = Annotated[Number, Field(ge=-0.5, le=0.5)]
Inflation = Annotated[Number, Field(ge=-0.5, le=1)]
DiscountRate = Annotated[Number, Field(ge=0, le=1)]


def _without_format_characters(name: str) -> str:
    """The name without zero-width and other format characters (Unicode category Cf),
    which change nothing a reader sees."""
    if name.isascii():  # the usual case, and ASCII has no format character
        return name
    return "".join(character for character in name if unicodedata.category(character) != "Cf")


@functools.lru_cache(maxsize=8192)  # a cohort names the same skills again and again
def normalize_name(name: str) -> str:
    """The form in which two skill or certification names are compared: format characters
    dropped, case-folded, `-` and `_` read as spaces, runs of white space collapsed, ends
    trimmed (`S\u200bQL` is `SQL`, `Prompt-Engineering` is `prompt engineering`)."""
    return " ".join(_without_format_characters(name).casefold().replace("-", " ").replace("_", " ").split())


def _not_blank(name: str) -> str:
    if not _without_format_characters(name).strip():
        raise ValueError("must not be blank: white space and invisible characters name nothing")
    return name


Name = Annotated[Text, Field(min_length=1, max_length=200), AfterValidator(_not_blank)]


COST = "What it costs (fees, exams), in the profile's currency."
HOURS = "The hours of study it takes."
Cost = Annotated[Number | None, Field(ge=0, le=1e9)]
Hours = Annotated[Number | None, Field(ge=0, le=1e5)]

# Frozen, no unknown keys. (A YAML null means "not given": the reader leaves such keys out.)
_CONFIG = ConfigDict(frozen=True, extra="forbid")


class Certification(BaseModel):
    """A certification, earned or planned."""

    model_config = _CONFIG

    name: Name = Field(description="The certification's name.", examples=["AWS Certified Data Engineer"])
    earned: Date = Field(description="When it was (or will be) earned; a year after as_of is planned.")
    issuer: Text | None = Field(default=None, description="Who issues it.", examples=["Amazon Web Services"])
    cost: Cost = Field(default=None, description=COST, examples=[395])
    hours: Hours = Field(default=None, description=HOURS, examples=[60])
    expires: Date | None = Field(
        default=None,
        description="When it expires, if it does; careercap warns of it (a renewal is a new certification).",
        examples=["2027-01"],
    )

    @model_validator(mode="after")
    def _earned_before_it_expires(self) -> Certification:
        if self.expires is not None and self.expires.year < self.earned.year:
            raise ValueError(f"expires ({self.expires}) before it is earned ({self.earned})")
        return self

    @property
    def year(self) -> int:
        return self.earned.year


class Skill(BaseModel):
    """A skill; without `acquired` it is held since before `as_of`."""

    model_config = _CONFIG

    name: Name = Field(description="The skill's name.", examples=["prompt engineering"])
    acquired: Date | None = Field(
        default=None, description="When it was (or will be) acquired; leave it out for a skill long held."
    )
    cost: Cost = Field(default=None, description=COST, examples=[120])
    hours: Hours = Field(default=None, description=HOURS, examples=[30])

    @property
    def year(self) -> int | None:
        return None if self.acquired is None else self.acquired.year


def located(path: tuple[str | int, ...], message: str) -> PydanticCustomError:
    """An error that a whole-profile check finds at one place in it: the reader puts it at
    `path` (`("events", 2, "year")`), as it puts a field's own errors."""
    return PydanticCustomError("located", "{error}", {"error": message, "path": path})


Raise = Annotated[Number, Field(ge=-0.9, le=10)]
BreakYears = Annotated[Integer, Field(ge=1, le=10)]
Share = Annotated[Number, Field(ge=0, le=1)]
EVENT_KINDS = ("employment", "income", "raise", "break")
"""The kinds of career event, as the profile's `events` name them."""


def _one_change_each(schema: dict[str, Any]) -> None:
    """In the JSON Schema: one kind of change an event, `income` beside `employment`
    allowed, and `share` only with `break` (`CareerEvent._one_change`)."""

    def given(*keys: str) -> dict[str, Any]:  # YAML's null means "not given"
        return {"required": list(keys), "properties": {key: {"not": {"type": "null"}} for key in keys}}

    pairs = [pair for pair in itertools.combinations(EVENT_KINDS, 2) if pair != ("employment", "income")]
    schema["anyOf"] = [given(kind) for kind in EVENT_KINDS]
    schema["not"] = {"anyOf": [given(*pair) for pair in pairs]}
    schema["if"], schema["then"] = given("share"), given("break")


class CareerEvent(BaseModel):
    """A dated change to the career that is not learning: a switch of employment, a new
    income, a raise (or a pay cut), or a break."""

    model_config = ConfigDict(**_CONFIG, json_schema_extra=_one_change_each)

    year: Year = Field(description="The year it happens: after as_of.", examples=[2027])
    employment: Employment | None = Field(
        default=None, description="A switch: to freelancer, or back to employee.", examples=["freelancer"]
    )
    income: Number | None = Field(
        default=None,
        ge=CENT,
        le=1e9,
        description="The income in that year, stated: a new job at a known income (alone, or with a switch).",
        examples=[85000],
    )
    raise_: Raise | None = Field(
        default=None,
        alias="raise",
        description="A one-off step: 0.12 is a 12 % raise, -0.1 a 10 % pay cut.",
        examples=[0.12],
    )
    break_: BreakYears | None = Field(
        default=None,
        alias="break",
        description="Years away from work, from this year on.",
        examples=[1],
    )
    share: Share | None = Field(
        default=None,
        description="With a break: the share of income earned meanwhile (0.5 is half); default 0.",
        examples=[0.5],
    )

    @model_validator(mode="after")
    def _one_change(self) -> CareerEvent:
        if self.share is not None and self.break_ is None:
            raise ValueError("gives 'share' without 'break': share is what is earned during a break")
        kinds = [kind for kind in EVENT_KINDS if self.value(kind) is not None]
        if not kinds:
            raise ValueError("says nothing changes: give one of employment, income, raise or break")
        if len(kinds) > 1 and kinds != ["employment", "income"]:
            given = " and ".join(repr(kind) for kind in kinds)
            raise ValueError(f"gives {given}: one event is one change, so list them as separate events")
        return self

    def value(self, kind: str) -> Any:
        """The value of one kind (`EVENT_KINDS`), or None."""
        return getattr(self, {"raise": "raise_", "break": "break_"}.get(kind, kind))

    @property
    def kind(self) -> str:
        """`employment` (a switch, perhaps with its income), `income`, `raise` or `break`."""
        return next(kind for kind in EVENT_KINDS if self.value(kind) is not None)

    @property
    def last_year(self) -> int:
        """The last year it covers: its year, or a break's last year."""
        return self.year + (self.break_ or 1) - 1

    @property
    def label(self) -> str:
        """What it is, as tables, charts and the `events` of CSV name it: `switch to
        freelancer at 70,000.00`, `new income 95,000.00`, `raise +12 %`, `pay cut -10 %`,
        `break of 2 years at 50 % pay`, `break of 1 year, unpaid`."""
        if self.employment is not None:
            at = "" if self.income is None else f" at {self.income:,.2f}"
            return f"switch to {self.employment}{at}"
        if self.income is not None:
            return f"new income {self.income:,.2f}"
        if self.raise_ is not None:
            what = "pay cut" if self.raise_ < 0 else "raise"
            return f"{what} {_percent(self.raise_)}"
        years = "1 year" if self.break_ == 1 else f"{self.break_} years"
        if not self.share:
            return f"break of {years}, unpaid"
        return f"break of {years} at {_percent(self.share, sign=False)} pay"


def _percent(fraction: float, *, sign: bool = True) -> str:
    """`+12 %`, `-10 %`, `50 %`, `+12.5 %`: as many decimals as it has, up to 4."""
    text = f"{round(fraction * 100, 4):{'+' if sign else ''}g}"
    return f"{text} %"


def _skill_item(value: Any) -> Any:
    if value is None:
        raise ValueError(EMPTY_ITEM)
    if isinstance(value, str):
        return {"name": value}
    return value


def _current_year() -> int:
    return dt.date.today().year


def _a_name_is_a_skill(schema: dict[str, Any]) -> None:
    """In the JSON Schema: a skill may be written as its name alone (`_skill_item`)."""
    schema["items"] = {"anyOf": [TypeAdapter(Name).json_schema(), schema["items"]]}


def _salary_is_income_too(schema: dict[str, Any]) -> None:
    """In the JSON Schema: income may be written as salary, not both (`_salary_is_income`)."""
    properties = schema["properties"]
    income = properties["income"]
    properties["salary"] = {**income, "title": "Salary", "description": "Another name for income."}
    schema["required"] = [name for name in schema["required"] if name != "income"]
    given = {"not": {"type": "null"}}  # YAML's null means "not given"
    schema["oneOf"] = [
        {"required": ["income"], "properties": {"income": given}},
        {"required": ["salary"], "properties": {"salary": given}},
    ]


class Profile(BaseModel):
    """One person's skill profile."""

    model_config = ConfigDict(**_CONFIG, json_schema_extra=_salary_is_income_too)

    name: Name = Field(description="Whose profile this is.", examples=["Priya Raman"])
    employment: Employment = Field(
        default="employee", description="employee (income is salary) or freelancer (income is revenue)."
    )
    income: Number = Field(
        gt=0,
        le=1e9,
        json_schema_extra={"minimum": CENT},  # as `_at_least_a_cent` checks
        description="Annual salary (employee) or revenue (freelancer) in as_of; also accepted as `salary`.",
        examples=[92000],
    )
    currency: Currency = Field(
        default="USD",
        description="ISO 4217 code, three capital letters.",
        examples=["USD"],
    )
    as_of: Year = Field(
        default_factory=_current_year,
        description="The year that income describes; default: the current year.",
    )
    horizon: Horizon = Field(default=5, description="How many years to project after as_of.")
    baseline_growth: BaselineGrowth = Field(
        default=0.03,
        description="Yearly growth of a peer who keeps skills current at an ordinary pace (0.03 is 3 %).",
    )
    certifications: tuple[Certification, ...] = Field(
        default=(), description="Certifications earned or planned."
    )
    skills: tuple[Annotated[Skill, BeforeValidator(_skill_item)], ...] = Field(
        default=(),
        description="Skills: a plain name (held since before as_of) or a mapping with a date.",
        json_schema_extra=_a_name_is_a_skill,
    )
    events: tuple[CareerEvent, ...] = Field(
        default=(),
        description="Career events after as_of: a switch of employment, a new income, a raise, a break.",
    )
    notes: Text | None = Field(default=None, description="Free text, ignored by the model.")
    inflation: Inflation | None = Field(
        default=None, description="Yearly inflation, for figures in as_of-year money."
    )
    discount_rate: DiscountRate | None = Field(
        default=None,
        description="The yearly rate at which later money is worth less (0.05 is 5 %): present values "
        "in as_of, the net present value and the internal rate of return of planned learning.",
        examples=[0.05],
    )
    hourly_value: Number = Field(
        default=0,
        ge=0,
        le=1e6,
        description="What an hour of your time is worth, in the profile's currency: study hours cost it.",
        examples=[40],
    )
    learning_subsidy: Number = Field(
        default=0,
        ge=0,
        le=1,
        description="The fraction of learning costs refunded (a tax credit, say): 0.3 is 30 %.",
        examples=[0.3],
    )

    @field_validator("income")
    @classmethod
    def _at_least_a_cent(cls, income: float) -> float:
        # Money is shown to the cent; below one, a projection has nothing to show (and a
        # subnormal income would underflow to zero).
        if income < CENT:
            raise ValueError(f"must be at least {CENT} (a cent)")
        return income

    @model_validator(mode="before")
    @classmethod
    def _salary_is_income(cls, data: Any) -> Any:
        if isinstance(data, dict) and "salary" in data:
            if "income" in data:
                raise PydanticCustomError("income_and_salary", "give income or salary, not both")
            data = {("income" if key == "salary" else key): value for key, value in data.items()}
        return data

    @model_validator(mode="after")
    def _warn_of_expiry(self, info: ValidationInfo) -> Profile:
        warnings = info.context.get("warnings") if isinstance(info.context, dict) else None
        if warnings is None:
            return self
        for index, certification in enumerate(self.certifications):
            expires = certification.expires
            if expires is None:
                continue
            name = quoted(certification.name)
            if expires.year < self.as_of:
                message = (
                    f"certification {name} expired in {expires}, before as_of ({self.as_of}); careercap "
                    f"still counts it as earned in {certification.earned} (a renewal is a new certification)"
                )
            elif expires.year <= self.final_year:
                message = (
                    f"certification {name} expires in {expires}, within the projected years; careercap "
                    "does not count its lapse (list a renewal as a new certification)"
                )
            else:
                continue
            warnings.append((("certifications", index, "expires"), message))
        return self

    @model_validator(mode="after")
    def _count_repeats_once(self, info: ValidationInfo) -> Profile:
        warnings = info.context.get("warnings") if isinstance(info.context, dict) else None
        certifications = _once_each(self.certifications, "certifications", "certification", warnings)
        skills = _once_each(self.skills, "skills", "skill", warnings)
        if certifications != self.certifications or skills != self.skills:
            # Frozen: the normalized profile is built from the validated one, not mutated.
            return self.model_copy(update={"certifications": certifications, "skills": skills})
        return self

    @model_validator(mode="after")
    def _events_fit_together(self, info: ValidationInfo) -> Profile:
        if not self.events:
            return self
        warnings = info.context.get("warnings") if isinstance(info.context, dict) else None
        for index, event in enumerate(self.events):
            if event.year <= self.as_of:
                raise located(
                    ("events", index, "year"),
                    f"is {event.year}, not after as_of ({self.as_of}): the profile's own fields "
                    "describe as_of (change income or employment there instead)",
                )
        _no_two_in_a_year(self.events, ("employment",), "switch of employment", "a year holds one switch")
        _no_two_in_a_year(
            self.events, ("income", "raise"), "change of pay", "a year holds one stated income or one raise"
        )
        _no_overlapping_breaks(self.events)
        if warnings is not None:
            warnings.extend(_event_warnings(self))
        return self

    @property
    def final_year(self) -> int:
        return self.as_of + self.horizon


def _no_two_in_a_year(events: tuple[CareerEvent, ...], kinds: tuple[str, ...], what: str, rule: str) -> None:
    """Refuse a second event of `kinds` in one year, at the second."""
    first: dict[int, int] = {}
    for index, event in enumerate(events):
        if not any(event.value(kind) is not None for kind in kinds):
            continue
        if event.year in first:
            raise located(
                ("events", index),
                f"is a second {what} in {event.year} (after events[{first[event.year] + 1}]): {rule}",
            )
        first[event.year] = index


def _no_overlapping_breaks(events: tuple[CareerEvent, ...]) -> None:
    breaks = sorted(
        ((event.year, index) for index, event in enumerate(events) if event.break_ is not None),
    )
    for (_, earlier), (_, later) in itertools.pairwise(breaks):
        if events[later].year <= events[earlier].last_year:
            first, second = sorted((earlier, later))
            raise located(
                ("events", second, "break"),
                f"overlaps the break of events[{first + 1}] "
                f"({_span(events[first])}): breaks may not overlap, so make one break longer",
            )


def _span(event: CareerEvent) -> str:
    return str(event.year) if event.last_year == event.year else f"{event.year} to {event.last_year}"


def _event_warnings(profile: Profile) -> list[tuple[tuple[str | int, ...], str]]:
    """An event after the last projected year changes nothing; nor does a switch to what
    the profile is already."""
    warnings: list[tuple[tuple[str | int, ...], str]] = []
    employment = profile.employment
    for index, event in sorted(enumerate(profile.events), key=lambda item: item[1].year):
        if event.year > profile.final_year:
            warnings.append(
                (
                    ("events", index, "year"),
                    f"event in {event.year} is after the last projected year ({profile.final_year}); "
                    "it has no effect",
                )
            )
        elif event.employment is not None:
            if event.employment == employment:
                warnings.append(
                    (
                        ("events", index, "employment"),
                        f"the switch in {event.year} is to {event.employment}, which the profile is "
                        "already; it changes nothing",
                    )
                )
            employment = event.employment
    return warnings


T = TypeVar("T", Certification, Skill)


def _once_each(
    items: tuple[T, ...], field: str, kind: str, warnings: list[tuple[tuple[str | int, ...], str]] | None
) -> tuple[T, ...]:
    """Keep each normalized name once, at its earliest date (undated is earliest)."""
    keys = [normalize_name(item.name) for item in items]
    if len(set(keys)) == len(keys):
        return items  # nothing repeated: the usual case
    first: dict[str, int] = {}
    kept: list[T] = []
    for index, (item, key) in enumerate(zip(items, keys, strict=True)):
        if key not in first:
            first[key] = len(kept)
            kept.append(item)
            continue
        slot = first[key]
        earliest = _earliest(kept[slot], item)
        kept[slot] = earliest
        if warnings is not None:
            when = _date_of(earliest)
            counted = f"at its earliest date, {when}" if when else "as held since before as_of"
            warnings.append(
                ((field, index), f"{kind} {quoted(item.name)} is listed again; it counts once, {counted}")
            )
    return tuple(kept)


def _date_of(item: Certification | Skill) -> PartialDate | None:
    return item.earned if isinstance(item, Certification) else item.acquired


def _earliest(kept: T, repeat: T) -> T:
    kept_date, repeat_date = _date_of(kept), _date_of(repeat)
    if kept_date is None or (repeat_date is not None and kept_date.year <= repeat_date.year):
        return kept
    field = "earned" if isinstance(kept, Certification) else "acquired"
    return kept.model_copy(update={field: repeat_date})
