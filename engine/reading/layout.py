"""Words with boxes, grouped into lines and segments.

Every coordinate is relative to its page (0..1, origin top-left), so text-layer words and OCR words
are handled alike and map straight onto the Extract API ``coords``.
"""
from dataclasses import dataclass, field


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    page: int = 0
    conf: float = 1.0

    @property
    def cx(self):
        return (self.x0 + self.x1) / 2

    @property
    def cy(self):
        return (self.y0 + self.y1) / 2

    @property
    def height(self):
        return self.y1 - self.y0


@dataclass
class Segment:
    """Consecutive words of one line with no wide gap between them: a cell, a label or a value."""
    words: list
    line: "Line" = None
    index: int = 0

    @property
    def text(self):
        return " ".join(w.text for w in self.words)

    @property
    def x0(self):
        return min(w.x0 for w in self.words)

    @property
    def x1(self):
        return max(w.x1 for w in self.words)

    @property
    def y0(self):
        return min(w.y0 for w in self.words)

    @property
    def y1(self):
        return max(w.y1 for w in self.words)


@dataclass
class Line:
    words: list
    page: int = 0
    index: int = 0
    segments: list = field(default_factory=list)

    @property
    def text(self):
        return " ".join(s.text for s in self.segments) if self.segments else " ".join(w.text for w in self.words)

    @property
    def y0(self):
        return min(w.y0 for w in self.words)

    @property
    def y1(self):
        return max(w.y1 for w in self.words)

    @property
    def cy(self):
        return (self.y0 + self.y1) / 2

    @property
    def x0(self):
        return min(w.x0 for w in self.words)

    @property
    def x1(self):
        return max(w.x1 for w in self.words)

    @property
    def height(self):
        heights = sorted(w.height for w in self.words)
        return heights[len(heights) // 2]


@dataclass
class Page:
    index: int
    width: float
    height: float
    words: list
    source: str = "text"  # "text" (PDF text layer) or "ocr"
    lines: list = field(default_factory=list)
    # quarter turns clockwise from the page as read (upright, where its words are) to the page as the
    # document shows it: a sideways scan, a PDF page whose /Rotate its text does not follow
    turn: int = 0
    # a photo whose sheet was read flattened: the projection from the sheet (once turned by ``turn``) to the
    # photo as given (see projected_box), or None
    projection: tuple = None

    @property
    def aspect(self):
        return self.height / self.width if self.width else 1.0


def turned_box(box, quarter_turns):
    """A relative (x0, y0, x1, y1) box of a page, on that page turned ``quarter_turns`` clockwise."""
    x0, y0, x1, y1 = box
    for _ in range(quarter_turns % 4):
        # a quarter turn clockwise takes the top-left corner to the top-right one
        x0, y0, x1, y1 = 1 - y1, x0, 1 - y0, x1
    return x0, y0, x1, y1


def place_from_crop(words, crop, quarter_turns):
    """Move ``words`` read on a crop of a page, turned ``quarter_turns`` clockwise from upright to the crop as
    it lies on the page, onto that page: ``crop`` is the crop's relative (x0, y0, x1, y1) box on the page."""
    left, top, right, bottom = crop
    for word in words:
        x0, y0, x1, y1 = turned_box((word.x0, word.y0, word.x1, word.y1), quarter_turns)
        word.x0, word.x1 = left + x0 * (right - left), left + x1 * (right - left)
        word.y0, word.y1 = top + y0 * (bottom - top), top + y1 * (bottom - top)


def projected_box(box, projection):
    """The upright bounds of a relative (x0, y0, x1, y1) box once its corners go through ``projection`` (a
    3 x 3 matrix on homogeneous relative coordinates: a flattened photo's sheet back onto the photo)."""
    x0, y0, x1, y1 = box
    xs, ys = [], []
    for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
        px, py, pw = (row[0] * x + row[1] * y + row[2] for row in projection)
        xs.append(px / pw)
        ys.append(py / pw)
    return min(xs), min(ys), max(xs), max(ys)


def place_unflattened(words, quarter_turns, projection):
    """Move ``words`` read upright on a flattened sheet, turned ``quarter_turns`` clockwise from upright to the
    sheet as flattened, onto the photo it was flattened from (turned upright the same way): see projected_box."""
    for word in words:
        box = projected_box(turned_box((word.x0, word.y0, word.x1, word.y1), quarter_turns), projection)
        word.x0, word.y0, word.x1, word.y1 = turned_box(box, -quarter_turns)


def shown_coords(coords, quarter_turns, projection=None):
    """Extract API ``coords`` of a box on a page, on that page turned ``quarter_turns`` clockwise, then
    through ``projection`` (a flattened photo's sheet back onto the photo) if any."""
    center_x, center_y, width, height, angle = coords
    box = turned_box((center_x - width / 2, center_y - height / 2, center_x + width / 2, center_y + height / 2),
                     quarter_turns)
    if projection:
        box = [min(max(value, 0.0), 1.0) for value in projected_box(box, projection)]
    x0, y0, x1, y1 = box
    return [round((x0 + x1) / 2, 4), round((y0 + y1) / 2, 4), round(x1 - x0, 4), round(y1 - y0, 4), angle]


def box_coords(items, angle=0.0):
    """Extract API ``coords`` [center_x, center_y, width, height, angle] of words/segments/lines."""
    x0 = min(i.x0 for i in items)
    y0 = min(i.y0 for i in items)
    x1 = max(i.x1 for i in items)
    y1 = max(i.y1 for i in items)
    clamp = lambda v: round(min(max(v, 0.0), 1.0), 4)  # noqa: E731
    return [clamp((x0 + x1) / 2), clamp((y0 + y1) / 2), clamp(x1 - x0), clamp(y1 - y0), float(angle)]


def build_lines(page):
    """Group a page's words into lines (by vertical overlap), then split lines into segments at wide gaps."""
    words = sorted((w for w in page.words if w.text.strip()), key=lambda w: (w.cy, w.x0))
    rows = []
    for word in words:
        fitting = [row for row in rows[-6:]
                   if _in_row(word, row) and not any(_overlaps_x(word, other) for other in row["words"])]
        if page.source == "ocr":
            # OCR words of one text line share their box: they stay together, not on a line above it overlaps
            fitting = [row for row in fitting
                       if any((w.y0, w.y1) == (word.y0, word.y1) for w in row["words"])] or fitting
        best = fitting[0] if fitting else None
        if best is None:
            rows.append({"y0": word.y0, "y1": word.y1, "words": [word]})
        else:
            best["words"].append(word)
            best["y0"] = min(best["y0"], word.y0)
            best["y1"] = max(best["y1"], word.y1)
    lines = []
    for row in sorted(rows, key=lambda r: (r["y0"] + r["y1"]) / 2):
        line = Line(words=sorted(row["words"], key=lambda w: w.x0), page=page.index)
        line.segments = _split_segments(line, page)
        lines.append(line)
    for i, line in enumerate(lines):
        line.index = i
    page.lines = lines
    return lines


def _in_row(word, row):
    """Whether ``word`` stands on ``row``: half its height overlaps the row's words of its own size. Beside a
    word twice as tall or more (a logo's letters, a headline), only a word about its middle is on its line:
    the four lines printed beside a logo are four lines, not one."""
    peers = [w for w in row["words"] if w.height < 2 * word.height and word.height < 2 * w.height]
    if not peers:
        return all(abs(word.cy - w.cy) < 0.3 * max(w.height, word.height) for w in row["words"])
    top, bottom = min(w.y0 for w in peers), max(w.y1 for w in peers)
    overlap = min(bottom, word.y1) - max(top, word.y0)
    smallest = min(bottom - top, word.height) or 1e-6
    return overlap / smallest > 0.5


def _overlaps_x(a, b):
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 * min(a.x1 - a.x0, b.x1 - b.x0)


def _split_segments(line, page):
    # A gap wider than ~1.2 character heights separates cells; heights are relative to page height,
    # gaps relative to width, hence the aspect ratio. The neighbours' own height counts: a large name and
    # small contact details may share a line.
    segments, current = [], [line.words[0]]
    for prev, word in zip(line.words, line.words[1:]):
        if word.x0 - prev.x1 > 1.2 * max(line.height, min(prev.height, word.height)) * page.aspect:
            segments.append(current)
            current = []
        current.append(word)
    segments.append(current)
    result = [Segment(words=ws, line=line, index=i) for i, ws in enumerate(segments)]
    return result
