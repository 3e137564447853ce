"""Writing files the user asked for (PDFs, exports): atomically, with a Danish message on failure."""

from __future__ import annotations

from boligdesk.models.atomic import atomic_write_bytes, os_error_message

__all__ = ["atomic_write_bytes", "os_error_message"]
