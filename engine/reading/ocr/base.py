"""What every OCR backend provides, and the orientation logic they share."""
import contextlib
import ctypes
import hashlib
import json
import logging
import os
import re
import unicodedata

from PIL import Image, ImageFilter

from .. import budget
from ..kept_reads import remembered
from ..layout import Word, place_from_crop, turned_box
from .paper import find_sheet, flattened, paper_box, sheet_corners

_logger = logging.getLogger(__name__)

# OCR confusions inside numbers: "1O.5o" → "10.50" (only for words that are otherwise a number).
_NUMBERISH = re.compile(r"^[-+(]?[\dOoIlS]*\d[\dOoIlS]*([.,][\dOoIlS]{1,3})[)]?$")
_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "S": "5"})


# Resident memory above which freed inference buffers go back to the system after a page.
TRIM_ABOVE_BYTES = 1 << 30


# glibc hands a buffer over 32 MB (a detection feature map of an A4 page) back to the system the moment it is
# freed, and the next page faults it in again: about a tenth of an A4 page's time on one core. Buffers up to this
# size come from the heap instead, and the heap keeps up to KEEP_FREE_BYTES freed at its top.
HEAP_BUFFERS_UP_TO = 256 << 20
KEEP_FREE_BYTES = 128 << 20
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD, _M_ARENA_MAX = -1, -3, -8  # mallopt parameters of glibc's malloc.h
# glibc gives each thread that allocates (ONNX Runtime's, OpenCV's) a heap of its own, 64 MB of address space
# reserved each, which an Odoo worker's virtual size (what limit_memory_soft counts) adds up: two heaps for the
# whole process (its other threads too) keep it down; peak sizes per worker in docs/BENCHMARKS.rst (throughput).
HEAPS = 2


def _glibc_call(function, *args):
    """Call one of glibc's allocator functions; nothing where the C library is another (its allocator decides)."""
    try:
        getattr(ctypes.CDLL("libc.so.6"), function)(*args)
    except (OSError, AttributeError):
        pass


def keep_freed_buffers():
    """Let freed inference buffers stay with the process for the next page, in at most HEAPS heaps
    (process-wide; glibc only). Memory stays bounded: :func:`_release_memory` trims past TRIM_ABOVE_BYTES after
    every page."""
    _glibc_call("mallopt", _M_MMAP_THRESHOLD, HEAP_BUFFERS_UP_TO)
    _glibc_call("mallopt", _M_TRIM_THRESHOLD, KEEP_FREE_BYTES)
    few_heaps()


def few_heaps():
    """At most HEAPS heaps for all the threads of the process (glibc only): called before the OCR's threads
    start, which otherwise each take a heap of their own."""
    _glibc_call("mallopt", _M_ARENA_MAX, HEAPS)


def limit_math_threads(threads):
    """Hold numpy's BLAS (OpenBLAS) to ``threads`` when the OCR's thread count is set, for the whole process and
    its life (an Odoo worker's other numpy work included): it starts a thread per core of its own beside ONNX
    Runtime's, and the recogniser's last layer is a numpy product, so a reading set to one thread used 1.4 cores
    (and ran no faster: the product is too small to share)."""
    if threads <= 0:
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # a site updated without its new requirement: reading works, with more threads
        _logger.warning("threadpoolctl is not installed: numpy may use more threads than DIGITIZE_OCR_THREADS")
        return
    threadpool_limits(limits=threads, user_api="blas")


def _release_memory():
    """Give freed inference buffers back to the system once the process holds more than TRIM_ABOVE_BYTES
    (glibc keeps them otherwise, and RSS grows with every new page size). Not after every page: the next
    page asks for the same buffers again, and faulting them back in cost 10 % of a receipt's time."""
    if _resident_bytes() >= TRIM_ABOVE_BYTES:
        _glibc_call("malloc_trim", 0)


def _resident_bytes():
    """The process's resident memory, or a huge number where /proc does not tell (then always trim)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 1 << 62


# A page more than this many times as tall as wide is a till roll (no SROIE receipt is over 3.8).
TILL_ROLL_ASPECT = 4.5


class OcrUnavailable(RuntimeError):
    """The OCR library or its models are missing on this machine."""


class OcrBackend:
    name = "base"
    signature = ""  # settings that change what the backend reads (part of the cache key)

    def recognize(self, image, lang=None):
        """[(text, confidence, (x0, y0, x1, y1) in pixels)] for the text lines or words of ``image``."""
        raise NotImplementedError

    def detecting_for(self, doc_type):
        """A context in which pages are read as suits ``doc_type`` (a backend may choose its models by it)."""
        return contextlib.nullcontext(self)

    def read(self, image, page_index=0, lang=None):
        """Words of an RGB page image, upright, with coordinates relative to the upright page."""
        return self.read_page(image, page_index, lang)[0]

    def read_page(self, image, page_index=0, lang=None):
        """(words, (width, height), quarter_turns, projection) of an RGB page image: its words read upright,
        coordinates relative to the upright page, whose size is given, the quarter turns clockwise that take the
        upright page back to the image as given (0 to 3), and for a sheet photographed at an angle, which is
        read flattened (the upright page is then the flattened sheet), the projection from the flattened sheet
        as given back to the photo (see layout.projected_box); else None. A page read in an earlier unit of
        work of the same document (see kept_reads) is not read again."""
        return remembered(image, page_index, lang, self, lambda: self._read_page(image, page_index, lang))

    def _read_page(self, image, page_index, lang):
        whole = softened_if_bitonal(within_pixel_budget(image))
        sheet = find_sheet(whole)
        corners, projection, crop = sheet_corners(whole, sheet), None, None
        if corners:
            # rows level again (amounts beside their labels): a photo's perspective slants each row its own way
            whole, projection = flattened(whole, corners)
        else:
            crop = paper_box(whole, sheet)  # a receipt photographed on a table: read the receipt at full size
        image, items, angle = self._upright(whole.crop(crop) if crop else whole, lang)
        _release_memory()
        width, height = image.size
        words = []
        for text, conf, (x0, y0, x1, y1) in items:
            if len(text.strip()) >= 3 and (y1 - y0) > 1.5 * (x1 - x0):
                continue  # text running up the margin (filing marks) on an upright page: not content
            text = unicodedata.normalize("NFKC", text)  # full-width brackets and digits → ASCII
            words.extend(split_words(text, conf, x0 / width, y0 / height, x1 / width, y1 / height, page_index))
        for word in words:
            if _NUMBERISH.match(word.text) and not word.text.isdigit():
                word.text = word.text.translate(_DIGIT_FIX)
            elif re.fullmatch(r"\d{1,5}-\d{2}", word.text) and words_before_is_amount_label(words, word):
                word.text = word.text.replace("-", ".")  # "TOTAL 22-60": a decimal point read as a dash
        restore_dollar_signs(words)
        quarter_turns = angle // 90
        if crop:
            _from_sheet_to_whole(words, crop, whole.size, quarter_turns)
            width, height = whole.size if quarter_turns % 2 == 0 else whole.size[::-1]
        return words, (width, height), quarter_turns, projection

    def _recognize(self, image, lang):
        """``recognize`` with an optional on-disk cache (DIGITIZE_OCR_CACHE, for tuning runs only)."""
        budget.check("in OCR")
        cache_dir = os.environ.get("DIGITIZE_OCR_CACHE")
        if not cache_dir:
            return self.recognize(image, lang)
        key = hashlib.sha1(image.tobytes() + f"{image.size}{self.name}{self.signature}{lang}".encode()).hexdigest()
        path = os.path.join(cache_dir, key + ".json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                return [(t, c, tuple(b)) for t, c, b in json.load(handle)]
        items = self.recognize(image, lang)
        os.makedirs(cache_dir, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            json.dump([(t, c, [float(v) for v in b]) for t, c, b in items], handle)
        return items

    def _upright(self, image, lang):
        """(image, items, angle): the page read upright, turned ``angle`` degrees anticlockwise (0, 90, 180 or
        270) to read it. The other orientations are tried only when the first read looks sideways or upside
        down."""
        items = self._recognize(image, lang)
        quality, vertical = read_quality(items)
        # far wider than tall: a till roll scanned sideways, which OCR may read as nothing or as confident noise
        lying_roll = image.width > TILL_ROLL_ASPECT * image.height
        if vertical <= 0.5 and quality >= 0.85 and not lying_roll:
            return image, items, 0
        angle = 0
        if vertical > 0.5 or lying_roll:
            # lines run up or down the page: the page is sideways, whatever the recognizer made of the crops
            options = [(quality, 0, image, items)] if lying_roll else []
            for turn in (90, 270):
                turned = image.rotate(turn, expand=True, resample=Image.BICUBIC)
                turned_items = self._recognize(turned, lang)
                options.append((read_quality(turned_items)[0], turn, turned, turned_items))
            quality, angle, image, items = max(options, key=lambda option: option[0])
            if quality >= 0.85:
                return image, items, angle
        flipped = image.rotate(180, expand=True)
        flipped_items = self._recognize(flipped, lang)
        if read_quality(flipped_items)[0] > quality:
            return flipped, flipped_items, (angle + 180) % 360
        return image, items, angle


# A page of up to this many pixels is read as it is: A4, letter or legal scanned at 300 dpi (legal: 10.7 MP).
# A larger one (a receipt scanned at 600 dpi) is shrunk to it before OCR: the recognizer reads every text
# line at 48 px high anyway, and the full page only costs memory (over 100 MB more at 600 dpi).
OCR_PIXEL_BUDGET = 12_000_000


def within_pixel_budget(image):
    """``image``, shrunk to OCR_PIXEL_BUDGET pixels if it has more (coordinates are relative: unchanged)."""
    pixels = image.width * image.height
    if pixels <= OCR_PIXEL_BUDGET:
        return image
    scale = (OCR_PIXEL_BUDGET / pixels) ** 0.5
    # averaging blocks of pixels (box filter): a third of the time of a Lanczos resize, as sharp for text
    return image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))), Image.BOX)


def _from_sheet_to_whole(words, sheet, whole_size, quarter_turns):
    """Move ``words`` read on the upright crop ``sheet`` (left, top, right, bottom pixels) of an image of
    ``whole_size`` onto the whole image turned upright the same way."""
    left, top, right, bottom = sheet
    width, height = whole_size
    place_from_crop(words, (left / width, top / height, right / width, bottom / height), quarter_turns)
    for word in words:  # the whole image as given → the whole image upright
        word.x0, word.y0, word.x1, word.y1 = turned_box((word.x0, word.y0, word.x1, word.y1), -quarter_turns)


# How much a black-and-white scan is blurred before OCR, in pixels (a Gaussian's sigma).
BITONAL_SOFTENING = 0.7


def softened_if_bitonal(image):
    """``image``, slightly blurred if it is pure black and white (a scanner's or a fax's 1-bit mode).

    The recognizer learned from grey edges: on the staircase edges of a bitonal scan it misreads letters it
    reads once they are softened by 0.6 to 1 pixel (SROIE 300 thresholded as a scanner does: total
    93.3 → 94.6 %, merchant 80.3 → 83.7 %). An image of more than two shades (any photo, grey scan or
    rendered PDF) is left as it is.
    """
    levels = sum(1 for count in image.convert("L").histogram() if count)
    if levels > 2:
        return image
    return image.filter(ImageFilter.GaussianBlur(BITONAL_SOFTENING))


def read_quality(items):
    """(confidence weighted by text length, share of boxes taller than wide)."""
    if not items:
        return 0.0, 0.0
    total = sum(len(t) for t, _, _ in items) or 1
    quality = sum(c * len(t) for t, c, _ in items) / total
    vertical = sum(1 for t, _, (x0, y0, x1, y1) in items if len(t) > 1 and (y1 - y0) > 1.2 * (x1 - x0))
    return quality, vertical / len(items)


_DOLLAR_AMOUNT = re.compile(r"\$(\d[\d,]*[.,]\d{2})")
_FIVE_FOR_DOLLAR = re.compile(r"5(\d[\d,]*[.,]\d{2})")


def restore_dollar_signs(words):
    """'$8.20' that OCR read '58.20', where the page prints the same amount with its '$' elsewhere: the
    recognizer takes a '$' glued to digits for a 5 ("Nett Total: 58.20" under "Total Amount: $8.20")."""
    printed = {match.group(1) for match in map(_DOLLAR_AMOUNT.fullmatch, (w.text for w in words)) if match}
    if not printed:
        return
    for word in words:
        match = _FIVE_FOR_DOLLAR.fullmatch(word.text)
        if match and match.group(1) in printed:
            word.text = "$" + match.group(1)


def words_before_is_amount_label(words, word):
    """Whether the word on the left of ``word`` (same line) is an amount label such as TOTAL or CASH."""
    same_line = [w for w in words if w is not word and abs(w.cy - word.cy) < 0.5 * word.height and w.x1 <= word.x0]
    if not same_line:
        return False
    label = max(same_line, key=lambda w: w.x1).text.lower().strip(":")
    return label in {"total", "cash", "change", "amount", "rm", "jumlah", "tunai", "subtotal", "rounding"}


def split_words(text, conf, x0, y0, x1, y1, page_index):
    """Split an OCR text line into words, spreading the box by character count (OCR gives line boxes)."""
    parts = text.split()
    if not parts:
        return []
    if len(parts) == 1:
        return [Word(parts[0], x0, y0, x1, y1, page=page_index, conf=conf)]
    total_chars = len(text.strip()) or 1
    char_width = (x1 - x0) / total_chars
    words, cursor = [], x0
    for part in parts:
        end = cursor + len(part) * char_width
        words.append(Word(part, cursor, y0, end, y1, page=page_index, conf=conf))
        cursor = end + char_width
    return words
