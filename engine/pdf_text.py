"""PDF pages → words with boxes, from the text layer (pypdfium2)."""
import math

import pypdfium2 as pdfium

from .layout import Word

# Characters that end a word in the text layer.
_BREAKS = {" ", "\t", "\r", "\n", "\x00", "\u00a0", "\u2002", "\u2003", "\u2009", "\ufffe"}


def text_layer(page, page_index):
    """(words, invisible share) of one pypdfium2 page, read from one text page: see ``_page_words`` and
    ``_invisible_share``."""
    textpage = page.get_textpage()
    try:
        return _page_words(page, textpage, page_index), _invisible_share(textpage)
    finally:
        textpage.close()


def _page_words(page, textpage, page_index):
    """Words of one pypdfium2 page, coordinates relative to the page as displayed (rotation applied)."""
    rotation = page.get_rotation() % 360
    width, height = page.get_size()  # as displayed; character boxes are in unrotated space
    if rotation in (90, 270):
        width, height = height, width
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # generated characters do not map 1:1; fall back per character
        text = "".join(chr(pdfium.raw.FPDFText_GetUnicode(textpage, i) or 32) for i in range(count))
    kerning = _kerning_spaces(textpage, text)
    words, chars, box = [], [], None
    for i, ch in enumerate(text):
        if i in kerning:
            continue
        if ch in _BREAKS or not ch.isprintable():
            box = _flush(words, chars, box, width, height, rotation, page_index)
            chars = []
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if right <= left or top <= bottom:
            continue
        if abs(math.sin(pdfium.raw.FPDFText_GetCharAngle(textpage, i))) > 0.5:
            continue  # text running up or down the margin (filing marks, vertical labels): not content
        if box is not None and chars:
            gap = left - box[2]
            char_height = max(top - bottom, box[3] - box[1], 1.0)
            # pdfium inserts the spaces it infers; only a jump back, a gap wider than a space or a new baseline splits here.
            # (an apostrophe or a comma sits above or below the baseline: only no overlap at all is a new line;
            # an underscore's box lies wholly under the letters it joins: "invoice_number_1")
            new_line = (top < box[1] and ch != "_") or bottom > box[3]
            if gap > 0.8 * char_height or gap < -char_height or new_line:
                box = _flush(words, chars, box, width, height, rotation, page_index)
                chars = []
        chars.append(ch)
        box = [left, bottom, right, top] if box is None else [
            min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
    _flush(words, chars, box, width, height, rotation, page_index)
    return words


# A space pdfium inferred between two lower-case letters is letter spacing, not a space between words, when its
# gap is narrower than this share of the font size and than half the page's usual inferred space ("Taxiunter
# nehmen", "Br uttosumme": renderers that kern after an r start a new run there, a tenth of an em on, while
# their word spaces are a quarter of an em). Some renderers space every word a mere eighth of an em apart
# (Odoo's reports), LaTeX shrinks a justified line's spaces to three fifths of the usual: the page's own
# spaces are the measure, not the font size alone.
KERNING_GAP_EM = 0.15
KERNING_SHARE_OF_USUAL_SPACE = 0.5
MIN_SPACES_TO_MEASURE = 5


def _inferred_space_gaps(textpage, text):
    """{index: gap in ems} of the spaces pdfium inferred between two letters of one baseline."""
    gaps = {}
    for index in range(1, len(text) - 1):
        if text[index] != " " or not (text[index - 1].isalpha() and text[index + 1].isalpha()):
            continue
        if not pdfium.raw.FPDFText_IsGenerated(textpage, index):
            continue
        # advance boxes, not ink: an f or a y overhangs its neighbour ("of the", "that you" in LaTeX)
        _left, bottom, right, top = textpage.get_charbox(index - 1, loose=True)
        left, next_bottom, _right, next_top = textpage.get_charbox(index + 1, loose=True)
        font_size = pdfium.raw.FPDFText_GetFontSize(textpage, index + 1)
        if font_size > 0 and next_top >= bottom and next_bottom <= top:
            gaps[index] = (left - right) / font_size
    return gaps


def _kerning_spaces(textpage, text):
    """Indexes of the inferred spaces that are letter spacing inside a word (see KERNING_GAP_EM)."""
    gaps = _inferred_space_gaps(textpage, text)
    if len(gaps) < MIN_SPACES_TO_MEASURE:
        return set()
    # measured over every inferred space between letters: German capitalises the words after most spaces
    usual = sorted(gaps.values())[len(gaps) // 2]
    limit = min(KERNING_GAP_EM, KERNING_SHARE_OF_USUAL_SPACE * usual)
    return {index for index, gap in gaps.items()
            if gap < limit and text[index - 1].islower() and text[index + 1].islower()
            and index >= 2 and text[index - 2].isalpha()}  # (a one-letter word stays one: "à jour")


def _flush(words, chars, box, width, height, rotation, page_index):
    if chars and box is not None:
        x0, y0, x1, y1 = _to_display(box, width, height, rotation)
        words.append(Word("".join(chars), x0, y0, x1, y1, page=page_index))
    return None


def _to_display(box, width, height, rotation):
    """PDF user space (origin bottom-left) → relative display coordinates (origin top-left)."""
    left, bottom, right, top = box
    x0, x1 = left / width, right / width
    y0, y1 = 1 - top / height, 1 - bottom / height
    if rotation == 90:
        return 1 - y1, x0, 1 - y0, x1
    if rotation == 180:
        return 1 - x1, 1 - y1, 1 - x0, 1 - y0
    if rotation == 270:
        return y0, 1 - x1, y1, 1 - x0
    return x0, y0, x1, y1


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
