"""The case review settings: deadline rules, local closure days, the themes list and the
reference prefix. `load_settings` reads them all; `save_settings` checks and stores them all in
one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.domain.case_review_clocks import ANCHOR_CHOICES, MET_BY_CHOICES
from bscp_desktop.domain.case_reviews import DEFAULT_REFERENCE_PREFIX, DEFAULT_THEMES, CaseKind, check_reference_prefix
from bscp_desktop.domain.dates import bank_holidays, date_range_problem, format_date, is_working_day, parse_date
from bscp_desktop.domain.deadlines import DEFAULT_RULES, DeadlineRule, DeadlineRuleError, rules_from_dict, rules_to_dict, with_fixed_rules
from bscp_desktop.domain.validation import ValidationError, clean_names, clean_text
from bscp_desktop.services.settings import CLOSURES_KEY, Opened, SettingPut, name_list_problem, put_settings_in, read_opened, setting_in
from bscp_desktop.services.training.settings import remark_late_cancellations

RULES_SETTING = "case_reviews.deadline_rules"
THEMES_SETTING = "case_reviews.themes"
PREFIX_SETTING = "case_reviews.reference_prefix"
CLOSURES_SETTING = CLOSURES_KEY  # read by every clock that counts working days (services/settings.py)
SETTING_KEYS = (RULES_SETTING, CLOSURES_SETTING, THEMES_SETTING, PREFIX_SETTING)

MAX_THEME_LENGTH = 100



@dataclass(frozen=True)
class ClosureDay:
    day: date
    reason: str = ""


@dataclass(frozen=True)
class CaseReviewSettings:
    rules: tuple[DeadlineRule, ...] = DEFAULT_RULES
    closures: tuple[ClosureDay, ...] = ()
    themes: tuple[str, ...] = DEFAULT_THEMES
    reference_prefix: str = DEFAULT_REFERENCE_PREFIX
    #: the settings as stored when these were read: a save from them is refused if someone
    #: else changed one since (services/settings.py); () checks nothing
    opened: Opened = field(default=(), compare=False, repr=False)

    @property
    def closure_dates(self) -> frozenset[date]:
        return frozenset(c.day for c in self.closures)


def _closures_from(value: Any) -> tuple[ClosureDay, ...]:
    days: dict[date, ClosureDay] = {}
    for item in value or []:
        if isinstance(item, str):
            item = {"date": item}
        try:
            day = parse_date(item.get("date", ""))
        except (ValueError, AttributeError):
            continue  # a hand-edited setting with a bad date is skipped, not fatal
        days[day] = ClosureDay(day, clean_text(item.get("reason", "")))
    return tuple(sorted(days.values(), key=lambda c: c.day))


def settings_in(session: Session) -> CaseReviewSettings:
    stored_rules = setting_in(session, RULES_SETTING, None)
    rules = DEFAULT_RULES if stored_rules is None else with_fixed_rules(rules_from_dict(stored_rules))
    themes = setting_in(session, THEMES_SETTING, None)
    return CaseReviewSettings(
        rules=rules,
        closures=_closures_from(setting_in(session, CLOSURES_SETTING, [])),
        themes=DEFAULT_THEMES if themes is None else tuple(clean_names(themes)),
        reference_prefix=setting_in(session, PREFIX_SETTING, DEFAULT_REFERENCE_PREFIX),
    )


def reference_prefix_in(session: Session) -> str:
    """The prefix of new case references (e.g. "CR"), inside the caller's unit of work."""
    return setting_in(session, PREFIX_SETTING, DEFAULT_REFERENCE_PREFIX)


def load_settings(db: Database) -> CaseReviewSettings:
    """The settings as the dialog shows them, with the stored texts they were read from."""
    with db.unit_of_work() as session:
        return read_opened(session, SETTING_KEYS, settings_in)


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


def save_settings(db: Database, new: CaseReviewSettings) -> CaseReviewSettings:
    """Check and store every case review setting in one transaction; refused (SettingsChanged)
    if someone else changed one of them after `new` was read (its `opened`)."""
    rules = with_fixed_rules(new.rules)  # requirements, not local choices: always as required
    errors = {f"rules.{k}": v for k, v in check_rules(rules).items()}
    themes = clean_names(new.themes)
    if problem := name_list_problem(themes, "theme", MAX_THEME_LENGTH):
        errors["themes"] = problem
    prefix = clean_text(new.reference_prefix)
    message = check_reference_prefix(prefix)
    if message:
        errors["reference_prefix"] = message
    closures: dict[date, ClosureDay] = {}
    for closure in new.closures:
        if not isinstance(closure.day, date):
            errors.setdefault("closures", "Every closure day needs a date")
            continue
        problem = date_range_problem(closure.day, "The closure day")
        if problem:
            errors.setdefault("closures", problem)
            continue
        if not is_working_day(closure.day):  # a weekend or bank holiday is no working day anyway
            why = bank_holidays(closure.day.year).get(closure.day) or f"a {closure.day:%A}"
            errors.setdefault("closures", f"{format_date(closure.day)} is {why}, not a working day anyway: a "
                                          "closure day is a weekday that is not a bank holiday")
            continue
        reason = clean_text(closure.reason)
        if len(reason) > 200:
            errors.setdefault("closures", f"The reason for {format_date(closure.day)} is too long (at most 200 characters)")
        closures[closure.day] = ClosureDay(closure.day, reason)
    if errors:
        raise ValidationError(errors)
    with db.unit_of_work() as session:
        # a setting saved for the first time changes from the default in force until then
        put_settings_in(session, [
            SettingPut(RULES_SETTING, rules_to_dict(rules), "rules", "Deadline rules",
                       default=rules_to_dict(DEFAULT_RULES), sort_keys=False),
            SettingPut(THEMES_SETTING, themes, "themes", "Themes", default=list(DEFAULT_THEMES), sort_keys=False),
            SettingPut(PREFIX_SETTING, prefix, "reference_prefix", "Reference prefix",
                       default=DEFAULT_REFERENCE_PREFIX, sort_keys=False),
            SettingPut(CLOSURES_SETTING, [{"date": c.day.isoformat(), "reason": c.reason}
                                          for c in sorted(closures.values(), key=lambda c: c.day)],
                       "closures", "Local closure days", sort_keys=False, when_unset=[]),
        ], new.opened)
        # the closure days are not working days for Training's notice either: its cancellations
        # are counted again against them
        remark_late_cancellations(session)
        return read_opened(session, SETTING_KEYS, settings_in)

