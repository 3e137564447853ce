"""The named fields and blocks a letter template may use, with the Danish explanation of each.

A template writes a field as ``{lejer_navn}`` and a block (a table or signature lines) as a line of its
own: ``[[afdragsplan]]``. Anything not listed here is refused with a clear message, so a typo in an
organisation's own template is caught before a letter goes out.
"""

from __future__ import annotations

MISSING = "________"
"""What a field shows when the case does not hold the value yet: a line to fill in by hand or edit."""

FIELDS: dict[str, str] = {
    # Today and the case
    "dato": "Dagens dato, fx 24. november 2026",
    "sagsnummer": "Sagens nummer, fx 2026-0012",
    # The tenant and the home
    "lejer_navn": "Lejerens fulde navn",
    "lejer_fornavn": "Lejerens fornavn",
    "adresse": "Lejemålets adresse (vej og nummer)",
    "postnr_by": "Postnummer og by",
    "lejemaalsnummer": "Lejemålsnummer",
    "husstand": "Husstanden, fx »1 voksen og 2 børn«",
    "afdeling": "Afdelingens nummer og navn",
    "boligorganisation": "Boligorganisationens navn",
    "boligorganisation_adresse": "Boligorganisationens adresse",
    "udlejer": "Udlejer: boligorganisationen eller den private udlejer (skal være valgt på sagen)",
    "udlejer_adresse": "Udlejers adresse (én linje)",
    "husleje": "Månedlig husleje",
    # The arrears and the eviction timeline
    "restance": "Restancen i alt",
    "restance_husleje": "Den del af restancen der er husleje",
    "restance_gebyrer": "Den del af restancen der er gebyrer og afgifter",
    "ophaevelsesdato": "Datoen for ophævelsen",
    "situation": "Hvor sagen står, til lejeren (følger sagens stadie), fx »du skylder husleje, og fordi du "
    "har fået et påkrav om at betale den«",
    "forloeb": "Hvor sagen står, i tredje person med datoer, fx »Udlejer har sendt påkrav den 3. marts 2026.«",
    "fogeddato": "Datoen for den udkørende fogedforretning (udsættelsen)",
    "fogedtid": "Tidsrummet for udsættelsen, fx 09:30–13:00",
    # The repayment plan (afdragsordning)
    "afdrag": "Det månedlige afdrag",
    "sidste_afdrag": "Det sidste afdrag (kan afvige med øreafrunding)",
    "afdrag_antal": "Antal afdrag",
    "afdrag_start": "Datoen for første afdrag",
    "afdrag_slut": "Datoen for sidste afdrag",
    "afdrag_i_alt": "Det beløb afdragsordningen dækker",
    "betaling_pr_maaned": "Husleje plus afdrag pr. måned",
    "betalinger": "Husleje plus afdrag pr. måned som sætning, med den sidste måned når den er anderledes, "
    "fx »8.317,00 kr. i alt hver måned, den sidste måned 8.315,00 kr.«",
    "aftaledato": "Datoen afdragsordningen blev aftalt",
    "manglende_afdrag_dato": "Forfaldsdatoen for det første afdrag der ikke er betalt",
    "manglende_afdrag_senest": "Den sidste dag det afdrag kunne betales til tiden (»Betales senest« i aftalen)",
    "manglende_beloeb": "Det beløb der mangler at blive betalt på afdragsordningen i dag",
    # The budget
    "budget_dato": "Datoen for det seneste budget",
    "indtaegter": "Indtægter pr. måned i seneste budget",
    "udgifter": "Udgifter pr. måned i seneste budget",
    "rest_pr_maaned": "Indtægter minus udgifter pr. måned i seneste budget",
    # The sender and the organisation (brevhovedet)
    "afsender_navn": "Dit navn",
    "afsender_titel": "Din titel, fx Socialrådgiver",
    "afsender_telefon": "Dit telefonnummer",
    "afsender_email": "Din e-mail",
    "organisation": "Organisationens navn fra brevhovedet",
    "organisation_adresse": "Organisationens adresse fra brevhovedet (én linje)",
    "organisation_telefon": "Organisationens telefonnummer fra brevhovedet",
    # Typed by the adviser: the case does not hold them (see TYPED_FIELDS)
    "kommune": "Kommunens navn, fx Albertslund (skrives ind i brevet)",
    "kommune_adresse": "Kommunens adresse: vej og nummer (skrives ind i brevet)",
    "kommune_postnr_by": "Kommunens postnummer og by (skrives ind i brevet)",
    "baggrund": "Kort om hvad der er sket, og hvorfor det ikke kunne forudses (skrives ind i brevet)",
    "bank": "Bankens navn (skrives ind i brevet)",
    "bank_adresse": "Bankens adresse: vej og nummer (skrives ind i brevet)",
    "bank_postnr_by": "Bankens postnummer og by (skrives ind i brevet)",
    "kontonummer": "Lejerens kontonummer, reg.nr. og konto (skrives ind i brevet)",
    "modregnet_beloeb": "Det beløb banken har modregnet i alt (skrives ind i brevet)",
    "svarfrist": "Datoen banken skal svare senest (skrives ind i brevet)",
    "fogedret": "Fogedrettens by, fx Glostrup (skrives ind i brevet)",
    "fogedret_adresse": "Fogedrettens adresse: vej og nummer (skrives ind i brevet)",
    "fogedret_postnr_by": "Fogedrettens postnummer og by (skrives ind i brevet)",
    "fogedsagsnummer": "Fogedrettens sagsnummer (skrives ind i brevet)",
    "ny_dato_tidligst": "Den ønskede nye dato for udsættelsen, tidligst (skrives ind i brevet)",
    "betalingsplan": "Hvordan restancen bliver betalt, fx »der er søgt hjælp hos kommunen efter aktivlovens "
    "§ 81 den 2. december 2026« (skrives ind i brevet)",
}

TYPED_FIELDS: frozenset[str] = frozenset(
    {
        "kommune",
        "kommune_adresse",
        "kommune_postnr_by",
        "baggrund",
        "bank",
        "bank_adresse",
        "bank_postnr_by",
        "kontonummer",
        "modregnet_beloeb",
        "svarfrist",
        "fogedret",
        "fogedret_adresse",
        "fogedret_postnr_by",
        "fogedsagsnummer",
        "ny_dato_tidligst",
        "betalingsplan",
    }
)
"""Fields no case holds: blank (``________``) until the adviser types them, in the window's text or with
``boligdesk pdf letter … --felt navn=værdi``."""

MONEY_FIELDS: frozenset[str] = frozenset({"modregnet_beloeb"})
"""Typed fields that are amounts: read as kroner and printed the Danish way (``1.234,50 kr.``)."""

DATE_FIELDS: frozenset[str] = frozenset({"svarfrist", "ny_dato_tidligst"})
"""Typed fields that are dates: read like any date and printed in words (``15. december 2026``)."""

BLOCKS: dict[str, str] = {
    "parter": "Aftalens parter: lejer og udlejer",
    "restance": "Tabel over hvad restancen består af, med total",
    "afdragsplan": "Tabel med afdragene: datoer, afdrag, husleje og i alt",
    "budget": "Tabel med det seneste budget: indtægter, udgifter og rest",
    "underskrifter": "Underskriftslinjer med dato for lejer og udlejer",
    "underskrift_lejer": "Én underskriftslinje med dato for lejeren (samtykke)",
}

BLOCK_NEEDS: dict[str, str] = {
    "afdragsplan": "plan",
    "budget": "budget",
}
"""Blocks that need data a case may lack: ``plan`` (an afdragsordning) or ``budget``."""
