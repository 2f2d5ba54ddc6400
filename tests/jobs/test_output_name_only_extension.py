"""An output file named only by its ending (`-o .pdf`) has no name: Path(".pdf") has no
suffix, so the refusal read "name the output file (-o) .pdf or .xlsx, not '.pdf'". It says
instead that the name is missing, with one to give, for every kind of file every job writes."""

from __future__ import annotations

import pytest

from bscp_desktop import jobs
from bscp_desktop.cli import main
from bscp_desktop.domain.validation import ValidationError


def _every_job():
    jobs.load_all()
    return [*jobs.REPORTS.values(), *jobs.XLSX_AREAS.values()]


def test_a_name_that_is_only_an_ending_is_told_it_has_no_name_for_every_job_and_kind(tmp_path):
    for job in _every_job():
        for suffix in job.formats:
            for given in (suffix, suffix.upper()):
                with pytest.raises(ValidationError) as refused:
                    jobs.check_format(job, tmp_path / given)
                said = refused.value.errors["output"]
                assert said.startswith(f"'{given}' has no name before its ending: name the output file (-o), for example "), said
                example = said.rsplit(" ", 1)[1]
                assert example.endswith(suffix) and len(example) > len(suffix) and " " not in example, said
                assert jobs.check_format(job, tmp_path / example) == suffix  # the example is a name it takes
    actions = jobs.REPORTS["actions"]  # other names are judged as before
    assert jobs.check_format(actions, tmp_path / ".hidden.xlsx") == ".xlsx"
    with pytest.raises(ValidationError, match=r"name the output file \(-o\) \.pdf or \.xlsx, not '\.docx'"):
        jobs.check_format(actions, tmp_path / ".docx")  # an ending it does not write


def test_report_actions_to_dot_pdf_is_refused_in_one_sentence_before_the_database_opens(tmp_path, capsys):
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("not a database")
    try:
        code = main(["report", "actions", "--db", str(not_a_database), "-o", str(tmp_path / ".pdf")])
    except SystemExit as exit_:
        code = exit_.code
    err = capsys.readouterr().err
    assert code == 2, err
    assert "'.pdf' has no name before its ending: name the output file (-o), for example action-log.pdf." in err
    assert err.count("\n") == 1 and sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("ending", [".csv", ".xlsx", ".XLSX"])
def test_a_template_named_only_by_its_ending_is_told_to_have_a_name(tmp_path, monkeypatch, ending):
    from bscp_desktop.importers import write_template

    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match="has no name before its ending") as refused:
        write_template("people", ending)
    assert f"people-template{ending.lower()}" in str(refused.value)


def test_a_return_named_only_by_its_ending_is_told_to_have_a_name(tmp_path):
    from bscp_desktop.importers.audits import return_file

    with pytest.raises(ValueError, match="has no name before its ending"):
        return_file(tmp_path / ".xlsx", "s11")
    assert return_file(tmp_path / "return.xlsx", "s11").name == "return.xlsx"
