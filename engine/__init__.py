"""Digitize extraction engine: document bytes → Extract API results. Pure Python: never imports odoo.

    from engine import extract          # or: from odoo.addons.digitize.engine import extract
    result = extract(pdf_bytes, "invoice", {"user_lang": "fr_FR"})
    result["total"]["selected_value"]["content"]
"""
from .errors import DocumentError
from .extractor import DOC_TYPES, extract, full_text
from .loader import DEFAULT_LIMITS, Limits, document_format

__all__ = ["DEFAULT_LIMITS", "DOC_TYPES", "DocumentError", "Limits", "document_format", "extract", "full_text"]
