"""The Arabic edition: every page has its twin, right to left, in Arabic, linked both ways."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import AS_OF_EPOCH, MINI, Project, Run

from site_builder.building import BuildFailed, build_site
from site_builder.i18n import load_edition
from site_builder.model import KIND_WORDS, STATUS_MEANINGS, VERDICT_WORDS
from site_builder.plugin import PACKAGE_TEMPLATES

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = PACKAGE_TEMPLATES / "i18n" / "ar.yml"
SITE_URL = "https://factcheck.example.org/"
# Files of a built site that are not pages of an edition.
NOT_PAGES = ("404.html",)


def _build(root: Path, target: Path) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.setenv("SOURCE_DATE_EPOCH", AS_OF_EPOCH)
        return build_site(root, target)


@pytest.fixture(scope="module", params=["mini", "real"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each project built with the build command's code (both editions)."""
    root = {"mini": MINI, "real": ROOT}[request.param]
    return _build(root, tmp_path_factory.mktemp(f"edition-{request.param}") / "site")


def pages(site: Path, arabic: bool) -> dict[str, str]:
    """The HTML pages of one edition by their path inside the edition, e.g. claims/x/index.html."""
    top = site / "ar" if arabic else site
    found = {}
    for path in sorted(top.rglob("*.html")):
        relative = path.relative_to(top).as_posix()
        if relative in NOT_PAGES or (not arabic and relative.startswith("ar/")):
            continue
        found[relative] = path.read_text(encoding="utf-8")
    return found


class Links(HTMLParser):
    """The start tags of a page, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def find(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_")) == v for k, v in wanted.items())]


def parse(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def test_every_page_has_its_twin_in_the_other_edition(built: Path) -> None:
    english, arabic = pages(built, False), pages(built, True)
    assert len(english) >= 20
    assert sorted(english) == sorted(arabic)


def test_arabic_pages_are_right_to_left_and_english_pages_left_to_right(built: Path) -> None:
    for name, html in pages(built, True).items():
        page = parse(html)
        assert page.find("html", lang="ar"), name
        assert page.find("body", dir="rtl") or page.find("html", lang="ar", dir="rtl"), name
    for name, html in pages(built, False).items():
        assert parse(html).find("html", lang="en"), name


def test_the_switcher_leads_to_the_same_page_in_the_other_language(built: Path) -> None:
    for arabic in (False, True):
        for name, html in pages(built, arabic).items():
            if 'http-equiv="refresh"' in html:
                continue  # a redirect page for a former address: it only forwards
            links = parse(html).find("a", class_="language-switch__link")
            assert len(links) == 1, name
            link = links[0]
            other = "en" if arabic else "ar"
            assert (link["hreflang"], link["lang"]) == (other, other), name
            here = ("ar/" if arabic else "") + name
            target = urlsplit(urljoin("https://x/" + here, link["href"])).path.lstrip("/")
            expected = name if arabic else "ar/" + name
            assert target + ("index.html" if target.endswith("/") or target == "" else "") == expected, name
            assert (built / expected).is_file()


def test_the_switcher_is_the_first_thing_in_the_content_and_a_plain_link(built: Path) -> None:
    html = pages(built, True)["index.html"]
    content = html.split('class="md-content__inner md-typeset">', 1)[1]
    assert content.startswith('<p class="language-switch"><a class="language-switch__link" href="../"')
    assert 'tabindex="-1"' not in content.split("</p>", 1)[0]


def test_hreflang_alternates_pair_the_two_editions(built: Path) -> None:
    english, arabic = pages(built, False), pages(built, True)
    for name in english:
        if 'http-equiv="refresh"' in english[name]:
            continue
        url = name.removesuffix("index.html")
        en_tags = {a["hreflang"]: a["href"] for a in parse(english[name]).find("link", rel="alternate") if "hreflang" in a}
        ar_tags = {a["hreflang"]: a["href"] for a in parse(arabic[name]).find("link", rel="alternate") if "hreflang" in a}
        expected = {"en": SITE_URL + url, "ar": SITE_URL + "ar/" + url, "x-default": SITE_URL + url}
        assert en_tags == expected, name
        assert ar_tags == expected, name
        canonical = parse(arabic[name]).find("link", rel="canonical")
        assert [c["href"] for c in canonical] == [SITE_URL + "ar/" + url], name


def test_arabic_pages_describe_themselves_in_arabic(built: Path) -> None:
    for name, html in pages(built, True).items():
        if 'http-equiv="refresh"' in html:
            continue
        page = parse(html)
        assert page.find("meta", property="og:locale", content="ar_AR"), name
        assert page.find("meta", property="og:url", content=SITE_URL + "ar/" + name.removesuffix("index.html")), name


def test_an_arabic_claim_page_carries_an_arabic_claim_review(built: Path) -> None:
    import json

    reviewed = 0
    for name, html in pages(built, True).items():
        for block in re.findall(r'<script type="application/ld\+json">\n(.*?)\n</script>', html, re.DOTALL):
            data = json.loads(block)
            if data.get("@type") != "ClaimReview":
                continue
            reviewed += 1
            assert data["url"] == SITE_URL + "ar/" + name.removesuffix("index.html")
            assert data["inLanguage"] == "ar"
            assert re.search("[\u0600-\u06ff]", data["claimReviewed"])
            assert data["reviewRating"]["alternateName"] in {"مؤكَّد", "غير صحيح", "مُستبدَل"}
    assert reviewed >= 1


class VisibleText(HTMLParser):
    """The text of a page's content a reader sees, without what is marked English, code, scripts or pictures."""

    SKIP = frozenset({"script", "style", "svg", "code", "textarea"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "img", "input", "link", "meta", "hr", "source", "wbr"}:
            return
        skipped = tag in self.SKIP or dict(attrs).get("lang") == "en"
        self.stack.append(skipped or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if self.stack and tag not in {"br", "img", "input", "link", "meta", "hr", "source", "wbr"}:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible(html: str) -> str:
    content = html.split('class="md-content__inner md-typeset">', 1)[-1].split("</article>", 1)[0]
    parser = VisibleText()
    parser.feed(content)
    return " ".join(" ".join(parser.parts).split())


def test_no_translated_interface_string_is_left_in_english_on_arabic_pages(built: Path) -> None:
    catalogue = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    # Whole English phrases (two words or more) that have an Arabic translation; fields cut them apart.
    phrases = {part.strip(" .,:;()") for key, value in catalogue.items() if value != key
               for part in re.split(r"\{[a-z]+\}|<[^>]+>", key)}
    phrases = {p for p in phrases if len(p.split()) >= 2}
    left = {}
    for name, html in pages(built, True).items():
        text = visible(html)
        found = sorted(p for p in phrases if re.search(r"\b" + re.escape(p) + r"\b", text))
        if found:
            left[name] = found
    assert left == {}


def test_english_pages_keep_their_english_interface(built: Path) -> None:
    html = pages(built, False)["claims/index.html"]
    assert "<h1>All claims</h1>" in html
    assert "كل الادعاءات" not in visible(html)


# --- the catalogue -----------------------------------------------------------------------------------------

LITERAL_T = re.compile(r"""\bt\((["'])((?:(?!\1).)*)\1\s*[,)]""")
# Strings templates pass to t() from data rather than as a literal.
DYNAMIC = [*VERDICT_WORDS.values(), *KIND_WORDS.values(), *STATUS_MEANINGS.values(), "Met", "Missed", "Moved", "Still open", "day", "month",
           "quarter", "year", "(chrome)", "(unrelated)", "Passed and met", "Met before the date", "Passed and missed",
           "Passed; outcome not reported", "is superseded by", "is judged on the passage that reports", "is related to",
           "Home", "Claims", "Verdicts", "Actors", "Deadlines", "Timeline", "Sources", "About", "About and methodology",
           "Editorial guide", "Open data and feeds", "Iraq Withdrawal Claims", "Read this page in English",
           "Read this page in Arabic", "Copy citation", "Copied.", "Press Ctrl+C (or \u2318C) to copy the selected text."]


def used_strings() -> set[str]:
    """Every string the templates and the renderer pass to t() as a literal, and those passed from data."""
    found = set(DYNAMIC)
    for path in [*PACKAGE_TEMPLATES.rglob("*.html"), *(ROOT / "site_builder" / name for name in ("render.py", "fragments.py"))]:
        found |= {match.group(2) for match in LITERAL_T.finditer(path.read_text(encoding="utf-8"))}
    return found


def test_the_catalogue_translates_every_interface_string() -> None:
    catalogue = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    used = used_strings()
    assert len(used) > 150
    assert sorted(used - set(catalogue)) == []


def test_every_translation_keeps_the_fields_of_its_english() -> None:
    catalogue = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    for english, arabic in catalogue.items():
        assert set(re.findall(r"\{\w+\}", english)) == set(re.findall(r"\{\w+\}", arabic)) or (
            english == "Every claim with the status {status}."), english  # says the verdict word, {word}


def test_pictures_labels_mirror_the_verdict_words() -> None:
    edition = load_edition("ar", [PACKAGE_TEMPLATES])
    assert [edition.plain_t(word) for word in VERDICT_WORDS.values()] == ["مؤكَّد", "غير صحيح", "مُستبدَل", "غير محسوم"]
    assert not edition.missing


def test_a_missing_translation_fails_the_build_and_names_every_one(project: Project, tmp_path: Path) -> None:
    project.write("templates/status_index.html",
                  (PACKAGE_TEMPLATES / "status_index.html").read_text(encoding="utf-8")
                  + '<p>{{ t("A sentence nobody translated.") }}</p>\n')
    project.replace("templates/i18n/ar.yml", "Mini fact-check: تدقيق مصغَّر\n", "")
    site = tmp_path / "site"
    with pytest.raises(BuildFailed):
        _build(project.root, site)
    assert not site.exists()


def test_the_missing_translations_are_listed_in_the_error(project: Project, tmp_path: Path,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    project.write("templates/status_index.html",
                  (PACKAGE_TEMPLATES / "status_index.html").read_text(encoding="utf-8")
                  + '<p>{{ t("A sentence nobody translated.") }}</p>\n<p>{{ t("Nor this one.") }}</p>\n')
    with pytest.raises(BuildFailed):
        _build(project.root, tmp_path / "site")
    assert "2 interface string(s) have no translation in templates/i18n/ar.yml" in caplog.text
    assert "'A sentence nobody translated.'" in caplog.text and "'Nor this one.'" in caplog.text


def test_a_translation_with_a_wrong_field_is_a_clear_error(project: Project, tmp_path: Path,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    project.write("templates/i18n/ar.yml", project.read("templates/i18n/ar.yml") + "Verdict of {date}: حكم بتاريخ {day}\n")
    with pytest.raises(BuildFailed):
        _build(project.root, tmp_path / "site")
    assert "the ar translation of 'Verdict of {date}' is 'حكم بتاريخ {day}'" in caplog.text
    assert "Traceback" not in caplog.text


# --- content without its Arabic ----------------------------------------------------------------------------


def test_optional_arabic_left_out_is_a_warning_with_file_line_and_fix(project: Project, check: Callable[..., Run]) -> None:
    relative = "claims/timetable-set-by-2024-joint-statement.yml"
    line = project.line_of(relative, "  rationale:")
    arabic = next(text for text in project.read(relative).split("\n") if text.startswith("    ar: ينقل تقرير"))
    project.replace(relative, arabic + "\n", "")
    run = check(project)
    assert run.code == 0
    assert run.lines == [
        (f"{relative}:{line}:3: warning: 'verdict.rationale' has no Arabic: the Arabic edition shows the English "
         "text here, marked as English"),
        ("    hint: add a line 'ar: \"...\"' under 'rationale:', beside 'en:', with a faithful Arabic rendering "
         "(the terms to use are in docs/ar/.terms.md)"),
        "0 error(s), 1 warning(s)",
    ]


def test_required_arabic_left_out_is_an_error(project: Project, check: Callable[..., Run]) -> None:
    relative = "claims/timetable-set-by-2024-joint-statement.yml"
    statement = next(text for text in project.read(relative).split("\n") if text.startswith("  ar:"))
    project.replace(relative, statement + "\n", "")
    run = check(project)
    assert run.code == 1
    assert run.lines[-1] == "1 error(s), 0 warning(s)"
    assert run.lines[0].startswith(f"{relative}:")
    assert "'ar'" in run.lines[0] or "ar" in run.lines[0]


def test_the_arabic_edition_shows_missing_arabic_as_english_marked_as_such(project: Project, tmp_path: Path) -> None:
    relative = "claims/timetable-set-by-2024-joint-statement.yml"
    arabic = next(text for text in project.read(relative).split("\n") if text.startswith("    ar: ينقل تقرير"))
    project.replace(relative, arabic + "\n", "")
    site = _build(project.root, tmp_path / "site")
    html = (site / "ar/claims/timetable-set-by-2024-joint-statement/index.html").read_text(encoding="utf-8")
    assert '<div class="rationale" lang="en" dir="ltr"><p>A report from September 2024 relays' in html


# --- the build ---------------------------------------------------------------------------------------------


def test_a_failed_arabic_build_leaves_the_previous_site_in_place(project: Project, tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    site = _build(project.root, tmp_path / "site")
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    shutil.rmtree(project.path("docs/ar"))
    with pytest.raises(BuildFailed):
        _build(project.root, site)
    assert "the Arabic edition needs the folder" in caplog.text
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before
    assert (site / "ar" / "index.html").is_file()


def test_open_data_is_published_once_and_the_arabic_pages_link_to_it(built: Path) -> None:
    assert (built / "feeds" / "updates.xml").is_file()
    assert not (built / "ar" / "feeds").exists() and not (built / "ar" / "api").exists()
    if (built / "ar" / "open-data" / "index.html").is_file():
        html = (built / "ar" / "open-data" / "index.html").read_text(encoding="utf-8")
        assert 'href="../../api/claims.json"' in html
        assert (built / "api" / "claims.json").is_file()


def test_the_permalinks_manifest_covers_the_arabic_edition(project: Project, tmp_path: Path) -> None:
    project.write("permalinks.json", '{"urls": ["/", "/ar/", "/ar/claims/no-such-claim/"]}\n')
    with pytest.raises(BuildFailed):
        _build(project.root, tmp_path / "site")
    project.write("permalinks.json", '{"urls": ["/", "/ar/", "/ar/claims/coalition-mission-ends-by-september-2025/"]}\n')
    assert (_build(project.root, tmp_path / "site") / "ar" / "index.html").is_file()


def test_the_real_manifest_lists_every_arabic_page(built: Path) -> None:
    if built.parent.name.startswith("edition-mini"):
        pytest.skip("the mini project keeps no manifest")
    import json

    urls = set(json.loads((ROOT / "permalinks.json").read_text(encoding="utf-8"))["urls"])
    arabic = {"/ar/" + name.removesuffix("index.html") for name in pages(built, True)}
    assert arabic - urls == set()


# --- dates and search folding ------------------------------------------------------------------------------


@pytest.mark.parametrize("written, english, arabic", [
    ("2025-09-07", "7 September 2025", "7 سبتمبر/أيلول 2025"),
    ("2024-09", "September 2024", "سبتمبر/أيلول 2024"),
    ("2024-Q3", "Q3 2024", "الربع الثالث من 2024"),
    ("2026", "2026", "2026"),
])
def test_dates_are_gregorian_with_western_digits_in_both_editions(written: str, english: str, arabic: str) -> None:
    from site_builder.dates import parse_date

    date = parse_date(written)
    assert load_edition("en", [PACKAGE_TEMPLATES]).date(date) == english
    assert load_edition("ar", [PACKAGE_TEMPLATES]).date(date) == arabic


def test_the_index_holds_the_folded_form_of_each_arabic_word_that_folding_changes() -> None:
    from site_builder.searchfold import folded_words

    text = "<p>أعلنت «المُهِمَّة» العسكرية، في موعد أقصاه على <code>x</code> 2025 بغداد.</p>"
    assert folded_words(text).split() == sorted(["اعلنت", "المهمه", "العسكريه", "اقصاه", "علي"])


def test_the_index_written_page_by_page_is_the_themes_index_folded(tmp_path: Path) -> None:
    # Each page's search entries are taken from the theme's index as the page is built and the index is written
    # from them: it must be the index the theme writes itself, with the folded field added to it afterwards.
    import json

    from site_builder import searchfold
    from site_builder.searchfold import FIELD, INDEX, PageEntries, folded_words

    taken = _build(MINI, tmp_path / "taken")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PageEntries, "of", classmethod(lambda cls, search, spool: None))
        rewritten = _build(MINI, tmp_path / "rewritten")
    for index in (INDEX, f"ar/{INDEX}"):
        assert (taken / index).read_bytes() == (rewritten / index).read_bytes(), index
        built = json.loads((taken / index).read_text(encoding="utf-8"))
        assert built["config"]["fields"][FIELD] == {"boost": 1.0}
        assert {doc["location"].partition("#")[0] for doc in built["docs"]} >= {"", "claims/", "actors/"}
        for doc in built["docs"]:
            assert doc.get(FIELD, "") == folded_words(f"{doc['title']} {doc['text']}"), doc["location"]
    arabic = json.loads((taken / "ar" / INDEX).read_text(encoding="utf-8"))["docs"]
    assert sum(FIELD in doc for doc in arabic) > len(arabic) / 2
    assert searchfold.fold_index(tmp_path) is False  # no index there


def test_the_files_both_editions_link_to_are_known_before_they_are_made(tmp_path: Path) -> None:
    # The Arabic edition is forked before the English build makes its feeds, open data and share cards: the
    # paths it links to must be those that build then publishes.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from site_builder import forked
    from site_builder.plugin import FactCheckPlugin

    config = load_config(config_file=str(MINI / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = next(p for p in config.plugins.values() if isinstance(p, FactCheckPlugin))
    assert plugin.config.cards
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(AS_OF_EPOCH))
        patch.setattr(forked, "can_fork", lambda: False)
        build(config)
    published = [src_uri for src_uri in plugin.extras if not src_uri.endswith(".html")]
    assert any(src_uri.endswith(".png") for src_uri in published) and "api/claims.json" in published
    assert plugin.shared == published
