"""The citizen's access export as a PDF: one section per table, one small table per stored row."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from boligdesk.budget.calendar import format_short
from boligdesk.letters.pdf_base import MARGIN_LEFT, MARGIN_RIGHT, PAGE_WIDTH, PageDecor, build_pdf, styles

if TYPE_CHECKING:
    from boligdesk.services.access_export import AccessExport, Item

_INTRO = (
    "Her er de oplysninger, der er gemt om dig i BoligDesk i forbindelse med sagen. Oplysninger om andre "
    "personer og om medarbejdere kan være udeladt; det står, hvor noget er udeladt. Tekster er gengivet, "
    "som de er skrevet. Breve, der er sendt, er nævnt med titel og dato."
)


def _p(text: str, style: str = "TableCell") -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), styles()[style])


def _item_table(item: Item, *, redacted: bool, hide_staff: bool) -> Flowable:
    width = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    if redacted:
        rows = [[_p("Udeladt"), _p("Oplysningen er udeladt (den handler om andre end dig).")]]
    else:
        rows = [
            [_p(v.label), _p("[Udeladt: medarbejder]" if hide_staff and v.staff else v.shown)]
            for v in item.values
            if v.shown
        ]
        if item.deleted:
            rows.append([_p("Bemærk"), _p("Slettet i sagen, men stadig gemt.")])
        if not rows:
            rows = [[_p("—"), _p("(ingen udfyldte felter)")]]
    table = Table(rows, colWidths=[45 * mm, width - 45 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, -1), (-1, -1), 0.4, colors.grey),
                ("TEXTCOLOR", (0, 0), (0, -1), colors.HexColor("#444444")),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _audit_table(items: list[Item], *, hide_staff: bool) -> Flowable:
    """The case's audit events as one compact table (time, what happened, what, who)."""
    width = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    rows = [[_p("Tidspunkt"), _p("Handling"), _p("Hvad"), _p("Medarbejder")]]
    for item in items:
        v = {x.name: x for x in item.values}
        who = "[Udeladt]" if hide_staff else v["actor"].shown if "actor" in v else ""
        rows.append(
            [_p(v["at"].shown if "at" in v else ""), _p(v["action"].shown if "action" in v else ""),
             _p(v["entity"].shown if "entity" in v else ""), _p(who)]
        )  # fmt: skip
    table = Table(rows, colWidths=[36 * mm, 48 * mm, 40 * mm, width - 124 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.2, colors.lightgrey),
            ]
        )
    )
    return table


def render_access_pdf(
    export: AccessExport, redacted: set[str], *, hide_staff: bool = False, organisation: str = ""
) -> bytes:
    story: list[Flowable] = [
        _p(f"Dine oplysninger i sag {export.case_number}", "Title"),
        _p(
            f"Udleveret {format_short(export.made_on)}" + (f" af {organisation}" if organisation else ""),
            "Body",
        ),
        _p(_INTRO, "Body"),
    ]
    for title, items in export.sections():
        if not items:
            continue
        story.append(_p(title, "Heading"))
        if items[0].table == "audit_events":
            story.append(_audit_table(items, hide_staff=hide_staff))
            continue
        for item in items:
            story.append(
                KeepTogether([_item_table(item, redacted=item.key in redacted, hide_staff=hide_staff)])
            )
            story.append(Spacer(1, 2 * mm))
    empty = [title for title, items in export.sections() if not items]
    if empty:
        story.append(_p("Intet gemt", "Heading"))
        story.append(_p("Der er ingen oplysninger om dig i: " + ", ".join(empty) + ".", "Body"))
    decor = PageDecor(
        header_left=organisation, header_right=f"Sag {export.case_number}", footer_left="Indsigt"
    )
    return build_pdf(story, title=f"Indsigt sag {export.case_number}", decor=decor)
