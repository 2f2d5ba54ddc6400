"""The case review settings: deadline rules, local closure days, the themes list and the
reference prefix. `load_settings` reads them all; `save_settings` checks and stores them all in
one transaction, renaming on every case a theme renamed in the list (`rename_themes_in`).
`closure_days_problem` and `themes_problem` are its checks, which the settings dialog's Add
buttons use too.

Each setting is read by its one reader (`domain.case_review_settings.READERS`, which `check`
uses too). A setting that cannot be read (another program changed it) is read as its default,
and the settings say so (`warnings`, naming the setting and why, for the tab and the papers),
so every page and paper still works and the dialog opens on the defaults: saving it sets the
setting again."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db import versions
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Setting
from bscp_desktop.db.models.case_reviews import CaseReviewTheme
from bscp_desktop.db.stored_values import UnreadableValue, json_held
from bscp_desktop.domain import case_review_settings as stored
from bscp_desktop.domain.case_review_settings import ClosureDay, check_rules
from bscp_desktop.domain.case_reviews import DEFAULT_REFERENCE_PREFIX, DEFAULT_THEMES, check_reference_prefix, theme_separator_problem
from bscp_desktop.domain.case_summary import theme_key, theme_spelling
from bscp_desktop.domain.dates import bank_holidays, date_range_problem, format_date, is_working_day
from bscp_desktop.domain.deadlines import ADDED_RULES, DEFAULT_RULES, DeadlineRule, rules_to_store, with_fixed_rules
from bscp_desktop.domain.validation import ValidationError, and_list, clean_names, clean_text
from bscp_desktop.services.settings import CLOSURES_KEY, Opened, SettingPut, closure_dates_in, name_list_problem, put_settings_in, read_opened, refuse_changed_since
from bscp_desktop.services.training.settings import Remarked, remark_for_closures_in

log = logging.getLogger(__name__)

RULES_SETTING = stored.RULES_SETTING
THEMES_SETTING = stored.THEMES_SETTING
PREFIX_SETTING = stored.PREFIX_SETTING
CLOSURES_SETTING = CLOSURES_KEY  # read by every clock that counts working days (services/settings.py)
SETTING_KEYS = (RULES_SETTING, CLOSURES_SETTING, THEMES_SETTING, PREFIX_SETTING)

MAX_THEME_LENGTH = 100
MAX_CLOSURE_REASON_LENGTH = 200


@dataclass(frozen=True)
class CaseReviewSettings:
    rules: tuple[DeadlineRule, ...] = DEFAULT_RULES
    closures: tuple[ClosureDay, ...] = ()
    themes: tuple[str, ...] = DEFAULT_THEMES
    reference_prefix: str = DEFAULT_REFERENCE_PREFIX
    #: the settings as stored when these were read: a save from them is refused if someone
    #: else changed one since (services/settings.py); () checks nothing
    opened: Opened = field(default=(), compare=False, repr=False)
    #: returned by `save_settings`: how many cases had a theme renamed by the save
    cases_renamed: int = field(default=0, compare=False, repr=False)
    #: returned by `save_settings`: the training cancellations new closure days marked again
    remarked: Remarked = field(default=Remarked(), compare=False, repr=False)
    #: a sentence for each setting that could not be read, naming it and why: its default is used
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def closure_dates(self) -> frozenset[date]:
        return frozenset(c.day for c in self.closures)


def _setting(session: Session, key: str, default: Any) -> tuple[Any, str]:
    """The setting `key` as its reader reads it, and '' (`default` when it is not set); or
    `default` and a warning naming the setting and why, when it cannot be read."""
    row = session.get(Setting, key)
    if row is None:
        return default, ""
    try:  # read by the setting's reader on the way too (`stored_values.JSON_COLUMNS`), as `check` reads it
        return stored.READERS[key](json_held(row, "value")), ""
    except UnreadableValue as exc:
        log.warning("%s: this version cannot read it, so its default is used until it is set again", exc)
        return default, stored.spoilt_words(key, exc.bad.why)


def settings_in(session: Session) -> CaseReviewSettings:
    """Every case review setting, each read as its default where it cannot be read (`warnings` says which)."""
    rules, rules_warning = _setting(session, RULES_SETTING, DEFAULT_RULES)
    closures, closures_warning = _setting(session, CLOSURES_SETTING, ())
    themes, themes_warning = _setting(session, THEMES_SETTING, DEFAULT_THEMES)
    prefix, prefix_warning = _setting(session, PREFIX_SETTING, DEFAULT_REFERENCE_PREFIX)
    return CaseReviewSettings(
        rules=rules, closures=closures, themes=themes, reference_prefix=prefix,
        warnings=tuple(w for w in (rules_warning, closures_warning, themes_warning, prefix_warning) if w),
    )


def reference_prefix_in(session: Session) -> str:
    """The prefix of new case references (e.g. "CR"), inside the caller's unit of work."""
    return _setting(session, PREFIX_SETTING, DEFAULT_REFERENCE_PREFIX)[0]


def load_settings(db: Database) -> CaseReviewSettings:
    """The settings as the dialog shows them, with the stored texts they were read from."""
    with db.unit_of_work() as session:
        return read_opened(session, SETTING_KEYS, settings_in)


def closure_days_problem(closures: Iterable[ClosureDay]) -> str:
    """'' when every closure day can be kept; else one message naming every day that cannot
    (a weekend or bank holiday, a date out of range, a reason too long). `save_settings`
    checks with it, and so does the settings dialog's Add closure day, for the one day added."""
    no_date, out_of_range, not_working, long_reasons = False, [], [], []
    for closure in closures:
        day = closure.day
        if not isinstance(day, date):
            no_date = True
        elif problem := date_range_problem(day, "The closure day"):
            out_of_range.append(problem)
        elif not is_working_day(day):  # a weekend or bank holiday is no working day anyway
            not_working.append(f"{format_date(day)} is {bank_holidays(day.year).get(day) or f'a {day:%A}'}")
        elif len(clean_text(closure.reason)) > MAX_CLOSURE_REASON_LENGTH:
            long_reasons.append(format_date(day))
    parts = ["Every closure day needs a date"] if no_date else []
    parts += out_of_range
    if not_working:
        days = "a working day" if len(not_working) == 1 else "working days"
        parts.append(f"{and_list(not_working)}, not {days} anyway: a closure day is a weekday that is not a bank holiday")
    if long_reasons:
        which = "reason for" if len(long_reasons) == 1 else "reasons for"
        parts.append(f"The {which} {and_list(long_reasons)} {'is' if len(long_reasons) == 1 else 'are'} too long "
                     f"(at most {MAX_CLOSURE_REASON_LENGTH} characters)")
    return ". ".join(parts)


def themes_problem(themes: Sequence[str]) -> str:
    """'' for a themes list that can be kept; else why not (none kept, one too long, or one holding
    the semicolon that separates themes in the tracker: `theme_separator_problem`). `save_settings`
    checks with it, and so does the settings dialog as a theme is added or renamed."""
    names = clean_names(themes)
    return name_list_problem(names, "theme", MAX_THEME_LENGTH) or next(
        (problem for name in names if (problem := theme_separator_problem(name))), "")


def _renames(renamed: Mapping[str, str], themes: Sequence[str], errors: dict[str, str]) -> dict[str, str]:
    """{old theme, folded: new theme as the list spells it}, without a theme renamed to itself;
    a new name that is not in `themes` is refused in `errors`."""
    spelt, listed = theme_spelling(themes), {theme_key(t) for t in themes}
    renames: dict[str, str] = {}
    for old, new in renamed.items():
        old_text, new_text = " ".join(str(old).split()), spelt(new)
        if not old_text or old_text == new_text:
            continue
        if theme_key(new_text) not in listed:
            errors.setdefault("themes", f"'{old_text}' is renamed '{new_text}', which is not in the list of themes")
            continue
        renames[theme_key(old_text)] = new_text
    return renames


def _rename_on_case(session: Session, rows: list[CaseReviewTheme], renames: Mapping[str, str]) -> bool:
    """Give one case's theme rows their new names; a row whose new name the case holds already
    (ignoring capitals) goes. Whether any row changed."""
    renamed_first = sorted(rows, key=lambda r: theme_key(r.theme) not in renames)  # the new spelling wins
    wanted: dict[str, str] = {}
    for row in renamed_first:
        name = renames.get(theme_key(row.theme), row.theme)
        wanted.setdefault(theme_key(name), name)
    final = set(wanted.values())
    kept = {row.theme for row in rows if row.theme in final}  # a swap of two themes a case holds changes nothing
    spare = [row for row in rows if row.theme not in final]
    changed = []
    for name in (n for n in wanted.values() if n not in kept):  # a name no row holds: no clash as rows change
        row = next((r for r in spare if renames.get(theme_key(r.theme)) == name), spare[0])
        spare.remove(row)
        row.theme = name
        changed.append(row)
    for row in spare:
        session.delete(row)
        changed.append(row)
    for row in changed:
        versions.part_changed(session, row)  # a case dialog opened before is refused, not overwriting
    return bool(changed)


def rename_themes_in(session: Session, renames: Mapping[str, str]) -> int:
    """Rename themes on every case holding them, archived cases too, inside the caller's unit of
    work: `renames` is {old theme, folded (spaces and capitals aside): new name}, all at once
    (two themes may swap names). A case holding both the old and the new name keeps one. How
    many cases changed."""
    if not renames:
        return 0
    by_case: dict[int, list[CaseReviewTheme]] = defaultdict(list)
    for row in session.scalars(select(CaseReviewTheme).order_by(CaseReviewTheme.id)):
        by_case[row.case_review_id].append(row)
    return sum(
        _rename_on_case(session, rows, renames)
        for rows in by_case.values() if any(theme_key(r.theme) in renames for r in rows)
    )


def save_settings(db: Database, new: CaseReviewSettings, renamed: Mapping[str, str] | None = None,
                  today: date | None = None) -> CaseReviewSettings:
    """Check and store every case review setting in one transaction; refused (SettingsChanged)
    if someone else changed one of them after `new` was read (its `opened`). `renamed` is
    {old name: new name} of themes renamed in the list: each is renamed on every case holding it
    in the same transaction (`rename_themes_in`), and the settings returned say on how many
    cases (`cases_renamed`). New closure days mark Training's cancellations of this financial
    year on again, as a new notice does, and the settings returned say which (`remarked`)."""
    # requirements, not local choices: always as required; the set is saved knowing every rule added
    # since earlier versions, so one the officer removed stays removed
    rules = with_fixed_rules(new.rules, known=ADDED_RULES)
    errors = {f"rules.{k}": v for k, v in check_rules(rules).items()}
    themes = clean_names(new.themes)
    if problem := themes_problem(themes):
        errors["themes"] = problem
    renames = _renames(renamed or {}, themes, errors)
    prefix = clean_text(new.reference_prefix)
    message = check_reference_prefix(prefix)
    if message:
        errors["reference_prefix"] = message
    if problem := closure_days_problem(new.closures):
        errors["closures"] = problem
    if errors:
        raise ValidationError(errors)
    closures = {c.day: ClosureDay(c.day, clean_text(c.reason)) for c in new.closures}
    with db.unit_of_work() as session:
        # a setting saved for the first time changes from the default in force until then
        puts = [
            SettingPut(RULES_SETTING, rules_to_store(rules), "rules", stored.LABELS[RULES_SETTING],
                       default=rules_to_store(DEFAULT_RULES), sort_keys=False),
            SettingPut(THEMES_SETTING, themes, "themes", stored.LABELS[THEMES_SETTING], default=list(DEFAULT_THEMES),
                       sort_keys=False),
            SettingPut(PREFIX_SETTING, prefix, "reference_prefix", stored.LABELS[PREFIX_SETTING],
                       default=DEFAULT_REFERENCE_PREFIX, sort_keys=False),
            SettingPut(CLOSURES_SETTING, [{"date": c.day.isoformat(), "reason": c.reason}
                                          for c in sorted(closures.values(), key=lambda c: c.day)],
                       "closures", stored.LABELS[CLOSURES_SETTING], sort_keys=False, when_unset=[]),
        ]
        refuse_changed_since(session, new.opened, puts)  # before the closure days in force are read: the rows are held
        old_closures = closure_dates_in(session)
        put_settings_in(session, puts)
        cases_renamed = rename_themes_in(session, renames)
        # the closure days are not working days for Training's notice either: when they change,
        # the cancellations of this financial year on are counted again against them
        remarked = remark_for_closures_in(session, today) if closure_dates_in(session) != old_closures else Remarked()
        return replace(read_opened(session, SETTING_KEYS, settings_in), cases_renamed=cases_renamed, remarked=remarked)
