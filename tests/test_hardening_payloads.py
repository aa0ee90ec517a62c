"""Hostile content: the check refuses script links and hidden characters; everything else renders inert."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import html5lib
import pytest
import yaml
from conftest import MINI, Project, Run
from test_hardening_markup import HOSTILE_MARKUP, injected

from site_builder.building import build_site

ROOT = Path(__file__).resolve().parent.parent
CLAIM = "claims/coalition-mission-ends-by-september-2025.yml"
ACTOR = "claims/actors/us-government.yml"
DEADLINE = "claims/deadlines/year-2026.yml"
SOURCES = "seeds/sources.yml"

# Markup the check refuses (its links would run script); the rest of HOSTILE_MARKUP is accepted and must render inert.
REFUSED_MARKUP = {"javascript link", "entity javascript link", "markdown javascript link", "markdown entity link",
                  "markdown data link", "reference link", "svg xlink"}
PLAIN_PAYLOADS = {
    "escaped entities": "&lt;script&gt;alert(1)&lt;/script&gt;",
    "json-ld breakout": "</script><script>window.__pwned=1;alert(1)</script>",
    "jinja": "{{ 7*7 }}{% if true %}{{ cycler.__init__.__globals__ }}{% endif %}",
    "bare javascript": "javascript:alert(1)",
    "front matter": '"\n---\ntitle: "pwned"\n---\n',
    "css escape": "</style><style>*{background:url(/pwned.png)}</style>",
    "url breakout": "a%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
}
ACCEPTED = {name: text for name, text in HOSTILE_MARKUP.items() if name not in REFUSED_MARKUP} | PLAIN_PAYLOADS
PAYLOAD = "\n\n".join(ACCEPTED.values())
TEXT_KEYS = {"en", "ar", "translation", "inferred", "note", "notes"}
TEXT_LIST_KEYS = {"relays", "relayed_by"}
# What of the project's own mkdocs.yml a reader-facing copy keeps: the look and the plugins, not nav or repository.
READER_KEYS = ("site_url", "theme", "plugins", "markdown_extensions", "validation", "strict")


def reader_config(site_name: str) -> str:
    """The project's mkdocs.yml as readers get it, for a fixture project with other pages."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    kept = {"site_name": site_name} | {key: config[key] for key in READER_KEYS if key in config}
    return yaml.safe_dump(kept, allow_unicode=True, sort_keys=False)


def reader_project(target: Path, site_name: str = "Mini fact-check") -> Path:
    """A copy of the mini project with the real site's theme and plugins."""
    shutil.copytree(MINI, target)
    (target / "mkdocs.yml").write_text(reader_config(site_name), encoding="utf-8")
    return target


def _inject(data: Any, payload: str) -> Any:
    if isinstance(data, list):
        return [_inject(item, payload) for item in data]
    if not isinstance(data, dict):
        return data
    result = {}
    for key, value in data.items():
        if key in TEXT_KEYS and isinstance(value, str):
            result[key] = f"{value} {payload}"
        elif key in TEXT_LIST_KEYS and isinstance(value, list):
            result[key] = [f"{item} {payload}" for item in value]
        else:
            result[key] = _inject(value, payload)  # quotes are left alone: they stay verbatim
    return result


def payload_project(target: Path) -> Path:
    """A reader-facing copy of the mini project with the payload corpus in every text field but the quotes."""
    reader_project(target)
    for path in sorted(target.glob("claims/**/*.yml")) + [target / SOURCES]:
        text = path.read_text(encoding="utf-8")
        header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("# yaml-language-server"))
        data = _inject(yaml.safe_load(text), PAYLOAD)
        path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200),
                        encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The payload project, built."""
    root = payload_project(tmp_path_factory.mktemp("payloads") / "project")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        yield build_site(root, root.parent / "site")


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def _text_of(html: str, tag: str) -> str:
    document = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    return " ".join("".join(element.itertext()) for element in document.iter(tag))


def test_every_accepted_payload_passes_the_check(tmp_path: Path, check: Callable[..., Run]) -> None:
    run = check(Project(payload_project(tmp_path / "project")))
    assert run.code == 0, run.out
    assert " 0 error(s)" in " " + run.out.splitlines()[-1]


def test_no_page_of_the_payload_site_holds_a_live_payload(payload_site: Path) -> None:
    pages = _pages(payload_site)
    assert len(pages) >= 20
    problems = {name: found for name, html in pages.items() if (found := injected(html))}
    assert problems == {}


def test_payloads_reach_the_reader_as_visible_text(payload_site: Path) -> None:
    html = (payload_site / "claims/coalition-mission-ends-by-september-2025/index.html").read_text(encoding="utf-8")
    for payload in ("<script>window.__pwned=1;alert(1)</script>", '"><img src=x onerror=alert(1)>',
                    "</title><script>alert(1)</script>", "{{ 7*7 }}"):
        assert payload in _text_of(html, "h1"), payload
        assert payload in _text_of(html, "title"), payload
    document = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    described = [meta.get("content", "") for meta in document.iter("meta") if "alert(1)" in meta.get("content", "")]
    assert described and all("<script>window.__pwned=1;alert(1)</script>" in content for content in described)


def test_the_unchanged_mini_site_has_no_live_payload_either(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = build_site(reader_project(tmp_path / "project"), tmp_path / "site")
    assert {name: found for name, html in _pages(site).items() if (found := injected(html))} == {}


HIDDEN = "the text holds {}, an invisible character that can disguise what readers see; " \
         "delete it (search for it in your editor by its code)"
LINK = "the link '{}' is not allowed: links start with https://, http:// or mailto:, or lead to a page of this site"
ID = "the id holds the character {}; ids use lowercase ASCII letters, digits and single hyphens, e.g. us-election-2024"
REFUSED = {
    "right-to-left override in a statement": (
        CLAIM, "  en: The military mission", "  en: \u202eThe military mission", "statement.en",
        HIDDEN.format("U+202E RIGHT-TO-LEFT OVERRIDE")),
    "bidirectional isolate in an actor's name": (
        ACTOR, "  en: United States government", "  en: \u2067United States\u2069 government", "name.en",
        HIDDEN.format("U+2067 RIGHT-TO-LEFT ISOLATE")),
    "zero-width space in a deadline label": (
        DEADLINE, "  en: During 2026", "  en: During\u200b 2026", "label.en", HIDDEN.format("U+200B ZERO WIDTH SPACE")),
    "tag characters in a source note": (
        SOURCES, "    notes: The seed prints", "    notes: The\U000e0041 seed prints", "sources[0].notes",
        HIDDEN.format("U+E0041 TAG LATIN CAPITAL LETTER A")),
    "zero-width space in an id": (
        ACTOR, "id: us-government", "id: us-government\u200b", "id", ID.format("U+200B ZERO WIDTH SPACE")),
    "right-to-left mark in a reference": (
        CLAIM, "  - us-government", "  - us-\u200fgovernment", "actors[0]", ID.format("U+200F RIGHT-TO-LEFT MARK")),
    "javascript link in a description": (
        ACTOR, "  en: The US administration", "  en: '[The US administration](javascript:alert(1))", "description.en",
        LINK.format("javascript:alert(1)")),
    "encoded javascript link in a history note": (
        CLAIM, "      en: The joint statement set", ("      en: '<a href=\"jav&#x09;ascript:alert(1)\">x</a> The joint "
        "statement set"), "history[0].note.en", LINK.format("jav\\tascript:alert(1)")),
    "data link in a translation": (
        CLAIM, "    translation: 'The United States", "    translation: '[x](data:text/html,hi) The United States",
        "appearances[0].translation", LINK.format("data:text/html,hi")),
    "reference-style vbscript link in a label": (
        DEADLINE, "  en: During 2026", "  en: '[During 2026][x]\n\n    [x]: vbscript:msgbox(1)", "label.en",
        LINK.format("vbscript:msgbox(1)")),
}


def _value(new: str) -> str:
    """The value a case writes on its first line."""
    first = new.split("\n")[0]
    return first.split(": ", 1)[1] if ": " in first else first.strip().removeprefix("- ")


def _close_quote(project: Project, relative: str, new: str) -> None:
    """Close the single quote a case opened, at the end of its line, doubling any quote inside."""
    if not _value(new).startswith("'"):
        return
    lines = project.read(relative).split("\n")
    start = next(n for n, line in enumerate(lines) if line.startswith(new.split("\n")[0]))
    end = start + new.count("\n")
    first = lines[start].split(": ", 1)
    body = "\n".join([first[1][1:]] + lines[start + 1:end + 1]).replace("'", "''")
    rebuilt = (first[0] + ": '" + body + "'").split("\n")
    lines[start:end + 1] = rebuilt
    project.write(relative, "\n".join(lines))


@pytest.mark.parametrize("case", REFUSED.values(), ids=REFUSED.keys())
def test_the_check_refuses_hostile_text_naming_file_line_and_field(
        project: Project, check: Callable[..., Run], case: tuple[str, str, str, str, str]) -> None:
    relative, old, new, field, message = case
    project.replace(relative, old, new)
    _close_quote(project, relative, new)
    needle = _value(new)
    line, column = project.line_of(relative, needle), project.column_of(relative, needle)
    run = check(project)
    assert run.code == 1
    assert f"{relative}:{line}:{column}: error: {field}: {message}" in run.out.splitlines()


def test_hostile_tags_and_ids_are_refused_by_their_pattern(project: Project, check: Callable[..., Run]) -> None:
    project.replace(CLAIM, "  - coalition-withdrawal", '  - "<script>alert(1)</script>"')
    project.replace(DEADLINE, "id: year-2026", "id: ../../year-2026")
    run = check(project)
    tag_line, id_line = project.line_of(CLAIM, "<script>"), project.line_of(DEADLINE, "id: ")
    assert run.code == 1
    assert (f"{CLAIM}:{tag_line}:5: error: '<script>alert(1)</script>' is not valid for 'tags[0]'"
            in run.out.splitlines())
    assert f"{DEADLINE}:{id_line}:5: error: '../../year-2026' is not valid for 'id'" in run.out.splitlines()
