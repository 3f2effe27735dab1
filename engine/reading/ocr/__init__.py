"""OCR backends: page image → words with relative boxes.

``rapidocr`` (default, PP-OCRv6 models shipped inside the rapidocr wheel) and ``tesseract``
(tesserocr, light fallback). Both are loaded lazily and kept per process.
"""
from .base import OcrBackend, OcrUnavailable

BACKENDS = ("rapidocr", "tesseract")
_instances = {}


def get_backend(name="rapidocr"):
    """The process-wide backend called ``name``; raises :class:`OcrUnavailable` if it cannot load."""
    if name not in BACKENDS:
        raise ValueError(f"Unknown OCR backend {name!r}; choose one of {', '.join(BACKENDS)}.")
    if name not in _instances:
        if name == "rapidocr":
            from .rapid import RapidOcrBackend as cls
        else:
            from .tesseract import TesseractBackend as cls
        _instances[name] = cls()
    return _instances[name]


__all__ = ["BACKENDS", "OcrBackend", "OcrUnavailable", "get_backend"]
