"""The period report as a QTextDocument, laid out, paginated and painted by the yearly
sheet's machinery (document.render, pagination.lay_out), with the trajectory chart as a
figure: the window's painting code rendered into an image at print resolution."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QImage, QTextDocument

from . import chart, content, document, fonts, pagination
from .document import _body, _header, _p, _signature, _table, _Units
from .period import SECTIONS, PeriodSheet

CHART_URL = "tanhoi-chart:trajectory"
CHART_MM = (160.0, 78.0)  # within the 165 mm between the margins
CHART_DPI = 300
_image_cache: tuple[object, QImage] | None = None  # (trajectory, its image)


def chart_image(sheet: PeriodSheet) -> QImage:
    """The chart at print resolution; laying out the pages builds the document several
    times, the chart is painted once."""
    global _image_cache
    if _image_cache is None or _image_cache[0] is not sheet.trajectory:
        image = chart.to_image(sheet.trajectory, *CHART_MM, dpi=CHART_DPI,
                               family=fonts.family())
        _image_cache = (sheet.trajectory, image)
    return _image_cache[1]


@content.data_tables.register
def _data_tables(sheet: PeriodSheet):
    return (sheet.overview, *sheet.years)


@pagination.headings.register
def _headings(sheet: PeriodSheet) -> set[str]:
    return ({t.title for t in _data_tables(sheet)} | {sheet.years_title, sheet.chart_title}
            | {title for _kind, title in SECTIONS})


def to_html(sheet: PeriodSheet, breaks: dict[int, tuple[int, ...]] | None = None) -> str:
    breaks = breaks or {}
    title = (
        f'<p align="center" style="font-size:14pt; margin-top:{_Units.pt(18)};"><b>'
        f"{escape(sheet.title)}</b></p>"
        f'<p align="center" style="font-size:14pt; margin-top:{_Units.pt(2)};"><b>'
        f"{escape(sheet.summary)}</b></p>"
        '<hr width="22%"/>')
    note_style = f"text-align:justify; text-indent:{_Units.cm(1)}; font-size:12pt;"
    width_mm, height_mm = CHART_MM
    width = round(width_mm / 25.4 * _Units.dpi)
    height = round(height_mm / 25.4 * _Units.dpi)
    parts = [
        _header(sheet), title, _body(sheet.intro),
        _table(sheet.overview, breaks=breaks.get(0, ())),
        _p(f"<i>{escape(sheet.overview_note)}</i>", note_style),
        _p(f"<b>{escape(sheet.years_title)}</b>", space=10),
        _p(f"<i>{escape(sheet.years_note)}</i>", note_style),
    ]
    for k, table in enumerate(sheet.years, start=1):
        parts.append(_table(table, breaks=breaks.get(k, ())))
    parts += [
        _p(f"<b>{escape(sheet.chart_title)}</b>", space=10),
        # in a frame of its own: an inline image that moves to the next page leaves the
        # blocks after it unlaid in Qt's paginated layout
        f'<table width="100%" cellspacing="0" cellpadding="0" '
        f'style="margin-top:{_Units.pt(6)};"><tr><td align="center">'
        f'<img src="{CHART_URL}" width="{width}" height="{height}"/></td></tr></table>',
        _p(f"<i>{escape(sheet.chart_caption)}</i>", "text-align:center; font-size:12pt;",
           space=2),
    ]
    for kind, heading in SECTIONS:
        parts += [_p(f"<b>{escape(heading)}</b>", space=10), _body(sheet.texts[kind])]
    parts.append(_signature(sheet))
    return "".join(parts)


@document.build_document.register
def build_document(sheet: PeriodSheet, dpi: int = 96,
                   breaks: dict[int, tuple[int, ...]] | None = None) -> QTextDocument:
    _Units.dpi = dpi
    doc = QTextDocument()
    font = QFont(fonts.family())
    font.setPointSizeF(document.BODY_PT)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL),
                    chart_image(sheet))
    doc.setHtml(to_html(sheet, breaks))
    return doc
