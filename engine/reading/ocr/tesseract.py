"""Tesseract backend through tesserocr (page segmentation mode 4: a single column of variable sizes)."""
import glob
import logging
import os

from .. import budget
from .base import OcrBackend, OcrUnavailable
from .skew import page_skew, straightened_bounds

# Odoo language codes → Tesseract traineddata names.
_logger = logging.getLogger(__name__)

_LANGS = {"en": "eng", "fr": "fra", "de": "deu", "nl": "nld", "es": "spa", "it": "ita", "pt": "por"}


def find_tessdata():
    candidates = [os.environ.get("TESSDATA_PREFIX", "")] + sorted(
        glob.glob("/usr/share/tesseract-ocr/*/tessdata"), reverse=True) + ["/usr/share/tessdata"]
    for path in candidates:
        if path and glob.glob(os.path.join(path, "eng.traineddata")):
            return path.rstrip("/") + "/"
    return None


class TesseractBackend(OcrBackend):
    name = "tesseract"
    signature = "straightened slant-field"

    def __init__(self):
        try:
            import tesserocr
        except ImportError as exc:
            raise OcrUnavailable(f"tesserocr is not installed ({exc})") from None
        self._tesserocr = tesserocr
        self._path = find_tessdata()
        if not self._path:
            raise OcrUnavailable("No Tesseract language data (eng.traineddata) found; install tesseract-ocr-eng.")
        self._available = set(tesserocr.get_languages(self._path)[1])
        self._apis = {}

    def _language(self, lang):
        wanted = _LANGS.get((lang or "en")[:2].lower(), "eng")
        return "eng" if wanted == "eng" or wanted not in self._available else f"{wanted}+eng"

    def recognize(self, image, lang=None):
        tesserocr = self._tesserocr
        language = self._language(lang)
        api = self._apis.get(language)
        if api is None:
            api = tesserocr.PyTessBaseAPI(path=self._path, lang=language, psm=tesserocr.PSM.SINGLE_COLUMN)
            self._apis[language] = api
        budget.check("before Tesseract")
        api.SetImage(image.convert("RGB"))
        left = budget.remaining()
        if left is not None:  # Tesseract stops itself when the document's time budget runs out
            if not api.Recognize(timeout=max(1, int(left * 1000))):
                budget.check("in Tesseract")
        else:
            api.Recognize()
        skew = page_skew(_line_quads(tesserocr, api))
        return _words(tesserocr, api, skew, image.width, image.height)


def _words(tesserocr, api, skew, width, height):
    """[(text, confidence, box)] of the words Tesseract recognised. A word it found but gives no text for
    (tesserocr raises ``RuntimeError: No text returned``: Tesseract 5.5 on some receipts) is left out."""
    items = []
    level = tesserocr.RIL.WORD
    for word in tesserocr.iterate_level(api.GetIterator(), level):
        try:
            text = word.GetUTF8Text(level)
        except RuntimeError:
            _logger.debug("a word without text skipped")
            continue
        box = word.BoundingBox(level)
        if text and text.strip() and box:
            x0, y0, x1, y1 = box
            corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
            items.append((text.strip(), word.Confidence(level) / 100.0,
                          straightened_bounds(corners, skew, width, height)))
    return items


def _line_quads(tesserocr, api):
    """The text lines Tesseract found, as slanted boxes: from each baseline up by the height of its letters."""
    level = tesserocr.RIL.TEXTLINE
    quads = []
    for line in tesserocr.iterate_level(api.GetIterator(), level):
        box, baseline = line.BoundingBox(level), line.Baseline(level)
        if not box or not baseline:
            continue
        (left, left_y), (right, right_y) = baseline
        # the upright box of a slanted line is as tall as its letters plus the baseline's drop
        height = max(box[3] - box[1] - abs(right_y - left_y), 1)
        quads.append(((left, left_y - height), (right, right_y - height), (right, right_y), (left, left_y)))
    return quads
