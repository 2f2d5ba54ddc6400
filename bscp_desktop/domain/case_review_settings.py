"""What the case review settings hold, and the one reader of each: the deadline rules, the
local closure days, the themes and the reference prefix, as their stored JSON holds them.

Each reader (`READERS`) returns the setting's value as the program uses it, or raises
`SettingUnreadable` saying what is wrong in words that follow "cannot be read: " (a value another
program left, such as a database browser). The services read every setting through them
(`services.case_review_settings`), using the setting's default with a warning naming it when one
cannot be read, and `check` names such a setting with the same words
(`db.stored_values.JSON_COLUMNS`, `setting_problem`). Pure Python.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bscp_desktop.domain.case_review_clocks import ANCHOR_CHOICES, MET_BY_CHOICES
from bscp_desktop.domain.case_reviews import CaseKind, check_reference_prefix
from bscp_desktop.domain.dates import parse_date
from bscp_desktop.domain.deadlines import DeadlineRule, DeadlineRuleError, rules_from_dict, rules_to_dict, with_fixed_rules
from bscp_desktop.domain.validation import clean_names, clean_text, reading_problem

RULES_SETTING = "case_reviews.deadline_rules"
THEMES_SETTING = "case_reviews.themes"
PREFIX_SETTING = "case_reviews.reference_prefix"
#: kept with the case review settings (which edit them) and read by every clock that counts
#: working days (`services.settings.CLOSURES_KEY` is the same name)
CLOSURES_SETTING = "closure_days"

#: How the settings dialog and the messages name each setting.
LABELS: dict[str, str] = {
    RULES_SETTING: "Deadline rules",
    CLOSURES_SETTING: "Local closure days",
    THEMES_SETTING: "Themes",
    PREFIX_SETTING: "Reference prefix",
}


class SettingUnreadable(ValueError):
    """A stored case review setting is not as the program keeps it: its words say the first
    thing wrong."""


@dataclass(frozen=True)
class ClosureDay:
    day: date
    reason: str = ""


def _shown(value: object) -> str:
    """A value read from the JSON as a message quotes it, cut short ("nothing" for JSON's null)."""
    if value is None:
        return "nothing"
    shown = f"'{value}'" if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=repr)
    return shown if len(shown) <= 30 else shown[:29] + "…"


def check_rules(rules: Sequence[DeadlineRule]) -> dict[str, str]:
    """{"<rule key>.<field>": message} for rules that cannot be used; {} when all are fine."""
    errors: dict[str, str] = {}
    keys = [r.key for r in rules]
    if not rules:
        errors["rules"] = "Keep at least one deadline rule"
    kinds = {k.value for k in CaseKind}
    for rule in rules:
        if keys.count(rule.key) > 1:
            errors.setdefault(f"{rule.key}.key", f"Two rules are called '{rule.key}'")
        for part in rule.anchor_parts:
            if not part.startswith("due:") and part not in ANCHOR_CHOICES:
                errors.setdefault(f"{rule.key}.anchor", f"'{part}' is not a date the case records")
        for kind in rule.applies_to:
            if kind not in kinds:
                errors.setdefault(f"{rule.key}.applies_to", f"'{kind}' is not a kind of case")
        if rule.met_by and rule.met_by not in MET_BY_CHOICES:
            errors.setdefault(f"{rule.key}.met_by", f"'{rule.met_by}' is not a stage of the case")
    if not errors:
        try:
            rules_from_dict(rules_to_dict(rules))
        except DeadlineRuleError as exc:
            errors[exc.field] = f"{exc.message[0].upper()}{exc.message[1:]}"
    return errors


def _rule_words(field: str, message: str) -> str:
    """A rule's problem as a sentence: 'the amount of the deadline rule 'x' must be ...'."""
    key, _, part = field.partition(".")
    if not part:
        return f"the deadline rule '{key}' {message}"
    return f"the {part.replace('_', ' ')} of the deadline rule '{key}' {message}"


def read_rules(held: Any) -> tuple[DeadlineRule, ...]:
    """The deadline rules in force from their stored form (`rules_to_dict`'s), every fixed rule
    as required (`with_fixed_rules`), checked as a save checks them (`check_rules`)."""
    if not isinstance(held, Mapping):
        raise SettingUnreadable(f"{_shown(held)} is not a set of deadline rules")
    try:
        rules = with_fixed_rules(rules_from_dict(held))
    except DeadlineRuleError as exc:
        raise SettingUnreadable(_rule_words(exc.field, exc.message)) from None
    except (TypeError, ValueError, AttributeError):
        raise SettingUnreadable("a deadline rule holds a value of the wrong kind") from None
    if errors := check_rules(rules):
        field, message = next(iter(errors.items()))
        raise SettingUnreadable(f"in the deadline rule '{field.partition('.')[0]}', {message[:1].lower()}{message[1:]}")
    return rules


def read_closures(held: Any) -> tuple[ClosureDay, ...]:
    """The local closure days, in date order: each kept as its date (text) or as {"date", and
    perhaps "reason"}; a day given twice is one day."""
    if not isinstance(held, list):
        raise SettingUnreadable(f"{_shown(held)} is not a list of closure days")
    days: dict[date, ClosureDay] = {}
    for number, item in enumerate(held, start=1):
        entry = {"date": item} if isinstance(item, str) else item
        if not isinstance(entry, Mapping):
            raise SettingUnreadable(f"closure day {number} is {_shown(item)}, not a date")
        text, reason = entry.get("date"), entry.get("reason", "")
        try:
            day = parse_date(text) if isinstance(text, str) else None
        except ValueError:
            day = None
        if day is None:
            raise SettingUnreadable(f"closure day {number} has {_shown(text)} as its date, not a date")
        if not isinstance(reason, str):
            raise SettingUnreadable(f"the reason for closure day {number} is {_shown(reason)}, not text")
        days[day] = ClosureDay(day, clean_text(reason))
    return tuple(sorted(days.values(), key=lambda c: c.day))


def read_themes(held: Any) -> tuple[str, ...]:
    """The themes offered for a case, as the list keeps them (`clean_names`): at least one."""
    if not isinstance(held, list):
        raise SettingUnreadable(f"{_shown(held)} is not a list of themes")
    for number, theme in enumerate(held, start=1):
        if not isinstance(theme, str):
            raise SettingUnreadable(f"theme {number} is {_shown(theme)}, not text")
    themes = tuple(clean_names(held))
    if not themes:
        raise SettingUnreadable("it holds no theme, where at least one is kept")
    return themes


def read_prefix(held: Any) -> str:
    """The prefix of new case references ("BSCP")."""
    if not isinstance(held, str) or check_reference_prefix(held):
        raise SettingUnreadable(f"{_shown(held)} is not a reference prefix: it must be 1 to 12 letters or digits, "
                                "starting with a letter")
    return held


#: The one reader of each case review setting, by its name.
READERS: dict[str, Callable[[Any], Any]] = {
    RULES_SETTING: read_rules,
    CLOSURES_SETTING: read_closures,
    THEMES_SETTING: read_themes,
    PREFIX_SETTING: read_prefix,
}


def setting_problem(key: str) -> Callable[[Any], str]:
    """What `check` asks of the setting `key`'s value: '' when its reader reads it, else why not."""
    return reading_problem(READERS[key], SettingUnreadable)


#: What each case review setting must hold inside its JSON, for `check` (`db.stored_values`).
INSIDE: Mapping[str, Callable[[Any], str]] = {key: setting_problem(key) for key in READERS}


def spoilt_words(key: str, why: str) -> str:
    """The warning the tab and the papers give for a setting that cannot be read: it names the
    setting, why, and how to set it again."""
    return (f"The case review setting '{LABELS[key]}' cannot be read ({why}), so the program's default is used: "
            "open Deadline rules and settings in the Case reviews tab and save to set it again.")
