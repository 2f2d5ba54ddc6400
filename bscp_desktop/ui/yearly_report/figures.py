"""A built section's figures as the yearly report window shows them: its sentences and tables
as HTML above, its charts drawn below them."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import QLayout, QWidget

from bscp_desktop.domain.yearly_report import Block, ChartBlock, Para, Table
from bscp_desktop.ui.common.chart_view import ChartView


def blocks_html(blocks: Sequence[Block]) -> str:
    """The sentences and tables of a built section, every word as it was built (never markup),
    with a line where each chart is drawn below."""
    html = []
    for b in blocks:
        if isinstance(b, Para):
            html.append(f"<p>{escape(b.text)}</p>")
        elif isinstance(b, Table):
            html.append(f"<h4>{escape(b.title)}</h4>" if b.title else "")
            if not b.rows:
                html.append(f"<p>{escape(b.empty_text or 'Nothing to show for this period.')}</p>")
                continue
            head = "".join(f"<th align='left'>{escape(h)}</th>" for h in b.headers)
            body = "".join(
                "<tr>" + "".join(f"<td>{escape(c).replace(chr(10), '<br>')}</td>" for c in row) + "</tr>"
                for row in b.rows
            )
            html.append(f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{head}</tr>{body}</table>")
        elif isinstance(b, ChartBlock):
            html.append(f"<p><i>Chart below: {escape(b.title)}</i></p>")
    if not blocks:
        html.append("<p>Nothing built yet.</p>")
    return "".join(html)


def show_charts(parent: QWidget, layout: QLayout, blocks: Sequence[Block]) -> None:
    """The section's charts in `layout` (of `parent`), in place of those shown before, each
    drawn in a worker as it is first painted (as the Training and Finance charts are)."""
    from bscp_desktop.reports.yearly_report import to_chart

    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.deleteLater()
    for b in blocks:
        if isinstance(b, ChartBlock):
            view = ChartView(parent, background=True)
            view.set_chart(to_chart(b))
            view.setMinimumHeight(320)
            layout.addWidget(view)
