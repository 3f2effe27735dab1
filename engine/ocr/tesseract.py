"""Tesseract backend through tesserocr (page segmentation mode 4: a single column of variable sizes)."""
import glob
import os

from .base import OcrBackend, OcrUnavailable

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
        items = []
        iterator = api.GetIterator()
        level = tesserocr.RIL.WORD
        for word in tesserocr.iterate_level(iterator, level):
            text = word.GetUTF8Text(level)
            box = word.BoundingBox(level)
            if text and text.strip() and box:
                items.append((text.strip(), word.Confidence(level) / 100.0, box))
        return items
