"""The 8-bit text detector (engine/reading/ocr/models, built by tools/quantize_detector.py): chosen for invoices and
CVs, the wheel's float one for receipts, on request or when the 8-bit one cannot be loaded, and the same lines
found by both."""
import logging
from difflib import SequenceMatcher

import pytest

from engine.reading.ocr import OcrUnavailable
from engine.tests.documents import InvoiceSpec, faded, image_bytes, invoice_pdf, receipt_image, render_pdf, scanned

pytest.importorskip("rapidocr")
from engine import extractor  # noqa: E402
from engine.reading.ocr import rapid  # noqa: E402


def backend_with(monkeypatch, choice):
    monkeypatch.setenv("DIGITIZE_OCR_DETECTOR", choice)
    return rapid.RapidOcrBackend()


def detector_file(backend):
    return backend._engine.cfg.Det.model_path


FLOAT_MODEL = "rapidocr/models/PP-OCRv6_det_small.onnx"


def test_receipts_are_detected_with_the_float_model_other_documents_with_the_int8_one(monkeypatch):
    monkeypatch.delenv("DIGITIZE_OCR_DETECTOR", raising=False)
    backend = rapid.RapidOcrBackend()
    int8 = rapid.model_fingerprint(rapid.INT8_DETECTOR)
    assert int8.startswith("PP-OCRv6_det_small_int8.onnx:569acb1a8822")
    assert backend.signature.endswith(int8)
    seen = []
    recognize = backend.recognize
    monkeypatch.setattr(backend, "recognize", lambda image, lang=None: seen.append(backend.signature)
                        or recognize(image, lang))
    monkeypatch.setattr(extractor, "_ocr_backend", lambda name: backend)
    image = image_bytes(receipt_image()[0])
    for doc_type in ("expense", "invoice", "applicant"):
        assert extractor.extract(image, doc_type)["full_text_annotation"]
    assert [signature.rsplit("detector=", 1)[1].split(":")[0] for signature in seen] == [
        "PP-OCRv6_det_small.onnx", "PP-OCRv6_det_small_int8.onnx", "PP-OCRv6_det_small_int8.onnx"]
    assert backend.signature.endswith(int8)  # each document's choice ends with it


@pytest.mark.parametrize("choice, expense, invoice", [("int8", "int8", "int8"), ("Float", "float", "float"),
                                                      ("auto", "float", "int8")])
def test_the_detector_can_be_chosen_for_all_documents(monkeypatch, choice, expense, invoice):
    backend = backend_with(monkeypatch, choice)
    fingerprints = {"int8": rapid.model_fingerprint(rapid.INT8_DETECTOR),
                    "float": rapid.model_fingerprint(detector_file(backend_with(monkeypatch, "float")))}
    for doc_type, expected in (("expense", expense), ("invoice", invoice)):
        with backend.detecting_for(doc_type):
            assert backend.signature.endswith(fingerprints[expected])  # OCR caches keep them apart


def test_an_unknown_detector_choice_is_a_clear_error(monkeypatch):
    with pytest.raises(OcrUnavailable, match="DIGITIZE_OCR_DETECTOR is 'fp16': it can be auto, int8, float"):
        backend_with(monkeypatch, "fp16")


@pytest.mark.parametrize("content", [None, b"not an ONNX model"], ids=["missing", "unreadable"])
def test_without_a_usable_int8_model_the_float_one_detects(monkeypatch, tmp_path, caplog, content):
    path = tmp_path / "PP-OCRv6_det_small_int8.onnx"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setattr(rapid, "INT8_DETECTOR", str(path))
    with caplog.at_level(logging.WARNING, logger=rapid.__name__):
        backend = backend_with(monkeypatch, "int8")
    assert detector_file(backend).endswith(FLOAT_MODEL)
    with backend.detecting_for("invoice"):
        assert FLOAT_MODEL.rsplit("/", 1)[1] + ":" in backend.signature
    assert "OCR detects with the float model" in caplog.text and str(path) in caplog.text
    assert "TOTAL" in [text.split()[0] for text, _score, _box in backend.recognize(receipt_image()[0])]


PAGES = {
    "invoice": lambda: render_pdf(invoice_pdf(InvoiceSpec(lang="de")), dpi=150),
    "scanned invoice": lambda: scanned(render_pdf(invoice_pdf(InvoiceSpec(lang="fr")), dpi=200), angle=1.2,
                                       noise=0.002, blur=0.5),
    "faded receipt": lambda: faded(receipt_image()[0], ink=70, paper=180),
}


@pytest.fixture(scope="module")
def both_detectors():
    with pytest.MonkeyPatch.context() as patch:
        return backend_with(patch, "int8"), backend_with(patch, "float")


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_int8_detector_finds_the_lines_the_float_one_does(both_detectors, page):
    image = PAGES[page]()
    int8_lines, float_lines = (backend.recognize(image) for backend in both_detectors)
    assert len(float_lines) >= 12 and abs(len(int8_lines) - len(float_lines)) <= len(float_lines) / 10
    # the same characters read, in the same order: boxes a pixel apart are cut elsewhere by the recogniser
    # (a word glued to the next, "DATE: 25/12/2018 TIME: 12:41" one line or two), as when a page is
    # scanned again (SROIE receipts moved by 2 pixels read 6 % of their words otherwise)
    int8_text, float_text = ("".join(text for text, _score, _box in lines).replace(" ", "")
                             for lines in (int8_lines, float_lines))
    assert SequenceMatcher(None, float_text, int8_text, autojunk=False).ratio() >= 0.98
    # most lines the same, each where the float detector put it (within a quarter of its height)
    int8_boxes = {text: box for text, _score, box in int8_lines}
    same = [text for text, _score, box in float_lines if text in int8_boxes
            and max(abs(a - b) for a, b in zip(box, int8_boxes[text])) <= (box[3] - box[1]) / 4]
    assert len(same) >= 0.8 * len(float_lines), sorted(set(t for t, _s, _b in float_lines) - set(same))
