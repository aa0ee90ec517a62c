"""The one schema of every content file: validation, typed model and JSON Schema."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import DATE_PATTERN, FuzzyDate, parse_date
from .markup import describe, hidden_character, shown, unsafe_links

SCHEMA_VERSION = "1.1"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
STATUSES = ("confirmed", "denied", "superseded", "unresolved")
LINES_PATTERN = r"^[1-9]\d*(-[1-9]\d*)?$"

Status = Literal["confirmed", "denied", "superseded", "unresolved"]


def _plain_id(value: Any) -> Any:
    """Name the first character no id may hold, so that an invisible one does not make the error unreadable."""
    if isinstance(value, str) and value.isascii() and value.isprintable():
        return value
    odd = [char for char in value if not (char.isascii() and char.isprintable())] if isinstance(value, str) else []
    if odd:
        raise ValueError(f"the id holds the character {describe(odd[0])}; "
                         "ids use lowercase ASCII letters, digits and single hyphens, e.g. us-election-2024")
    return value


def _safe_text(value: str) -> str:
    """Refuse text that hides characters from the reader or links to script (javascript:, data: …)."""
    hidden = hidden_character(value)
    if hidden:
        raise ValueError(f"the text holds {hidden}, an invisible character that can disguise what readers see; "
                         "delete it (search for it in your editor by its code)")
    unsafe = unsafe_links(value)
    if unsafe:
        raise ValueError(f"the link '{shown(unsafe[0])}' is not allowed: links start with https://, http:// "
                         "or mailto:, or lead to a page of this site")
    return value


Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=120), BeforeValidator(_plain_id)]
Line = Annotated[str, Field(min_length=1, max_length=20_000), AfterValidator(_safe_text)]
Verbatim = Annotated[str, Field(min_length=1, max_length=20_000)]  # quotes: copied byte for byte, checked elsewhere
# Editors' YAML 1.2 readers see `date: 2026` as a number and `made_on: 2025-09-07` as text: both are dates here.
DATE_JSON_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "string", "pattern": DATE_PATTERN}, {"type": "integer", "minimum": 1000, "maximum": 9999}],
    "examples": ["2024-09-27", "2024-09", "2024"],
}
Date = Annotated[
    FuzzyDate,
    BeforeValidator(parse_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(DATE_JSON_SCHEMA),
]


class Strict(BaseModel):
    """A mapping whose unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(Strict):
    """Text in English and Arabic."""

    en: Line
    ar: Line


class TextArOptional(Strict):
    """English text, with its Arabic rendering where written."""

    en: Line
    ar: Line | None = None


class Dated(Strict):
    """A date, and how it was inferred when the source does not print it."""

    date: Date
    inferred: Line | None = Field(None, description="How the date was inferred; leave out when the text prints it.")

    @model_validator(mode="before")
    @classmethod
    def _from_plain(cls, value: Any) -> Any:
        return value if isinstance(value, dict) else {"date": value}

    @classmethod
    def __get_pydantic_json_schema__(cls, core: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        """A plain date, or a block with the date and how it was inferred, as _from_plain reads it."""
        return {"anyOf": [DATE_JSON_SCHEMA, handler(core)]}


class Citation(Strict):
    """A verbatim Arabic passage from a seed, with its English rendering."""

    source: Slug
    anchor: Slug = Field(description="Stable id of this citation on the claim page; never reuse or renumber.")
    quote: Verbatim = Field(description="Copied verbatim from the seed article, from one paragraph.")
    translation: Line = Field(description="A faithful, plain English rendering of the quote.")


class Verdict(Strict):
    """Why the claim has its status, as of when, on what evidence."""

    date: Dated
    rationale: TextArOptional
    evidence: list[Citation] = Field(default_factory=list)


class HistoryStep(Strict):
    """An earlier status the claim held, dated, with its evidence."""

    date: Dated
    status: Status
    note: TextArOptional
    evidence: list[Citation] = Field(default_factory=list)


class ClaimFile(Strict):
    """A claim: one file under claims/, named after its id."""

    id: Slug
    statement: Text
    actors: list[Slug] = Field(min_length=1)
    about: list[Slug] = Field(default_factory=list, description="Actors the claim is about who did not make it.")
    made_on: Dated
    appearances: list[Citation] = Field(min_length=1)
    deadlines: list[Slug] = Field(default_factory=list)
    status: Status
    verdict: Verdict
    superseded_by: Slug | None = None
    history: list[HistoryStep] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list)
    tags: list[Slug] = Field(default_factory=list)
    former_ids: list[Slug] = Field(default_factory=list, description="Ids this claim was published under before.")

    @field_validator("verdict")
    @classmethod
    def _verdict_needs_evidence(cls, verdict: Verdict, info: ValidationInfo) -> Verdict:
        status = info.data.get("status")
        if status not in (None, "unresolved") and not verdict.evidence:
            raise PydanticCustomError("evidence_missing", "a '{status}' verdict needs at least one evidence citation "
                                      "under verdict.evidence", {"status": status})
        return verdict


class Role(Strict):
    """A role an actor held, and when."""

    title: Text
    start: Date | None = Field(None, alias="from")
    end: Date | None = Field(None, alias="to")


ActorKind = Literal["person", "institution", "government", "anonymous"]


class ActorFile(Strict):
    """A speaker: a person, an institution, a government or an anonymous source."""

    id: Slug
    kind: ActorKind
    name: Text
    roles: list[Role] = Field(default_factory=list)
    affiliation: Text | None = None
    relayed_by: list[Line] = Field(default_factory=list, description="Agencies that relayed an anonymous source.")
    description: TextArOptional | None = None
    wikidata: Annotated[str, Field(pattern=r"^Q\d+$")] | None = None


DeadlineState = Literal["met", "missed", "moved", "open"]


class Outcome(Strict):
    """What became of a deadline, where the seeds tell."""

    state: DeadlineState
    moved_to: Slug | None = None
    note: TextArOptional
    evidence: list[Citation] = Field(default_factory=list)


class DeadlineFile(Strict):
    """A date or period that claims name."""

    id: Slug
    label: Text
    date: Date
    relation: Literal["by", "on", "after"] = Field(
        "by", description="by: no later than the end of the date; on: during it; after: once it is over."
    )
    outcome: Outcome | None = None


SpanKind = Literal["article", "chrome", "unrelated"]


class Span(Strict):
    """A run of lines of a seed file and what they are."""

    lines: Annotated[str, Field(pattern=LINES_PATTERN)]
    kind: SpanKind
    note: Line | None = None

    @property
    def bounds(self) -> tuple[int, int]:
        first, _, last = self.lines.partition("-")
        return int(first), int(last or first)


class SourceEntry(Strict):
    """One seed article and what is known of it."""

    id: Slug
    file: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+\.txt$")]
    outlet: Text
    headline: Text
    dateline: Text | None = None
    published: Dated
    relays: list[Line] = Field(default_factory=list)
    spans: list[Span] = Field(min_length=1)
    notes: Line | None = None


class SourcesFile(Strict):
    """The registry of seed articles, seeds/sources.yml."""

    sources: list[SourceEntry] = Field(min_length=1)


FILE_KINDS: dict[str, type[Strict]] = {
    "claim": ClaimFile,
    "actor": ActorFile,
    "deadline": DeadlineFile,
    "sources": SourcesFile,
}


def is_slug(value: str) -> bool:
    """True for a lowercase ASCII slug."""
    return re.match(SLUG_PATTERN, value) is not None
