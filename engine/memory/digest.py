"""A document's words in a compact form a memory can keep until the document is validated: a lesson is taught
from the words as they were read, without reading the document again."""
from ..reading.layout import Page, Word, build_lines

DIGEST_VERSION = 1


def digest_of(pages):
    """JSON-able {"v", "pages": [[index, width, height, turn, source, [[text, x0, y0, x1, y1], ...]], ...]}."""
    return {"v": DIGEST_VERSION, "pages": [
        [page.index, page.width, page.height, page.turn % 4, page.source,
         [[w.text, round(w.x0, 4), round(w.y0, 4), round(w.x1, 4), round(w.y1, 4)] for w in page.words]]
        for page in pages]}


def pages_of(digest):
    """Pages (with lines) back from ``digest_of``; [] for anything else."""
    if not isinstance(digest, dict) or digest.get("v") != DIGEST_VERSION:
        return []
    pages = []
    for index, width, height, turn, source, words in digest.get("pages") or []:
        page = Page(index=index, width=width, height=height, source=source,
                    words=[Word(str(t), x0, y0, x1, y1, page=index) for t, x0, y0, x1, y1 in words], turn=turn)
        if page.words:
            build_lines(page)
        pages.append(page)
    return pages
