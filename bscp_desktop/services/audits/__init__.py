"""The Audits area: Section 11 self-assessments (`section11`) and multi-agency case audits
(`case_audits`). Settings shared by both (themes, the default question set, the reference
prefix) are here.

Commands each run in one unit of work and raise `ValidationError` naming the field; queries
return frozen DTOs. Actions raised by an agency or by an audit recommendation go into the
shared action log (`services.actions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Organisation
from bscp_desktop.domain.audits import DEFAULT_AUDIT_QUESTIONS, DEFAULT_AUDIT_THEMES
from bscp_desktop.domain.case_reviews import check_reference_prefix
from bscp_desktop.domain.section11 import clean_questions
from bscp_desktop.domain.validation import ValidationError, clean_names, clean_text
from bscp_desktop.services.settings import Opened, SettingPut, name_list_problem, put_settings_in, read_opened, setting_in

THEMES_SETTING = "audits.themes"
QUESTIONS_SETTING = "audits.questions"
PREFIX_SETTING = "audits.reference_prefix"
DEFAULT_PREFIX = "MAA"
SETTING_KEYS = (THEMES_SETTING, QUESTIONS_SETTING, PREFIX_SETTING)
MAX_THEME_LENGTH = 100
#: An audit's questions are printed on every agency's return: at most this many, each at most
#: this long.
MAX_QUESTIONS = 50
MAX_QUESTION_LENGTH = 1000


@dataclass(frozen=True)
class AuditSettings:
    themes: tuple[str, ...] = DEFAULT_AUDIT_THEMES
    questions: tuple[str, ...] = DEFAULT_AUDIT_QUESTIONS
    reference_prefix: str = DEFAULT_PREFIX
    #: the settings as stored when these were read: a save from them is refused if someone
    #: else changed one since (services/settings.py); () checks nothing
    opened: Opened = field(default=(), compare=False, repr=False)


def settings_in(session: Session) -> AuditSettings:
    themes = setting_in(session, THEMES_SETTING, None)
    questions = setting_in(session, QUESTIONS_SETTING, None)
    return AuditSettings(
        themes=DEFAULT_AUDIT_THEMES if themes is None else tuple(clean_names(themes)),
        questions=DEFAULT_AUDIT_QUESTIONS if questions is None else clean_questions(questions),
        reference_prefix=setting_in(session, PREFIX_SETTING, DEFAULT_PREFIX),
    )


def questions_problem(questions: Sequence[str], whose: str) -> str | None:
    """Why a question set (already cleaned, one question an item) is too long to print on the
    agencies' returns, naming the question at fault; None when it fits. `whose` says whose
    questions they are ("The audit", "The default question set")."""
    if len(questions) > MAX_QUESTIONS:
        return (f"{whose} has {len(questions)} questions; keep at most {MAX_QUESTIONS}, as each is printed "
                "on every agency's return: merge or drop some")
    for number, question in enumerate(questions, start=1):
        if len(question) > MAX_QUESTION_LENGTH:
            return (f"Question {number} is too long ({len(question):,} characters; at most "
                    f"{MAX_QUESTION_LENGTH:,}): shorten it or split it over two lines")
    return None


def load_settings(db: Database) -> AuditSettings:
    """The settings as the dialog shows them, with the stored texts they were read from."""
    with db.unit_of_work() as session:
        return read_opened(session, SETTING_KEYS, settings_in)


def save_settings(db: Database, new: AuditSettings) -> AuditSettings:
    """Check and store the audit themes, default question set and reference prefix together;
    refused (SettingsChanged) if someone else changed one of them after `new` was read."""
    errors: dict[str, str] = {}
    themes = clean_names(new.themes)
    if problem := name_list_problem(themes, "theme", MAX_THEME_LENGTH):
        errors["themes"] = problem
    questions = clean_questions(new.questions)
    if not questions:
        errors["questions"] = "Keep at least one question in the default question set"
    elif problem := questions_problem(questions, "The default question set"):
        errors["questions"] = problem
    prefix = clean_text(new.reference_prefix)
    message = check_reference_prefix(prefix)
    if message:
        errors["reference_prefix"] = message
    if errors:
        raise ValidationError(errors)
    with db.unit_of_work() as session:
        # a setting saved for the first time changes from the default in force until then
        put_settings_in(session, [
            SettingPut(THEMES_SETTING, themes, "themes", "Themes", default=list(DEFAULT_AUDIT_THEMES), sort_keys=False),
            SettingPut(QUESTIONS_SETTING, list(questions), "questions", "Default questions", sort_keys=False,
                       when_unset=list(DEFAULT_AUDIT_QUESTIONS)),
            SettingPut(PREFIX_SETTING, prefix, "reference_prefix", "Reference prefix", default=DEFAULT_PREFIX,
                       sort_keys=False),
        ], new.opened)
        return read_opened(session, SETTING_KEYS, settings_in)


def meeting_label(group: str, starts_at, title: str) -> str:
    """'20/04/2023 Multi-agency Audit Group meeting' (the group is named once)."""
    if not title or group.casefold() in title.casefold():
        return f"{starts_at:%d/%m/%Y} {title or group}"
    return f"{starts_at:%d/%m/%Y} {group}: {title}"


def find_organisation(session: Session, text: str | int) -> tuple[int | None, str | None]:
    """An organisation by id, name or short name (any case); (id, None) or (None, problem)."""
    if isinstance(text, int) or str(text).strip().isdigit():
        org = session.get(Organisation, int(text))
        if org is None:
            return None, f"There is no organisation with id {int(text)}"
        return org.id, None
    wanted = " ".join(str(text).split()).casefold()
    found = [
        o for o in session.scalars(select(Organisation))
        if wanted in (o.name.casefold(), (o.short_name or "").casefold())
    ]
    live = [o for o in found if o.archived_at is None] or found
    if len(live) == 1:
        return live[0].id, None
    if live:
        return None, f"'{text}' could mean more than one organisation; give its id instead"
    return None, f"There is no organisation called '{text}'"
