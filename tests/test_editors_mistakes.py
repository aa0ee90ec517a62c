"""The ten mistakes editors make most often, each run through the CLI: the exact message, hint, line and column.

Each test makes the mistake the way an editor would, in a copy of the mini project, and asserts the whole
report `site-builder check` prints, so a change of wording is a deliberate change of this file.
"""

from __future__ import annotations

from collections.abc import Callable

from conftest import Project, Run

UNRESOLVED = "claims/baghdad-anbar-missions-end-september-2025.yml"
SUPERSEDED = "claims/coalition-mission-ends-by-september-2025.yml"
DENIED = "claims/us-forces-leave-ain-al-asad-after-election.yml"
ACTOR = "claims/actors/hussein-alawi.yml"
DEADLINE = "claims/deadlines/end-of-september-2025.yml"
SEED = "seeds/004_3bf5a12c46793145.txt"

Check = Callable[..., Run]


def report(run: Run) -> list[str]:
    """The printed report, after asserting the run failed on content (exit 1) and printed nothing else."""
    assert run.code == 1, run.out + run.err
    assert run.err == ""
    return run.lines


def test_1_bad_indentation_a_key_pushed_one_space_right(project: Project, check: Check) -> None:
    project.replace(UNRESOLVED, "\n    anchor: announcement", "\n     anchor: announcement")
    line = project.line_of(UNRESOLVED, "     anchor: announcement")
    above = line - 1  # the '- source:' line of the same appearance
    assert report(check(project)) == [
        (f"{UNRESOLVED}:{line}:6: error: this line is indented further than the line above, so 'anchor:' is read "
         "as part of the text above"),
        (f"    hint: start 'anchor:' in the same column as 'source:' on line {above} (column 5), with spaces; if it "
         "is really part of that text, put the whole text in double quotes"),
        "1 error(s), 0 warning(s)",
    ]


def test_1_bad_indentation_a_key_pulled_one_space_left(project: Project, check: Check) -> None:
    project.replace(ACTOR, "\n  ar: حسين علاوي", "\n ar: حسين علاوي")
    line = project.line_of(ACTOR, " ar: حسين علاوي")
    assert report(check(project)) == [
        f"{ACTOR}:{line}:2: error: this line is not indented like the lines around it",
        "    hint: keys of one block start in the same column, and '- ' list items line up; indent with spaces",
        "1 error(s), 0 warning(s)",
    ]


def test_2_a_tab(project: Project, check: Check) -> None:
    project.replace(DENIED, "\n  - iraq-government", "\n\t- iraq-government")
    line = project.line_of(DENIED, "\t- iraq-government")
    assert report(check(project)) == [
        f"{DENIED}:{line}:1: error: a tab character is used to indent this line",
        "    hint: YAML indents with spaces only: replace the tab with spaces",
        "1 error(s), 0 warning(s)",
    ]


def test_3_an_unquoted_colon_inside_a_text(project: Project, check: Check) -> None:
    old = "    en: The seeds end with this announcement; none reports"
    project.replace(UNRESOLVED, old, "    en: The seeds end with this announcement: none reports")
    line = project.line_of(UNRESOLVED, "announcement: none reports")
    column = project.column_of(UNRESOLVED, ": none reports")  # the colon itself
    assert report(check(project)) == [
        f"{UNRESOLVED}:{line}:{column}: error: a colon followed by a space inside a value makes YAML read a new key",
        '    hint: put the whole value in double quotes, e.g. en: "Officials said: the talks ended"',
        "1 error(s), 0 warning(s)",
    ]


def test_4_a_date_written_sept_2025(project: Project, check: Check) -> None:
    project.replace(UNRESOLVED, "made_on: 2025-09-07", "made_on: Sept 2025")
    line = project.line_of(UNRESOLVED, "made_on: Sept 2025")
    assert report(check(project)) == [
        f"{UNRESOLVED}:{line}:10: error: made_on: 'Sept 2025' is not a date this site reads",
        "    hint: write it as 2025-09",
        "1 error(s), 0 warning(s)",
    ]


def test_5_a_misspelt_status(project: Project, check: Check) -> None:
    project.replace(DENIED, "status: denied", "status: denyed")
    line = project.line_of(DENIED, "status: denyed")
    assert report(check(project)) == [
        f"{DENIED}:{line}:9: error: 'denyed' is not a status",
        "    hint: did you mean 'denied'? the statuses are: confirmed, denied, superseded, unresolved",
        "1 error(s), 0 warning(s)",
    ]


def test_6_a_misspelt_actor_id(project: Project, check: Check) -> None:
    project.replace(UNRESOLVED, "  - hussein-alawi", "  - hussien-alawi")
    line = project.line_of(UNRESOLVED, "  - hussien-alawi")
    assert report(check(project)) == [
        f"{UNRESOLVED}:{line}:5: error: there is no actor with the id 'hussien-alawi'",
        "    hint: did you mean 'hussein-alawi'?",
        "1 error(s), 0 warning(s)",
    ]


def test_7_a_quote_retyped_with_one_word_different(project: Project, check: Check) -> None:
    # The editor retyped "today, Sunday" as "today, Saturday".
    project.replace(UNRESOLVED, "اليوم الأحد، انتهاء", "اليوم السبت، انتهاء")
    line = project.line_of(UNRESOLVED, "اليوم السبت")
    lines = report(check(project))
    assert lines[0] == f"{UNRESOLVED}:{line}:12: error: the quote is not found word for word in {SEED}"
    assert lines[1].startswith(f"    hint: the quote has «السبت،» where the seed has «الأحد،»; closest passage, "
                               f"line 8 of {SEED}: «")
    assert lines[2:] == ["1 error(s), 0 warning(s)"]


def test_8_a_missing_translation(project: Project, check: Check) -> None:
    text = project.read(UNRESOLVED)
    start = text.index("    translation: The security adviser")
    project.write(UNRESOLVED, text[:start] + text[text.index("\n", start) + 1:])
    line = project.line_of(UNRESOLVED, "anchor: announcement") - 1  # the '- source:' line of that appearance
    assert report(check(project)) == [
        f"{UNRESOLVED}:{line}:5: error: the required field 'translation' is missing from item 1 of 'appearances'",
        "    hint: add a line 'translation: …': a faithful, plain English rendering of the quote",
        "1 error(s), 0 warning(s)",
    ]


def test_9_superseded_without_superseded_by(project: Project, check: Check) -> None:
    project.replace(SUPERSEDED, "superseded_by: baghdad-anbar-missions-end-september-2025\n", "")
    line = project.line_of(SUPERSEDED, "status: superseded")
    assert report(check(project)) == [
        f"{SUPERSEDED}:{line}:9: error: the status is 'superseded' but 'superseded_by' is missing",
        "    hint: add 'superseded_by: <id of the claim that replaced it>'",
        "1 error(s), 0 warning(s)",
    ]


def test_10_a_copied_claim_whose_id_was_not_changed(project: Project, check: Check) -> None:
    copy = "claims/baghdad-anbar-missions-end-2025-copy.yml"
    project.write(copy, project.read(UNRESOLVED))
    line = project.line_of(copy, "id: ")
    assert report(check(project)) == [
        (f"{copy}:{line}:5: error: the id 'baghdad-anbar-missions-end-september-2025' is already used by "
         f"{UNRESOLVED}: was this file copied from it?"),
        ("    hint: give this file its own id: change the line to 'id: baghdad-anbar-missions-end-2025-copy' to "
         "match the file name, or choose a new id and rename the file to match"),
        "1 error(s), 0 warning(s)",
    ]


def test_10_a_copied_claim_that_sorts_after_the_original(project: Project, check: Check) -> None:
    copy = "claims/zz-copy.yml"
    project.write(copy, project.read(UNRESOLVED))
    line = project.line_of(copy, "id: ")
    assert report(check(project)) == [
        (f"{copy}:{line}:5: error: the id 'baghdad-anbar-missions-end-september-2025' is already used by "
         f"{UNRESOLVED}: was this file copied from it?"),
        ("    hint: give this file its own id: change the line to 'id: zz-copy' to match the file name, or choose a "
         "new id and rename the file to match"),
        "1 error(s), 0 warning(s)",
    ]


def test_the_real_executable_prints_the_same_report(project: Project) -> None:
    """One mistake through the installed `site-builder` program, as an editor runs it."""
    import subprocess
    import sys
    from pathlib import Path

    project.replace(DENIED, "status: denied", "status: denyed")
    program = Path(sys.executable).parent / "site-builder"
    done = subprocess.run([str(program), "check"], cwd=project.root, capture_output=True, text=True, check=False)
    line = project.line_of(DENIED, "status: denyed")
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[0] == f"{DENIED}:{line}:9: error: 'denyed' is not a status"
