"""The three tables of the 2015 evaluation of Stop Udsættelser (seed 004, »Resultater«), as published."""

from __future__ import annotations

YEARS = (2011, 2012, 2013, 2014)
ESTATES = (
    "Hørsholm Kokkedal",
    "Nordkysten",
    "NAB",
    "Birkebo",
    "DVB København",
    "Egedalsvænge",
    "Folehaven",
)
#: Fraflytninger efter ophævelser (moves after termination); "-" in the report is 0.
MOVED_OUT = {
    "Hørsholm Kokkedal": (9, 0, 6, 3),
    "Nordkysten": (24, 8, 10, 5),
    "NAB": (5, 7, 3, 0),
    "Birkebo": (0, 0, 1, 0),
    "DVB København": (1, 1, 2, 0),
    "Egedalsvænge": (3, 1, 0, 2),
    "Folehaven": (1, 2, 0, 0),
}
#: Ophævelse og fogedudsættelse (bailiff evictions).
EVICTED = {
    "Hørsholm Kokkedal": (2, 1, 1, 0),
    "Nordkysten": (5, 8, 6, 9),
    "NAB": (6, 2, 1, 2),
    "Birkebo": (6, 1, 0, 4),
    "DVB København": (1, 4, 1, 0),
    "Egedalsvænge": (13, 3, 2, 4),
    "Folehaven": (12, 9, 2, 4),
}
#: Total (as printed).
TOTAL = {
    "Hørsholm Kokkedal": (11, 1, 7, 3),
    "Nordkysten": (29, 16, 16, 14),
    "NAB": (11, 9, 4, 2),
    "Birkebo": (6, 1, 1, 4),
    "DVB København": (2, 5, 3, 0),
    "Egedalsvænge": (16, 4, 2, 6),
    "Folehaven": (13, 11, 2, 4),
}
#: The column totals. The report prints 16 evictions for 2012, but its own estate rows add up to 28
#: (1+8+2+1+4+3+9), and its Total table (47 = 19 moves + 28 evictions) agrees with 28: the printed 16 is a
#: misprint. The changes in % (first → last year) are not affected.
PRINTED_EVICTED_2012 = 16
TOTALS = {"moved_out": (43, 19, 22, 10), "evicted": (45, 28, 13, 23), "total": (88, 47, 35, 33)}
CHANGES = {"moved_out": -77, "evicted": -49, "total": -63}
