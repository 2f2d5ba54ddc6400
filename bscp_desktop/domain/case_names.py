"""Real names where only an alias belongs: the words of a text written like a person's name,
and the gentle warnings the case and audit forms give. Pure Python; never a refusal. Kept apart
from `case_reviews`, which imports every name here for the modules that use it from there.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

#: Words an alias is made of ("Child A", "Baby B", "Sibling group C"); they never make text
#: look like a real name.
ALIAS_WORDS = frozenset(
    "child children baby infant sibling siblings young person people family families boy girl "
    "teenager adult mother father sister brother parent carer case group twin twins".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


#: Words in capitals that are never a surname, even beside a capitalised word: abbreviations
#: common in this work ("NHS", "CAMHS", "LADO") and words written in capitals for emphasis
#: ("NOT", "URGENT"), or a compass point ("Sufra NW London"). The organisations' short names on
#: record are not either (`abbreviations`).
NOT_SURNAMES = frozenset(
    """
    nhs icb ccg bscp lscp lscb lcspr cspr scr sin mash camhs gp gps lado send sen senco ehcp ehc ehcna
    cin cp cpp lac cla dsl ddsl marac mappa cce cse csa adhd asd plo icpc rcpc tac taf eha fgc pcc iro sw hv
    ed ae uk dfe ofsted hmicfrs cqc hmip jtai csc met mps bcu btp cid cait sio dv dva da idva isva fgm fii aht
    sudi sudc cdop cdr nicu picu scbu icu mri ct ent hsb yot yos yjs nrpf uasc pru ap dwp asb caf neet pshe rse
    mp kc qc cps pcso dc ds di dci pc oic nspcc icon sab sar dhr nps crc hmp yoi stc nfa ot salt cmht amhp mh
    pals asc ld sld pmld ssd msp cafcass las nwl clch cnwl lnwuht lbb vcs ngo ceo ceop iicsa dbs id dob nhi
    ni tv am pm tbc tba nb na ok aka re cc bcc fao asap eta faq cyp yp nw ne se
    not no nor never none all any and or the of to in on at by for with but if is was are were be been also
    only must should will would could did does do has had have yes each every both after before please now
    today stop urgent important note warning update action actions background summary outcome decision
    recommendation recommendations learning risk high low medium new draft final confidential official
    sensitive restricted private part section appendix
    """.split()
)


def _capitalised(word: str) -> bool:
    """A capital letter then at least one small letter, not a word aliases are made of."""
    return word[0].isupper() and any(ch.islower() for ch in word[1:]) and word.casefold() not in ALIAS_WORDS


def _name_parts(text: str, abbreviations: Collection[str] = ()) -> list[tuple[re.Match[str], bool]]:
    """Every word of ``text`` and whether it is written like part of a name: capitalised
    ("Mary", "O'Brien"), or in capitals beside a capitalised word that is no service word
    ("Mary SMITH", "SMITH, Mary", "Jayden O'BRIEN"), unless a known abbreviation or emphasis."""
    source = str(text or "")
    words = list(_WORD.finditer(source))
    result = []
    for i, match in enumerate(words):
        word = match.group(0)
        if _capitalised(word):
            result.append((match, True))
            continue
        folded = word.casefold()
        code = source[match.end(): match.end() + 1].isdigit() or source[max(match.start() - 1, 0): match.start()].isdigit()
        capitals = len(word) >= 2 and not any(ch.islower() for ch in word) and not code  # not "NW10", "0FJ"
        if not capitals or any(folded in words for words in (NOT_SURNAMES, SERVICE_WORDS, ALIAS_WORDS, abbreviations)):
            result.append((match, False))
            continue
        before = words[i - 1] if i else None
        after = words[i + 1] if i + 1 < len(words) else None
        beside = (before is not None and not source[before.end():match.start()].strip()
                  and _person_word(before.group(0))) or \
                 (after is not None and source[match.end():after.start()].strip() in ("", ",")
                  and _person_word(after.group(0)))
        result.append((match, bool(beside)))
    return result


def _person_word(word: str) -> bool:
    return _capitalised(word) and word.casefold() not in SERVICE_WORDS


def name_like_words(text: str, abbreviations: Collection[str] = ()) -> list[str]:
    """The words of ``text`` written like parts of a name: a capital letter then at least one
    small letter ("Mary", "O'Brien", "McDonald", "Żaneta"), leaving out the words aliases are
    made of (Child, Baby, Sibling, ...), or a surname in capitals beside one ("Mary SMITH",
    "SMITH, Mary"). Single letters ("A") and abbreviations ("LAC", "NHS", and the casefolded
    ``abbreviations``, such as the organisations' short names) are not."""
    return [match.group(0) for match, part in _name_parts(text, abbreviations) if part]


def looks_like_a_name(text: str, abbreviations: Collection[str] = ()) -> bool:
    """True when ``text`` looks like a real person's name: two or more capitalised words
    ("Mary Smith", "Child Mary Smith", "Mary SMITH"), not an alias ("Child A", "Baby B",
    "Sibling group C"). Used to warn (never to refuse) wherever only an alias belongs."""
    return len(name_like_words(text, abbreviations)) >= 2


#: Capitalised words of services and places: two of them side by side are an organisation
#: ("Brent Council", "Social Care"), not a person.
SERVICE_WORDS = frozenset(
    """
    academy accident adult agency authority board borough care centre children's clinic college
    commissioner community council county court department designated early education emergency
    general health help hospital house housing hub integrated justice local london mental
    metropolitan midwifery multi national nhs office officer panel partnership police practice
    practitioner primary probation rapid review safeguarding school secondary secretary service
    services social state team trust unit university visitor youth england wales
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)


def names_in_text(text: str, abbreviations: Collection[str] = ()) -> list[str]:
    """Runs of two or more capitalised words side by side that look like a real person's name
    ("Mary Smith", "Ayesha Begum Khan", "Mary SMITH", "SMITH, Mary"), each once, in the order
    written; organisations and services ("Brent Council", "Children's Social Care") and the
    casefolded ``abbreviations`` are not counted."""
    found: list[str] = []
    run: list[re.Match[str]] = []
    source = str(text or "")

    def close() -> None:
        if len(run) >= 2:
            name = " ".join(source[run[0].start(): run[-1].end()].split())
            if name not in found:
                found.append(name)

    for match, part in _name_parts(source, abbreviations):
        word = match.group(0)
        is_name_word = part and word.casefold() not in SERVICE_WORDS
        gap = source[run[-1].end(): match.start()].strip() if run else ""
        surname_first = gap == "," and not any(ch.islower() for ch in run[-1].group(0))  # "SMITH, Mary"
        if is_name_word and (gap == "" or surname_first):
            run.append(match)
        else:
            close()
            run = [match] if is_name_word else []
    close()
    return found


def name_warnings(alias: str, texts: Mapping[str, str] | None = None, abbreviations: Collection[str] = ()) -> list[str]:
    """Gentle warnings where a real name may have been typed: an alias that looks like a name,
    or other text (by its label) that mentions what look like names. Never a refusal.
    ``abbreviations``: casefolded words in capitals that are no surname (organisations' short names)."""
    warnings = []
    if looks_like_a_name(alias, abbreviations):
        warnings.append(f"The alias '{alias.strip()}' looks like a real name, not an alias such as Child A")
    for label, value in (texts or {}).items():
        names = names_in_text(value, abbreviations)
        if names:
            shown = ", ".join(f"'{n}'" for n in names[:3]) + (" and others" if len(names) > 3 else "")
            like = "looks like a real name" if len(names) == 1 else "look like real names"
            warnings.append(f"The {label.lower()} mentions {shown}, which {like}")
    return warnings
