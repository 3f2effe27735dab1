"""Digitize extraction engine: document bytes → Extract API results. Pure Python: never imports odoo.

    from engine import extract          # or: from odoo.addons.digitize.engine import extract
    result = extract(pdf_bytes, "invoice", {"user_lang": "fr_FR"})
    result["total"]["selected_value"]["content"]

What this module exports is the engine's API, the only names the Odoo addon and other callers use; every other
module of the package is internal and may change.
"""
from .conventions.text import compact_code
from .errors import DocumentError
from .extractor import DOC_TYPES, extract, full_text
from .reading.kept_reads import kept_reads
from .reading.loader import DEFAULT_LIMITS, Limits, document_format, page_sizes, render_pdf_page, sniff_format

__all__ = ["DEFAULT_LIMITS", "DOC_TYPES", "DocumentError", "Limits", "compact_code", "document_format", "extract",
           "full_text", "kept_reads", "page_sizes", "render_pdf_page", "sniff_format"]
