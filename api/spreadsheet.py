"""Cells a spreadsheet will not run: the one rule for every CSV, TSV and XLSX export.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel, LibreOffice and Google Sheets, so it is written with a leading single
quote (OWASP's "CSV injection" advice) and shown as text. A plain number (``-5``,
``+1.50``, ``-2E+3``) stays as it is: it cannot run anything, and negative amounts stay
numbers. Used by the API's exports (api/export.py) and the admin's CSV, TSV, XLSX, XLS
and ODS exports (``EXPORT_FORMATS``); JSON stays raw. The price: ``=x`` exported and
imported again comes back as ``'=x``. No models here: the settings import this module.
"""

from __future__ import annotations

import re
from typing import Any

import tablib
from import_export.formats import base_formats

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet should store it: formula-like text gets a ``'`` prefix;
    numbers, dates and other values are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of ``dataset`` with every cell and header passed through :func:`safe_cell`."""
    headers = [safe_cell(name) for name in dataset.headers] if dataset.headers else None
    rows = [[safe_cell(value) for value in row] for row in dataset]
    return tablib.Dataset(*rows, headers=headers, title=dataset.title)


class SafeExportMixin:
    """An import-export format whose exports go through :func:`safe_dataset`."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(safe_dataset(dataset), **kwargs)


class CSV(SafeExportMixin, base_formats.CSV):
    pass


class TSV(SafeExportMixin, base_formats.TSV):
    pass


class XLSX(SafeExportMixin, base_formats.XLSX):
    pass


class XLS(SafeExportMixin, base_formats.XLS):
    pass


class ODS(SafeExportMixin, base_formats.ODS):
    pass


_SAFE = {
    base_formats.CSV: CSV,
    base_formats.TSV: TSV,
    base_formats.XLSX: XLSX,
    base_formats.XLS: XLS,
    base_formats.ODS: ODS,
}

# The admin writes native numbers and dates to the formats in BINARY_FORMATS, which it
# checks by exact type: the neutralised ones are such formats too.
base_formats.BINARY_FORMATS.extend(
    safe
    for base, safe in _SAFE.items()
    if base in base_formats.BINARY_FORMATS and safe not in base_formats.BINARY_FORMATS
)

#: django-import-export's default export formats, in their order (the admin's form
#: refers to them by position), the spreadsheet ones neutralised.
EXPORT_FORMATS = [_SAFE.get(fmt, fmt) for fmt in base_formats.DEFAULT_FORMATS]
