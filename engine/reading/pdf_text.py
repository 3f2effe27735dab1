"""PDF pages → words with boxes, from the text layer (pypdfium2)."""
import logging
import math
import unicodedata

import pypdfium2 as pdfium

from . import budget
from .layout import Page, Word, turned_box

_logger = logging.getLogger(__name__)

# Characters that end a word in the text layer.
_BREAKS = {" ", "\t", "\r", "\n", "\x00", "\u00a0", "\u2002", "\u2003", "\u2009", "\ufffe"}


def text_layer(page, page_index, max_chars=None):
    """(layout Page, invisible share) of one pypdfium2 page, read from one text page: see ``_page_words`` and
    ``_invisible_share``. The Page is the page turned the way its text reads, and says how to turn it back to
    the page as displayed. Only the first ``max_chars`` characters of the layer are read (None: all)."""
    textpage = page.get_textpage()
    try:
        words, (width, height), turn = _page_words(page, textpage, page_index, max_chars)
        # user space turned `turn` quarter turns clockwise is read; turned /Rotate clockwise, displayed
        displayed = (page.get_rotation() // 90 - turn) % 4
        layer = Page(index=page_index, width=width, height=height, words=words, source="text", turn=displayed)
        return layer, _invisible_share(textpage)
    finally:
        textpage.close()


def _page_words(page, textpage, page_index, max_chars=None):
    """(words, page size, turn) of one pypdfium2 page, coordinates relative to the page turned so that most of its
    text reads left to right: the page as displayed, unless its text shows sideways or upside down there
    (a page saved with a /Rotate its text does not follow) — as a scanned page is read upright."""
    visible, cropped = _visible_box(page)  # character boxes are in user space: unrotated, from its own origin
    width, height = visible[2] - visible[0], visible[3] - visible[1]
    count = textpage.count_chars()
    if max_chars is not None and count > max_chars:
        _logger.warning("page %s: a text layer of %s characters, the first %s read", page_index + 1, count, max_chars)
        count = max_chars
    text = textpage.get_text_range(0, count) if count > 0 else ""
    if len(text) != count:  # generated characters do not map 1:1; fall back per character
        text = "".join(chr(pdfium.raw.FPDFText_GetUnicode(textpage, i) or 32) for i in range(count))
    turn = _reading_turn(textpage, text)
    frame = (height, width) if turn % 2 else (width, height)
    kerning = _kerning_spaces(textpage, text, turn, width, height)
    words, chars, box = [], [], None
    for i, ch in enumerate(text):
        if i % 4096 == 4095:
            budget.check(f"reading the text of page {page_index + 1}")
        if i in kerning:
            continue
        if ch in _BREAKS or not ch.isprintable():
            box = _flush(words, chars, box, frame, page_index)
            chars = []
            continue
        char_box = _on_visible_box(textpage.get_charbox(i), visible, cropped)
        if char_box is None:
            continue  # outside the crop box: cut off the page a viewer shows
        left, bottom, right, top = _to_frame(char_box, turn, width, height)
        if right <= left or top <= bottom:
            continue
        if _char_turn(textpage, i) != turn:
            continue  # text running up or down the margin (filing marks, vertical labels): not content
        if box is not None and chars:
            gap = left - box[2]
            char_height = max(top - bottom, box[3] - box[1], 1.0)
            # pdfium inserts the spaces it infers; only a jump back, a gap wider than a space or a new baseline
            # splits here.
            # (an apostrophe or a comma sits above or below the baseline: only no overlap at all is a new line;
            # an underscore's box lies wholly under the letters it joins: "invoice_number_1")
            new_line = (top < box[1] and ch != "_") or bottom > box[3]
            if gap > 0.8 * char_height or gap < -char_height or new_line:
                box = _flush(words, chars, box, frame, page_index)
                chars = []
        chars.append(ch)
        box = [left, bottom, right, top] if box is None else [
            min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
    _flush(words, chars, box, frame, page_index)
    return words, frame, turn


def draw_form_fields(pdf):
    """Have pdfium draw the form fields of ``pdf`` when its pages are loaded next, those saved without an
    appearance of their own included (filled by a tool that leaves that to the viewer: NeedAppearances)."""
    try:
        pdf.init_forms()
    except Exception:  # a form pdfium cannot handle (XFA): the pages are still read
        _logger.debug("PDF form not initialised", exc_info=True)


def flattened_page(pdf, index):
    """Page ``index`` of ``pdf`` with what its annotations show drawn into it: the values typed into a form
    (a fillable invoice template), a typewriter note. pdfium's text layer holds a page's own content only, so
    "Invoice number:" would be read without the number filled in beside it."""
    page = pdf[index]
    try:
        if pdfium.raw.FPDFPage_GetAnnotCount(page.raw) <= 0:
            return page
        flattened = pdfium.raw.FPDFPage_Flatten(page.raw, pdfium.raw.FLAT_NORMALDISPLAY)
    except Exception:  # a damaged annotation must not lose the page
        _logger.debug("annotations of page %s not flattened", index, exc_info=True)
        return page
    if flattened != pdfium.raw.FLATTEN_SUCCESS:
        return page  # nothing to draw (links, hidden comments)
    page.close()
    return pdf[index]  # loaded again: pdfium reads the flattened content only into a new page


def _visible_box(page):
    """((left, bottom, right, top), cropped): the part of the page's user space a viewer shows, before the
    /Rotate it is displayed with — its crop box within its media box, as pdfium renders it; neither need
    start at 0, 0 — and whether a crop box cuts into the media box."""
    media, crop = page.get_mediabox(), page.get_cropbox()
    if not _sized(media):  # a MediaBox of [0 0 0 0], or out of range: pdfium shows a page of its own size
        width, height = page.get_size()
        if page.get_rotation() % 180:
            width, height = height, width
        media = (0.0, 0.0, width, height)
    box = (max(media[0], crop[0]), max(media[1], crop[1]), min(media[2], crop[2]), min(media[3], crop[3]))
    if not _sized(box):  # a crop box off the media box: pdfium shows the media box
        box = media
    return box, tuple(box) != tuple(media)


def _sized(box):
    """Whether a (left, bottom, right, top) box has a finite, positive width and height."""
    return all(math.isfinite(value) for value in box) and box[2] > box[0] and box[3] > box[1]


def _on_visible_box(box, visible, cropped):
    """A (left, bottom, right, top) box of user space relative to the visible box's corner; None when a crop
    box cut it off (its middle lies outside). Text that runs off the paper itself (a name too long for its
    line) is kept: it is the document's, only misplaced."""
    left, bottom, right, top = box
    middle_x, middle_y = (left + right) / 2, (bottom + top) / 2
    if cropped and not (visible[0] <= middle_x <= visible[2] and visible[1] <= middle_y <= visible[3]):
        return None
    return left - visible[0], bottom - visible[1], right - visible[0], top - visible[1]


def _char_turn(textpage, index):
    """Quarter turns (anticlockwise, 0 to 3) of a character's baseline in user space; pdfium measures
    its angle clockwise."""
    angle = pdfium.raw.FPDFText_GetCharAngle(textpage, index)
    return (4 - round(math.degrees(max(angle, 0.0)) / 90)) % 4


def _reading_turn(textpage, text):
    """The quarter turn most of the page's letters and digits are drawn at (sampled; level on a tie)."""
    votes = [0, 0, 0, 0]
    for index in range(0, len(text), max(1, len(text) // 400)):
        if text[index].isalnum():
            votes[_char_turn(textpage, index)] += 1
    return max(range(4), key=lambda turn: (votes[turn], turn == 0))


def _to_frame(box, turn, width, height):
    """A (left, bottom, right, top) box of user space (``width`` x ``height``) in the frame turned ``turn``
    quarter turns clockwise, where text drawn ``turn`` quarter turns anticlockwise reads left to right."""
    left, bottom, right, top = box
    if turn == 1:
        return bottom, width - right, top, width - left
    if turn == 2:
        return width - right, height - top, width - left, height - bottom
    if turn == 3:
        return height - top, left, height - bottom, right
    return left, bottom, right, top


# A space pdfium inferred between two lower-case letters is letter spacing, not a space between words, when its
# gap is narrower than this share of the font size and than half the page's usual inferred space ("Taxiunter
# nehmen", "Br uttosumme": renderers that kern after an r start a new run there, a tenth of an em on, while
# their word spaces are a quarter of an em). Some renderers space every word a mere eighth of an em apart
# (Odoo's reports), LaTeX shrinks a justified line's spaces to three fifths of the usual: the page's own
# spaces are the measure, not the font size alone.
KERNING_GAP_EM = 0.15
KERNING_SHARE_OF_USUAL_SPACE = 0.5
MIN_SPACES_TO_MEASURE = 5


def _inferred_space_gaps(textpage, text, turn, width, height):
    """{index: gap in ems} of the spaces pdfium inferred between two letters of one baseline (differences of
    positions only: the page's own origin does not matter)."""
    gaps = {}
    for index in range(1, len(text) - 1):
        if text[index] != " " or not (text[index - 1].isalpha() and text[index + 1].isalpha()):
            continue
        if not pdfium.raw.FPDFText_IsGenerated(textpage, index):
            continue
        # advance boxes, not ink: an f or a y overhangs its neighbour ("of the", "that you" in LaTeX)
        _left, bottom, right, top = _to_frame(textpage.get_charbox(index - 1, loose=True), turn, width, height)
        left, next_bottom, _right, next_top = _to_frame(textpage.get_charbox(index + 1, loose=True), turn, width,
                                                        height)
        font_size = pdfium.raw.FPDFText_GetFontSize(textpage, index + 1)
        if font_size > 0 and next_top >= bottom and next_bottom <= top:
            gaps[index] = (left - right) / font_size
    return gaps


def _kerning_spaces(textpage, text, turn, width, height):
    """Indexes of the inferred spaces that are letter spacing inside a word (see KERNING_GAP_EM)."""
    gaps = _inferred_space_gaps(textpage, text, turn, width, height)
    if len(gaps) < MIN_SPACES_TO_MEASURE:
        return set()
    # measured over every inferred space between letters: German capitalises the words after most spaces
    usual = sorted(gaps.values())[len(gaps) // 2]
    limit = min(KERNING_GAP_EM, KERNING_SHARE_OF_USUAL_SPACE * usual)
    return {index for index, gap in gaps.items()
            if gap < limit and text[index - 1].islower() and text[index + 1].islower()
            and index >= 2 and text[index - 2].isalpha()}  # (a one-letter word stays one: "à jour")


def _flush(words, chars, box, frame, page_index):
    if chars and box is not None:
        left, bottom, right, top = box
        width, height = frame
        # PDF y runs up from the bottom; ours down from the top
        words.append(Word("".join(chars), left / width, 1 - top / height, right / width, 1 - bottom / height,
                          page=page_index))
    return None


def picture_share(page):
    """Share of a page's area its pictures cover (capped at 1; overlapping pictures count twice)."""
    return min(1.0, sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in _picture_boxes(page)))


# A picture covering this share of a page with fewer layer characters over it than BARE_PICTURE_CHARS is read
# by OCR too: a scanned bill pasted into a page of text (an e-mail printed with its attachment inline).
BARE_PICTURE_SHARE = 0.2
BARE_PICTURE_CHARS = 20


def bare_pictures(page, words):
    """Relative (x0, y0, x1, y1) boxes, on the page as displayed, of its large pictures that no text of its
    layer (``words``, read on the page as displayed) is printed over: what they show is in their pixels only.
    A letterhead or a coloured panel under the text is not bare."""
    bare = []
    for box in _picture_boxes(page):
        x0, y0, x1, y1 = turned_box(box, page.get_rotation() // 90)  # /Rotate turns user space clockwise
        if (x1 - x0) * (y1 - y0) < BARE_PICTURE_SHARE:
            continue
        over = sum(len(w.text) for w in words if x0 <= w.cx <= x1 and y0 <= w.cy <= y1)
        if over < BARE_PICTURE_CHARS:
            bare.append((x0, y0, x1, y1))
    return bare


def _picture_boxes(page):
    """Relative (x0, y0, x1, y1) boxes, origin top left, of the page's pictures on its visible part, before
    the /Rotate it is displayed with."""
    visible, _cropped = _visible_box(page)  # picture bounds are in user space
    width, height = visible[2] - visible[0], visible[3] - visible[1]
    boxes = []
    for left, bottom, right, top in _picture_bounds(page):
        left, bottom = max(left, visible[0]), max(bottom, visible[1])
        right, top = min(right, visible[2]), min(top, visible[3])
        if right > left and top > bottom:
            boxes.append(((left - visible[0]) / width, 1 - (top - visible[1]) / height,
                          (right - visible[0]) / width, 1 - (bottom - visible[1]) / height))
    return boxes


def _picture_bounds(page, form=None, placements=(), depth=0):
    """(left, bottom, right, top) in user space of each picture on the page, those inside forms (XObjects, up to
    three deep) included. pdfium gives the bounds of an object inside a form in the form's own space:
    ``placements`` are the matrices of the forms around it, innermost first."""
    for obj in page.get_objects(max_depth=0, form=form):
        if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = obj.get_bounds()
            corners = [(left, bottom), (right, bottom), (right, top), (left, top)]
            for matrix in placements:
                corners = [matrix.on_point(x, y) for x, y in corners]
            xs, ys = [x for x, _y in corners], [y for _x, y in corners]
            yield min(xs), min(ys), max(xs), max(ys)
        elif obj.type == pdfium.raw.FPDF_PAGEOBJ_FORM and depth < 3:
            yield from _picture_bounds(page, obj, (obj.get_matrix(),) + tuple(placements), depth + 1)


def readable_share(words):
    """Share of the characters of ``words`` that are letters, digits, punctuation or currency and maths signs.

    A font whose codes map to no Unicode (no ToUnicode map, a symbolic font) gives a text layer of boxes,
    dingbats, private-use or control characters: nothing of it can be read, the picture of the page can.
    """
    chars = [ch for word in words for ch in word.text]
    if not chars:
        return 1.0
    categories = [unicodedata.category(ch) for ch in chars]
    readable = sum(1 for category in categories if category[0] in "LNP" or category in ("Sc", "Sm", "Sk"))
    return readable / len(chars)


def _invisible_share(textpage, samples=200):
    """Share of the page's characters drawn invisibly (render mode 3): the text layer a scanner or an OCR
    tool lays over the picture of a page. Sampled: a few hundred characters tell."""
    count = textpage.count_chars()
    if count <= 0:
        return 0.0
    step = max(1, count // samples)
    seen = invisible = 0
    for i in range(0, count, step):
        obj = pdfium.raw.FPDFText_GetTextObject(textpage, i)
        if not obj:
            continue
        seen += 1
        if pdfium.raw.FPDFTextObj_GetTextRenderMode(obj) == pdfium.raw.FPDF_TEXTRENDERMODE_INVISIBLE:
            invisible += 1
    return invisible / seen if seen else 0.0
