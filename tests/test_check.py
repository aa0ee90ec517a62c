"""`site-builder check`: one test per kind of problem, each breaking a copy of the mini project.

Every test asserts the exact message, the exact line (and column where it means something),
the hint, the closing count and the exit status.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Project, Run

from site_builder.project import load_site

C_SUPERSEDED = "claims/coalition-mission-ends-by-september-2025.yml"
C_UNRESOLVED = "claims/baghdad-anbar-missions-end-september-2025.yml"
C_CONFIRMED = "claims/timetable-set-by-2024-joint-statement.yml"
C_DENIED = "claims/us-forces-leave-ain-al-asad-after-election.yml"
ACTOR = "claims/actors/hussein-alawi.yml"
DEADLINE = "claims/deadlines/end-of-september-2025.yml"
DEADLINE_2026 = "claims/deadlines/year-2026.yml"
SOURCES = "seeds/sources.yml"
SEED_003 = "seeds/003_57f495dec0a2a805.txt"
SEED_004 = "seeds/004_3bf5a12c46793145.txt"

Check = Callable[..., Run]


def expect(run: Run, path: str, line: int, column: int, message: str, hint: str | None = None,
           *, errors: int = 1) -> None:
    """The run failed with exit 1 and printed exactly this diagnostic, then the count."""
    assert run.code == 1, run.out + run.err
    head = f"{path}:{line}:{column}: error: {message}"
    lines = run.lines
    assert head in lines, "\n".join(lines)
    after = lines[lines.index(head) + 1]
    if hint is None:
        assert not after.startswith("    hint:"), after
    else:
        assert after == f"    hint: {hint}"
    assert lines[-1] == f"{errors} error(s), 0 warning(s)"
    assert run.err == ""


def heads(run: Run) -> list[str]:
    """The diagnostic lines of a text report, without hints and count."""
    return [line for line in run.lines[:-1] if not line.startswith("    hint: ")]


# --- the clean project ---------------------------------------------------------------------------


def test_clean_project_passes_with_a_zero_count(project: Project, check: Check) -> None:
    run = check(project)
    assert run.code == 0
    assert run.out == "0 error(s), 0 warning(s)\n"
    assert run.err == ""


def test_clean_project_resolves_every_file(project: Project) -> None:
    from site_builder.project import collect

    site, diagnostics = collect(project.root)
    assert diagnostics == []
    assert site is not None
    assert sorted(site.claims) == sorted(p.stem for p in project.path("claims").glob("*.yml"))
    assert sorted(site.actors) == ["hussein-alawi", "iraq-government", "us-government"]
    assert sorted(site.deadlines) == ["end-of-september-2025", "year-2026"]
    assert sorted(site.sources) == ["alarab-alyawm-2024-09", "alaraby-aljadeed-2025-09-07"]
    assert {c.status for c in site.claims.values()} == {"confirmed", "denied", "superseded", "unresolved"}


def test_seed_copies_are_byte_for_byte(project: Project) -> None:
    main_seeds = Path(__file__).resolve().parent.parent / "seeds"
    for name in (SEED_003, SEED_004):
        assert project.path(name).read_bytes() == (main_seeds / Path(name).name).read_bytes()


# --- YAML syntax -----------------------------------------------------------------------------------


def test_yaml_syntax_error(project: Project, check: Check) -> None:
    project.replace(ACTOR, "kind: person", "kind: [person")
    # The flow list opened on line 2 is still open when line 3 starts a new key.
    expect(check(project), ACTOR, 4, 5, "YAML syntax error: did not find expected ',' or ']'")


def test_unclosed_quote(project: Project, check: Check) -> None:
    project.replace(C_CONFIRMED, "related:\n  - coalition", 'related:\n  - "coalition')
    run = check(project)
    assert run.code == 1
    [diagnostic] = project.collect()
    assert (diagnostic.message, diagnostic.hint, diagnostic.code) == (
        "a quoted text is never closed", "add the closing quote mark", "unclosed-quote")


def test_unclosed_quote_points_at_the_opening_quote(project: Project, check: Check) -> None:
    project.replace(C_CONFIRMED, "related:\n  - coalition", 'related:\n  - "coalition')
    line = project.line_of(C_CONFIRMED, '- "coalition')
    expect(check(project), C_CONFIRMED, line, 5, "a quoted text is never closed", "add the closing quote mark")


def test_tab_used_for_indentation(project: Project, check: Check) -> None:
    project.replace(ACTOR, "\n  en: Hussein Alawi", "\n\ten: Hussein Alawi")
    expect(check(project), ACTOR, 5, 1, "a tab character is used to indent this line",
           "YAML indents with spaces only: replace the tab with spaces")


def test_tab_after_spaces_is_located_at_the_tab(project: Project, check: Check) -> None:
    project.replace(ACTOR, "\n      ar: المستشار", "\n    \t  ar: المستشار")
    expect(check(project), ACTOR, 10, 5, "a tab character is used to indent this line",
           "YAML indents with spaces only: replace the tab with spaces")


def test_tab_inside_a_value_is_not_indentation(project: Project, check: Check) -> None:
    project.replace(ACTOR, "en: Hussein Alawi", "en: Hussein\tAlawi")
    assert check(project).code == 0


def test_unquoted_colon_inside_a_value(project: Project, check: Check) -> None:
    project.replace(DEADLINE, "  en: End of September 2025", "  en: End of September: 2025")
    expect(check(project), DEADLINE, 4, 23, "a colon followed by a space inside a value makes YAML read a new key",
           "put the whole value in double quotes, e.g. en: \"Officials said: the talks ended\"")


def test_bad_indentation_outdented_key(project: Project, check: Check) -> None:
    project.replace(ACTOR, "\n  ar: حسين علاوي", "\n ar: حسين علاوي")
    expect(check(project), ACTOR, 6, 2, "this line is not indented like the lines around it",
           "keys of one block start in the same column, and '- ' list items line up; indent with spaces")


def test_bad_indentation_overindented_key(project: Project, check: Check) -> None:
    project.replace(ACTOR, "\n  ar: حسين علاوي", "\n   ar: حسين علاوي")
    expect(check(project), ACTOR, 6, 4, "this line is indented further than the line above, so 'ar:' is read as part "
           "of the text above", "start 'ar:' in the same column as 'en:' on line 5 (column 3), with spaces; if it is "
           "really part of that text, put the whole text in double quotes")


def test_colon_in_a_value_is_not_mistaken_for_indentation(project: Project, check: Check) -> None:
    project.replace(ACTOR, "  en: Hussein Alawi", "  en: Hussein Alawi, adviser: security")
    column = project.column_of(ACTOR, "adviser: security") + len("adviser")
    expect(check(project), ACTOR, 5, column, "a colon followed by a space inside a value makes YAML read a new key",
           "put the whole value in double quotes, e.g. en: \"Officials said: the talks ended\"")


def test_duplicate_key(project: Project, check: Check) -> None:
    project.replace(DEADLINE, "relation: by", "relation: by\nrelation: after")
    expect(check(project), DEADLINE, 8, 1, "the key 'relation' appears twice in this block (first on line 7)",
           "YAML would silently keep only one of them: delete or merge the other")


def test_duplicate_key_nested_in_a_list_item(project: Project, check: Check) -> None:
    project.replace(C_UNRESOLVED, "    anchor: announcement\n", "    anchor: announcement\n    anchor: other\n")
    line = project.line_of(C_UNRESOLVED, "anchor: other")
    expect(check(project), C_UNRESOLVED, line, 5,
           f"the key 'anchor' appears twice in this block (first on line {line - 1})",
           "YAML would silently keep only one of them: delete or merge the other")


# --- the schema ------------------------------------------------------------------------------------


def test_unknown_field_with_did_you_mean(project: Project, check: Check) -> None:
    project.replace(C_UNRESOLVED, "made_on: 2025-09-07", "made_on: 2025-09-07\nsuperseded_bye: x")
    line = project.line_of(C_UNRESOLVED, "superseded_bye")
    expect(check(project), C_UNRESOLVED, line, 1, "unknown field 'superseded_bye'", "did you mean 'superseded_by'?")


def test_unknown_nested_field_with_did_you_mean(project: Project, check: Check) -> None:
    project.replace(C_UNRESOLVED, "    anchor: announcement", "    quot: x\n    anchor: announcement")
    line = project.line_of(C_UNRESOLVED, "quot: x")
    expect(check(project), C_UNRESOLVED, line, 5, "unknown field 'appearances[0].quot'", "did you mean 'quote'?")


def test_unknown_field_without_a_close_name_lists_the_allowed_ones(project: Project, check: Check) -> None:
    project.replace(ACTOR, "kind: person", "kind: person\nzzz: 1")
    expect(check(project), ACTOR, 4, 1, "unknown field 'zzz'",
           "allowed here: affiliation, description, id, kind, name, relayed_by, roles, wikidata")


def test_missing_field(project: Project, check: Check) -> None:
    project.replace(C_UNRESOLVED, "status: unresolved\n", "")
    expect(check(project), C_UNRESOLVED, 2, 1, "the required field 'status' is missing", "add a line 'status: …'")


def test_missing_nested_field(project: Project, check: Check) -> None:
    project.replace(ACTOR, "\n  en: Hussein Alawi", "")
    expect(check(project), ACTOR, 5, 3, "the required field 'name.en' is missing", "add a line 'en: …'")


def test_wrong_type_text_for_a_list(project: Project, check: Check) -> None:
    project.replace(C_UNRESOLVED, "actors:\n  - hussein-alawi", "actors: hussein-alawi")
    line = project.line_of(C_UNRESOLVED, "actors: hussein-alawi")
    expect(check(project), C_UNRESOLVED, line, 9, "'actors' should be a list of '- ' items, not text",
           "write one '- item' per line, or [a, b] on one line")


def test_wrong_type_number_for_text(project: Project, check: Check) -> None:
    project.replace(C_UNRESOLVED, "    anchor: announcement", "    anchor: 2025")
    line = project.line_of(C_UNRESOLVED, "anchor: 2025")
    expect(check(project), C_UNRESOLVED, line, 13, "'appearances[0].anchor' should be text, not a number",
           "put the value in double quotes")


DATE_HELP = "write dates as YYYY-MM-DD (2024-09-27), YYYY-MM (2024-09), YYYY-Qn (2024-Q4) or YYYY (2024)"


def test_impossible_date(project: Project, check: Check) -> None:
    project.replace(DEADLINE, "date: 2025-09", "date: 2024-02-30")
    expect(check(project), DEADLINE, 6, 7, "'2024-02-30' is not a real date (day is out of range for month)",
           "write dates as YYYY-MM-DD, e.g. 2024-09-27")


def test_impossible_time_of_day(project: Project, check: Check) -> None:
    project.replace(DEADLINE, "date: 2025-09", "date: 2025-09-07 25:00:00")
    expect(check(project), DEADLINE, 6, 7, "'2025-09-07 25:00:00' is not a real date (hour must be in 0..23)",
           "write dates as YYYY-MM-DD, e.g. 2024-09-27")


def test_impossible_date_in_quotes(project: Project, check: Check) -> None:
    project.replace(DEADLINE, "date: 2025-09", "date: '2024-02-30'")
    expect(check(project), DEADLINE, 6, 7, "date: '2024-02-30' is not a date on the calendar", DATE_HELP)


def test_impossible_month(project: Project, check: Check) -> None:
    project.replace(DEADLINE, "date: 2025-09", "date: 2025-13")
    expect(check(project), DEADLINE, 6, 7, "date: '2025-13' is not a date on the calendar", DATE_HELP)


def test_date_with_a_time_of_day(project: Project, check: Check) -> None:
    project.replace(DEADLINE, "date: 2025-09", "date: 2025-09-07T10:00:00")
    expect(check(project), DEADLINE, 6, 7, "date: a date has no time of day", DATE_HELP)


def test_date_written_in_words(project: Project, check: Check) -> None:
    project.replace(C_UNRESOLVED, "made_on: 2025-09-07", "made_on: Sept 2025")
    line = project.line_of(C_UNRESOLVED, "made_on: Sept 2025")
    expect(check(project), C_UNRESOLVED, line, 10, "made_on: 'Sept 2025' is not a date this site reads",
           "write it as 2025-09")


def test_date_written_in_words_in_a_dated_block(project: Project, check: Check) -> None:
    project.replace(C_UNRESOLVED, "made_on: 2025-09-07", "made_on:\n  date: Sept 2025")
    line = project.line_of(C_UNRESOLVED, "date: Sept 2025")
    expect(check(project), C_UNRESOLVED, line, 9, "made_on.date: 'Sept 2025' is not a date this site reads",
           "write it as 2025-09")


def test_unknown_status_suggests_the_closest(project: Project, check: Check) -> None:
    project.replace(C_UNRESOLVED, "status: unresolved", "status: unresolve")
    line = project.line_of(C_UNRESOLVED, "status: unresolve")
    expect(check(project), C_UNRESOLVED, line, 9, "'unresolve' is not a status",
           "did you mean 'unresolved'? the statuses are: confirmed, denied, superseded, unresolved")


def test_unknown_status_with_nothing_close(project: Project, check: Check) -> None:
    project.replace(C_UNRESOLVED, "status: unresolved", "status: xyz")
    line = project.line_of(C_UNRESOLVED, "status: xyz")
    expect(check(project), C_UNRESOLVED, line, 9, "'xyz' is not a status",
           "the statuses are: confirmed, denied, superseded, unresolved")


def test_unknown_choice(project: Project, check: Check) -> None:
    project.replace(ACTOR, "kind: person", "kind: persn")
    expect(check(project), ACTOR, 3, 7, "'persn' is not allowed for 'kind'",
           "use one of: 'person', 'institution', 'government' or 'anonymous'")


def test_relation_on_written_without_quotes(project: Project) -> None:
    # YAML 1.1 reads a bare on as the boolean true; content files read it as the word, like YAML 1.2.
    project.replace(DEADLINE_2026, 'relation: "on"', "relation: on")
    from site_builder.project import collect

    site, diagnostics = collect(project.root)
    assert diagnostics == []
    assert site is not None and site.deadlines["year-2026"].data.relation == "on"


def test_id_that_is_not_a_slug(project: Project, check: Check) -> None:
    project.replace(ACTOR, "id: hussein-alawi", "id: Hussein_Alawi")
    expect(check(project), ACTOR, 2, 5, "'Hussein_Alawi' is not valid for 'id'",
           "ids use lowercase ASCII letters, digits and single hyphens, e.g. us-election-2024")


def test_id_not_matching_its_file_name(project: Project, check: Check) -> None:
    project.replace(ACTOR, "id: hussein-alawi", "id: hussein-allawi")
    expect(check(project), ACTOR, 2, 5, "the id 'hussein-allawi' does not match the file name 'hussein-alawi'",
           "rename the file to hussein-allawi.yml, or set id: hussein-alawi")


def test_duplicate_id_in_two_files(project: Project, check: Check) -> None:
    # The same id in alawi.yaml and alawi.yml: both match their file name.
    text = project.read(ACTOR).replace("id: hussein-alawi", "id: alawi")
    project.write("claims/actors/alawi.yaml", text)
    project.write("claims/actors/alawi.yml", text)
    expect(check(project), "claims/actors/alawi.yml", 2, 5,
           "the id 'alawi' is already used by claims/actors/alawi.yaml",
           "every file needs its own id: choose a new one and rename the file to match")


def test_duplicate_source_id(project: Project, check: Check) -> None:
    text = project.read(SOURCES)
    entry = text[text.index("  - id: alaraby-aljadeed-2025-09-07"):]
    project.write(SOURCES, text.rstrip("\n") + "\n\n" + entry)
    line = [n for n, body in enumerate(project.read(SOURCES).split("\n"), 1)
            if body == "  - id: alaraby-aljadeed-2025-09-07"][1]
    expect(check(project), SOURCES, line, 9, "the source id 'alaraby-aljadeed-2025-09-07' is used twice",
           "give each seed its own id")


REFERENCES = [
    # (file, old, new, what, wrong id, hint)
    (C_UNRESOLVED, "  - hussein-alawi", "  - hussein-allawi", "actor", "hussein-allawi",
     "did you mean 'hussein-alawi'?"),
    (C_UNRESOLVED, "  - year-2026", "  - year-2027", "deadline", "year-2027", "did you mean 'year-2026'?"),
    (C_UNRESOLVED, "source: alaraby-aljadeed-2025-09-07\n    anchor: announcement",
     "source: alaraby-aljadid-2025-09-07\n    anchor: announcement", "source", "alaraby-aljadid-2025-09-07",
     "did you mean 'alaraby-aljadeed-2025-09-07'?"),
    (C_UNRESOLVED, "  - us-forces-leave-ain-al-asad-after-election", "  - us-forces-leave-ain-al-assad-after-election",
     "claim", "us-forces-leave-ain-al-assad-after-election", "did you mean 'us-forces-leave-ain-al-asad-after-election'?"),
    (C_UNRESOLVED, "  - us-forces-leave-ain-al-asad-after-election", "  - zzz", "claim", "zzz",
     "check the claim ids under claims/ and seeds/"),
]


@pytest.mark.parametrize("path, old, new, kind, wrong, hint", REFERENCES,
                         ids=["actor", "deadline", "source", "claim", "claim-nothing-close"])
def test_unknown_reference(project: Project, check: Check, path: str, old: str, new: str, kind: str, wrong: str,
                           hint: str) -> None:
    project.replace(path, old, new)
    line = project.line_of(path, wrong)
    column = project.column_of(path, wrong)
    expect(check(project), path, line, column, f"there is no {kind} with the id '{wrong}'", hint)


def test_reference_to_a_broken_file_is_not_reported_twice(project: Project, check: Check) -> None:
    # The actor file is unreadable; the three claims citing it must not add "no actor" errors.
    project.replace(ACTOR, "kind: person", "kind: [person")
    run = check(project)
    assert heads(run) == [f"{ACTOR}:4:5: error: YAML syntax error: did not find expected ',' or ']'"]


# --- supersession ----------------------------------------------------------------------------------


def test_superseded_without_superseded_by(project: Project, check: Check) -> None:
    project.replace(C_SUPERSEDED, "superseded_by: baghdad-anbar-missions-end-september-2025\n", "")
    expect(check(project), C_SUPERSEDED, 19, 9, "the status is 'superseded' but 'superseded_by' is missing",
           "add 'superseded_by: <id of the claim that replaced it>'")


def test_superseded_by_without_superseded_status(project: Project, check: Check) -> None:
    project.replace(C_SUPERSEDED, "status: superseded", "status: confirmed")
    expect(check(project), C_SUPERSEDED, 20, 16, "'superseded_by' is set but the status is 'confirmed'",
           "set 'status: superseded', or remove the superseded_by line")


def test_superseded_by_itself(project: Project, check: Check) -> None:
    project.replace(C_SUPERSEDED, "superseded_by: baghdad-anbar-missions-end-september-2025",
                    "superseded_by: coalition-mission-ends-by-september-2025")
    expect(check(project), C_SUPERSEDED, 20, 16, "a claim cannot be superseded by itself",
           "name the claim that replaced this one")


def test_supersession_cycle(project: Project, check: Check) -> None:
    a, b = "coalition-mission-ends-by-september-2025", "timetable-set-by-2024-joint-statement"
    project.replace(C_SUPERSEDED, "superseded_by: baghdad-anbar-missions-end-september-2025", f"superseded_by: {b}")
    project.replace(C_CONFIRMED, "status: confirmed", f"status: superseded\nsuperseded_by: {a}")
    run = check(project)
    hint = "    hint: a newer claim supersedes an older one, never the reverse"
    line_b = project.line_of(C_CONFIRMED, "superseded_by:")
    assert run.code == 1
    assert run.lines == [
        f"{C_SUPERSEDED}:20:16: error: supersession goes round in a circle: {a} -> {b} -> {a}", hint,
        f"{C_CONFIRMED}:{line_b}:16: error: supersession goes round in a circle: {b} -> {a} -> {b}", hint,
        "2 error(s), 0 warning(s)",
    ]


# --- quotes ----------------------------------------------------------------------------------------


def test_quote_altered_by_one_word(project: Project, check: Check) -> None:
    project.replace(C_CONFIRMED, "ووضع جدول زمني لهذا الانتقال", "ووضع جدول واضح لهذا الانتقال")
    line = project.line_of(C_CONFIRMED, "ووضع جدول واضح")
    run = check(project)
    assert heads(run) == [f"{C_CONFIRMED}:{line}:12: error: the quote is not found word for word in {SEED_004}"]
    hint = run.lines[1]
    assert hint.startswith(f"    hint: the quote has «واضح» where the seed has «زمني»; closest passage, "
                           f"line 12 of {SEED_004}: «")
    assert hint.endswith("»")
    assert run.lines[-1] == "1 error(s), 0 warning(s)"


def test_quote_altered_hint_shows_the_seed_verbatim(project: Project) -> None:
    project.replace(C_CONFIRMED, "ووضع جدول زمني لهذا الانتقال", "ووضع جدول واضح لهذا الانتقال")
    [diagnostic] = project.collect()
    passage = diagnostic.hint.split("«")[-1].rstrip("»")
    seed_line = project.read(SEED_004).split("\n")[11]
    assert passage in seed_line


def test_quote_with_an_added_word(project: Project, check: Check) -> None:
    project.replace(C_UNRESOLVED, "في العاصمة بغداد ومحافظة", "في العاصمة العراقية بغداد ومحافظة")
    run = check(project)
    line = project.line_of(C_UNRESOLVED, "العاصمة العراقية بغداد")
    assert heads(run) == [f"{C_UNRESOLVED}:{line}:12: error: the quote is not found word for word in {SEED_004}"]
    assert f"closest passage, line 8 of {SEED_004}" in run.lines[1]


def test_quote_from_chrome(project: Project, check: Check) -> None:
    project.replace(C_DENIED, "quote: انتهاء مهام قوات التحالف الدولي في العاصمة بغداد ومحافظة الأنبار خلال الشهر الحالي",
                    "quote: اجمالي القراءات 87")
    line = project.line_of(C_DENIED, "اجمالي القراءات")
    expect(check(project), C_DENIED, line, 14,
           f"the quote comes from line 21 of {SEED_004}, which is chrome, not article text",
           "quote only the article itself; see the spans in seeds/sources.yml")


def test_quote_from_an_unrelated_span(project: Project, check: Check) -> None:
    text = project.read(C_DENIED)
    start = text.index("    quote: 'ولفت مسؤولون")
    end = text.index("\n", start)
    project.write(C_DENIED, text[:start] + "    quote: برهم صالح يدعو العراقيين الى اعتماد الحوار لتحقيق الاستقرار"
                  + text[end:])
    line = project.line_of(C_DENIED, "برهم صالح")
    expect(check(project), C_DENIED, line, 12,
           f"the quote comes from line 18 of {SEED_003}, which is unrelated, not article text",
           "quote only the article itself; see the spans in seeds/sources.yml")


def test_quote_that_is_in_chrome_and_in_the_article(project: Project, check: Check) -> None:
    project.replace(C_DENIED, "quote: انتهاء مهام قوات التحالف الدولي في العاصمة بغداد ومحافظة الأنبار خلال الشهر الحالي",
                    "quote: قوات التحالف الدولي تنسحب رسمياً من بغداد والأنبار هذا الشهر")
    run = check(project)
    assert run.code == 0, run.out


def test_missing_translation(project: Project, check: Check) -> None:
    text = project.read(C_CONFIRMED)
    start = text.index("    translation: and setting a timetable")
    project.write(C_CONFIRMED, text[:start] + text[text.index("\n", start) + 1:])
    expect(check(project), C_CONFIRMED, 10, 5, "the required field 'translation' is missing from item 1 of "
           "'appearances'", "add a line 'translation: …': a faithful, plain English rendering of the quote")


def test_verdict_without_evidence(project: Project, check: Check) -> None:
    text = project.read(C_CONFIRMED)
    project.write(C_CONFIRMED, text[:text.index("  evidence:\n")] + text[text.index("related:"):])
    run = check(project)
    assert run.code == 1
    [diagnostic] = project.collect()
    assert diagnostic.message == "a 'confirmed' verdict needs at least one evidence citation under verdict.evidence"
    assert diagnostic.path == C_CONFIRMED
    assert run.lines[-1] == "1 error(s), 0 warning(s)"


def test_verdict_without_evidence_points_at_the_verdict(project: Project) -> None:
    text = project.read(C_CONFIRMED)
    project.write(C_CONFIRMED, text[:text.index("  evidence:\n")] + text[text.index("related:"):])
    [diagnostic] = project.collect()
    assert diagnostic.line in (project.line_of(C_CONFIRMED, "verdict:"), project.line_of(C_CONFIRMED, "status:"))


def test_unresolved_claim_needs_no_evidence(project: Project) -> None:
    assert "evidence:" not in project.read(C_UNRESOLVED)
    assert project.collect() == []


def test_duplicate_anchors(project: Project, check: Check) -> None:
    project.replace(C_SUPERSEDED, "anchor: first-phase", "anchor: joint-statement")
    first, line = [n for n, body in enumerate(project.read(C_SUPERSEDED).split("\n"), start=1)
                   if body.strip() == "anchor: joint-statement"]
    assert (first, line) == (14, 49)
    expect(check(project), C_SUPERSEDED, line, 17, "the anchor 'joint-statement' is used twice in this claim "
           "(first on line 14)", "each citation needs its own anchor; anchors are permanent links")


# --- what the reader refuses or forgives -----------------------------------------------------------


def test_python_tag_on_a_scalar(project: Project, check: Check) -> None:
    project.replace(ACTOR, "kind: person", "kind: !!python/name:os.system")
    expect(check(project), ACTOR, 3, 7, "the tag 'tag:yaml.org,2002:python/name:os.system' is not allowed in content "
           "files", "remove the '!' tag; write plain text, numbers, lists and mappings")


def test_custom_tag_on_a_mapping(project: Project, check: Check) -> None:
    project.replace(ACTOR, "name:\n", "name: !!python/object:builtins.dict\n")
    expect(check(project), ACTOR, 4, 7, "the tag 'tag:yaml.org,2002:python/object:builtins.dict' is not allowed in "
           "content files", "remove the '!' tag")


def test_python_apply_tag_is_refused_and_runs_nothing(project: Project, check: Check) -> None:
    marker = project.root / "pwned"
    project.replace(ACTOR, "kind: person", f"kind: !!python/object/apply:os.system ['touch {marker}']")
    expect(check(project), ACTOR, 3, 7, "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in "
           "content files", "remove the '!' tag; write plain text, numbers, lists and mappings")
    assert not marker.exists()


def test_python_apply_tag_on_a_block_list_is_refused(project: Project, check: Check) -> None:
    project.replace(C_UNRESOLVED, "actors:\n  - hussein-alawi", "actors: !!python/object/apply:os.system\n  - hussein-alawi")
    line = project.line_of(C_UNRESOLVED, "actors: !!python")
    expect(check(project), C_UNRESOLVED, line, 9, "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not "
           "allowed in content files", "remove the '!' tag; write plain text, numbers, lists and mappings")


def test_anchors_and_aliases(project: Project, check: Check) -> None:
    project.replace(ACTOR, "name:\n  en: Hussein Alawi", "name: &n\n  en: Hussein Alawi")
    project.replace(ACTOR, "affiliation:\n  en: Government of Iraq\n  ar: الحكومة العراقية", "affiliation: *n")
    expect(check(project), ACTOR, 4, 7, "anchors and aliases (& and *) are not allowed in content files",
           "write the value out in full")


def test_merge_key(project: Project, check: Check) -> None:
    project.replace(ACTOR, "name:\n  en: Hussein Alawi", "name: &n\n  en: Hussein Alawi")
    project.replace(ACTOR, "affiliation:\n  en: Government of Iraq\n  ar: الحكومة العراقية", "affiliation:\n  <<: *n")
    expect(check(project), ACTOR, 12, 3, "a key must be a plain word", "write keys as 'name: value'")


def test_empty_file(project: Project, check: Check) -> None:
    project.write(ACTOR, "")
    expect(check(project), ACTOR, 1, 1, "the file is empty (or holds only comments)", "fill it in, or delete it")


def test_file_of_only_comments(project: Project, check: Check) -> None:
    project.write(ACTOR, "# Hussein Alawi\n# to be written\n")
    expect(check(project), ACTOR, 1, 1, "the file is empty (or holds only comments)", "fill it in, or delete it")


def test_file_that_is_not_a_mapping(project: Project, check: Check) -> None:
    project.write(ACTOR, "- hussein-alawi\n")
    expect(check(project), ACTOR, 1, 1, "the file must hold a mapping of 'key: value' lines",
           "start with the 'id:' line, as in the other files")


def test_bom_is_accepted(project: Project, check: Check) -> None:
    project.write_bytes(ACTOR, b"\xef\xbb\xbf" + project.path(ACTOR).read_bytes())
    assert check(project).code == 0


def test_bom_does_not_shift_columns(project: Project, check: Check) -> None:
    project.write_bytes(ACTOR, b"\xef\xbb\xbf" + project.read(ACTOR).replace("id: hussein-alawi",
                                                                             "id: Hussein_Alawi").encode())
    expect(check(project), ACTOR, 2, 5, "'Hussein_Alawi' is not valid for 'id'",
           "ids use lowercase ASCII letters, digits and single hyphens, e.g. us-election-2024")


def test_crlf_line_endings_are_accepted(project: Project, check: Check) -> None:
    for path in (ACTOR, C_SUPERSEDED, SOURCES):
        project.write(path, project.read(path).replace("\n", "\r\n"))
    assert b"\r\n" in project.path(C_SUPERSEDED).read_bytes()
    assert check(project).code == 0


def test_crlf_line_endings_keep_lines_and_columns(project: Project, check: Check) -> None:
    project.write(ACTOR, project.read(ACTOR).replace("kind: person", "kind: persn").replace("\n", "\r\n"))
    expect(check(project), ACTOR, 3, 7, "'persn' is not allowed for 'kind'",
           "use one of: 'person', 'institution', 'government' or 'anonymous'")


def test_invalid_utf8(project: Project, check: Check) -> None:
    project.write_bytes(ACTOR, project.path(ACTOR).read_bytes().replace(b"Hussein Alawi", b"Hussein \xe9lawi"))
    expect(check(project), ACTOR, 5, 15, "byte 0xe9 is not UTF-8 text",
           "save the file as UTF-8 (most editors: File > Save with Encoding > UTF-8)")


def test_invalid_utf8_column_on_an_arabic_line(project: Project, check: Check) -> None:
    project.write_bytes(ACTOR, project.path(ACTOR).read_bytes().replace("  ar: حسين علاوي".encode(),
                                                                        "  ar: حسين ".encode() + b"\xff"))
    # "  ar: حسين " is 11 characters (but 15 bytes): the bad byte is the 12th character.
    expect(check(project), ACTOR, 6, 12, "byte 0xff is not UTF-8 text",
           "save the file as UTF-8 (most editors: File > Save with Encoding > UTF-8)")


def test_binary_data(project: Project, check: Check) -> None:
    project.write_bytes(ACTOR, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    expect(check(project), ACTOR, 1, 1, "the file holds binary data, not text",
           "content files are UTF-8 text; replace it with the YAML it should be")


def test_directory_named_like_a_content_file(project: Project, check: Check) -> None:
    project.path("claims/x.yml").mkdir()
    expect(check(project), "claims/x.yml", 1, 1, "this is a folder where a content file should be",
           "move the folder out of the content folder")


def test_other_files_in_content_folders_are_ignored(project: Project, check: Check) -> None:
    project.write("claims/README.md", "# notes\n: not yaml: at all\n")
    project.write("claims/.draft.yml", "id: [broken\n")
    assert check(project).code == 0


# --- the seed registry -----------------------------------------------------------------------------


def test_seed_line_in_no_span(project: Project, check: Check) -> None:
    project.replace(SOURCES, "      - lines: 21-23\n        kind: chrome\n        note: read count and comment form\n", "")
    line = project.line_of(SOURCES, "- lines: 1-5")  # the list under the second source's 'spans:'
    expect(check(project), SOURCES, line, 7, "lines 21-23 of 004_3bf5a12c46793145.txt are in no span",
           "mark every non-blank line as article, chrome or unrelated")


def test_seed_spans_may_overlap_on_blank_lines(project: Project, check: Check) -> None:
    project.replace(SOURCES, "      - lines: 6-20\n", "      - lines: 5-20\n")  # line 5 is blank
    assert check(project).code == 0


def test_seed_line_in_two_spans(project: Project, check: Check) -> None:
    project.replace(SOURCES, "      - lines: 6-20\n", "      - lines: 3-20\n")
    line = project.line_of(SOURCES, "- lines: 3-20")
    run = check(project)
    assert run.code == 1
    assert f"{SOURCES}:{line}:16: error: line 3 of 004_3bf5a12c46793145.txt is in two spans" in run.lines
    assert "    hint: each line belongs to exactly one span" in run.lines


def test_seed_line_in_two_spans_is_one_error(project: Project, check: Check) -> None:
    project.replace(SOURCES, "      - lines: 6-20\n", "      - lines: 3-20\n")
    line = project.line_of(SOURCES, "- lines: 3-20")
    expect(check(project), SOURCES, line, 16, "line 3 of 004_3bf5a12c46793145.txt is in two spans",
           "each line belongs to exactly one span")


def test_seed_file_too_large_is_one_error(project: Project, check: Check) -> None:
    # Bounded like content files: the reader stops after the limit instead of loading the whole file.
    project.write_bytes(SEED_004, project.path(SEED_004).read_bytes() + b"\n" + "حشو ".encode() * 200_000)
    line = project.line_of(SOURCES, "file: 004_3bf5a12c46793145.txt")
    expect(check(project), SOURCES, line, 11, "the seed file '004_3bf5a12c46793145.txt' is over 1,000,000 bytes",
           "a seed file holds one article, at most 1,000,000 bytes")


def test_span_beyond_the_end_of_the_seed(project: Project, check: Check) -> None:
    project.replace(SOURCES, "      - lines: 21-23\n", "      - lines: 21-24\n")
    line = project.line_of(SOURCES, "- lines: 21-24")
    run = check(project)
    assert run.code == 1
    head = f"{SOURCES}:{line}:16: error: the lines '21-24' are not within the file's 23 lines"
    assert run.lines[run.lines.index(head) + 1] == "    hint: write 'first-last' with first <= last"


def test_missing_seed_registry(project: Project, check: Check) -> None:
    project.path(SOURCES).unlink()
    run = check(project)
    assert run.code == 1
    # sorted by path: seeds/ comes after claims/
    assert run.lines[-3:-1] == [f"{SOURCES}:1:1: error: the registry of seed articles is missing",
                                "    hint: create seeds/sources.yml (see CONTRIBUTING.md)"]


def test_broken_seed_registry_is_reported_once(project: Project, check: Check) -> None:
    project.replace(SOURCES, "sources:\n", "sources: [\n")
    expect(check(project), SOURCES, 4, 3, "YAML syntax error: did not find expected node content")


# --- every problem in one run ----------------------------------------------------------------------


def test_all_problems_reported_in_one_run_sorted(project: Project, check: Check) -> None:
    project.replace(DEADLINE, "relation: by", "relation: before")
    project.replace(C_UNRESOLVED, "status: unresolved", "status: unresolve")
    project.replace(ACTOR, "kind: person", "kind: persn")
    project.replace(C_DENIED, "  - baghdad-anbar-missions-end-september-2025", "  - baghdad-anbar")
    project.replace(C_DENIED, "made_on:\n", "made_on:\n  bogus: 1\n")
    run = check(project)
    assert run.code == 1
    found = heads(run)
    assert found == [
        f"{ACTOR}:3:7: error: 'persn' is not allowed for 'kind'",
        f"{C_UNRESOLVED}:21:9: error: 'unresolve' is not a status",
        f"{DEADLINE}:7:11: error: 'before' is not allowed for 'relation'",
        f"{C_DENIED}:{project.line_of(C_DENIED, 'bogus: 1')}:3: error: unknown field 'made_on.bogus'",
    ]
    assert run.lines[-1] == "4 error(s), 0 warning(s)"


def test_problems_in_one_file_are_sorted_by_line(project: Project) -> None:
    project.replace(C_SUPERSEDED, "  - us-government", "  - us-govt")
    project.replace(C_SUPERSEDED, "  - timetable-set-by-2024-joint-statement", "  - timetable")
    project.replace(C_SUPERSEDED, "  - end-of-september-2025", "  - end-of-sept-2025")
    diagnostics = project.collect()
    assert [(d.path, d.line) for d in diagnostics] == [(C_SUPERSEDED, 7), (C_SUPERSEDED, 18), (C_SUPERSEDED, 53)]
    assert [d.code for d in diagnostics] == ["unknown-actor", "unknown-deadline", "unknown-claim"]


# --- output formats --------------------------------------------------------------------------------


def _break_two(project: Project) -> None:
    project.replace(ACTOR, "kind: person", "kind: persn")
    project.replace(C_UNRESOLVED, "status: unresolved", "status: unresolve")


def test_format_json(project: Project, check: Check) -> None:
    _break_two(project)
    run = check(project, "--format", "json")
    assert run.code == 1
    data = json.loads(run.out)
    assert data == [
        {"path": ACTOR, "line": 3, "column": 7, "message": "'persn' is not allowed for 'kind'",
         "hint": "use one of: 'person', 'institution', 'government' or 'anonymous'", "code": "choice",
         "severity": "error"},
        {"path": C_UNRESOLVED, "line": 21, "column": 9, "message": "'unresolve' is not a status",
         "hint": "did you mean 'unresolved'? the statuses are: confirmed, denied, superseded, unresolved",
         "code": "status", "severity": "error"},
    ]


def test_format_json_clean(project: Project, check: Check) -> None:
    run = check(project, "--format", "json")
    assert run.code == 0
    assert json.loads(run.out) == []


def test_format_json_keeps_arabic_readable(project: Project, check: Check) -> None:
    project.replace(C_CONFIRMED, "ووضع جدول زمني لهذا الانتقال", "ووضع جدول واضح لهذا الانتقال")
    run = check(project, "--format", "json")
    assert "«واضح»" in run.out
    assert json.loads(run.out)[0]["code"] == "quote-not-found"


def test_format_github(project: Project, check: Check) -> None:
    _break_two(project)
    run = check(project, "--format", "github")
    assert run.code == 1
    assert run.lines == [
        (f"::error file={ACTOR},line=3,col=7,title=choice::'persn' is not allowed for 'kind'"
        "%0Ause one of: 'person', 'institution', 'government' or 'anonymous'"),
        (f"::error file={C_UNRESOLVED},line=21,col=9,title=status::'unresolve' is not a status"
        "%0Adid you mean 'unresolved'? the statuses are: confirmed, denied, superseded, unresolved"),
    ]


def test_format_github_escapes_percent(project: Project, check: Check) -> None:
    project.replace(ACTOR, "kind: person", "kind: 100%")
    run = check(project, "--format", "github")
    assert run.lines[0].startswith(f"::error file={ACTOR},line=3,col=7,title=choice::'100%25' is not allowed")


def test_format_github_clean(project: Project, check: Check) -> None:
    run = check(project, "--format", "github")
    assert (run.code, run.out) == (0, "no problems found\n")


# --- choosing files, usage errors ------------------------------------------------------------------


def test_check_one_file_by_absolute_path(project: Project, check: Check) -> None:
    _break_two(project)
    run = check(project, project.path(ACTOR))
    assert heads(run) == [f"{ACTOR}:3:7: error: 'persn' is not allowed for 'kind'"]
    assert run.lines[-1] == "1 error(s), 0 warning(s)"
    assert run.code == 1


def test_check_one_file_relative_to_the_current_folder(project: Project, check: Check,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _break_two(project)
    monkeypatch.chdir(project.root)
    run = check(project, C_UNRESOLVED)
    assert heads(run) == [f"{C_UNRESOLVED}:21:9: error: 'unresolve' is not a status"]
    assert run.code == 1


def test_check_a_folder(project: Project, check: Check, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_two(project)
    monkeypatch.chdir(project.root)
    run = check(project, "claims/actors")
    assert heads(run) == [f"{ACTOR}:3:7: error: 'persn' is not allowed for 'kind'"]


def test_check_a_clean_file_of_a_broken_project(project: Project, check: Check) -> None:
    _break_two(project)
    run = check(project, project.path(C_CONFIRMED))
    assert (run.code, run.out) == (0, "0 error(s), 0 warning(s)\n")


def test_root_found_from_the_current_folder(project: Project, run_cli: Callable[..., Run],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _break_two(project)
    monkeypatch.chdir(project.path("claims/actors"))
    run = run_cli("check")
    assert run.code == 1
    assert run.lines[-1] == "2 error(s), 0 warning(s)"


def test_usage_error_nonexistent_path(project: Project, check: Check) -> None:
    missing = project.path("claims/nope.yml")
    run = check(project, missing)
    assert run.code == 2
    assert run.out == ""
    assert run.err == f"site-builder: error: {missing}: no such file or folder\n"


def test_usage_error_path_outside_the_project(project: Project, check: Check, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("id: x\n")
    run = check(project, outside)
    assert run.code == 2
    assert run.err == f"site-builder: error: {outside} is outside the project at {project.root}\n"


def test_usage_error_bad_option(project: Project, check: Check) -> None:
    run = check(project, "--bogus")
    assert run.code == 2
    assert "unrecognized arguments: --bogus" in run.err


def test_usage_error_bad_format(project: Project, check: Check) -> None:
    run = check(project, "--format", "xml")
    assert run.code == 2
    assert "invalid choice: 'xml'" in run.err


def test_usage_error_no_command(run_cli: Callable[..., Run]) -> None:
    run = run_cli()
    assert run.code == 2
    assert "COMMAND" in run.err


def test_usage_error_no_project(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    run = run_cli("--root", empty, "check")
    assert run.code == 2
    assert run.err == f"site-builder: error: no project found at or above {empty} (looked for mkdocs.yml or claims/)\n"


def test_usage_error_root_that_does_not_exist(project: Project, run_cli: Callable[..., Run]) -> None:
    missing = project.path("no-such-folder")
    run = run_cli("--root", missing, "check")
    assert (run.code, run.out, run.err) == (2, "", f"site-builder: error: --root {missing}: no such folder\n")


def test_usage_error_root_that_is_a_file(project: Project, run_cli: Callable[..., Run]) -> None:
    run = run_cli("--root", project.path(ACTOR), "export")
    assert (run.code, run.out, run.err) == (2, "", f"site-builder: error: --root {project.path(ACTOR)}: not a folder\n")


def test_export_into_a_closed_pipe_is_quiet(project: Project) -> None:
    # The reader is gone before the command writes (it needs a moment to start), as with `export | head`.
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "site_builder.cli", "--root", str(project.root), "export"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    error = process.stderr.read().decode()
    assert (process.wait(), error) == (141, "")


def test_help_shows_an_example(run_cli: Callable[..., Run]) -> None:
    run = run_cli("check", "--help")
    assert run.code == 0
    assert "site-builder check claims/my-claim.yml" in run.out


def test_readme_lists_every_command() -> None:
    from site_builder.cli import COMMANDS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    listed = [line.split("`")[1].split()[1] for line in readme.split("\n") if line.startswith("| `site-builder ")]
    assert sorted(listed) == sorted(COMMANDS)


# --- the actors a claim is about ------------------------------------------------------------------------


def _about(project: Project, *ids: str) -> None:
    listed = "".join(f"  - {actor_id}\n" for actor_id in ids)
    project.replace(C_UNRESOLVED, "actors:\n  - hussein-alawi\n", f"actors:\n  - hussein-alawi\nabout:\n{listed}")


def test_about_names_an_unknown_actor(project: Project, check: Check) -> None:
    _about(project, "iraq-governmnt")
    expect(check(project), C_UNRESOLVED, project.line_of(C_UNRESOLVED, "iraq-governmnt"), 5,
           "there is no actor with the id 'iraq-governmnt'", "did you mean 'iraq-government'?")


def test_about_names_a_speaker_of_the_claim(project: Project, check: Check) -> None:
    _about(project, "iraq-government", "hussein-alawi")
    expect(check(project), C_UNRESOLVED, project.line_of(C_UNRESOLVED, "about:") + 2, 5,
           "'hussein-alawi' made this claim, so it is not one of the actors the claim is about",
           "remove 'hussein-alawi' from 'about'; its page lists the claim already")


def test_about_names_an_actor_twice(project: Project, check: Check) -> None:
    _about(project, "iraq-government", "iraq-government")
    expect(check(project), C_UNRESOLVED, project.line_of(C_UNRESOLVED, "about:") + 2, 5,
           "'iraq-government' is listed twice under 'about'", "remove the second one")


def test_about_an_actor_passes_and_links_both_ways(project: Project, check: Check) -> None:
    _about(project, "iraq-government")
    run = check(project)
    assert (run.code, run.lines[-1]) == (0, "0 error(s), 0 warning(s)")
    site = load_site(project.root)
    claim, actor = site.claims["baghdad-anbar-missions-end-september-2025"], site.actors["iraq-government"]
    assert claim.about == [actor] and claim in actor.about and claim not in actor.claims
