"""The engine's entry point: bytes → the Extract API ``results[0]`` object."""
import contextlib
import logging
import math

from .errors import DocumentError
from .reading import budget
from .reading.layout import shown_coords
from .reading.loader import DEFAULT_LIMITS, load

_logger = logging.getLogger(__name__)
DOC_TYPES = ("invoice", "expense", "applicant")


def extract(data, doc_type="invoice", user_infos=None, ocr="rapidocr", limits=DEFAULT_LIMITS, memory=None):
    """Extract the features of ``doc_type`` from a document's bytes.

    Returns a dict with one ``feature_result`` per feature of the Extract API for that type and
    ``full_text_annotation``, strict JSON (no NaN or infinity). ``memory`` (engine.memory) re-ranks the features
    with what validations of the document's supplier taught. Raises :class:`DocumentError` for documents it
    cannot read, ``DocumentError('timeout')`` past ``limits.max_seconds``.
    """
    if doc_type not in DOC_TYPES:
        raise ValueError(f"Unknown document type {doc_type!r}; expected one of {', '.join(DOC_TYPES)}.")
    user_infos = user_infos or {}
    backend = _ocr_backend(ocr)
    with budget.started(limits.time_budget(), limits.max_cpu_seconds):
        return finite(_extract(data, doc_type, user_infos, backend, limits, memory))


def _extract(data, doc_type, user_infos, backend, limits, memory=None):
    with backend.detecting_for(doc_type) if backend else contextlib.nullcontext():
        document = load(data, ocr=backend, limits=limits, lang=user_infos.get("user_lang"))
    from .reading.structured import structured_data

    budget.check("after reading the pages")
    structured = structured_data(document, data)
    budget.check("after reading the structured data")
    pages = document.pages
    if doc_type == "invoice":
        from .fields.invoice import extract_invoice
        result = extract_invoice(pages, user_infos, structured)
    elif doc_type == "expense":
        from .fields.expense import extract_expense
        result = extract_expense(pages, user_infos, structured)
    else:
        from .fields.applicant import extract_applicant
        result = extract_applicant(pages, user_infos)
    if memory is not None:
        memory.recall(result, pages, doc_type, user_infos)
    _place_on_pages_as_shown(result, {page.index: (page.turn, page.projection) for page in pages
                                      if page.turn % 4 or page.projection})
    result["full_text_annotation"] = full_text(pages)
    return result


def finite(node):
    """``node`` (a result: dicts, lists, tuples, numbers, strings) with every float that is NaN or infinite
    replaced by None, in place where it can be: the result must be strict JSON for every caller."""
    if isinstance(node, float):
        return node if math.isfinite(node) else None
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, (float, dict, list, tuple)):
                node[key] = finite(value)
        return node
    if isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, (float, dict, list, tuple)):
                node[index] = finite(value)
        return node
    if isinstance(node, tuple):
        return tuple(finite(value) for value in node)
    return node


def _place_on_pages_as_shown(result, placements):
    """Move the ``coords`` of every candidate from the page as read (upright, flattened) to the page as the
    document shows it, for the pages read turned or flattened (``placements``: page index → (quarter turns
    clockwise, projection or None)): a client draws them over the document it was sent. Boxes stay upright
    rectangles (angle 0) around the same words."""
    if not placements:
        return
    seen = set()

    def visit(node):
        if isinstance(node, list):
            for item in node:
                visit(item)
        elif isinstance(node, dict):
            coords = node.get("coords")
            if coords and id(node) not in seen and node.get("page") in placements and (coords[2] or coords[3]):
                seen.add(id(node))  # a selected value may be the very dict of its best candidate
                node["coords"] = shown_coords(coords, *placements[node["page"]])
            for value in node.values():
                if isinstance(value, (list, dict)):
                    visit(value)
    visit(result)


def full_text(pages):
    return "\n\n".join("\n".join(line.text for line in page.lines) for page in pages)


def _ocr_backend(name):
    if name is None:
        return None
    from .reading.ocr import OcrUnavailable, get_backend

    try:
        return get_backend(name)
    except OcrUnavailable as exc:
        # a text-layer PDF still works without OCR; a scan then fails with a clear DocumentError
        _logger.warning("OCR backend %s unavailable: %s", name, exc)
        return None


__all__ = ["DOC_TYPES", "DocumentError", "extract", "full_text"]
