"""CONTRIBUTING.md, followed as a new editor would: its worked example adds a claim that passes the check, and the
messages it shows for the ten common mistakes are the ones the checker prints today."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import Run

from site_builder.cli import build_parser
from site_builder.schema import ClaimFile

REPO = Path(__file__).resolve().parent.parent
GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLE = "sudani-centcom-meeting-transfer-path"
PATH = f"claims/{EXAMPLE}.yml"


def code_blocks(text: str) -> list[str]:
    return re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.DOTALL)


def finished_file() -> str:
    """The worked example's finished claim file, as the guide prints it."""
    return GUIDE.split("When you are done, the file reads:\n\n```yaml\n")[1].split("```")[0]


def guide_commands() -> list[list[str]]:
    lines = [line for block in code_blocks(GUIDE) for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("site-builder ")]


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    return subprocess.run(["git", "-C", str(root), "-c", "commit.gpgsign=false", *args], env=env, check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the real project's content as a git repository whose main branch lacks the example claim."""
    root = tmp_path / "site"
    for name in ("claims", "seeds", "schema", "docs"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root)
    (root / PATH).unlink(missing_ok=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the site without the example")
    git(root, "switch", "-q", "-c", "add-sudani-centcom-meeting")
    return root


def test_worked_example_adds_a_claim_that_passes_the_check(site: Path, run_cli: Callable[..., Run],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(site)  # the guide's commands run in the project folder
    [create] = [c for c in guide_commands() if c[:2] == ["new", "claim"]]
    run = run_cli("--root", site, *create)
    assert run.lines[0] == f"created {PATH}", run.err
    skeleton = run_cli("--root", site, "check", PATH)
    assert skeleton.code == 1
    assert all("fill in '" in line for line in skeleton.lines if ": error: " in line)
    (site / PATH).write_text(finished_file(), encoding="utf-8")
    check = run_cli("--root", site, "check")
    assert (check.code, check.out) == (0, "0 error(s), 0 warning(s)\n")
    diff = run_cli("--root", site, "diff", "main")
    assert f"  added    claims/{EXAMPLE}/  (unresolved)" in diff.lines
    assert "`added    claims/sudani-centcom-meeting-transfer-path/  (unresolved)`" in GUIDE


def test_worked_example_cites_what_the_published_claim_cites() -> None:
    """The wording may be refined on the site; the passage, speaker, source and status the guide teaches may not."""
    published = ClaimFile.model_validate(yaml.safe_load((REPO / PATH).read_text(encoding="utf-8")))
    example = ClaimFile.model_validate(yaml.safe_load(finished_file()))
    assert (example.appearances, example.actors, example.status) == (
        published.appearances, published.actors, published.status), f"update CONTRIBUTING.md's example from {PATH}"


@pytest.mark.parametrize("argv", guide_commands(), ids=" ".join)
def test_every_command_in_the_guide_is_valid(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.command == argv[0]


def test_guide_links_the_editorial_guide_and_the_schemas() -> None:
    for target in re.findall(r"\]\(((?:docs|schema|claims)/[^)#]+)", GUIDE):
        assert (REPO / target).exists(), target
    assert "(docs/editorial-guide.md)" in GUIDE and "(schema/claim.schema.json)" in GUIDE


# --- the ten mistakes, made on the worked example ---------------------------------------------------------


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert text.count(old) == 1, old
        return text.replace(old, new)
    return edit


def drop_line(start: str) -> Callable[[str], str]:
    return lambda text: "".join(line for line in text.splitlines(keepends=True) if not line.startswith(start))


MISTAKES = {
    "pushed right": replace("\n    anchor: centcom-meeting", "\n     anchor: centcom-meeting"),
    "pulled left": replace('\n  ar: "أُشير', '\n ar: "أُشير'),
    "tab": replace("\n  - source: al-araby", "\n\t- source: al-araby"),
    "colon": lambda text: replace('  en: "At a meeting', "  en: At a meeting")(
        replace('Command, the course', 'Command: the course')(replace('was clearly referred to."', "was clearly referred to.")(text))),
    "date": replace("made_on:\n  date: 2025-09-07", "made_on:\n  date: Sept 2025"),
    "status": replace("status: unresolved", "status: unresloved"),
    "actor": replace("  - alawi", "  - allawi"),
    "quote": replace("أُشير بوضوح إلى مسار", "أُشير بصراحة إلى مسار"),
    "translation": drop_line("    translation: "),
}


def documented(head: str) -> list[str]:
    """The code block of the guide whose first line starts with head."""
    [block] = [b for b in code_blocks(GUIDE) if b.startswith(head)]
    return block.rstrip("\n").split("\n")


def shown(lines: list[str]) -> list[str]:
    return [line.split(": error: ", 1)[-1] for line in lines]


@pytest.mark.parametrize("name", MISTAKES)
def test_mistake_shows_what_the_guide_says(name: str, site: Path, run_cli: Callable[..., Run]) -> None:
    (site / PATH).write_text(MISTAKES[name](finished_file()), encoding="utf-8")
    run = run_cli("--root", site, "check")
    assert run.code == 1 and run.lines[-1] == "1 error(s), 0 warning(s)", run.out
    printed = run.lines[:2]
    guide = documented(printed[0].split(": error: ")[0] + ": error: ")
    if name == "quote":  # the guide shortens the closest passage
        assert guide[0] == printed[0] and printed[1].startswith(guide[1].removesuffix(" …»"))
    else:
        assert guide == printed


def test_copied_file_shows_what_the_guide_says(site: Path, run_cli: Callable[..., Run]) -> None:
    (site / PATH).write_text(finished_file(), encoding="utf-8")
    (site / "claims/sudani-centcom-meeting-copy.yml").write_text(finished_file(), encoding="utf-8")
    run = run_cli("--root", site, "check")
    assert documented("claims/sudani-centcom-meeting-copy.yml:") == run.lines[:2]


def test_superseded_without_superseded_by_shows_what_the_guide_says(site: Path, run_cli: Callable[..., Run]) -> None:
    claim = next(p for p in sorted((site / "claims").glob("*.yml"))
                 if re.search(r"^superseded_by: ", p.read_text(encoding="utf-8"), flags=re.MULTILINE))
    claim.write_text(drop_line("superseded_by: ")(claim.read_text(encoding="utf-8")), encoding="utf-8")
    run = run_cli("--root", site, "check")
    guide = next(b for b in code_blocks(GUIDE) if "'superseded_by' is missing" in b).rstrip("\n").split("\n")
    assert shown(run.lines[:2]) == shown(guide)
