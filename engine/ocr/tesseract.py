"""Tesseract backend through tesserocr (page segmentation mode 4: a single column of variable sizes)."""
import glob
import os

from .base import OcrBackend, OcrUnavailable
from .skew import page_skew, straightened_bounds

# Odoo language codes → Tesseract traineddata names.
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
        api.SetImage(image.convert("RGB"))
        api.Recognize()
        skew = page_skew(_line_quads(tesserocr, api))
        items = []
        iterator = api.GetIterator()
        level = tesserocr.RIL.WORD
        for word in tesserocr.iterate_level(iterator, level):
            text = word.GetUTF8Text(level)
            box = word.BoundingBox(level)
            if text and text.strip() and box:
                x0, y0, x1, y1 = box
                corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
                items.append((text.strip(), word.Confidence(level) / 100.0,
                              straightened_bounds(corners, skew, image.width, image.height)))
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
