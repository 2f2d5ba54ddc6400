"""Two outputs never share a default file name by accident: an area's workbook takes no options,
so a report of the same name ("finance") does not lend it its question or its file name (the
finance workbook did nothing while the summary's dates were wrong, and was offered under the
summary's name), and an output's own options name it ("Minutes for circulation ...")."""

from __future__ import annotations

from bscp_desktop import jobs
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.ui.common import outputs


def _offered(monkeypatch) -> list[tuple[str, str | None]]:
    said: list[tuple[str, str | None]] = []
    monkeypatch.setattr(outputs, "save_job", lambda parent, db, job, output, options, suggested, title:
                        said.append((job.name, suggested)))
    return said


def test_the_finance_workbook_asks_nothing_and_keeps_its_own_name(qtbot, monkeypatch):
    said = _offered(monkeypatch)
    asked = []
    actions = outputs.area_actions(None, None, RecordKind.FINANCE,
                                   ask={"finance": lambda: asked.append(1)},  # the summary's dates are wrong
                                   file_names={"finance": lambda o: "Finance 2023-24"})
    workbook = actions[0]
    workbook.trigger()
    assert asked == [] and said == [("finance", None)]  # saved under the job's own name, Finance.xlsx
    actions[1].trigger()  # the summary asks, and is told nothing to write
    assert asked == [1] and len(said) == 1


def test_the_minutes_for_circulation_are_offered_under_a_name_of_their_own(qtbot, monkeypatch):
    said = _offered(monkeypatch)
    full, circulation = outputs.job_actions(
        None, None, jobs.find("report", "minutes"), fixed={"meeting": 3},
        file_name=lambda o: f"Minutes {'for circulation ' if o.get('circulation') else ''}Executive Group 2024-03-21")
    full.trigger()
    circulation.trigger()
    assert [name for _job, name in said] == ["Minutes Executive Group 2024-03-21.pdf",
                                             "Minutes for circulation Executive Group 2024-03-21.pdf"]
