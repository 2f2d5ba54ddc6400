"""The team's words in a built section, and the built draft beside them.

A built section's text starts as its built draft and is the team's to edit. A refresh puts the
new draft in place of text that is still the old draft (the same words with the same bold,
italic and bullets, however the editor wrapped its lines: `same_text`); the team's own words
(formatting added to the draft counts) are kept. When a refresh changes the draft of a section
whose words the team has edited, its words may no longer match its figures ("met 14 times"
above a table of 13 meetings): the section is flagged "words to check" (`WordsState`), and the
draft the team's words were last checked against is kept with its figures (`CHECKED_DRAFT`, in
the JSON of the section's figures, beside them). It stays flagged until the team edits its
words, takes the new draft, or keeps its words as they are; while it is, the report is not
marked final (`final.final_refusal`)."""

from __future__ import annotations

import enum
import json
from difflib import SequenceMatcher

from bscp_desktop.domain.validation import and_list
from bscp_desktop.domain.yearly_report import TextBullets, has_words, parse_text, plain_text

#: The key, in a section's kept figures, of the draft its words were last checked against:
#: there only while the section is flagged "words to check".
CHECKED_DRAFT = "words_checked_against"
#: How many words a change may have to be quoted in the note ("“met 14 times” is now “met 13 times”").
QUOTED_WORDS = 8


class WordsState(enum.StrEnum):
    """A built section's state in the checklist (`section_states`) beside `CheckState`'s: its
    figures changed on a refresh that kept the team's words, which may no longer match them."""

    TO_CHECK = "words-to-check"

    @property
    def label(self) -> str:
        return "Check your words, as the figures changed on refresh"


def _shape(text: str | None) -> tuple:
    """What a text prints: its paragraphs and bullets, each word with its bold and italic,
    however its lines were wrapped or its characters escaped."""
    shape = []
    for block in parse_text(text):
        bullet = isinstance(block, TextBullets)
        for runs in (block.items if bullet else (block.runs,)):  # type: ignore[union-attr]
            words: list[tuple] = []
            word: list[tuple[str, bool, bool]] = []
            for run in runs:
                for c in run.text:
                    if c.isspace():
                        if word:
                            words.append(tuple(word))
                            word = []
                    else:
                        word.append((c, run.bold, run.italic))
            if word:
                words.append(tuple(word))
            if words:
                shape.append((bullet, tuple(words)))
    return tuple(shape)


def same_text(text: str | None, other: str | None) -> bool:
    """Whether two texts print the same: the same words, bold, italic and bullets."""
    return _shape(text) == _shape(other)


def text_with(text: str | None, old_draft: str | None, draft: str) -> str:
    """A built section's text with a new draft: the new draft where the text is empty or still
    the old draft (`same_text`: the editor's re-wrapping is not the team's); the team's own words,
    bold added to the draft among them, are never replaced."""
    if not has_words(text) or same_text(text, old_draft):
        return draft
    return text or ""


def after_refresh(text: str, kept_draft: str, checked: str | None, draft: str) -> tuple[str, str | None]:
    """A built section's text once a refresh builds `draft`, and the draft its words are then to
    be checked against (None: nothing to check). `kept_draft` is the draft built before, and
    `checked` the draft the team's words were last checked against while flagged (None when not).
    Text still the draft takes the new one; the team's words are kept, flagged when the draft
    they were last checked against (`checked`, else the draft built before) is not the new one,
    unless they already read as the new draft."""
    if checked is None and text_with(text, kept_draft, draft) == draft:
        return draft, None
    if not has_words(text):
        return draft, None
    seen = kept_draft if checked is None else checked
    if same_text(text, draft) or same_text(seen, draft):
        return text, None
    return text, seen


def checked_draft(data: str | None) -> str | None:
    """The draft a section's words were last checked against, while it is flagged "words to
    check" (None when it is not, or its kept figures cannot be read)."""
    try:
        held = json.loads(data) if data else {}
    except ValueError:
        return None
    value = held.get(CHECKED_DRAFT) if isinstance(held, dict) else None
    return value if isinstance(value, str) else None


def checked(data: str) -> str:
    """A section's kept figures (JSON) with its flag "words to check" taken off."""
    held = json.loads(data)
    held.pop(CHECKED_DRAFT, None)
    return json.dumps(held, ensure_ascii=False)


def _quoted(words: list[str]) -> str:
    return "“" + " ".join(words).strip(",;:") + "”"


def what_changed(before: str, draft: str) -> str:
    """Why a section is flagged "words to check", in a sentence: its draft changed on refresh, and
    how when that is simple ("“met 14 times” is now “met 13 times”")."""
    if not has_words(before):
        return "The figures were built from the records after your words were written."
    old, new = plain_text(before).split(), plain_text(draft).split()
    changes = [op for op in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes() if op[0] != "equal"]
    said = []
    if len(changes) > 3 or any(max(i2 - i1, j2 - j1) > QUOTED_WORDS for _tag, i1, i2, j1, j2 in changes):
        return "The built draft changed on refresh, in several places."
    for tag, i1, i2, j1, j2 in changes:
        if tag == "replace":  # with a word either side, so a figure reads in its place
            i1, j1 = (i1 - 1, j1 - 1) if i1 and j1 else (i1, j1)
            i2, j2 = (i2 + 1, j2 + 1) if i2 < len(old) and j2 < len(new) else (i2, j2)
            said.append(f"{_quoted(old[i1:i2])} is now {_quoted(new[j1:j2])}")
        elif tag == "delete":
            said.append(f"{_quoted(old[i1:i2])} is no longer in it")
        else:
            said.append(f"it now has {_quoted(new[j1:j2])}")
    if not said:  # only how its lines were wrapped or its formatting
        return "The built draft changed on refresh."
    return f"The built draft changed on refresh: {and_list(said)}."
