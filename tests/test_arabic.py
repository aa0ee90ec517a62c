"""Arabic normalisation, locating quotes in paragraphs, and finding the closest paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.arabic import closest, locate, normalise, normalise_indexed

MINI_SEEDS = Path(__file__).resolve().parent / "fixtures" / "mini" / "seeds"
SEED_003 = (MINI_SEEDS / "003_57f495dec0a2a805.txt").read_text(encoding="utf-8").split("\n")
SEED_004 = (MINI_SEEDS / "004_3bf5a12c46793145.txt").read_text(encoding="utf-8").split("\n")


# --- normalise -------------------------------------------------------------------------------------


@pytest.mark.parametrize("written, normal", [
    # diacritics: fatha, damma, kasra, shadda, sukun, tanween, superscript alef
    ("ستُنقَل", "ستنقل"),
    ("فعّالة", "فعاله"),
    ("عسكريًّا", "عسكريا"),
    ("رسمياً", "رسميا"),
    ("مْ", "م"),
    ("هٰذا", "هذا"),
    # tatweel
    ("العـــراق", "العراق"),
    # alef and hamza forms
    ("أعلن", "اعلن"),
    ("إقليم", "اقليم"),
    ("آخر", "اخر"),
    ("ٱلله", "الله"),
    ("مؤتمر", "موتمر"),
    ("رئيس", "رييس"),
    ("جزء", "جزء"),  # a lone hamza stays
    # alef maqsura and ta marbuta
    ("على", "علي"),
    ("الحكومة", "الحكومه"),
    # Arabic-Indic and extended Arabic-Indic digits
    ("٠٧ - سبتمبر - ٢٠٢٥", "07 - سبتمبر - 2025"),
    ("۲۰۲۶", "2026"),
    # quote marks of every kind are dropped
    ('"داعش"', "داعش"),
    ("«داعش»", "داعش"),
    ("“داعش”", "داعش"),
    ("‘x’ 'y' „z` ", "x y z"),
    # white space: runs become one space, ends are trimmed, no-break space and tabs count
    ("  بغداد \t\n والأنبار\u00a0 ", "بغداد والانبار"),
    # invisible direction and joiner marks are dropped
    ("\u200fبغداد\u200e \u200dو\u2067x\u2069", "بغداد وx"),
    # what is not forgiven: punctuation and Latin case
    ("سبتمبر/أيلول، 2024.", "سبتمبر/ايلول، 2024."),
    ("NATO", "NATO"),
])
def test_normalise(written: str, normal: str) -> None:
    assert normalise(written) == normal


def test_normalise_is_idempotent_on_the_seeds() -> None:
    for line in SEED_003 + SEED_004:
        once = normalise(line)
        assert normalise(once) == once


def test_normalise_indexed_agrees_with_normalise() -> None:
    for line in SEED_003 + SEED_004 + ["  «ستُنقَلُ»\u00a0 العـــراق  ", "", "   "]:
        indexed = normalise_indexed(line)
        assert indexed.text == normalise(line)
        assert len(indexed.offsets) == len(indexed.text)
        assert list(indexed.offsets) == sorted(set(indexed.offsets))


# --- locate ----------------------------------------------------------------------------------------


def test_locate_exact_quote_slices_the_original() -> None:
    paragraph = SEED_004[13]  # line 14
    quote = "مهام التحالف الدولي في بغداد والأنبار ستنتهي في سبتمبر الحالي"
    start, end = locate(quote, paragraph)
    assert paragraph[start:end] == quote


@pytest.mark.parametrize("quote, original", [
    # written without the diacritic the seed has
    ("ستنقل مهامهم عام 2026", "ستُنقل مهامهم عام 2026"),
    # written without hamza, with ى for ي and ه for ة
    ("اعلن المستشار الامني لرييس الوزراء العراقي حسين علاوي", "أعلن المستشار الأمني لرئيس الوزراء العراقي حسين علاوي"),
    ("الولايات المتحده", "الولايات المتحدة"),
    # with other quote marks than the seed's
    ("«داعش والقاعدة»", "داعش والقاعدة"),
    # with extra white space
    ("قاعدة   عين\nالأسد", "قاعدة عين الأسد"),
])
def test_locate_forgiving_quote_slices_the_seed_text(quote: str, original: str) -> None:
    paragraph = next(line for line in SEED_004 if original in line)
    start, end = locate(quote, paragraph)
    assert paragraph[start:end] == original


def test_locate_quote_with_tatweel_and_indic_digits() -> None:
    paragraph = "اضيف الخبر في يوم الأحد ٠٧ - سبتمبر - ٢٠٢٥ ١٢:٠٠ صباحاً"
    start, end = locate("الاحـــد 07 - سبتمبر - 2025", paragraph)
    assert paragraph[start:end] == "الأحد ٠٧ - سبتمبر - ٢٠٢٥"


def test_locate_every_fixture_quote_slices_its_paragraph() -> None:
    """The quotes of the mini project, found where the resolver finds them."""
    from site_builder.project import load_site

    site = load_site(MINI_SEEDS.parent)
    quotes = [q for claim in site.claims.values()
              for q in claim.appearances + claim.evidence + [e for step in claim.history for e in step.evidence]]
    assert len(quotes) == 11
    for quote in quotes:
        start, end = quote.span
        found = quote.paragraph.text[start:end]
        assert normalise(found) == normalise(quote.data.quote)
        assert found in quote.data.quote  # the fixture quotes are exact copies of the seed
        assert quote.before + found + quote.after == quote.paragraph.text
    exact = [q for q in quotes if not q.data.quote.endswith('"')]
    assert len(exact) == 10
    assert all(q.paragraph.text[q.span[0]:q.span[1]] == q.data.quote for q in exact)


def test_locate_returns_the_first_occurrence() -> None:
    paragraph = "قال علاوي إن الحكومة قال علاوي"
    assert locate("قال علاوي", paragraph) == (0, 9)


@pytest.mark.parametrize("quote", [
    # one word changed
    "مهام التحالف الدولي في بغداد والأنبار ستنتهي في أكتوبر الحالي",
    # one word added
    "مهام التحالف الدولي في بغداد ونينوى والأنبار ستنتهي",
    # one word missing
    "مهام التحالف في بغداد والأنبار ستنتهي",
    # two words swapped
    "مهام التحالف الدولي في الأنبار وبغداد ستنتهي",
    # a letter changed inside a word
    "مهام التحالف الدولي في بغداد والأنبار ستبتهي",
    # punctuation is not forgiven: the seed has the Arabic comma
    "وقال علاوي, في تصريح",
])
def test_locate_altered_quote_is_not_found(quote: str) -> None:
    assert locate(quote, SEED_004[13] + SEED_004[9]) is None


def test_locate_empty_quote_is_not_found() -> None:
    assert locate("", SEED_004[7]) is None
    assert locate(" «» ", SEED_004[7]) is None


def test_locate_quote_across_two_paragraphs_is_not_found() -> None:
    tail_of_8 = "من تمدد تنظيمي \"داعش والقاعدة\" في المنطقة."
    head_of_10 = "وقال علاوي، في تصريح"
    assert locate(tail_of_8, SEED_004[7]) is not None
    assert locate(tail_of_8 + " " + head_of_10, SEED_004[7]) is None
    assert locate(tail_of_8 + " " + head_of_10, SEED_004[9]) is None


@pytest.mark.parametrize("quote, paragraph", [
    ("المستشارين ستُنقَلُ", "كما أن المستشارين ستُنقَلُ مهامهم عام ٢٠٢٦."),
    (('إلى أن "القوات الأميركية ستبدأ بعد الانتخابات الأميركية المقررة في نوفمبر المقبل، مغادرة قاعدة عين الأسد الجوية '
     'في غرب العراق، ومن مطار بغداد الدولي، لكي تنتقل إلى قاعدة حرير الجوية في أربيل بإقليم كردستان شمال العراق"'),
     SEED_003[10]),
], ids=["final-damma", "closing-quote-mark"])
def test_locate_span_keeps_the_quote_s_last_character(quote: str, paragraph: str) -> None:
    assert quote in paragraph
    start, end = locate(quote, paragraph)
    assert paragraph[start:end] == quote


def test_locate_does_not_match_part_of_a_word() -> None:
    paragraph = SEED_003[11]  # "قال مسؤولون أميركيون، إن واشنطن ..."
    assert paragraph.startswith("قال مسؤولون أميركيون")
    assert locate("قال مسؤول", paragraph) is None


# --- closest ---------------------------------------------------------------------------------------


def test_closest_finds_the_right_paragraph() -> None:
    article = [line for line in SEED_004[5:20] if line.strip()]
    quote = "وكشف علاوي أن مهام التحالف الدولي في بغداد والموصل ستنتهي في سبتمبر الحالي"
    index, stretch, difference = closest(quote, article)
    assert article[index] == SEED_004[13]
    assert difference == "the quote has «والموصل» where the seed has «والأنبار»"
    assert stretch.startswith('وكشف علاوي أن "مهام التحالف الدولي في بغداد والأنبار ستنتهي')
    assert stretch in SEED_004[13]


def test_closest_finds_the_paragraph_of_a_quote_from_the_other_seed() -> None:
    passages = [line for line in SEED_003[1:15] if line.strip()]
    quote = "القوات الأميركية ستبدأ بعد الانتخابات الأميركية المقررة في ديسمبر المقبل، مغادرة قاعدة عين الأسد"
    index, _, difference = closest(quote, passages)
    assert passages[index] == SEED_003[10]
    assert difference == "the quote has «ديسمبر» where the seed has «نوفمبر»"


def test_closest_reports_a_missing_word_as_a_difference() -> None:
    index, _, difference = closest("أعلن المستشار الأمني حسين علاوي", [SEED_004[7]])
    assert index == 0
    assert difference == "the quote has «حسين» where the seed has «لرئيس»"


def test_closest_gives_up_on_unrelated_text() -> None:
    assert closest("نادي النصر يفوز بالدوري", [SEED_004[7], SEED_004[9]]) is None
    assert closest("anything", []) is None
