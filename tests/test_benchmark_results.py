"""`python -m benchmarks` gathers every `bench_*` module's figures into benchmarks/RESULTS.md by
convention (a module's `main()` returns its `Figure`s), and the outputs benchmark writes with
the bare library exactly the cells the program's workbook holds."""

from __future__ import annotations

import sys
import types
from decimal import Decimal

from benchmarks import __main__ as runner
from benchmarks import results
from bscp_desktop.reports.xlsx import Column, Formula, Section, WorkbookBuilder


def _fake_benchmark(name: str, main) -> None:
    module = types.ModuleType(f"benchmarks.{name}")
    module.main = main
    sys.modules[f"benchmarks.{name}"] = module


def test_every_benchmark_module_shows_up_in_results(tmp_path, monkeypatch):
    def fast():
        print("opened the tab")
        return [results.Figure("open the tab", 40.0, "ms", goal=100.0),
                results.Figure("write the workbook", 3.0, "s", goal=1.5, against=1.5, runs=5, note="mostly reading")]

    def printing_only():
        print("a benchmark that only prints")

    def broken():
        raise RuntimeError("the data set is missing")

    for name, fn in (("bench_zz_fast", fast), ("bench_zz_print", printing_only), ("bench_zz_broken", broken)):
        _fake_benchmark(name, fn)
    monkeypatch.setattr(runner, "available", lambda: ["bench_zz_broken", "bench_zz_fast", "bench_zz_print"])
    monkeypatch.setattr(runner, "RESULTS", tmp_path / "RESULTS.md")
    try:
        assert runner.main([]) == 1  # one failed
    finally:
        for name in ("bench_zz_fast", "bench_zz_print", "bench_zz_broken"):
            sys.modules.pop(f"benchmarks.{name}", None)
    text = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    assert "| Python |" in text and "| Cores |" in text and "| Qt |" in text
    assert "| zz_fast | open the tab | 40.00 ms |  |  | ≤ 100 ms | yes |" in text
    assert "| zz_fast | write the workbook | 3.00 s | 1.50 s | 2.00x | ≤ 1.5x | **no** |" in text
    assert "**zz_fast: write the workbook** (3.00 s, 2.00x): mostly reading" in text
    assert "a benchmark that only prints" in text
    assert "`bench_zz_broken`: RuntimeError: the data set is missing" in text


def test_a_subset_does_not_overwrite_results_unless_asked(tmp_path, monkeypatch):
    _fake_benchmark("bench_zz_one", lambda: [results.Figure("x", 1.0, "ms")])
    monkeypatch.setattr(runner, "available", lambda: ["bench_zz_one", "bench_zz_two"])
    monkeypatch.setattr(runner, "RESULTS", tmp_path / "RESULTS.md")
    try:
        assert runner.main(["zz_one"]) == 0
        assert not (tmp_path / "RESULTS.md").exists()
        assert runner.main(["zz_one", "--results"]) == 0
        assert (tmp_path / "RESULTS.md").exists()
    finally:
        sys.modules.pop("benchmarks.bench_zz_one", None)


def test_help_says_how_to_run_them_and_runs_nothing(tmp_path, monkeypatch, capsys):
    ran = []
    monkeypatch.setattr(runner, "available", lambda: ["bench_zz_one"])
    monkeypatch.setattr(runner, "run_one", lambda name, passed: ran.append(name))
    monkeypatch.setattr(runner, "RESULTS", tmp_path / "RESULTS.md")
    for asked in (["--help"], ["-h"], ["zz_one", "--help"]):
        assert runner.main(asked) == 0
    assert "python -m benchmarks --quick" in capsys.readouterr().out
    assert ran == [] and not (tmp_path / "RESULTS.md").exists()


def test_quick_runs_say_so(monkeypatch):
    monkeypatch.setenv(results.QUICK_ENV, "1")
    assert results.quick()
    text = results.render([], {"Python": "3"}, started="now", command="make bench", quick_run=True, shared_note="")
    assert "quick" in text


def test_sheet_values_are_the_cells_written():
    from benchmarks.bench_outputs import gathered_cells

    wb = WorkbookBuilder("Test", sensitive=False)
    wb.add_sheet("Money", [Column("Who"), Column("Paid", "money")],
                 [["=cmd()", Decimal("1.50")], ["B", Decimal("2.00")]], totals={1: Decimal("3.50")})
    wb.add_sections_sheet("Summary", [Section("Part", [Column("A"), Column("N", "int")], [["x", 1]], totals={1: 1})])
    (money_name, money), (summary_name, summary) = wb.sheet_values()
    assert money_name == "Money"
    assert money == [["Who", "Paid"], ["=cmd()", Decimal("1.50")], ["B", Decimal("2.00")], [],
                     ["Total", Formula("=SUM(B2:B3)", Decimal("3.50"))]]
    assert summary == [["Part"], ["A", "N"], ["x", 1], ["Total", Formula("=SUM(B3:B3)", 1)], []]
    assert gathered_cells(wb)[0][1][-1] == ["Total", "=SUM(B2:B3)"]


def test_the_stalls_walk_gives_each_area_its_worst_step_and_counts_the_steps_over_the_goal():
    from benchmarks.bench_stalls import Step, figures

    steps = [Step("Meetings", "Meetings: tab shown", 20.0, 60.0, 15.0),
             Step("Meetings", "Meetings > Action log: shown", 40.0, 250.0, 180.0),
             Step("Finance", "Finance > Expenditure: shown", 10.0, 90.0, 30.0),
             Step("File > Export", "File > Export > Finance workbook…: started", 10.0, 120.0, 20.0)]
    found = figures(steps)
    by_area = {f.what.split(": ", 1)[1].split(" (")[0]: f for f in found[:-1]}
    assert list(by_area) == ["Meetings", "Finance", "File > Export"]
    assert by_area["Meetings"].median == 250.0 and by_area["Meetings"].met is False
    assert "Action log" in by_area["Meetings"].note and "1 of 2 steps" in by_area["Meetings"].note
    assert by_area["Finance"].met is True
    count = found[-1]
    assert count.median == 2 and count.met is False
    assert "Meetings > Action log: shown" in count.note  # the one with over 100 ms of the thread's own work


def test_the_stalls_walk_leaves_its_own_look_for_loading_pages_out_of_the_pause(qtbot, monkeypatch):
    """Looking over every widget for one still loading takes the window's thread tens of
    milliseconds on the ten-year file; it is the measuring, not the program, so it is no pause."""
    import time

    from PySide6.QtWidgets import QWidget

    from benchmarks import bench_stalls
    from benchmarks.training_window import Ticks

    widgets = [QWidget() for _ in range(20)]
    for widget in widgets:
        qtbot.addWidget(widget)

    def slow_look(widget) -> bool:
        end = time.perf_counter() + 0.004
        while time.perf_counter() < end:
            pass
        return False

    monkeypatch.setattr(bench_stalls, "_still_loading", slow_look)
    ticks = Ticks()
    walk = bench_stalls.Walk(ticks)
    ticks.reset()
    started = time.perf_counter()
    assert walk.idle()
    assert (time.perf_counter() - started) * 1000 >= 60  # the look itself took that long
    assert ticks.longest() < 40 and ticks.worst_cpu < 40
    ticks.timer.stop()
