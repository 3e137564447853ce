""" "Importér eksisterende sager": the termination import's dialog over a team's spreadsheet of open cases.

A one-time import when a team adopts BoligDesk; preview, rejects file and one-transaction import as for
the termination list; the service is ``desk.case_imports``.
"""

from __future__ import annotations

from boligdesk.ui.cases.import_dialog import ImportDialog, ImportService


class CaseImportDialog(ImportDialog):
    TITLE = "Importér eksisterende sager"
    INTRO = (
        "Vælg teamets regneark med de åbne sager (CSV eller Excel): mindst navn og adresse, gerne også "
        "lejemålsnr., afdeling, sagstype, oprettet, restance, ophævelsesdato, påkravsdato, husleje, "
        "rådgiver og noter. Sager, der allerede er åbne i BoligDesk, importeres ikke igen. Du ser først, "
        "hvad der vil ske med hver række; intet gemmes, før du trykker »Importér«."
    )
    LIST_NAME = "sagsarket"
    CHOOSE_TITLE = "Vælg regnearket med de åbne sager"

    def _service(self) -> ImportService:
        return self._ctx.desk.case_imports
