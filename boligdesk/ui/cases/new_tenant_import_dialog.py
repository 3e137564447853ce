""" "Importér nye lejere": the termination import's dialog over the list of new tenancies.

Same file choice, preview (with status filter and details), rejects file and one-transaction import
off the GUI thread; the service is ``desk.new_tenant_imports`` and the date column is the move-in date.
"""

from __future__ import annotations

from boligdesk.ui.cases.import_dialog import ImportDialog, ImportService


class NewTenantImportDialog(ImportDialog):
    TITLE = "Importér nye lejere"
    INTRO = (
        "Vælg boligorganisationens liste over nye lejemål (CSV eller Excel) med lejemålsnr., navn, "
        "adresse, afdeling og indflytningsdato. Hver ny lejer bliver til en sag af typen »Ny lejer«, så "
        "du kan sende tilbuddet om rådgivning. Du ser først, hvad der vil ske med hver række; intet "
        "gemmes, før du trykker »Importér«."
    )
    LIST_NAME = "listen over nye lejere"
    CHOOSE_TITLE = "Vælg listen over nye lejere"
    DATE_TITLE = "Indflyttet"
    SHOWS_ARREARS = False

    def _service(self) -> ImportService:
        return self._ctx.desk.new_tenant_imports
