"""Malformed files: each gets a clear error in bounded time and memory, never a traceback or a broken site."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import AS_OF_EPOCH, MINI, Project

from site_builder.building import build_site

CLI = Path(sys.executable).parent / "site-builder"
MEMORY_BYTES = 1 << 30  # address space for one CLI run: a reader that loaded a bomb into memory would die here
CPU_SECONDS = 60
WALL_SECONDS = 180  # only to stop a hang; the assertions are about behaviour, not speed
CLAIM = "claims/coalition-mission-ends-by-september-2025.yml"


# Sets the limits, then becomes the command: no preexec_fn, which is unsafe in a test process with threads.
LIMITED = (f"import os, resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_BYTES}, {MEMORY_BYTES})); "
           f"resource.setrlimit(resource.RLIMIT_CPU, ({CPU_SECONDS}, {CPU_SECONDS})); os.execv(sys.argv[1], sys.argv[1:])")


def start(root: Path, *args: str | Path) -> subprocess.Popen[str]:
    """Start the installed site-builder command in a child process with memory and CPU limits."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": AS_OF_EPOCH}
    command = [sys.executable, "-c", LIMITED, str(CLI), "--root", str(root), *map(str, args)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finish(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    """Wait for a started command; a hang fails the test instead of stalling the suite."""
    try:
        out, err = process.communicate(timeout=WALL_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def cli(root: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the installed site-builder command with memory, CPU and time limits."""
    return finish(start(root, *args))


def digest(folder: Path) -> dict[str, str]:
    """Every file of a folder tree and the hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Staging or old-site folders a build left behind in folder."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".site-build-", ".site-old-")))


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini site, built once: the 'previous site' every failed build must leave alone."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.setenv("SOURCE_DATE_EPOCH", AS_OF_EPOCH)
        return build_site(MINI, tmp_path_factory.mktemp("good") / "site")


def _valid_claim(new_id: str) -> str:
    text = (MINI / CLAIM).read_text(encoding="utf-8")
    return text.replace("id: coalition-mission-ends-by-september-2025", f"id: {new_id}", 1)


def _billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


Setup = Callable[[Project, Path], list[str]]


def empty(project: Project, outside: Path) -> list[str]:
    project.write("claims/empty.yml", "")
    return ["claims/empty.yml:1:1: error: the file is empty (or holds only comments)"]


def only_comments(project: Project, outside: Path) -> list[str]:
    project.write("claims/notes.yml", "# a claim will go here\n# once the editor has read the sources\n")
    return ["claims/notes.yml:1:1: error: the file is empty (or holds only comments)"]


def stray_bom(project: Project, outside: Path) -> list[str]:
    project.replace(CLAIM, "  en: The military mission", "  en: The\ufeff military mission")
    line = project.line_of(CLAIM, "\ufeff")
    return [(f"{CLAIM}:{line}:7: error: statement.en: the text holds U+FEFF ZERO WIDTH NO-BREAK SPACE, an invisible "
            "character that can disguise what readers see; delete it (search for it in your editor by its code)")]


def latin1(project: Project, outside: Path) -> list[str]:
    project.write_bytes("claims/latin1.yml", "id: caf\u00e9\n".encode("latin-1"))
    return ["claims/latin1.yml:1:8: error: byte 0xe9 is not UTF-8 text"]


def binary(project: Project, outside: Path) -> list[str]:
    project.write_bytes("claims/picture.yml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64)
    return ["claims/picture.yml:1:1: error: the file holds binary data, not text"]


def twenty_megabytes(project: Project, outside: Path) -> list[str]:
    project.write_bytes("claims/huge.yml", b"# padding line of a file far too large\n" * 512_000)
    return ["claims/huge.yml:1:1: error: the file is over 1,000,000 bytes, more than a content file may hold"]


def deep_nesting(project: Project, outside: Path) -> list[str]:
    project.write("claims/deep.yml", "id: deep\nstatement: " + "[" * 400_000 + "]" * 400_000 + "\n")
    return ["claims/deep.yml:2:52: error: the data is nested too deeply"]


def alias_bomb(project: Project, outside: Path) -> list[str]:
    project.write("claims/laughs.yml", _billion_laughs())
    return ["claims/laughs.yml:1:4: error: anchors and aliases (& and *) are not allowed in content files"]


def python_tag(project: Project, outside: Path) -> list[str]:
    project.write("claims/tag.yml", f'id: !!python/object/apply:os.system ["touch {outside / "pwned"}"]\n')
    return [("claims/tag.yml:1:5: error: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed "
            "in content files")]


def control_character(project: Project, outside: Path) -> list[str]:
    project.replace(CLAIM, "  en: The military mission", "  en: The military\x07 mission")
    line = project.line_of(CLAIM, "\x07")
    return [f"{CLAIM}:{line}:19: error: the character U+0007 is not allowed in a content file"]


def impossible_date(project: Project, outside: Path) -> list[str]:
    project.replace(CLAIM, "  date: 2024-09-27\n  inferred", "  date: 2024-13-45\n  inferred")
    line = project.line_of(CLAIM, "2024-13-45")
    return [f"{CLAIM}:{line}:9: error: '2024-13-45' is not a real date (month must be in 1..12)"]


def folder_for_file(project: Project, outside: Path) -> list[str]:
    project.path("claims/folder.yml").mkdir()
    return ["claims/folder.yml:1:1: error: this is a folder where a content file should be"]


def link_outside(project: Project, outside: Path) -> list[str]:
    (outside / "elsewhere.yml").write_text(_valid_claim("elsewhere"), encoding="utf-8")
    project.path("claims/elsewhere.yml").symlink_to(outside / "elsewhere.yml")
    return ["claims/elsewhere.yml:1:1: error: this file is a link leading outside the repository"]


def named_pipe(project: Project, outside: Path) -> list[str]:
    os.mkfifo(project.path("claims/pipe.yml"))  # reading it would wait forever
    return ["claims/pipe.yml:1:1: error: this is not a regular file"]


def dotted_id(project: Project, outside: Path) -> list[str]:
    project.write("claims/a..b.yml", _valid_claim("a..b"))
    return [f"claims/a..b.yml:{project.line_of('claims/a..b.yml', 'id: ')}:5: error: 'a..b' is not valid for 'id'"]


def traversal_id(project: Project, outside: Path) -> list[str]:
    project.write("claims/escape.yml", _valid_claim("../../../etc/passwd"))
    line = project.line_of("claims/escape.yml", "id: ")
    return [f"claims/escape.yml:{line}:5: error: '../../../etc/passwd' is not valid for 'id'"]


def slash_id(project: Project, outside: Path) -> list[str]:
    project.write("claims/nested.yml", _valid_claim("claims/nested"))
    line = project.line_of("claims/nested.yml", "id: ")
    return [f"claims/nested.yml:{line}:5: error: 'claims/nested' is not valid for 'id'"]


MALFORMED: dict[str, Setup] = {f.__name__.replace("_", " "): f for f in (
    empty, only_comments, stray_bom, latin1, binary, twenty_megabytes, deep_nesting, alias_bomb, python_tag,
    control_character, impossible_date, folder_for_file, link_outside, named_pipe, dotted_id, traversal_id, slash_id)}


@pytest.mark.parametrize("setup", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_file_gets_a_clear_error_and_leaves_the_site_intact(
        setup: Setup, project: Project, tmp_path: Path, good_site: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    expected = setup(project, outside)
    target = tmp_path / "published" / "site"
    shutil.copytree(good_site, target)
    checking, building = start(project.root, "check"), start(project.root, "build", "--site-dir", target)
    checked, built = finish(checking), finish(building)

    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "Traceback" not in checked.stderr
    for line in expected:
        assert line in checked.stdout.splitlines(), checked.stdout
    assert built.returncode == 1, built.stderr
    assert "Traceback" not in built.stderr
    assert all(line in built.stderr.splitlines() for line in expected), built.stderr
    assert f"the previous site in {target} is unchanged" in built.stderr
    assert digest(target) == digest(good_site)
    assert leftovers(target.parent) == []
    assert not (outside / "pwned").exists()


@pytest.mark.parametrize("encode", [
    lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
], ids=["bom", "crlf", "bom and crlf"])
def test_byte_order_mark_and_windows_line_ends_are_read_like_any_file(
        encode: Callable[[str], bytes], project: Project, tmp_path: Path) -> None:
    project.write_bytes(CLAIM, encode(project.read(CLAIM)))
    checked = cli(project.root, "check")
    assert checked.returncode == 0, checked.stdout
    built = cli(project.root, "build", "--site-dir", tmp_path / "site")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site/claims/coalition-mission-ends-by-september-2025/index.html").read_text(encoding="utf-8")
    assert "The military mission of the international coalition against ISIS in Iraq will end" in page
    assert "\r" not in page.split("<article", 1)[1].split("</article>", 1)[0]


def test_symlink_loop_gets_a_clear_error(project: Project) -> None:
    project.path("claims/loop.yml").symlink_to("loop.yml")
    checked = cli(project.root, "check")
    assert "Traceback" not in checked.stderr
    assert checked.returncode == 1
    assert checked.stdout.splitlines()[:2] == [("claims/loop.yml:1:1: error: this file is a link that leads back to "
                                                "itself (a loop)"), "    hint: replace the link with the file itself"]
