"""Hostile input never crashes the engine: strict JSON or a documented DocumentError, within time and memory.

The files come from engine/tests/hostile.py, made at test time. Memory is measured in a child process
(its peak RSS), time with a small ``Limits.max_seconds`` rather than long waits.
"""
import ast
import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from engine import DocumentError, Limits, extract
from engine import extractor as extractor_module
from engine.tests import hostile
from engine.tests.conftest import ROOT, StubOcr

NOT_FINITE = ["NaN", "nan", "inf", "-Infinity", "-1e999", "1e308", "1e15"]


def strict_json(result):
    """``result`` dumped as strict JSON (raises on NaN or infinity) and read back."""
    def refuse(constant):
        raise ValueError(f"non-standard JSON constant {constant}")
    return json.loads(json.dumps(result, allow_nan=False), parse_constant=refuse)


@pytest.fixture
def stub_ocr(monkeypatch):
    """extract() with an OCR backend that reads nothing (images and scans are still decoded, QR codes read)."""
    monkeypatch.setattr(extractor_module, "_ocr_backend", lambda name: StubOcr() if name else None)


def selected(result, name):
    value = (result.get(name) or {}).get("selected_value")
    return value and value["content"]


# ---------------------------------------------------------------------------------------------- NaN, infinity
@pytest.mark.parametrize("amount", NOT_FINITE)
@pytest.mark.parametrize("make", [hostile.ubl, hostile.cii], ids=["ubl", "cii"])
def test_einvoice_amounts_that_are_not_finite_or_absurd_are_dropped(make, amount):
    result = strict_json(extract(make(amount), "invoice", ocr=None))
    assert selected(result, "total") is None
    assert selected(result, "subtotal") is None
    assert selected(result, "invoice_id") in ("INV-1", "FX-1")  # the rest of the file is still read


def test_einvoice_amounts_that_are_finite_are_still_read():
    assert selected(extract(hostile.ubl("119.00"), "invoice", ocr=None), "total") == 119.0
    assert selected(extract(hostile.cii("1234.5"), "invoice", ocr=None), "total") == 1234.5


@pytest.mark.parametrize("amount", ["NaN", "-1e999", "1e308"])
def test_factur_x_attachment_with_a_non_finite_amount(amount):
    result = strict_json(extract(hostile.with_attachment("factur-x.xml", hostile.cii(amount)), "invoice", ocr=None))
    assert selected(result, "total") == 119.0  # read from the page, not the attachment's NaN
    assert selected(result, "invoice_id") == "FX-1"


@pytest.mark.parametrize("amount", ["NaN", "inf", "-1e999", "1e308"])
@pytest.mark.parametrize("text", [hostile.swiss_qr_text, hostile.epc_qr_text], ids=["swiss", "epc"])
def test_qr_codes_with_a_non_finite_amount(stub_ocr, text, amount):
    result = strict_json(extract(hostile.qr_png(text(amount)), "invoice"))
    assert selected(result, "total") is None


@pytest.mark.parametrize("text", [hostile.swiss_qr_text, hostile.epc_qr_text], ids=["swiss", "epc"])
def test_qr_codes_with_an_amount_are_still_read(stub_ocr, text):
    assert selected(extract(hostile.qr_png(text("12.50")), "invoice"), "total") == 12.5


def test_the_result_is_sanitised_of_non_finite_floats():
    result = {"a": float("nan"), "b": [1.0, float("inf"), {"c": -float("inf")}], "d": (float("nan"), 2), "e": "x"}
    assert extractor_module.finite(result) == {"a": None, "b": [1.0, None, {"c": None}], "d": (None, 2), "e": "x"}


# ---------------------------------------------------------------------------------------------- damaged PDFs
def test_a_page_tree_that_loops_is_corrupt(stub_ocr):
    with pytest.raises(DocumentError) as caught:
        extract(hostile.looping_page_tree(), "invoice")
    assert caught.value.code == "corrupt"


def test_a_page_tree_3000_levels_deep_is_corrupt(stub_ocr):
    with pytest.raises(DocumentError) as caught:
        extract(hostile.deep_page_tree(3000), "invoice")
    assert caught.value.code == "corrupt"


@pytest.mark.parametrize("mediabox", [b"[0 0 0 0]", b"[0 0 1e30 1e30]", b"[0 0 -5 -5]", b"[0 0 595 0]"])
def test_a_degenerate_media_box_is_read_sanely_or_corrupt(stub_ocr, mediabox):
    try:
        result = strict_json(extract(hostile.text_pdf(mediabox=mediabox), "invoice"))
    except DocumentError as exc:
        assert exc.code == "corrupt"
    else:
        assert "Invoice INV-2024-001" in result["full_text_annotation"]


# ---------------------------------------------------------------------------------------------- formats
@pytest.mark.parametrize("data", [hostile.HTML, hostile.SVG, hostile.NOT_AN_INVOICE, hostile.ANGLE_TEXT,
                                  b"<", b"<?xml version='1.0'?><a/>"],
                         ids=["html", "svg", "other-xml", "angle-text", "lone-angle", "tiny-xml"])
def test_markup_that_is_no_e_invoice_is_unsupported(data):
    with pytest.raises(DocumentError) as caught:
        extract(data, "invoice", ocr=None)
    assert caught.value.code == "unsupported_format"


def test_billion_laughs_is_refused():
    with pytest.raises(DocumentError) as caught:
        extract(hostile.BILLION_LAUGHS, "invoice", ocr=None)
    assert caught.value.code == "corrupt"


def test_billion_laughs_attached_to_a_pdf_costs_only_the_attachment():
    result = strict_json(extract(hostile.with_attachment("factur-x.xml", hostile.BILLION_LAUGHS), "invoice",
                                 ocr=None))
    assert selected(result, "total") == 119.0


def test_a_zip_storing_a_pdf_is_unsupported():
    data = hostile.zip_with_pdf(hostile.text_pdf())
    assert b"%PDF-" in data[:1024]
    with pytest.raises(DocumentError) as caught:
        extract(data, "invoice", ocr=None)
    assert caught.value.code == "unsupported_format"


def test_a_tiff_whose_second_page_is_a_bomb_is_too_large(stub_ocr):
    with pytest.raises(DocumentError) as caught:
        extract(hostile.tiff_with_bomb_second_page(), "invoice")
    assert caught.value.code == "too_large"


@pytest.mark.parametrize("kind", ["png", "jpg", "tif"])
def test_a_truncated_image_is_corrupt(stub_ocr, kind):
    with pytest.raises(DocumentError) as caught:
        extract(hostile.truncated(kind), "invoice")
    assert caught.value.code == "corrupt"


# ---------------------------------------------------------------------------------------------- size and memory
def _run_child(code, *args, timeout=120):
    """(exit status, stdout, stderr, peak RSS in MB) of ``code`` run in a fresh Python from the addon root."""
    wrapper = textwrap.dedent("""
        import resource, sys
        status = 0
        try:
            exec(compile(sys.argv[1], "<child>", "exec"))
        except SystemExit as exc:
            status = exc.code or 0
        # the peak of this process's own memory (VmHWM): ru_maxrss would count the pytest process it was forked from
        with open("/proc/self/status") as status_file:
            peak = [line.split()[1] for line in status_file if line.startswith("VmHWM:")]
        print("MAXRSS", int(peak[0]) // 1024 if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
              file=sys.stderr)
        sys.exit(status)
    """)
    process = subprocess.run([sys.executable, "-c", wrapper, code, *args], cwd=ROOT, capture_output=True,
                             text=True, timeout=timeout, env=dict(os.environ, DIGITIZE_OCR_THREADS="1"))
    rss = int(process.stderr.rsplit("MAXRSS", 1)[1])
    return process.returncode, process.stdout, process.stderr.rsplit("MAXRSS", 1)[0], rss


CLI = "from engine.__main__ import main; sys.exit(main(sys.argv[2:]))"


def test_cli_refuses_a_3_gib_file_without_reading_it(tmp_path):
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as handle:  # sparse: nothing written but the header
        handle.write(b"%PDF-1.7\n")
        handle.truncate(3 * hostile.GIB)
    status, _out, err, rss = _run_child(CLI, "extract", str(path))
    assert status == 2
    assert json.loads(err.strip().splitlines()[-1])["error"] == "too_large"
    assert rss < 400


def test_cli_prints_documented_errors_and_strict_json(tmp_path):
    nan_invoice = tmp_path / "nan.xml"
    nan_invoice.write_bytes(hostile.ubl("NaN"))
    status, out, _err, _rss = _run_child(CLI, "extract", str(nan_invoice))
    assert status == 0
    assert selected(strict_json(json.loads(out)), "total") is None
    status, _out, err, _rss = _run_child(CLI, "extract", str(tmp_path / "missing.pdf"))
    assert status == 2
    assert json.loads(err.strip().splitlines()[-1])["error"] == "io"


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    (folder / "content.pdf").write_bytes(hostile.content_bomb(hostile.GIB))
    (folder / "attachment.pdf").write_bytes(hostile.attachment_bomb(hostile.GIB))
    return folder


EXTRACT_FILE = textwrap.dedent("""
    from engine import extract, DocumentError
    data = open(sys.argv[2], "rb").read()
    try:
        result = extract(data, "invoice", ocr=None)
        print("TOTAL", result["total"]["selected_value"]["content"])
    except DocumentError as exc:
        print("ERROR", exc.code)
""")


def test_a_content_stream_inflating_to_a_gib_is_refused_in_little_memory(bombs):
    status, out, err, rss = _run_child(EXTRACT_FILE, str(bombs / "content.pdf"))
    assert status == 0, err
    assert out.split() == ["ERROR", "too_large"]
    assert rss < 400


def test_an_attachment_inflating_to_a_gib_is_skipped_in_little_memory(bombs):
    status, out, err, rss = _run_child(EXTRACT_FILE, str(bombs / "attachment.pdf"))
    assert status == 0, err
    assert out.split() == ["TOTAL", "119.0"]  # the page is still read
    assert rss < 400


def test_millions_of_drawn_rectangles_are_refused_before_pdfium_holds_them(stub_ocr):
    with pytest.raises(DocumentError) as caught:
        extract(hostile.many_rectangles(3_000_000), "invoice")  # 6 MB deflated, 42 MB of content
    assert caught.value.code == "too_large"


def test_a_ubl_file_of_100000_lines_reads_its_first_lines_only():
    data = hostile.big_ubl(100_000)
    assert len(data) > 30_000_000
    result = strict_json(extract(data, "invoice", ocr=None))
    assert len(result["invoice_lines"]) == Limits().max_xml_lines
    assert len(extract(data, "invoice", ocr=None, limits=Limits(max_xml_lines=3))["invoice_lines"]) == 3


# ---------------------------------------------------------------------------------------------- time
class SlowOcr(StubOcr):
    """Reads nothing, slowly: a page of OCR that takes ``seconds``."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.calls = 0

    def recognize(self, image, lang=None):
        self.calls += 1
        time.sleep(self.seconds)
        return []


@pytest.mark.parametrize("make", [lambda: hostile.image_pdf(pages=6), lambda: hostile.multipage_tiff(pages=6)],
                         ids=["scanned-pdf", "tiff"])
def test_a_document_past_its_time_budget_is_a_timeout(monkeypatch, make):
    slow = SlowOcr(0.2)
    monkeypatch.setattr(extractor_module, "_ocr_backend", lambda name: slow)
    with pytest.raises(DocumentError) as caught:
        extract(make(), "invoice", limits=Limits(max_seconds=0.5))
    assert caught.value.code == "timeout"
    assert slow.calls < 6 * 2  # stopped between pages, not after all of them


def test_the_time_budget_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DIGITIZE_TIME_BUDGET", "7.5")
    assert Limits().time_budget() == 7.5
    assert Limits(max_seconds=3).time_budget() == 3
    monkeypatch.setenv("DIGITIZE_TIME_BUDGET", "nonsense")
    assert Limits().time_budget() == 45
    monkeypatch.delenv("DIGITIZE_TIME_BUDGET")
    assert Limits().time_budget() == 45
    assert "timeout" in DocumentError.CODES


def test_a_5_mb_text_layer_over_50_pages_is_read_within_the_text_caps():
    data = hostile.big_text_layer(pages=50, chars_per_page=100_000)
    result = strict_json(extract(data, "invoice", ocr=None))
    limits = Limits()
    assert len(result["full_text_annotation"]) < 1.3 * (limits.max_text_chars + limits.max_page_chars)


def test_the_text_layer_is_capped_per_page_and_per_document():
    data = hostile.big_text_layer(pages=5, chars_per_page=20_000)
    limits = Limits(max_page_chars=3000, max_text_chars=8000)
    text = extract(data, "invoice", ocr=None, limits=limits)["full_text_annotation"]
    pages = text.split("\n\n")
    assert 0 < len(pages[0].replace("\n", "").replace(" ", "")) <= 3000
    assert len(text.replace("\n", "").replace(" ", "")) <= 8000 + 3000


def test_50000_tiny_text_objects_are_read_in_seconds():
    strict_json(extract(hostile.many_text_objects(50_000), "invoice", ocr=None))


# ---------------------------------------------------------------------------------------------- Tesseract
class _Word:
    def __init__(self, text, box):
        self.text, self.box = text, box

    def GetUTF8Text(self, level):  # noqa: N802 (tesserocr's name)
        if self.text is None:
            raise RuntimeError("No text returned")
        return self.text

    def BoundingBox(self, level):  # noqa: N802
        return self.box

    def Confidence(self, level):  # noqa: N802
        return 90.0


class _Tesserocr:
    class RIL:
        WORD = 3

    def __init__(self, words):
        self.words = words

    def iterate_level(self, iterator, level):
        return iter(self.words)


class _Api:
    def GetIterator(self):  # noqa: N802
        return None


def test_tesseract_skips_a_word_without_text():
    from engine.reading.ocr.tesseract import _words

    words = [_Word("TOTAL", (10, 10, 60, 20)), _Word(None, (70, 10, 80, 20)), _Word("12.50", (90, 10, 130, 20))]
    items = _words(_Tesserocr(words), _Api(), 0.0, 200, 100)
    assert [text for text, _conf, _box in items] == ["TOTAL", "12.50"]


# ---------------------------------------------------------------------------------------------- docs, imports
def test_every_error_code_is_documented_in_the_readme_and_the_cli_help():
    from engine.__main__ import EXTRACT_EPILOG

    with open(os.path.join(ROOT, "README.rst"), encoding="utf-8") as handle:
        readme = handle.read()
    # the table of error codes: its rows start with the code
    table = readme.split("\nengine code ", 1)[1].split("\n\n", 1)[0]
    for code in DocumentError.CODES + ("io",):
        assert f"\n``{code}`` " in table, code
        assert code in EXTRACT_EPILOG, code
    for code in DocumentError.CODES:
        assert f"``{code}``" in DocumentError.__doc__, code


PURE_PACKAGES = ("engine", "protocol")


def _python_files():
    for package in PURE_PACKAGES:
        for folder, _dirs, files in os.walk(os.path.join(ROOT, package)):
            for name in files:
                if name.endswith(".py"):
                    yield os.path.join(folder, name)


def test_the_pure_packages_never_import_odoo_statically():
    offenders = []
    for path in _python_files():
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                    "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
                names = [str(node.args[0].value)]
            offenders += [f"{os.path.relpath(path, ROOT)}:{node.lineno} {name}" for name in names
                          if name == "odoo" or name.startswith("odoo.")]
    assert not offenders, offenders
    assert len(list(_python_files())) > 20  # the walk found the packages


def test_the_pure_packages_import_without_odoo():
    modules = sorted({os.path.relpath(path, ROOT)[:-3].replace(os.sep, ".").removesuffix(".__init__")
                      for path in _python_files() if f"{os.sep}tests{os.sep}" not in path})
    code = textwrap.dedent("""
        import importlib, importlib.abc, sys
        class NoOdoo(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name == "odoo" or name.startswith("odoo."):
                    raise ImportError("the pure packages must not import " + name)
        sys.meta_path.insert(0, NoOdoo())
        for name in sys.argv[2:]:
            importlib.import_module(name)
        print("imported", len(sys.argv) - 2)
    """)
    status, out, err, _rss = _run_child(code, *modules)
    assert status == 0, err
    assert out.split() == ["imported", str(len(modules))]
