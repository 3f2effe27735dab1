"""RapidOCR 3.10 backend. Models come from the wheel itself, the 8-bit text detector from engine/reading/ocr/models:
no download is ever attempted."""
import contextlib
import copy
import functools
import hashlib
import logging
import os
import time

import cv2
import numpy as np

from .. import budget
from .alphabet import narrow_recogniser
from .bands import detection_piece, ink_bands
from .base import TILL_ROLL_ASPECT, OcrBackend, OcrUnavailable, few_heaps, keep_freed_buffers, limit_math_threads
from .skew import page_skew, straightened_bounds

_PIECE_ASPECT = 3.0  # a till roll is read in pieces this many times as tall as wide

# RapidOCR's text detector with 8-bit weights and activations, built from the wheel's by
# tools/quantize_detector.py: a dense A4 page's lines found in a third of the time on one core.
INT8_DETECTOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models", "PP-OCRv6_det_small_int8.onnx")
# DIGITIZE_OCR_DETECTOR: "auto" detects receipts with the wheel's float model and other documents with the 8-bit
# one. On invoices and CVs the two read as well as each other (a field gained or lost here and there, as when a
# page is scanned again), while receipts' merchants read about a point worse in 8 bits (SROIE, moved by two
# pixels or not, and photographed receipts; higher on no set), and a receipt is read in time anyway.
DETECTORS = ("auto", "int8", "float")

_logger = logging.getLogger(__name__)

_MODELS = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}


class RapidOcrBackend(OcrBackend):
    name = "rapidocr"

    def __init__(self, threads=None):
        try:
            import rapidocr
            from rapidocr import RapidOCR
            from rapidocr.ch_ppocr_det.utils import ResizeImgError as DetectionResizeError
            from rapidocr.utils.process_img import ResizeImgError as ImageResizeError
        except ImportError as exc:
            raise OcrUnavailable(f"rapidocr is not installed ({exc})") from None
        few_heaps()
        model_dir = os.path.join(os.path.dirname(rapidocr.__file__), "models")
        # Detection on at most 1600 px (≈140 dpi for A4): as accurate on documents, half the time and memory
        # of the default (which upsamples to the page's own resolution). Text lines are read from the full image.
        # Text lines recognised one at a time, not in RapidOCR's batches of 6: over the whole alphabet, the
        # recogniser's output is 75 kB per 8 pixels of line width (18,710 characters), so six full-width lines
        # of a CV at 200 dpi took 580 MB at once (25 CVs: peak RSS 1691 → 1162 MB), and 10 % less time on one
        # core (no padding to a longer line). With the narrowed last layer below, batches are still no faster.
        params = {"Global.log_level": "error", "Global.use_cls": False, "Rec.rec_batch_num": 1,
                  "Det.limit_type": "max", "Det.limit_side_len": 1600}
        for key, filename in _MODELS.items():
            path = os.path.join(model_dir, filename)
            if not os.path.isfile(path):
                # rapidocr would download a missing model; production sites have no internet.
                raise OcrUnavailable(f"RapidOCR model {filename} is missing from {model_dir}")
            params[key] = path
        float_detector = params["Det.model_path"]
        choice = detector_choice()
        if choice != "float":
            params["Det.model_path"] = INT8_DETECTOR
        threads = ocr_threads(threads)
        limit_math_threads(threads)
        if threads > 0:
            params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
            params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
        self._engine = RapidOCR(params=params)
        # RapidOCR 3.10 detects through its text_det attribute (loaded on first use): the banded one instead,
        # from the model chosen for the document type being read (see detecting_for)
        fast = self._load_detector(float_detector)
        fast_model = self._engine.cfg.Det.model_path  # the 8-bit one, or the float one it fell back to
        precise, precise_model = fast, fast_model
        if choice == "auto" and fast_model != float_detector:
            precise, precise_model = _detector_from(fast, self._engine.cfg.Det, float_detector), float_detector
        # keyed by whether the document is a receipt
        self._detectors = {False: BandedDetector(fast, fast_model), True: BandedDetector(precise, precise_model)}
        self._engine.text_det = self._detectors[False]
        self._signature = repr(sorted((k, v) for k, v in params.items() if k.startswith(("Det.limit", "Rec.rec"))))
        # recognize() spaces words apart and straightens skewed pages (cache key of tuning runs)
        self._signature += " wide-gaps caps-gaps straightened slant-field roll-pieces ink-bands narrowed-last-layer"
        # its last layer for the 2,452 characters that are not East Asian, the others only where needed
        narrow_recogniser(self._engine._load_rec_model(), params["Rec.model_path"])
        self._resize_errors = (DetectionResizeError, ImageResizeError)
        keep_freed_buffers()

    @property
    def signature(self):
        return f"{self._signature} detector={model_fingerprint(self._engine.text_det.model_path)}"

    @contextlib.contextmanager
    def detecting_for(self, doc_type):
        """Detect text with the model chosen for ``doc_type`` while in the ``with`` block: receipts
        ("expense") with the float model, other documents with the 8-bit one (see DETECTORS)."""
        previous = self._engine.text_det
        self._engine.text_det = self._detectors[doc_type == "expense"]
        try:
            yield self
        finally:
            self._engine.text_det = previous

    def _load_detector(self, float_detector):
        """RapidOCR's detector, from the 8-bit model if chosen; from the wheel's own if that one is missing or
        ONNX Runtime refuses it (a warning says so: detection is then slower, not wrong)."""
        engine = self._engine
        if engine.cfg.Det.model_path != float_detector:
            problem = None if os.path.isfile(engine.cfg.Det.model_path) else "the file is missing"
            if problem is None:
                try:
                    return engine._load_det_model()
                except Exception as exc:  # ONNX Runtime's errors for a model it cannot run have no common type
                    problem = str(exc)
            _logger.warning("OCR detects with the float model, the 8-bit one (%s) failed: %s",
                            engine.cfg.Det.model_path, problem)
            engine.cfg.Det.model_path = float_detector
        return engine._load_det_model()

    def recognize(self, image, lang=None):
        items = []
        for top, bottom, keep_from, keep_to in tall_image_pieces(image.width, image.height):
            budget.check("in OCR")
            piece = image if (top, bottom) == (0, image.height) else image.crop((0, top, image.width, bottom))
            for text, score, (x0, y0, x1, y1) in self._recognize_piece(piece):
                if keep_from <= top + (y0 + y1) / 2 < keep_to:  # a line in an overlap: the piece it is central in
                    items.append((text, score, (x0, y0 + top, x1, y1 + top)))
        return items

    def _recognize_piece(self, image):
        # RGB → BGR as OpenCV expects, copied into one contiguous array: given the reversed view, OpenCV copies
        # the whole page again for every text line it crops (12 % of a receipt's time on one core).
        # Word boxes tell where the recognizer saw gaps it printed no space for.
        bgr = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])
        try:
            result = self._engine(bgr, return_word_box=True)
        except self._resize_errors:
            # a strip a few pixels high shrinks to nothing before detection: no text to read in it
            return []
        if result.boxes is None or result.txts is None:
            return []
        items = []
        word_lists = align_word_results(result.txts, result.word_results)
        skew = page_skew(result.boxes)
        for box, text, score, pieces in zip(result.boxes, result.txts, result.scores, word_lists):
            if not text.strip():
                continue
            x0, y0, x1, y1 = straightened_bounds(box, skew, image.width, image.height)
            text = space_wide_gaps(text, pieces, y1 - y0)
            items.append((text, float(score), (x0, y0, x1, y1)))
        return items


class BandedDetector:
    """RapidOCR's text detector, run on the bands of the page that hold ink (bands.py) at the scale it would
    run on the whole page at, or on the whole page when there is little blank paper to leave out."""

    def __init__(self, detector, model_path):
        self._detector = detector
        self.model_path = model_path  # the model file it runs

    def __getattr__(self, name):
        return getattr(self._detector, name)

    def __call__(self, bgr):
        from rapidocr.ch_ppocr_det.utils import TextDetOutput

        start = time.perf_counter()
        scale_y, scale_x = self.page_scale(*bgr.shape[:2])
        bands = ink_bands(bgr, scale_y, scale_x)
        if not bands:
            return self._detector(bgr)
        preprocess = self._detector.get_preprocess()
        boxes, scores = [], []
        for top, bottom, left, right in bands:
            budget.check("in text detection")
            piece = detection_piece(bgr, (top, bottom, left, right), scale_y, scale_x)
            height, width = piece.shape[:2]
            size = (round(width * scale_x / 32) * 32, round(height * scale_y / 32) * 32)
            tensor = preprocess.permute(preprocess.normalize(cv2.resize(piece, size)))[np.newaxis]
            found, found_scores = self._detector.postprocess_op(
                self._detector.session(tensor.astype(np.float32)), (height, width))
            if len(found):
                found = np.asarray(found)
                boxes.append(found + np.array([left, top], dtype=found.dtype))  # band → page
                scores.extend(found_scores)
        if not boxes:
            return TextDetOutput()
        # RapidOCR's reading order for the boxes of all bands; a fifth point carries each box's index through it
        boxes = np.concatenate(boxes)
        tags = np.zeros((len(boxes), 1, 2), dtype=boxes.dtype)
        tags[:, 0, 0] = np.arange(len(boxes))
        order = self._detector.sorted_boxes(np.concatenate([boxes, tags], axis=1))[:, 4, 0].astype(int)
        return TextDetOutput(bgr, boxes[order], [scores[index] for index in order],
                             elapse=time.perf_counter() - start)

    def page_scale(self, height, width):
        """(rows, columns) of detection per page pixel, as RapidOCR's detector sizes a whole page (limit_type
        "max", as configured above)."""
        ratio = min(1.0, self._detector.limit_side_len / max(height, width))
        return (max(32, round(int(height * ratio) / 32) * 32) / height,
                max(32, round(int(width * ratio) / 32) * 32) / width)


def tall_image_pieces(width, height):
    """[(top, bottom, keep_from, keep_to)]: the overlapping pieces a tall image is read in, and the band of each
    piece whose lines are kept (a line in an overlap belongs to the piece it is central in).

    RapidOCR shrinks every image to 2000 px on its long side before reading it, so a till roll of 640 x 9500
    would be read 134 px wide, its letters 3 px tall. Up to 4.5 times as tall as wide (every SROIE receipt) an
    image is read whole; a taller one in pieces three times as tall as wide, overlapping by half a width.
    """
    if width < 32 or height <= TILL_ROLL_ASPECT * width:  # narrower than a letter: nothing to cut
        return [(0, height, 0, height)]
    tile, overlap = int(_PIECE_ASPECT * width), width // 2
    tops = list(range(0, height - tile, tile - overlap)) + [height - tile]
    bottoms = [top + tile for top in tops]
    cuts = [0] + [(next_top + bottom) / 2 for next_top, bottom in zip(tops[1:], bottoms)] + [height]
    return [(top, bottom, cuts[index], cuts[index + 1]) for index, (top, bottom) in enumerate(zip(tops, bottoms))]


def _detector_from(detector, config, model_path):
    """Another of RapidOCR's TextDetector like ``detector`` (its ``config``), running ``model_path``."""
    config = copy.deepcopy(config)
    config.model_path = model_path
    return type(detector)(config)


@functools.cache
def model_fingerprint(path):
    """The model file's name and the start of its SHA-256: a model rebuilt under the same name is another.
    Read when first asked (the OCR cache key of tuning runs), not at start-up."""
    with open(path, "rb") as handle:
        return f"{os.path.basename(path)}:{hashlib.sha256(handle.read()).hexdigest()[:12]}"


def detector_choice():
    """``DIGITIZE_OCR_DETECTOR``: "auto" (the default), "int8" or "float"."""
    choice = (os.environ.get("DIGITIZE_OCR_DETECTOR") or "auto").strip().lower()
    if choice not in DETECTORS:
        raise OcrUnavailable(f"DIGITIZE_OCR_DETECTOR is {choice!r}: it can be {', '.join(DETECTORS)}")
    return choice


def ocr_threads(requested=None):
    """The OCR's thread count (ONNX Runtime's, and numpy's BLAS: see limit_math_threads): as asked (argument,
    then ``DIGITIZE_OCR_THREADS``); else, when this process may run on fewer CPUs than the machine has (taskset,
    a container's cpuset), that many; else 0, ONNX Runtime's own choice (BLAS left as it is).

    Left to itself, ONNX Runtime starts a thread per core of the machine and pins each to its core: out of a
    taskset, or crowded onto the allowed CPUs of a cpuset (two threads on one CPU: a page took 48 % longer).
    """
    requested = requested or int(os.environ.get("DIGITIZE_OCR_THREADS", "0") or 0)
    if requested > 0:
        return requested
    try:
        allowed = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return 0
    return allowed if allowed < (os.cpu_count() or allowed) else 0


def align_word_results(texts, word_results):
    """The word list of each line, or [] — RapidOCR leaves out the lines it found no words for, so its
    ``word_results`` may be shorter than ``texts``: a word list belongs to the line whose text holds its words."""
    word_results = list(word_results or ())
    aligned, index = [], 0
    for text in texts:
        pieces = word_results[index] if index < len(word_results) else ()
        if pieces and _piece_starts(text, pieces) is not None:
            aligned.append(list(pieces))
            index += 1
        else:
            aligned.append([])
    return aligned


def _piece_starts(text, pieces):
    """Where each recognised word starts in ``text``, read in order; None if one is not there."""
    starts, position = [], 0
    for piece in pieces:
        found = text.find(piece[0], position)
        if found < 0:
            return None
        starts.append(found)
        position = found + len(piece[0])
    return starts


def space_wide_gaps(text, pieces, line_height):
    """``text`` with a space where the recogniser's word boxes show a gap it printed no space for.

    A gap of a line height or more, whatever stands on either side: icons in a CV's contact line
    ("☎ +82 10 9030 1843 ✉ me@mail.com") vanish without a space. Between two capitals, a gap of a third of the
    line height that is wider than every gap the line does print a space for: letter-spaced headings
    ("JAN KÜSTER") and capitals run together on receipts ("LIM SENG THO HARDWARE") — never the narrow gap of
    "WA" in a word, which is no wider than the line's spaces, nor after a W or an M.

    ``pieces`` are RapidOCR word results, (text, score, four corner points) in reading order.
    """
    starts = _piece_starts(text, pieces) if len(pieces) >= 2 and line_height > 0 else None
    if starts is None:
        return text
    lefts = [min(float(point[0]) for point in corners) for _piece, _score, corners in pieces]
    rights = [max(float(point[0]) for point in corners) for _piece, _score, corners in pieces]
    ends = [found + len(piece) for (piece, _score, _corners), found in zip(pieces, starts)]
    gaps = [left - right for left, right in zip(lefts[1:], rights)]
    glued = [start == end for start, end in zip(starts[1:], ends)]
    widest_spaced = max((gap for gap, no_space in zip(gaps, glued) if not no_space), default=0.0)
    out, position = [], 0
    for index, (start, end) in enumerate(zip(starts, ends)):
        if index and glued[index - 1] and out and not out[-1].endswith(" "):
            gap = gaps[index - 1]
            # the recogniser reckons a W or M narrower than it is: the gap after one is no gap ("COURSEW ORK")
            between_capitals = text[start - 1].isupper() and text[start].isupper() and text[start - 1] not in "WM"
            if gap >= line_height or (between_capitals and gap >= line_height / 3 and gap > widest_spaced):
                out.append(" ")
        out.append(text[position:end])
        position = end
    out.append(text[position:])
    return "".join(out)
