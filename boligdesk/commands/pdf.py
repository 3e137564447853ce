"""``boligdesk pdf …``: letters, the afdragsaftale, the budget and the envelope sheets as PDF files.

::

    boligdesk pdf agreement --case 2026-0012 --out aftale.pdf [--data-dir DIR]
    boligdesk pdf letter TEMPLATE --case 2026-0012 --out brev.pdf [--felt NAVN=VÆRDI]... [--data-dir DIR]
    boligdesk pdf budget --case 2026-0012 --out budget.pdf [--data-dir DIR]
    boligdesk pdf envelopes --case 2026-0012 --out kuverter.pdf [--data-dir DIR]
    boligdesk pdf letters --template tilbud-om-raadgivning --case 2026-0012 --case 2026-0013 --out breve.pdf
    boligdesk pdf postcards --out postkort.pdf [--case 2026-0040]... [--adviser NAVN] [--date DATO]

``pdf postcards`` prints the offer of advice to every new tenant without an answer (``desk.postcards``),
four cards to an A4 sheet; each card is recorded on its case.

``pdf letters`` writes every letter into one file and the address list for the handwritten envelopes
beside it (``breve-adresser.pdf``); each letter is recorded on its case and logged as a contact attempt.

Letters are recorded on the case like letters printed from the window (after the file is written). A
letter for another stage of the case is refused, as in the window. Blanks no case can fill (the kommune,
the bank, the account …) are given with ``--felt navn=værdi``; a letter is not written while one is left.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import importlib
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligdesk.budget.calendar import parse_date
from boligdesk.budget.vocabulary import AuditAction
from boligdesk.commands.common import add_data_dir, open_store_from_args
from boligdesk.errors import StoreError, UserInputError
from boligdesk.letters.agreement import AGREEMENT_TEMPLATE
from boligdesk.letters.draft import LetterDraft, blank_fields, missing_labels
from boligdesk.letters.fields import FIELDS, TYPED_FIELDS
from boligdesk.letters.templates import list_templates
from boligdesk.services.desk import Desk
from boligdesk.services.files import atomic_write_bytes, os_error_message

if TYPE_CHECKING:
    from boligdesk.services.letter_batch import BatchSkip

ADVISER_ENV = "BOLIGDESK_ADVISER"


def _template_help() -> str:
    lines = ["Skabeloner:"]
    for info in list_templates():
        lines.append(f"  {info.name:<34} {info.title}")
    lines.append("")
    lines.append(
        "Egne skabeloner: læg en .txt-fil i mappen »skabeloner« i profilmappen (samme navn erstatter)."
    )
    return "\n".join(lines)


def _common(parser: argparse.ArgumentParser) -> None:
    add_data_dir(parser)
    parser.add_argument("--case", required=True, metavar="NUMMER", help="sagsnummer, fx 2026-0012")
    parser.add_argument("--out", required=True, type=Path, metavar="FIL", help="PDF-filen der skal skrives")
    parser.add_argument(
        "--adviser",
        default=None,
        metavar="NAVN",
        help=f"rådgiveren der laver brevet (standard: ${ADVISER_ENV}, ellers sagens rådgiver)",
    )


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "pdf", help="lav breve, afdragsaftale, budget og kuverter som PDF"
    )
    kinds = parser.add_subparsers(dest="pdf_kind", metavar="HVAD", required=True)

    agreement = kinds.add_parser("agreement", help="afdragsaftalen til underskrift")
    _common(agreement)
    agreement.add_argument("--date", default=None, metavar="DATO", help="brevets dato (standard: i dag)")
    agreement.set_defaults(func=run_agreement)

    letter = kinds.add_parser(
        "letter",
        help="et brev fra en skabelon",
        epilog=_template_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    letter.add_argument("template", metavar="SKABELON", help="skabelonens navn (se listen nedenfor)")
    _common(letter)
    letter.add_argument("--date", default=None, metavar="DATO", help="brevets dato (standard: i dag)")
    letter.add_argument(
        "--felt",
        action="append",
        default=[],
        metavar="NAVN=VÆRDI",
        help="udfyld et tomt felt i skabelonen, fx --felt kommune=Albertslund (gentag for flere felter)",
    )
    letter.set_defaults(func=run_letter)

    budget = kinds.add_parser("budget", help="budgettet (sagens nyeste)")
    _common(budget)
    budget.set_defaults(func=lambda args: run_budget_print(args, _budget_pdf))

    envelopes = kinds.add_parser("envelopes", help="kuvertark til 4-ugers kuvertsystemet")
    _common(envelopes)
    envelopes.set_defaults(func=lambda args: run_budget_print(args, _envelopes_pdf))

    batch = kinds.add_parser(
        "letters",
        help="ét brev pr. sag i én PDF, plus en adresseliste til kuverterne",
        epilog=_template_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_data_dir(batch)
    batch.add_argument("--template", required=True, metavar="SKABELON", help="skabelonens navn")
    batch.add_argument(
        "--case", required=True, action="append", metavar="NUMMER", help="sagsnummer (gentag for flere sager)"
    )
    batch.add_argument("--out", required=True, type=Path, metavar="FIL", help="PDF-filen med alle brevene")
    batch.add_argument("--adviser", default=None, metavar="NAVN", help="rådgiveren der sender brevene")
    batch.add_argument("--date", default=None, metavar="DATO", help="brevenes dato (standard: i dag)")
    batch.set_defaults(func=run_letters)

    cards = kinds.add_parser(
        "postcards",
        help="postkort med tilbud om rådgivning til alle nye lejere uden svar (fire pr. A4-ark)",
        description="Ét postkort pr. »Ny lejer«-sag, hvor svaret på tilbuddet ikke er registreret (eller de "
        "sager, der gives med --case), fire kort på hvert A4-ark med klippelinjer. Hvert kort noteres på "
        "sagen, og svaret sættes til »Tilbudt (afventer svar)«.",
    )
    add_data_dir(cards)
    cards.add_argument("--out", required=True, type=Path, metavar="FIL", help="PDF-filen med postkortene")
    cards.add_argument(
        "--case",
        action="append",
        default=[],
        metavar="NUMMER",
        help="kun denne sag (gentag for flere); standard: alle nye lejere, der ikke har fået et kort",
    )
    cards.add_argument("--adviser", default=None, metavar="NAVN", help="rådgiveren der sender kortene")
    cards.add_argument("--date", default=None, metavar="DATO", help="kortenes dato (standard: i dag)")
    cards.set_defaults(func=run_postcards)

    guide = kinds.add_parser("guide", help="hele vejledningen til kontorets mappe (ingen sagsdata)")
    guide.add_argument("--out", required=True, type=Path, metavar="FIL", help="PDF-filen der skal skrives")
    guide.set_defaults(func=run_guide)


def _actor(args: argparse.Namespace, desk: Desk, case_id: str) -> str:
    """Who makes the letter: --adviser, else $BOLIGDESK_ADVISER, else the case's adviser, else the login."""
    if args.adviser:
        return str(args.adviser)
    from_env = os.environ.get(ADVISER_ENV, "").strip()
    if from_env:
        return from_env
    case_adviser = desk.letters.case_adviser_name(case_id)
    if case_adviser:
        return case_adviser
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "BoligDesk"


def _today(args: argparse.Namespace) -> dt.date:
    text = getattr(args, "date", None)
    return parse_date(text, field="date") if text else dt.date.today()


def _check_out(path: Path) -> None:
    if path.is_dir():
        raise StoreError("out_is_folder", f"{path} er en mappe. Skriv et filnavn, fx {path / 'brev.pdf'}.")


def write_pdf(path: Path, data: bytes) -> None:
    """Write the file crash-safely; any OS problem (also creating the folder) becomes a Danish error."""
    try:
        atomic_write_bytes(path, data, what="PDF-filen")
    except OSError as exc:  # atomic_write_bytes creates missing folders outside its own error handling
        raise os_error_message(exc, "PDF-filen") from exc


def _open_desk(args: argparse.Namespace, today: Callable[[], dt.date] = dt.date.today) -> tuple[Desk, str]:
    """A desk working as the adviser who makes the PDF (see :func:`_actor`), and the case's id."""
    store = open_store_from_args(args)
    try:
        lookup = Desk(store)
        case_id = lookup.letters.case_id_for_number(args.case)
        actor = _actor(args, lookup, case_id)
    except BaseException:
        store.close()
        raise
    return Desk(store, adviser_name=actor, today=today), case_id


def parse_typed(items: list[str]) -> dict[str, str]:
    """``["kommune=Albertslund", …]`` → ``{"kommune": "Albertslund"}``, or a Danish error."""
    typed: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UserInputError(
                "felt",
                "letters.typed_field_syntax",
                f"»{item}« skal skrives som navn=værdi, fx kommune=Albertslund.",
            )
        if name in typed:
            raise UserInputError("felt", "letters.typed_field_twice", f"Feltet »{name}« er angivet to gange.")
        typed[name] = value
    return typed


def check_typed_filled(draft: LetterDraft) -> None:
    """A letter made on the command line cannot be edited: refuse it while a field to type is blank."""
    lacking = [name for name in blank_fields(draft) if name in TYPED_FIELDS]
    if not lacking:
        return
    width = max(len(name) for name in lacking) + 2
    listed = "\n".join(
        f"  --felt {name + '=…':<{width}}  {FIELDS[name].removesuffix(' (skrives ind i brevet)')}"
        for name in lacking
    )
    raise UserInputError(
        "felt",
        "letters.typed_fields_missing",
        f"»{draft.title}« har tomme felter, som sagen ikke kan udfylde. Skriv dem med --felt:\n{listed}",
        {"fields": lacking},
    )


def _write_letter(args: argparse.Namespace, template: str) -> int:
    _check_out(args.out)
    typed = parse_typed(list(getattr(args, "felt", None) or []))
    day = _today(args)
    desk, case_id = _open_desk(args, lambda: day)
    try:
        draft = desk.letters.draft(case_id, template, typed)
        draft.check_fits_stage()
        check_typed_filled(draft)
        desk.letters.check_ready(draft)
        # refused before a file is written, not after: a letter shared without consent, a misplaced card
        desk.letters.check_consent(case_id, draft.template)
        desk.letters.check_postcard(case_id, draft.template)
        pdf = desk.letters.preview(case_id, draft)
        write_pdf(args.out, pdf)
        desk.letters.record(case_id, draft, pdf, action=AuditAction.EXPORT)
    finally:
        desk.close()
    print(f"Gemt: {args.out} ({draft.title}, sag {args.case})")
    if draft.missing:
        wanted = "; ".join(missing_labels(draft.missing))
        print(f"Bemærk: sagen mangler: {wanted}. Der står ________ i brevet.", file=sys.stderr)
    return 0


def run_agreement(args: argparse.Namespace) -> int:
    return _write_letter(args, AGREEMENT_TEMPLATE)


def run_letter(args: argparse.Namespace) -> int:
    return _write_letter(args, str(args.template))


def _budget_pdf(desk: Desk, case_number: str) -> bytes:
    return desk.budget_print.budget_pdf_for_case(case_number)


def _envelopes_pdf(desk: Desk, case_number: str) -> bytes:
    return desk.budget_print.envelopes_pdf_for_case(case_number)


def run_budget_print(args: argparse.Namespace, make: Callable[[Desk, str], bytes]) -> int:
    """``pdf budget`` / ``pdf envelopes``: the budget's printouts, recorded like a print from the window."""
    _check_out(args.out)
    desk, _case_id = _open_desk(args)
    try:
        write_pdf(args.out, make(desk, args.case))
    finally:
        desk.close()
    print(f"Gemt: {args.out} (sag {args.case})")
    return 0


def addresses_path(out: Path) -> Path:
    """``breve.pdf`` → ``breve-adresser.pdf`` beside it."""
    return out.with_name(f"{out.stem}-adresser{out.suffix or '.pdf'}")


def run_letters(args: argparse.Namespace) -> int:
    """``pdf letters``: one letter per case in one PDF, the address list beside it, all recorded."""
    _check_out(args.out)
    day = _today(args)

    def actor(lookup: Desk, case_ids: list[str]) -> str:
        return args.adviser or os.environ.get(ADVISER_ENV, "").strip() or _actor(args, lookup, case_ids[0])

    desk, case_ids = _batch_desk(
        args, day, lambda lookup: [lookup.letters.case_id_for_number(n) for n in args.case], actor
    )
    try:
        batch = desk.letter_batch.make(case_ids, str(args.template))
        write_pdf(args.out, batch.pdf)
        write_pdf(addresses_path(args.out), batch.addresses_pdf)
    finally:
        desk.close()
    print(f"Gemt: {args.out} ({len(batch.letter_ids)} breve) og {addresses_path(args.out)} (adresser)")
    _print_skipped(batch.skipped)
    return 0


def _batch_desk(
    args: argparse.Namespace,
    day: dt.date,
    case_ids_of: Callable[[Desk], list[str]],
    actor_of: Callable[[Desk, list[str]], str],
) -> tuple[Desk, list[str]]:
    """The cases of a batch (looked up on the profile) and a desk acting in the name of the adviser who
    prints it; the store is closed again if either cannot be had."""
    store = open_store_from_args(args)
    try:
        lookup = Desk(store, today=lambda: day)
        case_ids = case_ids_of(lookup)
        actor = actor_of(lookup, case_ids)
    except BaseException:
        store.close()
        raise
    return Desk(store, adviser_name=actor, today=lambda: day), case_ids


def _print_skipped(skipped: Sequence[BatchSkip]) -> None:
    for skip in skipped:
        print(f"Sprunget over: sag {skip.case_number}: {skip.reason}", file=sys.stderr)


def run_postcards(args: argparse.Namespace) -> int:
    """``pdf postcards``: the new tenants' postcards four to a sheet, each recorded on its case."""
    _check_out(args.out)
    day = _today(args)

    def case_ids_of(lookup: Desk) -> list[str]:
        if args.case:
            case_ids = [lookup.letters.case_id_for_number(number) for number in args.case]
        else:
            case_ids = lookup.postcards.not_yet_offered()
        if not case_ids:
            raise UserInputError(
                "cases",
                "postcards.no_new_tenants",
                "Der er ingen åbne »Ny lejer«-sager, som mangler et postkort. Importér listen over nye "
                "lejere (boligdesk import-new-tenants FIL), eller vælg sager med --case.",
            )
        return case_ids

    def actor(lookup: Desk, case_ids: list[str]) -> str:
        return (
            args.adviser
            or os.environ.get(ADVISER_ENV, "").strip()
            or (lookup.advisers.current() or ("", ""))[1]
            or _actor(args, lookup, case_ids[0])
        )

    desk, case_ids = _batch_desk(args, day, case_ids_of, actor)
    try:
        batch = desk.postcards.make(case_ids)
        write_pdf(args.out, batch.pdf)
    finally:
        desk.close()
    cards = "1 postkort" if len(batch.case_ids) == 1 else f"{len(batch.case_ids)} postkort"
    sheets = "1 A4-ark" if batch.sheets == 1 else f"{batch.sheets} A4-ark"
    print(f"Gemt: {args.out} ({cards} på {sheets}; klip langs de stiplede linjer).")
    _print_skipped(batch.skipped)
    return 0


def run_guide(args: argparse.Namespace) -> int:
    """The guide as PDF: laid out by Qt offscreen (imported only here, so the other commands stay Qt-free)."""
    _check_out(args.out)
    with tempfile.TemporaryDirectory(prefix="boligdesk-guide-") as tmp:
        made = Path(tmp) / "vejledning.pdf"
        importlib.import_module("boligdesk.ui.guide.pdf").write_guide_pdf(made)
        write_pdf(args.out, made.read_bytes())
    print(f"Vejledningen er skrevet til {args.out}.")
    return 0
