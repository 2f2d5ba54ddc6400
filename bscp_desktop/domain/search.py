"""What a person typed into the search box, as the words to look for. Pure Python.

People type questions ("When did we last discuss neglect?") as often as keywords. The words
that carry no meaning of their own (when, did, we, last, discuss, the ...) are dropped, unless
nothing would be left; every remaining word must appear, as a whole word or the start of one
("neglect" finds "neglected" and "neglectful", and each letter typed of "safeguarding" finds it;
no other form of the word: "news" does not find "new"). A word of one or two letters must
appear whole ("b" finds "B", not every word starting with b), which also keeps a short word
quick over a large index.

Cases and plans are named by a word and a letter ("Child A", "Plan B"), so a single letter
straight after a word that means something is looked for with that word, as a phrase: "Child A"
finds the case, not every record mentioning a child. The letters "a" and "I" are also words
of a sentence ("did we agree a plan", "the report I wrote"), so they join the word before only
when they end what was typed or a part of it ("Child A", "child a, child b") or, for A, when
typed as a capital ("Child A review"). Words in double quotes ("Child A", "graded care
profile") are looked for together, in that order, small words included, and so are words joined
with no space by "&", "-", "/", "_" or "." ("A&E", a case reference "BSCP-2024-01", a date
"14/03/2024": the other cases of 2024 are not found, nor other dates in March). A date typed
in another form the program reads ("21/3/2024", "27/06/24", "2024-03-21", "21.03.2024",
"01-Apr-24") is looked for as the program writes it, 21/03/2024 (`typed_date`); a day that is
no date ("31/02/2024") stays the words typed. Nothing else typed becomes query syntax: brackets,
AND/OR/NOT and asterisks are just characters.

A term is one word, or several words separated by a space (a phrase); within a phrase each
word follows the rule of a single word (the start of a word, or a whole word of one or two
letters). At most the first twelve terms are looked for (`MAX_TERMS`); a search names the others
(`terms_not_searched`), so a record found is never taken to hold a word that was not looked for.

Accents and the case of letters do not matter: "Jose" finds "José", "Strauss" finds "Strauß"
and "Lukasz" finds "Łukasz"; nor do the invisible characters that only shape how text is shown
(a soft hyphen in "safe\u00adguarding" pasted from a document is still the word safeguarding).
A word is a run of letters, digits and combining marks: the vowel signs and viramas of Hindi,
Gujarati or Tamil are part of it and kept ("प्रिया" finds "प्रिया शर्मा", "प्रि" finds it too), where
the accents on Latin letters fold away.
`fold` is that rule, applied alike to what is searched and to what
was typed (`db/search.py` folds the text it indexes or reads, and the words looked for).

Chinese and Japanese are written without spaces, and Korean joins its endings to a word: each
Chinese character, kana or Korean syllable is a word of its own where text is searched
(`apart`, `searched_terms`), so "高中" finds "金斯伯里高中" as a phrase of the characters one
after another, wherever they stand in the run.

This is the one place where typed text becomes a full-text query: the search of what was said
(`db/search.py`) and the change log's search both use it, and each list's own search box reads
what was typed by the same rule (`finds_every_term`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date

from bscp_desktop.domain.dates import _MONTHS as MONTH_NAMES  # English whatever the machine's language
from bscp_desktop.domain.dates import format_date, parse_date_as_typed

MAX_TERMS = 12
WHOLE_WORD_BELOW = 3  # terms shorter than this match whole words only

#: Where Unicode has its combining marks and format characters (the planes of today's scripts and
#: of format tags; the others hold only ideographs and private letters).
_PLANES = (range(0x20000), range(0xE0000, 0xE1000))


def _characters_of(kinds: tuple[str, ...]) -> list[str]:
    """Every character of these Unicode categories ("Mn", "Cf"), by category."""
    found: dict[str, list[str]] = {kind: [] for kind in kinds}
    for number in (n for plane in _PLANES for n in plane):
        kind = unicodedata.category(chr(number))
        if kind in found:
            found[kind].append(chr(number))
    return ["".join(found[kind]) for kind in kinds]


def _char_class(characters: str) -> str:
    """`characters` as the inside of a regular expression's [...], in ranges."""
    ranges: list[list[int]] = []
    for number in sorted(map(ord, characters)):
        if ranges and number == ranges[-1][1] + 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    return "".join(re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in ranges)


_MARKS, _SPACING_MARKS, _FORMAT_CHARACTERS = _characters_of(("Mn", "Mc", "Cf"))
_BEYOND_BMP = 0x10000
#: A combining mark (Unicode's categories Mn and Mc); one beyond the first 65,536 characters is
#: looked for only after a quick look at whether the character is one of those (it is rare).
_MARK = "(?:[{}]|(?=[\U00010000-\U0010ffff])[{}])".format(
    *(_char_class("".join(c for c in _MARKS + _SPACING_MARKS if (ord(c) >= _BEYOND_BMP) == beyond))
      for beyond in (False, True)))
#: A character of a word: a letter or a digit, or a combining mark. The vowel signs and viramas
#: of Hindi, Gujarati or Tamil are part of the word they are written in: "प्रिया" is one word,
#: not the letters प, र and य.
_CHAR = f"(?:[^\\W_]|{_MARK})"
#: Characters of a word one after another (read a run of letters at a time: quick where a text
#: has no marks). Each turn after the first run takes marks and then at least one letter, and the
#: marks at the end are taken once: a run of marks can be read in one way only, so a long one
#: (26 accents pasted after a letter) is read at once, not tried in 2**26 ways.
_RUN = f"{_CHAR}[^\\W_]*(?:{_MARK}+[^\\W_]+)*{_MARK}*"
_WORD = re.compile(f"{_RUN}(?:['’]{_RUN})*")
#: What joins words typed with no space into one name: "&" ("A&E", "Q&A"), a hyphen, a slash,
#: an underscore or a full stop (a case reference "BSCP-2024-01", a date "14/03/2024", "SCR_2023_01").
_JOINERS = "&/_.\\-\u2010\u2011"
#: Words joined with no space: one name, searched as a phrase (its words one after another).
_JOINED = re.compile(f"{_WORD.pattern}(?:[{_JOINERS}]{_WORD.pattern})+")
_TOKEN = re.compile(f"{_JOINED.pattern}|{_WORD.pattern}")
_POSSESSIVE = re.compile(f"(?<={_CHAR})['’]s$", re.IGNORECASE)
#: Three short numbers joined by a full stop or a hyphen ("3.2.11", "1-4-24") number a paragraph
#: or a version as often as they date a day: looked for as typed.
_NUMBERED = re.compile(r"\d{1,2}[.\-]\d{1,2}[.\-]\d{2}")

#: Where a Chinese character, a kana or a Korean syllable starts: CJK radicals, 々 〆 〇,
#: hiragana, katakana (half-width too), Korean letters and syllables, and the ideographs.
_CJK_STARTS = ("\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303c\u3041-\u3096\u309d-\u309f"
               "\u30a1-\u30fa\u30fc-\u30ff\u3131-\u318e\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
               "\uf900-\ufaff\uff66-\uff9d\uffa0-\uffdc\u1100-\u115f\ua960-\ua97f\uac00-\ud7a3"
               "\U00020000-\U0003134f")
#: What belongs to the character before it: a Korean syllable's vowel and final letters (a
#: syllable folded is its letters, `fold`) and the kana voicing marks.
_CJK_TAILS = "\u1160-\u11ff\ud7b0-\ud7ff\u3099\u309a\uff9e\uff9f"
#: One Chinese character, kana or Korean syllable, with what belongs to it: a word of its own.
_CJK_UNIT = re.compile(f"[{_CJK_STARTS}](?:[{_CJK_TAILS}]|{_MARK})*")

#: Words of a question or a sentence that say nothing about what to find.
STOP_WORDS = frozenset(
    """
    a about after again all also am an and any anything are as at be been before being both but by
    can could did do does doing done during each ever find for found from had has have having he her
    him his how i if in into is it its last latest me more most my no nor not of on once or other
    our out over own said same say says she should show so some such talk talked talking tell than
    that the their them then there these they this those through to too under until up us very was
    we were what when where which while who whom why will with would you your discuss discussed
    discussing discussion discussions mention mentioned mentions meeting meetings recently time
    times
    """.split()
)


_QUOTED = re.compile(r'["\u201c\u201d]([^"\u201c\u201d]*)["\u201c\u201d]')
#: Letters that are also words of a sentence: a name's letter only at the end of a part, or as a capital A.
_LETTER_WORDS = {"a": "A", "i": None}


#: Letters that are not a plain letter with an accent (no decomposition), folded by hand.
_LETTERS = {"ł": "l", "đ": "d", "ð": "d", "ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ħ": "h", "\u2019": "'"}
#: Unicode's format characters (category Cf: a soft hyphen, a zero-width joiner or non-joiner, a
#: direction mark, a byte order mark) are not part of a word's letters and are left out, so the
#: word is whole; the zero-width space is the one that separates words (as Unicode's word
#: boundaries have it), read as a space.
_WORD_BREAK = "\u200b"
_WITHOUT_FORMAT = {**dict.fromkeys(map(ord, _FORMAT_CHARACTERS)), ord(_WORD_BREAK): " "}
#: Where Unicode keeps the marks that are accents on a letter that is whole without them: those
#: of Latin, Greek and Cyrillic letters (once decomposed: "é" is e and an acute accent), the vowel
#: points of Hebrew and Arabic, and the variation selectors. Other marks belong to the letters
#: of their script (a virama, a vowel sign: "प्रि" is not "पर") and are kept.
_ACCENT_BLOCKS = (range(0x0300, 0x0370), range(0x0400, 0x0530), range(0x0590, 0x0780), range(0x0860, 0x0900),
                  range(0x1AB0, 0x1B00), range(0x1DC0, 0x1E00), range(0x20D0, 0x2100), range(0xFB00, 0xFE30),
                  range(0xE0100, 0xE01F0))
_ACCENTS = "".join(c for c in _MARKS if any(ord(c) in block for block in _ACCENT_BLOCKS))
#: What `fold` does to a character once letters are decomposed: accents and format characters
#: left out, a zero-width space read as a space, letters without a decomposition folded by hand.
_FOLDED = {**_WITHOUT_FORMAT, **dict.fromkeys(map(ord, _ACCENTS)), **{ord(k): v for k, v in _LETTERS.items()}}


def without_format_characters(text: str) -> str:
    """`text` without Unicode's format characters (a zero-width space as a space): the words as
    they read ("safe\u00adguarding" -> "safeguarding")."""
    if text.isascii():
        return text
    return text.translate(_WITHOUT_FORMAT)


def fold(text: str) -> str:
    """`text` as searched: any case, without accents or format characters ("Łukasz Żółć" ->
    "lukasz zolc", "Strauß" -> "strauss", "İbrahim" -> "ibrahim", "safe\u00adguarding" ->
    "safeguarding"); the marks that are part of a letter stay ("प्रिया" is kept as it is)."""
    text = str(text or "")
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_FOLDED)


def folded_terms(terms: list[str]) -> list[str]:
    """Terms (from `search_terms`) folded as the text they are looked for in (`fold`)."""
    result = []
    for term in terms:
        words = [w for word in term.split(" ") for w in _WORD.findall(fold(word))]
        if words:
            result.append(" ".join(words))
    return list(dict.fromkeys(result))


def apart(text: str) -> str:
    """`text` with each Chinese character, kana or Korean syllable a word of its own (spaces
    around it): "金斯伯里高中" -> " 金  斯  伯  里  高  中 ". Other scripts are left as they are."""
    if text.isascii():
        return text
    return _CJK_UNIT.sub(r" \g<0> ", text)


def searched_terms(terms: list[str]) -> list[str]:
    """Terms (from `search_terms`) as the search of what was said looks for them: folded
    (`folded_terms`), each Chinese character, kana or Korean syllable a word (`apart`), so
    "高中" is the phrase 高 中."""
    result = (" ".join(apart(term).split()) for term in folded_terms(terms))
    return list(dict.fromkeys(term for term in result if term))


def typed_date(text: str) -> date | None:
    """The day a piece typed with no space names, as the program reads a date typed anywhere
    (`dates.parse_date_as_typed`: "21/3/2024", "27/06/24", "2024-03-21", "01-Apr-24"); None
    for anything else, a day that is no date ("31/02/2024"), or three short numbers joined by a
    full stop or a hyphen ("3.2.11": more often a paragraph's number)."""
    if not any(c.isdigit() for c in text) or _NUMBERED.fullmatch(text):
        return None
    try:
        return parse_date_as_typed(text)
    except ValueError:
        return None


def _fold(word: str) -> str:
    """A word as shown among the terms: in small letters, its accents kept ("Strauß")."""
    return word.lower().replace("\u2019", "'")


def _words(text: str) -> list[str]:
    return [_fold(w) for w in _WORD.findall(text)]


def _is_letter(word: str) -> bool:
    """A single letter (a name's: "Child A"); a Chinese character or a kana is a word."""
    return len(word) == 1 and word.isalpha() and not _CJK_UNIT.match(word)


def _names_a_letter(part: str, found: re.Match) -> bool:
    """Whether the single letter `found` (after a word) is a name's letter ("Child A")."""
    letter = found.group().casefold()
    if letter not in _LETTER_WORDS:
        return True
    ends_a_part = _WORD.match(part[found.end():].lstrip()) is None  # nothing, or punctuation, follows
    return ends_a_part or (_LETTER_WORDS[letter] is not None and found.group() == _LETTER_WORDS[letter])


def _unquoted_terms(part: str) -> list[tuple[str, bool]]:
    """(term, kept even if a small word) for text outside quotes: words, a word with the letter
    after it as a phrase ("Child A", "Child A's"), and words joined by "&" as a phrase ("A&E")."""
    terms: list[tuple[str, bool]] = []
    joinable = False  # the last term is a word of meaning, without a letter yet
    for found in _TOKEN.finditer(part):
        if _JOINED.fullmatch(found.group()):  # "A&E", "BSCP-2024-01": the name, not its words one by one
            joined = _POSSESSIVE.sub("", found.group())
            day = typed_date(joined)  # "21/3/2024" as the program writes it: 21/03/2024
            terms.append((" ".join(_words(format_date(day) if day else joined)), True))
            joinable = False
            continue
        word = _fold(_POSSESSIVE.sub("", found.group()))  # "Child A's" is Child A
        if joinable and _is_letter(word) and _names_a_letter(part, found):
            terms[-1] = (f"{terms[-1][0]} {word}", True)
            joinable = False
            continue
        terms.append((word, False))
        joinable = word not in STOP_WORDS and not _is_letter(word)
    return terms


def search_terms(text: str) -> list[str]:
    """The words and phrases to look for, in small letters, in the order typed, without repeats;
    letters composed as text is saved (`validation.clean_text`), so "Zoë" pasted as e and a
    diaeresis finds "Zoë"; format characters pasted with a word left out (`fold`). At most the
    first `MAX_TERMS`: the others are `terms_not_searched`, for the search to name."""
    return _every_term(text)[:MAX_TERMS]


def terms_not_searched(text: str) -> list[str]:
    """The words and phrases typed after the first `MAX_TERMS` (`search_terms`): not looked for."""
    return _every_term(text)[MAX_TERMS:]


def _every_term(text: str) -> list[str]:
    text = without_format_characters(unicodedata.normalize("NFC", str(text or "")))
    found: list[tuple[str, bool]] = []
    at = 0
    for quoted in _QUOTED.finditer(text):
        found += _unquoted_terms(text[at: quoted.start()])
        words = _words(quoted.group(1))
        if words:
            found.append((" ".join(words), True))
        at = quoted.end()
    found += _unquoted_terms(text[at:])
    unique = list(dict.fromkeys(term for term, _kept in found))
    kept = {term for term, keep in found if keep}
    meaningful = [t for t in unique if t in kept or t not in STOP_WORDS]
    return meaningful or unique


def whole_word(term: str) -> bool:
    """True for a word that must appear whole (one or two letters)."""
    return len(term) < WHOLE_WORD_BELOW


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"' + ("" if whole_word(word) else "*")


def fts5_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every term, each word as a quoted prefix ("neglect"*), or as a
    quoted whole word when it has one or two letters ("b"); the words of a phrase one straight
    after another ("child"* + "a")."""
    return " AND ".join(" + ".join(_quoted(word) for word in term.split(" ")) for term in terms)


def _starts(word: str, term: str) -> bool:
    return word == term if whole_word(term) else word.startswith(term)


def _has(words: list[str], term: str) -> bool:
    wanted = term.split(" ")
    last = len(words) - len(wanted)
    return any(all(_starts(words[at + n], w) for n, w in enumerate(wanted)) for at in range(last + 1))


def matches_text(terms: list[str], text: str) -> bool:
    """True when every term starts a word of `text` (is one, for a short term), the words of a
    phrase one after another, accents and case aside (`fold`): the plain-Python form of the same
    rule, for databases without a full-text index."""
    # "O'Brien" is the words O and Brien, as the full-text index reads it ("Brien" finds it)
    words = [w for found in _WORD.findall(apart(fold(text))) for w in found.split("'")]
    return all(_has(words, t.replace("'", " ")) for t in searched_terms(terms))


_GAP = f"(?:(?!{_CHAR})[\\W_])+"  # what separates the words of a phrase in the text (spaces, punctuation)
_REST = f"(?:{_RUN})?(?:['\u2019]{_RUN})*"  # the rest of a word whose start was typed


def _term_pattern(term: str) -> str:
    words = term.split(" ")
    parts = [re.escape(w) + (f"(?!{_CHAR})" if whole_word(w) else (_REST if n < len(words) - 1 else ""))
             for n, w in enumerate(words)]
    return _GAP.join(parts)


def _pattern(terms: list[str]) -> re.Pattern:
    """A term at the start of a word (a whole word, for a short term; a phrase's words one after
    another), in any case."""
    return re.compile(f"(?<!{_CHAR})(?:" + "|".join(_term_pattern(t) for t in terms) + ")", re.IGNORECASE)


def _at_a_word_start(term: str) -> re.Pattern:
    """`term` at the start of a word of a folded text (`_term_pattern`). Its first word is
    looked for first and what comes before it checked after, so the expression starts with
    plain letters, which Python finds quickly along a long text."""
    first = re.escape(term.split(" ")[0])
    return re.compile(f"{first}(?<!{_CHAR}{first})" + _term_pattern(term)[len(first):])


def finds_every_term(typed: str) -> Callable[[str], bool]:
    """A test of a text folded as searched (`fold`) for what was typed into a list's own search
    box, read as every search reads it (`search_terms`): every term, in any order, each word at
    the start of a word of the text (a whole word, for a short one), a phrase's words one after
    another ("Child B" is not the b of "BSCP", "BSCP-2024-01" is that reference). What has no
    word ("£", "(") is looked for as typed. Made once for what was typed, then asked of each row."""
    terms = searched_terms(search_terms(typed))
    if not terms:
        wanted = fold(typed).strip()
        return lambda text: wanted in text
    # the longest term rules out most rows first, and a look for its longest word (a plain
    # substring) before the regular expression: most rows of a long list are ruled out by that
    checks = [(max(term.split(" "), key=len), _at_a_word_start(term).search)
              for term in sorted(terms, key=len, reverse=True)]

    def finds(text: str) -> bool:
        text = apart(text)  # each Chinese character a word, as the index reads it
        return all(word in text and found(text) is not None for word, found in checks)

    return finds


def _folded_with_places(text: str) -> tuple[str, list[int]]:
    """`apart(fold(text))`, and for each of its characters the place in `text` it came from."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    pieces, places = [], []
    for at, character in enumerate(text):
        piece = fold(character)
        pieces.append(piece)
        places.extend([at] * len(piece))
    folded = "".join(pieces)
    if _CJK_UNIT.search(folded) is None:
        return folded, places
    pieces, apart_places, at = [], [], 0  # a space either side of each character, placed with it
    for unit in _CJK_UNIT.finditer(folded):
        start, end = unit.span()
        pieces += [folded[at:start], f" {unit.group()} "]
        apart_places += [*places[at:start], places[start], *places[start:end], places[end - 1]]
        at = end
    pieces.append(folded[at:])
    apart_places += places[at:]
    return "".join(pieces), apart_places


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where in `text` a term starts a word (accents and case aside), as (start, end) places."""
    terms = searched_terms(terms)
    if not terms:
        return []
    folded, places = _folded_with_places(text)
    return [(places[m.start()], places[m.end() - 1] + 1) for m in _pattern(terms).finditer(folded) if m.end() > m.start()]


def snippet(text: str, terms: list[str], words: int = 16) -> str | None:
    """A short passage of `text` around the first word a term starts, with every such word (every
    word of a phrase found) in [brackets] ("… partners raised [neglected] teeth in young children
    …"); None when no term starts a word of `text`."""
    text = str(text or "")
    spans = _spans(text, terms) if terms else []
    if not spans:
        return None
    tokens = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    at = len(text[: spans[0][0]].split())
    start = max(0, min(at - words // 3, len(tokens) - words))

    def found(begin: int, end: int) -> bool:
        return any(begin < s_end and s_begin < end for s_begin, s_end in spans)

    shown = [f"[{tok}]" if found(b, e) else tok for tok, b, e in tokens[start: start + words]]
    return ("… " if start > 0 else "") + " ".join(shown) + (" …" if start + words < len(tokens) else "")


def day_words(day: date) -> str:
    """A record's date as officers type it to find the record: "21/03/2024 March 2024"
    (`format_date`, then its month's name and year)."""
    return f"{format_date(day)} {MONTH_NAMES[day.month - 1]} {day.year}"


def opening(text: str, words: int = 16) -> str:
    """The first words of a text (for a record whose words found make no passage of one field)."""
    tokens = str(text or "").split()
    return " ".join(tokens[:words]) + (" …" if len(tokens) > words else "")
