"""Build ``engine/reading/ocr/models/PP-OCRv6_det_small_int8.onnx``: RapidOCR's text detector with 8-bit weights and
activations, calibrated on documents this script renders (no dataset is read).

The engine only reads the file this writes; building it needs what the engine does not (``onnx``, ONNX
Runtime's quantisation tools and ``ml_dtypes``), on a machine with the pinned rapidocr wheel:

    pip install onnx==1.17.0 ml_dtypes
    python tools/quantize_detector.py [--output PATH]

Weights per output channel in 7 bits (signed), activations per tensor in 8 (unsigned), from the smallest and
largest values the calibration pages give (no clipping: a page darker or busier than them is read with less
precision, never cut off). 7-bit weights keep the products of the x86 processors without VNNI instructions
from saturating (ONNX Runtime's quantisation guide); on the dev pages they read as many words as 8-bit ones
the float model's way. The model is brought to opset 13 first, as per-channel quantisation needs.
"""
import argparse
import os
import sys
import tempfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # the addon folder: the engine and its test documents

from engine.reading.ocr.rapid import INT8_DETECTOR, RapidOcrBackend  # noqa: E402
from engine.tests.documents import LANGS, InvoiceSpec, cv_pdf, faded, invoice_pdf, receipt_image, render_pdf, scanned  # noqa: E402


def calibration_pages():
    """Pages of the kinds the engine reads: invoices in every language at 150 and 200 dpi, clean and scanned
    (turned, noisy, blurred), receipts on white, grey and photographed on a dark table with uneven light, CVs,
    and a dark band with white print."""
    for index, lang in enumerate(sorted(LANGS)):
        page = render_pdf(invoice_pdf(InvoiceSpec(lang=lang)), dpi=150 if index % 2 else 200)
        yield page
        yield scanned(page, angle=(index - 3) * 0.7, noise=0.002 * (index % 3), blur=0.3 * (index % 2))
    for index, (merchant, total) in enumerate((("GREEN LEAF CAFE SDN BHD", 16.40), ("KEDAI RUNCIT AH MENG", 8.90),
                                               ("BÄCKEREI MÜLLER", 12.35))):
        receipt, _truth = receipt_image(merchant=merchant, items=(("ITEM A", total / 2), ("ITEM B", total / 2)))
        yield receipt
        yield faded(receipt, ink=40, paper=200 - 30 * index)
        yield photographed(receipt, seed=index)
    yield render_pdf(cv_pdf(), dpi=150)
    yield dark_band_page()


def photographed(image, seed=0):
    """``image`` lying on a dark table, lit unevenly from one side, slightly turned and soft."""
    rng = np.random.default_rng(seed)
    width, height = image.width + 240, image.height + 200
    table = rng.normal(60, 12, (height, width, 3)).clip(0, 255).astype(np.uint8)
    table[..., 0] = (table[..., 0] * 1.3).clip(0, 255)  # a brownish wood
    photo = Image.fromarray(table)
    photo.paste(image.rotate(2 + seed, expand=False, fillcolor="white"), (120, 100))
    light = np.linspace(1.0, 0.55, width, dtype=np.float32)[np.newaxis, :, np.newaxis]
    lit = (np.asarray(photo, dtype=np.float32) * light).clip(0, 255).astype(np.uint8)
    return Image.fromarray(lit).filter(ImageFilter.GaussianBlur(0.8))


def dark_band_page():
    """An A4 page at 150 dpi with a dark heading band in white print and a coloured table header."""
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 1240, 180), fill=(20, 40, 90))
    draw.text((60, 60), "ACME SUPPLIES LTD  -  INVOICE 2024-118", fill="white", font_size=48)
    draw.rectangle((60, 400, 1180, 450), fill=(200, 60, 40))
    draw.text((80, 410), "Description      Qty      Price      Amount", fill="white", font_size=28)
    for row in range(12):
        draw.text((80, 480 + 40 * row), f"Item {row + 1}   {row + 2}   {9.5 * (row + 1):.2f}   "
                  f"{9.5 * (row + 1) * (row + 2):.2f}", fill=(60, 60, 60), font_size=26)
    return page


class DetectionInputs:
    """Stands in for the detector's session: records what it is given, and runs it."""

    def __init__(self, session):
        self.session, self.inputs = session, []

    def __call__(self, tensor):
        self.inputs.append(np.array(tensor, dtype=np.float32))
        return self.session(tensor)

    def __getattr__(self, name):
        return getattr(self.session, name)


def detection_inputs():
    """The tensors the float detector is run on for the calibration pages, through the engine's own path
    (bands, scales)."""
    os.environ["DIGITIZE_OCR_DETECTOR"] = "float"
    backend = RapidOcrBackend(threads=0)
    detector = backend._engine.text_det._detector
    recorder = detector.session = DetectionInputs(detector.session)
    for page in calibration_pages():
        backend.recognize(page)
    return recorder.inputs


def main():
    import onnx
    from onnx import version_converter
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default=INT8_DETECTOR)
    args = parser.parse_args()
    inputs = detection_inputs()
    print(f"{len(inputs)} detection inputs from the calibration pages")

    class Inputs(CalibrationDataReader):
        def __init__(self):
            self._inputs = iter(inputs)

        def get_next(self):
            tensor = next(self._inputs, None)
            return None if tensor is None else {"x": tensor}

    import rapidocr
    source = os.path.join(os.path.dirname(rapidocr.__file__), "models", "PP-OCRv6_det_small.onnx")
    with tempfile.TemporaryDirectory() as work:
        prepared = os.path.join(work, "prepared.onnx")
        quant_pre_process(source, prepared, skip_symbolic_shape=True)
        opset13 = os.path.join(work, "opset13.onnx")
        onnx.save(version_converter.convert_version(onnx.load(prepared), 13), opset13)
        quantize_static(opset13, args.output, Inputs(), quant_format=QuantFormat.QDQ, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        reduce_range=True)
    print(f"wrote {args.output} ({os.path.getsize(args.output)} bytes)")


if __name__ == "__main__":
    main()
