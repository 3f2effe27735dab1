"""Bytes → pages with words: format sniffing, limits, PDF text layer, rendering and OCR of the rest."""
import io
import logging
import math
import os
import re
import zlib
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps

from ..errors import DocumentError
from . import budget
from .layout import Page, build_lines, place_from_crop, place_unflattened

_logger = logging.getLogger(__name__)


def _seconds_from_environment(default=45.0):
    """DIGITIZE_TIME_BUDGET (seconds, a number; 0 or less: no budget), else ``default``."""
    value = os.environ.get("DIGITIZE_TIME_BUDGET", "").strip()
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        _logger.warning("DIGITIZE_TIME_BUDGET=%r is not a number of seconds; using %s", value, default)
        return default
    return seconds if math.isfinite(seconds) else default


@dataclass
class Limits:
    """What the engine accepts; anything over these raises ``DocumentError('too_large')``, and a document
    read for longer than ``max_seconds`` raises ``DocumentError('timeout')``."""
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 50
    # one page image: a larger image (20000x20000, 400 MP) is refused; a larger PDF page (a plan, a poster) is
    # rendered at a lower resolution, and one with a text layer is not rendered at all
    max_pixels: int = 80_000_000
    ocr_dpi: int = 200
    min_text_chars: int = 20  # fewer characters in a PDF page's text layer → the page is OCRed
    # time budget of one document in seconds, from its bytes to its result (checked between pages and inside
    # OCR); 0: none. None (the default): the environment's DIGITIZE_TIME_BUDGET when the document is read,
    # else 45 s (see time_budget)
    max_seconds: float = None
    # CPU time of the whole process (all threads: OCR uses several) one document may use, in seconds; None: no
    # limit. A server sets it under its own CPU limit (Odoo's limit_time_cpu)
    max_cpu_seconds: float = None
    # what the compressed streams of a PDF other than its pictures, fonts and embedded files (page contents,
    # forms, object streams) inflate to, all together, and what any one stream but a picture inflates to: a zip
    # bomb is refused before pdfium inflates it, and so is a page of millions of drawn shapes (pdfium holds
    # about 25 bytes of memory for each byte of such a page's content: 32 MiB, 2.3 million rectangles, 850 MB).
    # An embedded file inflating past max_bytes is not read (the pages still are).
    max_inflated_bytes: int = 32 * 1024 * 1024
    # characters of one page's text layer that are read (a page of 6-point text holds about 15,000): the rest
    # of a page stuffed with more is left out; and of all the pages' text layers together (a dense 50-page
    # contract holds about 200,000): the pages past it (less one page's worth) are kept without their text
    max_page_chars: int = 20_000
    max_text_chars: int = 300_000
    # page objects (text runs, paths, pictures) of one page beyond which its pictures are not looked for
    # (5 million drawn rectangles): the page is still read
    max_page_objects: int = 100_000
    # line items read from e-invoice XML (CII, UBL); the rest are left out
    max_xml_lines: int = 1000

    def time_budget(self):
        """The seconds a document may take (0: no limit): max_seconds, else DIGITIZE_TIME_BUDGET, else 45."""
        return _seconds_from_environment() if self.max_seconds is None else self.max_seconds


DEFAULT_LIMITS = Limits()
_PDFIUM_PASSWORD = 4  # FPDF_ERR_PASSWORD
# A page whose pictures cover this share of it and whose text layer holds fewer characters than this is a
# scan with a stamp or a footer on it: it is OCRed (the dev sets' text pages half covered by pictures, CVs
# with a photo or a coloured sidebar, hold 1,300 characters or more).
SCAN_PICTURE_SHARE = 0.5
STAMP_CHARS = 200

# archives and other containers: never sniffed further (a ZIP storing a PDF is not that PDF)
_CONTAINERS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08", b"\x1f\x8b", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c",
               b"BZh", b"\xfd7zXZ\x00", b"\xd0\xcf\x11\xe0")

_MAGIC = (
    (b"%PDF", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tif"),
    (b"MM\x00*", "tif"),
    (b"BM", "bmp"),
)


def sniff_format(data):
    """'pdf', 'png', 'jpg', 'gif', 'tif', 'bmp', 'xml' or None, from the leading bytes. 'xml' is any markup:
    :func:`load` accepts only CII or UBL e-invoices of it."""
    if not data:
        return None
    head = data[:1024]
    if head.startswith(_CONTAINERS):
        return None
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if b"%PDF-" in head:  # the PDF header may follow some junk within the first KiB
        return "pdf"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<"):
        return "xml"
    return None


def _kind(data, limits):
    """The sniffed format of ``data``, once it is neither empty, over the size limit nor unknown."""
    if not data:
        raise DocumentError("empty", "The document is empty.")
    if len(data) > limits.max_bytes:
        raise DocumentError("too_large", f"The document is {len(data)} bytes; the limit is {limits.max_bytes}.")
    kind = sniff_format(data)
    if kind is None:
        raise DocumentError("unsupported_format", "Unsupported file format: expected pdf, png, jpg, bmp, tif or gif.")
    return kind


def document_format(data, limits=DEFAULT_LIMITS):
    """The format :func:`load` reads ``data`` as: 'pdf', 'png', 'jpg', 'gif', 'tif', 'bmp', or 'xml' for a CII or
    UBL e-invoice; raises :class:`DocumentError` (``empty``, ``too_large``, ``unsupported_format``, ``corrupt``)
    for what it refuses from the bytes alone. What a server checks before it queues a document."""
    kind = _kind(data, limits)
    if kind == "xml":
        from .structured import einvoice_root

        einvoice_root(data)
    return kind


@dataclass
class Document:
    """What the engine reads of a file: its pages with words, its PDF attachments, its page images."""
    kind: str
    pages: list
    attachments: list  # [(name, bytes)] embedded files of a PDF (Factur-X/ZUGFeRD XML)
    images: list  # PIL images of the pages, when rendered or given (QR codes are read from them)
    xml: bytes = None
    xml_root: object = None  # the parsed e-invoice, when the file is one
    limits: Limits = None  # the limits it was read within (None: DEFAULT_LIMITS)


def load(data, ocr=None, limits=DEFAULT_LIMITS, lang=None):
    """Read ``data`` into a :class:`Document`. ``ocr`` is an OCR backend; pages needing it fail without one."""
    kind = _kind(data, limits)
    with budget.started(limits.time_budget(), limits.max_cpu_seconds):
        if kind == "xml":
            from .structured import einvoice_root

            return Document(kind=kind, pages=[], attachments=[], images=[], xml=data, xml_root=einvoice_root(data),
                            limits=limits)
        if kind == "pdf":
            return _load_pdf(data, ocr, limits, lang)
        return _load_image(data, kind, ocr, limits, lang)


def _load_pdf(data, ocr, limits, lang):
    import pypdfium2 as pdfium

    from .pdf_text import draw_form_fields, flattened_page, picture_share, readable_share, text_layer

    attachments_fit = _inflated_streams_fit(data, limits)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # pdfium's error code is process-wide and stale for some failures: look at the bytes too
        if b"/Encrypt" in data and getattr(exc, "err_code", None) == _PDFIUM_PASSWORD:
            raise DocumentError("encrypted", "The PDF is password protected.") from None
        if re.search(rb"/Count\s*0\b", data) and not re.search(rb"/Type\s*/Page(?![s\w])", data):
            raise DocumentError("empty", "The PDF has no pages.") from None
        raise DocumentError("corrupt", f"The PDF cannot be read ({exc}).") from None
    try:
        count = len(pdf)
        if count == 0:
            raise DocumentError("empty", "The PDF has no pages.")
        if count > limits.max_pages:
            raise DocumentError("too_large", f"The PDF has {count} pages; the limit is {limits.max_pages}.")
        draw_form_fields(pdf)
        pages, images = [], []
        text_chars_left = limits.max_text_chars
        for index in range(count):
            budget.check(f"before page {index + 1} of {count}")
            try:
                # a page tree that loops back on itself or nests thousands deep fails here, not on opening
                page = flattened_page(pdf, index)
            except pdfium.PdfiumError as exc:
                raise DocumentError("corrupt", f"Page {index + 1} of the PDF cannot be loaded ({exc}).") from None
            try:
                width, height = page.get_size()
                if not (0 < width < MAX_PAGE_POINTS and 0 < height < MAX_PAGE_POINTS):
                    raise DocumentError("corrupt", f"Page {index + 1} has no sensible size ({width} x {height} pt).")
                if text_chars_left < limits.max_page_chars:  # a document stuffed with text: the rest is not read
                    # (nor OCRed): every page read has the whole of max_page_chars to read
                    _logger.warning("page %s not read: the document's text layers hold over %s characters",
                                    index + 1, limits.max_text_chars)
                    pages.append(Page(index=index, width=width, height=height, words=[], source="text"))
                    images.append(None)
                    continue
                layer_page, invisible = text_layer(page, index, max_chars=limits.max_page_chars)
                words = layer_page.words
                # a scan with someone else's OCR laid under it invisibly: our own reading of the picture is
                # the better one (that layer is often a cheap OCR: "Pychon", "outlookexample.com")
                scanned_with_ocr_layer = ocr is not None and words and invisible > 0.8
                # a layer of boxes and symbols (fonts that map to no Unicode): only the picture can be read
                unreadable_layer = ocr is not None and readable_share(words) < 0.5
                layer_chars = sum(len(w.text) for w in words)
                text_chars_left -= layer_chars
                # a scan with a line of real text put on it (a scanner's footer, a received stamp): the
                # document is in the picture
                stamped_scan = (ocr is not None and layer_chars < STAMP_CHARS and _few_objects(page, limits)
                                and picture_share(page) >= SCAN_PICTURE_SHARE)
                if (layer_chars >= limits.min_text_chars and not scanned_with_ocr_layer and not unreadable_layer
                        and not stamped_scan):
                    result, image = _with_bare_pictures_read(page, layer_page, ocr, lang, limits)
                    images.append(image)
                else:
                    image = _rendered_for_ocr(page, limits)
                    images.append(image)
                    result = _ocr_page(image, index, ocr, lang)
                    if scanned_with_ocr_layer and sum(len(w.text) for w in result.words) < 0.5 * layer_chars:
                        # we read far less than the layer holds (a faint scan): nothing may be lost, keep it
                        result = layer_page
                build_lines(result)
                pages.append(result)
            except pdfium.PdfiumError as exc:  # pdfium failing on a damaged page (its text, its rendering)
                raise DocumentError("corrupt", f"Page {index + 1} of the PDF cannot be read ({exc}).") from None
            finally:
                page.close()
        attachments = _attachments(pdf, limits) if attachments_fit else []
        return Document(kind="pdf", pages=pages, attachments=attachments, images=images, limits=limits)
    finally:
        pdf.close()


# A page side longer than this (in points: 350 m) is no page: a MediaBox of 1e30
MAX_PAGE_POINTS = 1e6
# zlib's two-byte headers (deflate, any window and level): a stream starting with one is inflated to measure it
_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_IMAGE_STREAM = re.compile(rb"/Subtype\s*/Image\b")
_EMBEDDED_FILE = re.compile(rb"/Type\s*/EmbeddedFile\b")
_FONT_FILE = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b")


def _inflated_streams_fit(data, limits):
    """Whether the embedded files of the PDF ``data`` can be read: False when one of them inflates past
    ``limits.max_bytes``. Raises ``DocumentError('too_large')`` when one of its other compressed streams
    (pictures aside, which pdfium decodes to their stated size) inflates past ``limits.max_inflated_bytes``,
    or when those that are no fonts (page contents, forms, object streams) do together: pdfium would inflate a
    zip bomb whole when it loads a page. Streams are inflated piece by piece and counted, never kept."""
    total, attachments_fit = 0, True
    for match in _STREAM_START.finditer(data):
        start = match.end()
        if start + 2 > len(data) or (data[start] * 256 + data[start + 1]) % 31 or data[start] & 0x0F != 8:
            continue  # not a zlib header
        header = data[max(0, start - 2048):start]
        header = header[header.rfind(b"obj") + 1:]  # the stream's own dictionary
        if _IMAGE_STREAM.search(header):
            continue
        embedded = bool(_EMBEDDED_FILE.search(header))
        font = not embedded and bool(_FONT_FILE.search(header))
        cap = limits.max_bytes if embedded else limits.max_inflated_bytes - (0 if font else total)
        size = _inflated_size(data, start, cap)
        if embedded:
            attachments_fit = attachments_fit and size <= cap
            if size > cap:
                _logger.warning("a file embedded in the PDF inflates past %s bytes: attachments not read", cap)
            continue
        if font and size > cap:
            raise DocumentError("too_large", f"A font of the PDF inflates to more than {cap} bytes.")
        total += 0 if font else size
        if total > limits.max_inflated_bytes:
            raise DocumentError("too_large", f"The PDF's compressed streams inflate to more than "
                                             f"{limits.max_inflated_bytes} bytes (a decompression bomb?).")
    return attachments_fit


def _inflated_size(data, start, cap, chunk=1 << 16):
    """Bytes the zlib stream at ``data[start:]`` inflates to, counted up to just past ``cap``."""
    inflater, size, position = zlib.decompressobj(), 0, start
    try:
        while not inflater.eof and size <= cap:
            piece = inflater.unconsumed_tail or data[position:position + chunk]
            if not inflater.unconsumed_tail:
                position += chunk
                if not piece:
                    break
            size += len(inflater.decompress(piece, 1 << 20))
    except zlib.error:
        pass  # damaged or not zlib after all: pdfium decides
    return size


def _few_objects(page, limits):
    """Whether the page has few enough objects for its pictures to be looked for one by one."""
    import pypdfium2 as pdfium

    count = pdfium.raw.FPDFPage_CountObjects(page.raw)
    if count > limits.max_page_objects:
        _logger.info("page with %s objects: its pictures are not looked for", count)
        return False
    return True


def _with_bare_pictures_read(page, layer_page, ocr, lang, limits):
    """(layout page, rendered image or None): the text-layer page, with the words OCR reads in its large
    pictures that no text is printed over (``bare_pictures``) added where they stand."""
    from .pdf_text import bare_pictures

    if ocr is None or layer_page.turn:  # (a layer read against its /Rotate: its pictures are another frame)
        return layer_page, None
    if not _few_objects(page, limits):
        return layer_page, None
    bare = bare_pictures(page, layer_page.words)
    if not bare:
        return layer_page, None
    image = _rendered_for_ocr(page, limits)
    for x0, y0, x1, y1 in bare:
        crop = image.crop((round(x0 * image.width), round(y0 * image.height),
                           round(x1 * image.width), round(y1 * image.height)))
        words, _size, quarter_turns, projection = ocr.read_page(crop, page_index=layer_page.index, lang=lang)
        if projection:  # a photo pasted into the page: its words go where they stand on the photo
            place_unflattened(words, quarter_turns, projection)
        place_from_crop(words, (x0, y0, x1, y1), quarter_turns)
        layer_page.words.extend(words)
    return layer_page, image


def _attachments(pdf, limits=DEFAULT_LIMITS):
    """[(name, bytes)] of the PDF's embedded XML files (the only ones the engine reads: Factur-X, ZUGFeRD,
    XRechnung), at most ``limits.max_bytes`` each."""
    found = []
    try:
        for i in range(pdf.count_attachments()):
            attachment = pdf.get_attachment(i)
            try:
                name = attachment.get_name()
                if not (name or "").lower().endswith(".xml"):
                    continue
                data = bytes(attachment.get_data())
                if len(data) > limits.max_bytes:
                    _logger.warning("PDF attachment %s of %s bytes not read", name, len(data))
                    continue
                found.append((name, data))
            except Exception:  # a broken attachment must not lose the visible document
                _logger.debug("unreadable PDF attachment %s", i, exc_info=True)
    except Exception:
        _logger.debug("PDF attachments not readable", exc_info=True)
    return found


def _rendered_for_ocr(page, limits):
    """A pypdfium2 page as the image OCR reads: at the OCR resolution, within the pixel limit."""
    return page.render(scale=render_scale(*page.get_size(), limits.ocr_dpi, limits)).to_pil()


def render_scale(width, height, dpi, limits=DEFAULT_LIMITS):
    """The scale a PDF page of ``width`` x ``height`` points is rendered at: ``dpi``, or less so that the image
    holds no more than ``limits.max_pixels``."""
    # pdfium rounds each side up: (width * scale + 1) * (height * scale + 1) pixels at most, solved for scale
    area, sides = width * height, width + height
    largest = (-sides + (sides * sides + 4 * area * (limits.max_pixels - 1)) ** 0.5) / (2 * area)
    return min(dpi / 72, largest)


def render_pdf_page(data, index, dpi=150):
    """One page of a PDF as a PIL image (used to look for QR codes on text-layer pages)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[index]
        try:
            return page.render(scale=render_scale(*page.get_size(), dpi)).to_pil()
        finally:
            page.close()
    finally:
        pdf.close()


def _load_image(data, kind, ocr, limits, lang):
    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width * height > limits.max_pixels:
            raise DocumentError("too_large", f"The image is {width}x{height} pixels; the limit is "
                                             f"{limits.max_pixels} pixels.")
        frames = getattr(image, "n_frames", 1)  # (walks a TIFF's chain of pages: a damaged one fails here)
        if frames > limits.max_pages:
            raise DocumentError("too_large", f"The image has {frames} pages; the limit is {limits.max_pages}.")
        if kind == "jpg":
            _decode_at_ocr_scale(image)
    except DocumentError:
        raise
    except Image.DecompressionBombError as exc:
        raise DocumentError("too_large", f"The image is too large ({exc}).") from None
    except Exception as exc:  # Pillow's decoders raise anything on a damaged file (OSError, ValueError, …)
        raise DocumentError("corrupt", f"The image cannot be read ({exc}).") from None
    pages, images = [], []
    for index in range(frames if kind == "tif" else 1):  # a GIF's frames are an animation, not pages
        budget.check(f"before page {index + 1} of {frames}")
        try:
            image.seek(index)
            if image.width * image.height > limits.max_pixels:  # each page of a TIFF has its own size
                raise DocumentError("too_large", f"Page {index + 1} of the image is {image.width}x{image.height} "
                                                 f"pixels; the limit is {limits.max_pixels} pixels.")
            frame = _page_image(image, limits)
        except DocumentError:
            raise
        except (Image.DecompressionBombError, MemoryError) as exc:
            raise DocumentError("too_large", f"Page {index + 1} of the image is too large ({exc}).") from None
        except Exception as exc:  # Pillow's decoders raise anything on a damaged file (OSError, ValueError, …)
            raise DocumentError("corrupt", f"The image cannot be decoded ({exc}).") from None
        images.append(frame)
        page = _ocr_page(frame, index, ocr, lang)
        build_lines(page)
        pages.append(page)
    return Document(kind=kind, pages=pages, attachments=[], images=images)


def _page_image(frame, limits):
    """The current frame of an image file as the RGB page it shows: with square pixels, turned as its EXIF
    says, laid on white paper."""
    frame = ImageOps.exif_transpose(_square_pixels(_eight_bits(frame.copy()), limits))
    if "A" in frame.getbands() or "transparency" in frame.info:
        # a transparent background is black beneath (a screenshot, an exported PNG): the text would vanish
        rgba = frame.convert("RGBA")
        paper = Image.new("RGB", frame.size, "white")
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return frame.convert("RGB")


def _eight_bits(frame):
    """A 16-bit or floating-point grey frame as 8-bit grey, its depth scaled down, not cut off: Pillow's own
    conversion turns every value over 255 white, so a 16-bit scan's paper and ink would both be white."""
    if frame.mode not in ("I", "F") and not frame.mode.startswith("I;16"):
        return frame
    values = np.asarray(frame).astype(np.float64)
    brightest = float(values.max()) if values.size else 0.0
    # the depth the values are written in: 8 bits in a wider container, 12 bits (many scanners), or 16
    full_scale = next((scale for scale in (255.0, 4095.0, 65535.0) if brightest <= scale), brightest)
    grey = Image.fromarray(np.clip(values * (255.0 / full_scale), 0, 255).astype(np.uint8), "L")
    grey.info = dict(frame.info)  # its resolution and EXIF still apply
    return grey


def _square_pixels(frame, limits):
    """``frame`` stretched to square pixels when its resolution differs across and down the page: a fax in
    standard mode is 204 x 98 dpi, its letters half as tall in pixels as wide, which OCR does not read."""
    try:
        across, down = (float(value) for value in frame.info["dpi"])
    except (KeyError, TypeError, ValueError):
        return frame
    if across <= 0 or down <= 0 or max(across, down) < 1.2 * min(across, down):
        return frame
    width, height = frame.width * max(across, down) / across, frame.height * max(across, down) / down
    fits = min(1.0, (limits.max_pixels / (width * height)) ** 0.5)  # too many pixels: shrink the other way
    return frame.resize((max(1, round(width * fits)), max(1, round(height * fits))), Image.BICUBIC)


def _decode_at_ocr_scale(image):
    """Have a JPEG of far more pixels than OCR reads decoded at half or a quarter of its size (libjpeg scales
    while decoding): a 600 dpi scan then decodes four times faster, in a quarter of the memory. Only where
    that keeps 64 % of the OCR pixel budget; within_pixel_budget shrinks the rest."""
    from .ocr.base import OCR_PIXEL_BUDGET

    shrink = 0.8 * (OCR_PIXEL_BUDGET / (image.width * image.height)) ** 0.5
    if shrink <= 0.5:
        image.draft(None, (int(image.width * shrink) + 1, int(image.height * shrink) + 1))


def _ocr_page(image, index, ocr, lang):
    if ocr is None:
        raise DocumentError("unsupported_format", "This page has no text layer and no OCR engine is available.")
    budget.check(f"before the OCR of page {index + 1}")
    try:
        words, (width, height), quarter_turns, projection = ocr.read_page(image, page_index=index, lang=lang)
    except _image_library_errors() as exc:  # OpenCV refusing a degenerate picture (a page of 1 x 20000 pixels)
        raise DocumentError("corrupt", f"Page {index + 1} cannot be read ({exc}).") from None
    return Page(index=index, width=width, height=height, words=words, source="ocr", turn=quarter_turns,
                projection=projection)


def _image_library_errors():
    """The exception types OpenCV raises (cv2.error), where it is installed."""
    try:
        import cv2
    except ImportError:
        return ()
    return (cv2.error,)


def page_sizes(data):
    """(width, height) of each page: pixels for images, points for PDFs (no OCR, no text extraction)."""
    kind = sniff_format(data)
    if kind == "pdf":
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return []
        try:
            return [tuple(pdf.get_page_size(i)) for i in range(len(pdf))]
        finally:
            pdf.close()
    if kind in (None, "xml"):
        return []
    try:
        image = Image.open(io.BytesIO(data))
        return [image.size] * getattr(image, "n_frames", 1)
    except Exception:
        return []
