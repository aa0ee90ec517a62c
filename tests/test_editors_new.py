"""`site-builder new`: skeletons an editor fills in, which check then accepts; refusals; prompts in a terminal only."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from collections.abc import Callable

from conftest import Project, Run

Check = Callable[..., Run]
HINT = "    hint: replace everything from TODO to the end of the line with your own text, then run site-builder " \
       "check again"
QUOTE = "انتهاء مهام قوات التحالف الدولي في العاصمة بغداد ومحافظة الأنبار خلال الشهر الحالي"
TRANSLATION = ("the end of the missions of the international coalition forces in the capital Baghdad and Anbar "
               "province during the current month")


def new(run_cli: Callable[..., Run], project: Project, *args: str) -> Run:
    return run_cli("--root", project.root, "new", *args)


def fill(project: Project, path: str, values: dict[str, str]) -> None:
    """Replace each placeholder line, found by the words after its TODO, with a value, as an editor would."""
    for placeholder, value in values.items():
        line = next(text for text in project.read(path).split("\n") if f"TODO {placeholder}" in text)
        project.replace(path, line, line[: line.index("TODO")] + value)
    assert "TODO" not in "".join(t for t in project.read(path).split("\n") if not t.startswith("#"))


def test_new_claim_writes_a_skeleton_with_the_schema_line_and_next_steps(project: Project,
                                                                       run_cli: Callable[..., Run]) -> None:
    run = new(run_cli, project, "claim", "alawi-says-missions-end", "--no-input")
    assert (run.code, run.err) == (0, "")
    assert run.lines == ["created claims/alawi-says-missions-end.yml",
                         "next: replace every TODO in it, then run: site-builder check claims/alawi-says-missions-end.yml"]
    lines = project.read("claims/alawi-says-missions-end.yml").split("\n")
    assert lines[0] == "# yaml-language-server: $schema=../schema/claim.schema.json"
    assert "#   2. Run: site-builder check claims/alawi-says-missions-end.yml   and fix what it reports." in lines
    assert "id: alawi-says-missions-end" in lines


def test_raw_claim_skeleton_fails_only_with_what_to_fill_in(project: Project, run_cli: Callable[..., Run],
                                                            check: Check) -> None:
    new(run_cli, project, "claim", "alawi-says-missions-end", "--no-input")
    path = "claims/alawi-says-missions-end.yml"
    run = check(project)
    assert run.code == 1
    heads = [line for line in run.lines[:-1] if not line.startswith("    hint:")]

    def at(words: str) -> str:
        return f"{path}:{project.line_of(path, words)}:{project.column_of(path, words)}"

    assert heads == [
        f"{at('TODO the claim in one plain')}: error: fill in 'statement.en': the claim in one plain English sentence",
        f"{at('TODO the claim in Arabic')}: error: fill in 'statement.ar': the claim in Arabic",
        (f"{at('TODO the id of who made')}: error: fill in 'actors': the id of who made the claim "
         "(a file name in claims/actors/)"),
        f"{at('TODO the date it was made')}: error: fill in 'made_on': the date it was made, e.g. 2025-09-07",
        (f"{at('TODO the id of the article')}: error: fill in 'appearances.source': the id of the article "
         "(see seeds/sources.yml)"),
        (f"{at('TODO copy the Arabic')}: error: fill in 'appearances.quote': copy the Arabic words exactly from one "
         "paragraph of the article"),
        (f"{at('TODO a faithful English')}: error: fill in 'appearances.translation': a faithful English translation "
         "of the quote"),
        (f"{at('TODO the date of the verdict')}: error: fill in 'verdict.date': the date of the verdict, "
         "e.g. 2025-09-07"),
        (f"{at('TODO why the claim')}: error: fill in 'verdict.rationale.en': why the claim is unresolved, in plain "
         "English"),
    ]
    assert [line for line in run.lines[:-1] if line.startswith("    hint:")] == [HINT] * 9
    assert run.lines[-1] == "9 error(s), 0 warning(s)"


def test_claim_skeleton_filled_in_passes_the_check(project: Project, run_cli: Callable[..., Run],
                                                   check: Check) -> None:
    new(run_cli, project, "claim", "alawi-says-missions-end", "--no-input")
    fill(project, "claims/alawi-says-missions-end.yml", {
        "the claim in one plain": "The coalition's missions in Baghdad and Anbar end this month.",
        "the claim in Arabic": "تنتهي مهام التحالف الدولي في بغداد والأنبار هذا الشهر.",
        "the id of who made": "hussein-alawi",
        "the date it was made": "2025-09-07",
        "the id of the article": "alaraby-aljadeed-2025-09-07",
        "copy the Arabic": QUOTE,
        "a faithful English": TRANSLATION,
        "the date of the verdict": "2025-09-07",
        "why the claim": "The seeds do not report whether the missions ended.",
    })
    run = check(project)
    assert (run.code, run.lines[-1]) == (0, "0 error(s), 1 warning(s)")  # the rationale has no Arabic yet
    assert "warning: 'verdict.rationale' has no Arabic" in run.out


def test_flags_fill_the_skeleton_so_check_passes_at_once(project: Project, run_cli: Callable[..., Run],
                                                         check: Check) -> None:
    run = new(run_cli, project, "claim", "alawi-says-missions-end", "--statement", "Missions end: Baghdad first.",
              "--statement-ar", "تنتهي المهام في بغداد أولاً.", "--actor", "hussein-alawi", "--made-on", "2025-09-07",
              "--source", "alaraby-aljadeed-2025-09-07", "--quote", QUOTE, "--translation", TRANSLATION,
              "--deadline", "end-of-september-2025", "--status", "unresolved", "--verdict-date", "2025-09-07",
              "--rationale", "No seed reports the outcome.")
    assert run.code == 0, run.err
    text = project.read("claims/alawi-says-missions-end.yml")
    assert '  en: "Missions end: Baghdad first."\n' in text  # quoted because of the colon
    assert "deadlines:\n  - end-of-september-2025\n" in text
    assert check(project).lines[-1] == "0 error(s), 1 warning(s)"  # the rationale has no Arabic yet


def test_a_confirmed_claim_gets_an_evidence_block_and_superseded_a_superseded_by(
        project: Project, run_cli: Callable[..., Run]) -> None:
    new(run_cli, project, "claim", "a-confirmed-one", "--status", "confirmed")
    assert "  evidence:\n    - source: TODO" in project.read("claims/a-confirmed-one.yml")
    new(run_cli, project, "claim", "a-superseded-one", "--status", "superseded",
        "--superseded-by", "baghdad-anbar-missions-end-september-2025")
    text = project.read("claims/a-superseded-one.yml")
    assert "status: superseded\nsuperseded_by: baghdad-anbar-missions-end-september-2025\n" in text


def test_new_actor_and_deadline_with_flags_pass_the_check(project: Project, run_cli: Callable[..., Run],
                                                          check: Check) -> None:
    assert new(run_cli, project, "actor", "iraq-ministry-of-defence", "--name", "Iraqi Ministry of Defence",
               "--name-ar", "وزارة الدفاع العراقية", "--kind", "institution").code == 0
    assert new(run_cli, project, "deadline", "end-of-march-2026", "--label", "End of March 2026",
               "--label-ar", "نهاية مارس 2026", "--date", "2026-03", "--relation", "on").code == 0
    assert project.read("claims/deadlines/end-of-march-2026.yml").split("\n")[0] == (
        "# yaml-language-server: $schema=../../schema/deadline.schema.json")
    assert 'relation: "on"' in project.read("claims/deadlines/end-of-march-2026.yml")
    assert check(project).out == "0 error(s), 0 warning(s)\n"


def test_refuses_to_overwrite(project: Project, run_cli: Callable[..., Run]) -> None:
    path = "claims/baghdad-anbar-missions-end-september-2025.yml"
    before = project.read(path)
    run = new(run_cli, project, "claim", "baghdad-anbar-missions-end-september-2025", "--no-input")
    assert (run.code, run.out) == (2, "")
    assert run.err == f"site-builder: error: {path} already exists: choose another id, or edit that file\n"
    assert project.read(path) == before


def test_refuses_an_id_that_is_not_a_slug(project: Project, run_cli: Callable[..., Run]) -> None:
    run = new(run_cli, project, "actor", "Hussein_Alawi")
    assert run.code == 2
    assert run.err == ("site-builder: error: 'Hussein_Alawi' cannot be an id: ids use lowercase ASCII letters, "
                       "digits and single hyphens, e.g. sudani-announces-end-of-mission\n")
    assert not project.path("claims/actors/Hussein_Alawi.yml").exists()


def test_refuses_unknown_references_and_values(project: Project, run_cli: Callable[..., Run]) -> None:
    cases = [
        (("claim", "x", "--actor", "hussien-alawi"),
         "--actor: there is no actor with the id 'hussien-alawi': did you mean 'hussein-alawi'?"),
        (("claim", "x", "--source", "nowhere"),
         "--source: there is no source with the id 'nowhere': the source ids are the names in seeds/sources.yml"),
        (("claim", "x", "--status", "denyed"),
         "--status: 'denyed' is not a status: use one of confirmed, denied, superseded, unresolved"),
        (("claim", "x", "--made-on", "Sept 2025"), ("--made-on: 'Sept 2025' is not a date this site reads; "
                                                    "write it as 2025-09")),
        (("claim", "x", "--superseded-by", "baghdad-anbar-missions-end-september-2025"),
         "--superseded-by goes with --status superseded"),
        (("actor", "x", "--statement", "words"), "--statement is not an option for a new actor"),
    ]
    for args, message in cases:
        run = new(run_cli, project, *args)
        assert (run.code, run.err) == (2, f"site-builder: error: {message}\n"), args
    assert not project.path("claims/x.yml").exists()


def test_help_has_an_example(run_cli: Callable[..., Run]) -> None:
    run = run_cli("new", "--help")
    assert run.code == 0
    assert "site-builder new claim sudani-says-mission-ends-2025 --actor sudani --status unresolved" in run.out


def test_every_command_has_help_with_an_example(run_cli: Callable[..., Run]) -> None:
    from site_builder.cli import COMMANDS

    for name in COMMANDS:
        run = run_cli(name, "--help")
        assert run.code == 0 and "example:\n  site-builder " + name in run.out, name


# --- a terminal, and no terminal -------------------------------------------------------------------------


def command(project: Project, *args: str) -> list[str]:
    return [sys.executable, "-m", "site_builder.cli", "--root", str(project.root), "new", *args]


def test_without_a_terminal_it_never_asks(project: Project) -> None:
    done = subprocess.run(command(project, "claim", "no-questions"), stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=60, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("created claims/no-questions.yml\n")
    assert "TODO the claim in one plain" in project.read("claims/no-questions.yml")


class Terminal:
    """What a program wrote to a pseudo-terminal, read up to each expected text in turn."""

    def __init__(self, fd: int) -> None:
        self.fd, self.text, self.position = fd, "", 0

    def expect(self, wanted: str) -> None:
        """Read until wanted appears after the last match (a stuck program fails the test, not hangs it)."""
        while wanted not in self.text[self.position:]:
            ready, _, _ = select.select([self.fd], [], [], 30)
            assert ready, f"no {wanted!r} in {self.text[self.position:]!r}"
            self.text += os.read(self.fd, 4096).decode("utf-8", "replace")
        self.position = self.text.index(wanted, self.position) + len(wanted)


def test_in_a_terminal_it_asks_for_what_the_flags_left_out(project: Project, check: Check) -> None:
    answers = [
        ("The claim, in one plain English sentence", "Missions in Baghdad and Anbar end this month."),
        ("The claim in Arabic", "تنتهي المهام في بغداد والأنبار هذا الشهر."),
        ("Who made it", "hussien-alawi"),  # misspelt: asked again
        ("did you mean 'hussein-alawi'?", "hussein-alawi"),
        ("When it was made", "2025-09-07"),
        ("Which article", "alaraby-aljadeed-2025-09-07"),
        ("The Arabic words of the claim", QUOTE),
        ("A faithful English translation", TRANSLATION),
        ("Deadlines it names", ""),
        ("Date of the verdict", "2025-09-07"),
        ("Why the claim has this status", "No seed reports the outcome."),
    ]
    leader, follower = pty.openpty()
    process = subprocess.Popen(command(project, "claim", "asked-claim", "--status", "unresolved"),
                               stdin=follower, stdout=follower, stderr=follower, close_fds=True)
    os.close(follower)
    terminal = Terminal(leader)
    try:
        for prompt, answer in answers:
            terminal.expect(prompt)
            os.write(leader, answer.encode() + b"\n")
        terminal.expect("created claims/asked-claim.yml")
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        os.close(leader)
    assert "Status (" not in terminal.text  # given as a flag, so not asked
    text = project.read("claims/asked-claim.yml")
    assert "actors:\n  - hussein-alawi\n" in text
    assert "# deadlines:" in text  # no deadline given: left as the commented example
    assert check(project).lines[-1] == "0 error(s), 1 warning(s)"  # the rationale has no Arabic yet
