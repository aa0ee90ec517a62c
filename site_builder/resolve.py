"""Link the validated files into one graph, reporting every broken reference and quote."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from typing import Any

from .diagnostics import Diagnostic
from .files import Record
from .model import Actor, Claim, Deadline, Quote, QuoteRole, Site, Step
from .schema import ActorFile, Citation, ClaimFile, DeadlineFile
from .seeds import Source


class Resolver:
    """Builds the Site and collects what is wrong with it."""

    def __init__(self, sources: dict[str, Source] | None, as_of: dt.date,
                 unreadable: frozenset[str] = frozenset()) -> None:
        self.registry_read = sources is not None  # when it was not, its own error is the one to report
        self.sources = sources or {}
        self.unreadable = unreadable
        self.as_of = as_of
        self.diagnostics: list[Diagnostic] = []

    def resolve(self, actors: list[Record[ActorFile]], deadlines: list[Record[DeadlineFile]],
                claims: list[Record[ClaimFile]]) -> Site:
        """Resolve every record; check ids, references, supersession and quotes."""
        actor_map = {r.item.id: Actor(r.item, r.path) for r in self._named(actors)}
        deadline_map = {r.item.id: Deadline(r.item, r.path, self.as_of) for r in self._named(deadlines)}
        claim_records = self._named(claims)
        claim_map = {r.item.id: Claim(r.item, r.path) for r in claim_records}
        self._check_former_ids(claim_records, claim_map)
        for record in deadlines:
            if record.item.id in deadline_map:
                self.resolve_outcome(record, deadline_map)
        for record in claim_records:
            self.resolve_claim(record, claim_map[record.item.id], actor_map, deadline_map, claim_map)
        self._check_cycles(claim_records, claim_map)
        return Site(claim_map, actor_map, deadline_map, self.sources, self.as_of)

    def error(self, record: Record[Any], loc: tuple[str | int, ...], message: str, hint: str = "",
              code: str = "invalid") -> None:
        line, column = record.where(*loc)
        self.diagnostics.append(Diagnostic(record.path, line, column, message, hint, code))

    def _named(self, records: list[Any]) -> list[Any]:
        """Records whose id matches their file name; report the others."""
        good = []
        seen: dict[str, str] = {}
        named_after = {r.stem: r.path for r in records}
        for record in records:
            stem = record.stem
            if record.item.id != stem and record.item.id in named_after:
                self.error(record, ("id",), f"the id '{record.item.id}' is already used by "
                           f"{named_after[record.item.id]}: was this file copied from it?",
                           f"give this file its own id: change the line to 'id: {stem}' to match the file name, "
                           "or choose a new id and rename the file to match", "duplicate-id")
            elif record.item.id in seen:
                self.error(record, ("id",), f"the id '{record.item.id}' is already used by {seen[record.item.id]}",
                           "every file needs its own id: choose a new one and rename the file to match",
                           "duplicate-id")
            elif record.item.id != stem:
                self.error(record, ("id",), f"the id '{record.item.id}' does not match the file name '{stem}'",
                           f"rename the file to {record.item.id}.yml, or set id: {stem}", "id-mismatch")
            else:
                seen[record.item.id] = record.path
                good.append(record)
        return good

    def _check_former_ids(self, records: list[Record[ClaimFile]], claims: dict[str, Claim]) -> None:
        owners: dict[str, str] = {}
        for record in records:
            for index, former in enumerate(record.item.former_ids):
                clash = former if former in claims else owners.get(former)
                if clash:
                    self.error(record, ("former_ids", index),
                               f"the former id '{former}' is also the id of claim '{clash}'",
                               "a former id must belong to no other claim, past or present", "duplicate-id")
                owners[former] = record.item.id

    def resolve_outcome(self, record: Record[DeadlineFile], deadlines: dict[str, Deadline]) -> None:
        deadline = deadlines[record.item.id]
        outcome = record.item.outcome
        if outcome is None:
            return
        if outcome.moved_to:
            deadline.moved_to = self.lookup(record, ("outcome", "moved_to"), outcome.moved_to, deadlines, "deadline")
        if (outcome.state == "moved") != (outcome.moved_to is not None):
            self.error(record, ("outcome",), "'moved_to' is given exactly when the state is 'moved'",
                       "name the new deadline in moved_to, or change the state", "moved-to")
        deadline.evidence = self.resolve_quotes(record, ("outcome", "evidence"), outcome.evidence, "outcome")
        for quote in deadline.evidence:
            quote.deadline = deadline

    def resolve_claim(self, record: Record[ClaimFile], claim: Claim, actors: dict[str, Actor],
                      deadlines: dict[str, Deadline], claims: dict[str, Claim]) -> None:
        data = record.item
        claim.actors = self.lookups(record, "actors", data.actors, actors, "actor")
        claim.about = self._subjects(record, claim, actors)
        claim.deadlines = self.lookups(record, "deadlines", data.deadlines, deadlines, "deadline")
        claim.related = self.lookups(record, "related", data.related, claims, "claim")
        for actor in claim.actors:
            actor.claims.append(claim)
        for actor in claim.about:
            actor.about.append(claim)
        for deadline in claim.deadlines:
            deadline.claims.append(claim)
        for other in claim.related:
            if claim not in other.related:
                other.related.append(claim)
        self._check_anchors(record)
        claim.appearances = self.resolve_quotes(record, ("appearances",), data.appearances, "appearance")
        claim.evidence = self.resolve_quotes(record, ("verdict", "evidence"), data.verdict.evidence, "evidence")
        claim.history = [
            Step(step, self.resolve_quotes(record, ("history", index, "evidence"), step.evidence, "history"))
            for index, step in enumerate(data.history)
        ]
        for quote in claim.appearances + claim.evidence + [q for s in claim.history for q in s.evidence]:
            quote.claim = claim
        self._resolve_supersession(record, claim, claims)
        self._check_history_order(record)

    def _subjects(self, record: Record[ClaimFile], claim: Claim, actors: dict[str, Actor]) -> list[Actor]:
        """The actors the claim is about, each once and none of its speakers."""
        found: list[Actor] = []
        for index, wanted in enumerate(record.item.about):
            actor = self.lookup(record, ("about", index), wanted, actors, "actor")
            if actor is None:
                continue
            if actor in claim.actors:
                self.error(record, ("about", index), f"'{wanted}' made this claim, so it is not one of the actors "
                           "the claim is about", f"remove '{wanted}' from 'about'; its page lists the claim already",
                           "about-speaker")
            elif actor in found:
                self.error(record, ("about", index), f"'{wanted}' is listed twice under 'about'",
                           "remove the second one", "about-twice")
            else:
                found.append(actor)
        return found

    def _resolve_supersession(self, record: Record[ClaimFile], claim: Claim, claims: dict[str, Claim]) -> None:
        data = record.item
        if data.status == "superseded" and not data.superseded_by:
            self.error(record, ("status",), "the status is 'superseded' but 'superseded_by' is missing",
                       "add 'superseded_by: <id of the claim that replaced it>'", "superseded-by")
        if data.superseded_by and data.status != "superseded":
            self.error(record, ("superseded_by",), f"'superseded_by' is set but the status is '{data.status}'",
                       "set 'status: superseded', or remove the superseded_by line", "superseded-by")
        if not data.superseded_by:
            return
        if data.superseded_by == data.id:
            self.error(record, ("superseded_by",), "a claim cannot be superseded by itself",
                       "name the claim that replaced this one", "supersession-cycle")
            return
        successor = self.lookup(record, ("superseded_by",), data.superseded_by, claims, "claim")
        if successor:
            claim.superseded_by = successor
            successor.supersedes.append(claim)

    def _check_cycles(self, records: list[Record[ClaimFile]], claims: dict[str, Claim]) -> None:
        for record in records:
            seen = [record.item.id]
            current = claims[record.item.id].superseded_by
            while current is not None:
                if current.id == record.item.id:
                    chain = " -> ".join(seen + [current.id])
                    self.error(record, ("superseded_by",), f"supersession goes round in a circle: {chain}",
                               "a newer claim supersedes an older one, never the reverse", "supersession-cycle")
                    break
                if current.id in seen:
                    break
                seen.append(current.id)
                current = current.superseded_by

    def _check_anchors(self, record: Record[ClaimFile]) -> None:
        data = record.item
        places: list[tuple[tuple[str | int, ...], str]] = [
            (("appearances", i, "anchor"), c.anchor) for i, c in enumerate(data.appearances)]
        places += [(("verdict", "evidence", i, "anchor"), c.anchor) for i, c in enumerate(data.verdict.evidence)]
        places += [(("history", h, "evidence", i, "anchor"), c.anchor)
                   for h, step in enumerate(data.history) for i, c in enumerate(step.evidence)]
        first: dict[str, tuple[str | int, ...]] = {}
        for loc, anchor in places:
            if anchor in first:
                line = record.where(*first[anchor])[0]
                self.error(record, loc, f"the anchor '{anchor}' is used twice in this claim (first on line {line})",
                           "each citation needs its own anchor; anchors are permanent links", "duplicate-anchor")
            first.setdefault(anchor, loc)

    def _check_history_order(self, record: Record[ClaimFile]) -> None:
        steps = record.item.history
        for index in range(1, len(steps)):
            if steps[index].date.date.start < steps[index - 1].date.date.start:
                self.error(record, ("history", index, "date"), "the history is not in date order",
                           "list earlier statuses oldest first", "history-order")
        if steps and steps[-1].date.date.start > record.item.verdict.date.date.end:
            self.error(record, ("verdict", "date"), "the verdict is dated before the last step of its history",
                       "the current verdict is the latest step: check the dates", "history-order")

    def lookup(self, record: Record[Any], loc: tuple[str | int, ...], wanted: str, table: dict[str, Any],
               kind: str) -> Any:
        """The object with id `wanted`, or None after reporting an unknown id."""
        if wanted in table:
            return table[wanted]
        if wanted in self.unreadable:
            return None  # its own file already has an error; do not report it twice
        guess = difflib.get_close_matches(wanted, list(table), n=1, cutoff=0.6)
        hint = f"did you mean '{guess[0]}'?" if guess else f"check the {kind} ids under claims/ and seeds/"
        self.error(record, loc, f"there is no {kind} with the id '{wanted}'", hint, f"unknown-{kind}")
        return None

    def lookups(self, record: Record[Any], field: str, ids: Iterable[str], table: dict[str, Any],
                kind: str) -> list[Any]:
        found = (self.lookup(record, (field, index), wanted, table, kind) for index, wanted in enumerate(ids))
        return [item for item in found if item is not None]

    def resolve_quotes(self, record: Record[Any], loc: tuple[str | int, ...], citations: list[Citation],
                       role: QuoteRole) -> list[Quote]:
        quotes = (self.resolve_quote(record, loc + (index,), citation, role)
                  for index, citation in enumerate(citations))
        return [quote for quote in quotes if quote is not None]

    def resolve_quote(self, record: Record[Any], loc: tuple[str | int, ...], citation: Citation,
                      role: QuoteRole) -> Quote | None:
        """Find the citation's quote verbatim in an article paragraph of its source."""
        if not self.registry_read:
            return None
        source = self.lookup(record, loc + ("source",), citation.source, self.sources, "source")
        if source is None:
            return None
        found = source.find(citation.quote)
        if found is None:
            self._report_missing_quote(record, loc, citation, source)
            return None
        paragraph, span = found
        if not paragraph.quotable:
            self.error(record, loc + ("quote",),
                       f"the quote comes from line {paragraph.line} of {source.file}, which is {paragraph.kind}, "
                       "not article text", "quote only the article itself; see the spans in seeds/sources.yml",
                       "quote-not-article")
            return None
        quote = Quote(citation, source, paragraph, span, role)
        paragraph.quotes.append(quote)
        source.quotes.append(quote)
        return quote

    def _report_missing_quote(self, record: Record[Any], loc: tuple[str | int, ...], citation: Citation,
                              source: Source) -> None:
        near = source.closest(citation.quote)
        if near is None:
            hint = f"copy the passage from {source.file} exactly; a quote comes from one paragraph"
        else:
            paragraph, stretch, difference = near
            hint = f"{difference}; closest passage, line {paragraph.line} of {source.file}: «{stretch}»"
        self.error(record, loc + ("quote",), f"the quote is not found word for word in {source.file}", hint,
                   "quote-not-found")
