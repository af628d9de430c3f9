"""What every printed sheet is made of: its tables and its letterhead (the header block
and the signature, Nghị định 30/2020/NĐ-CP). The yearly report (content), its sections
(sections, yearly_work) and the other sheets all build on these; nothing here reads
the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Quốc hiệu and Tiêu ngữ, over the place and date on the right of the header block
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    widths: list[int]  # relative column widths
    numeric: set[int] = field(default_factory=set)  # right-aligned columns
    empty: str = "Không có."
    bold_rows: set[int] = field(default_factory=set)  # group headings and totals
    keep_with_next: set[int] = field(default_factory=set)  # never the last row of a page


@dataclass
class Letterhead:
    """What every printed sheet has in the NĐ 30 form: the header and the signature."""

    parent_body: str
    issuing_body: str
    number: str
    place_date: str
    title: str
    summary: str
    recipients: list[str]
    authority: list[str]
    signer_title: str
    signer_name: str


def letterhead_bodies(settings: dict[str, str]) -> tuple[str, str]:
    """(parent body, issuing body) of the header block (spec/print-layout.md). An Ủy ban
    nhân dân writes no parent body: the setting is empty unless a body has one. The
    issuing body is on two lines, ỦY BAN NHÂN DÂN over XÃ ...; both in capitals."""
    parent = " ".join(settings.get("parent_body", "").split()).upper()
    return parent, f"ỦY BAN NHÂN DÂN\nXÃ {settings['commune_name'].strip().upper()}"


def year_until(year: int, as_of: dt.date) -> tuple[dt.date, str]:
    """The last day of a plan year that a report dated d counts (the year's end, or d
    in the year of d) and the year's label: «2026», or «2026 (đến 30/06)»."""
    day = min(as_of, dt.date(year, 12, 31))
    return day, str(year) if day == dt.date(year, 12, 31) else f"{year} (đến {day:%d/%m})"


def letterhead_fields(settings: dict[str, str], issued: dt.date) -> dict[str, object]:
    """What Letterhead holds but the title and summary, from the commune's settings:
    every sheet the commune issues on `issued` has the same header and signature."""
    parent_body, issuing_body = letterhead_bodies(settings)
    return dict(
        parent_body=parent_body,
        issuing_body=issuing_body,  # two lines
        number=f"Số: {settings['document_number']}",
        place_date=date_in_words(settings["commune_name"], issued),
        **signature_fields(settings),
    )


def signature_fields(settings: dict[str, str]) -> dict[str, object]:
    """The recipients and the signature block, from the settings of whoever signs (the
    commune's, or the province file's for the Sở's report)."""
    return dict(
        recipients=[line.strip() for line in settings["recipients"].splitlines()
                    if line.strip()],
        authority=[line.strip().upper() for line in settings["signer_authority"].splitlines()
                   if line.strip()],
        signer_title=settings["signer_title"].upper(),
        signer_name=settings["signer_name"],
    )


def date_in_words(place: str, day: dt.date) -> str:
    """'Tân Hội, ngày 05 tháng 11 năm 2026': a leading zero for days below 10 and for
    months 1 and 2 (Nghị định 30/2020/NĐ-CP)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
