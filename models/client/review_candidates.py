# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The candidates of a result that a user can review on the document: which ones to keep (those the page shows),
which one the record carries, and whether the chosen one deserves a second look. Pure functions."""
import datetime

# A chosen value scored below REVIEW_SCORE (less than a value the page only implies, 0.3), or with a rival of another
# content within REVIEW_MARGIN of it, is to review. Scores vary by feature (a receipt's unlabelled date: 0.26 and
# right), so the bar is low: a higher one would mark most documents and stop meaning anything.
REVIEW_SCORE = 0.2
REVIEW_MARGIN = 0.05


def content_key(content):
    """What two contents are compared on: amounts to the cent, text without case and outer spaces."""
    if isinstance(content, bool) or content is None:
        return None
    if isinstance(content, (int, float)):
        return round(float(content), 2)
    return str(content).strip().upper() or None


def same_content(first, second):
    key = content_key(first)
    return key is not None and key == content_key(second)


def _has_box(candidate):
    coords = candidate.get("coords")
    if not isinstance(coords, (list, tuple)) or len(coords) != 5 or not all(
            isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords):
        return False  # a provider's malformed coords: nothing to show, never a failed fill
    # the engine gives [0, 0, 0, 0, 0] for a value read without words on the page (an e-invoice's XML)
    return bool(coords[2] or coords[3])


def _text(content):
    """How a candidate without its printed text is shown: amounts with two decimals."""
    if content is None:
        return ""
    if isinstance(content, float):
        return f"{content:.2f}"
    return str(content)


def shown_candidates(feature_result):
    """The candidates of one feature's result that have a box on the page, in the result's order (best first),
    as the review stores them."""
    kept = []
    if not isinstance(feature_result, dict) or not isinstance(feature_result.get("candidates"), list):
        return kept
    for candidate in feature_result["candidates"]:
        if not isinstance(candidate, dict) or not _has_box(candidate):
            continue
        content = candidate.get("content")
        kept.append({
            "content": content,
            "text": candidate.get("text") or _text(content),
            "coords": [float(c) for c in candidate["coords"]],
            "page": candidate["page"] if isinstance(candidate.get("page"), int) else 0,
            "score": candidate["score"] if isinstance(candidate.get("score"), (int, float)) else 0.0,
        })
    return kept


def needs_review(candidates, selected):
    """Whether the candidate the record carries scored low, or another candidate (of another content) scored
    nearly as well or better. Nothing to review when the record carries none of them (the user's own value)."""
    if selected is None or not 0 <= selected < len(candidates):
        return False
    chosen = candidates[selected]
    if chosen["score"] < REVIEW_SCORE:
        return True
    # scores come rounded to 4 decimals: compare the rounded gap, not floats
    return any(round(chosen["score"] - other["score"], 4) <= REVIEW_MARGIN
               and not same_content(other["content"], chosen["content"])
               for index, other in enumerate(candidates) if index != selected)


def to_amount(content):
    """A candidate's content as an amount; ValueError when it is none."""
    if isinstance(content, bool):
        raise ValueError(content)
    return float(content)


def to_date(content):
    """A candidate's content (Extract API form, YYYY-MM-DD) as a date; ValueError when it is none."""
    return datetime.date.fromisoformat(str(content).strip()[:10])
