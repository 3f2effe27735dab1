"""Supplier-grouped folds of a labelled set: no supplier has documents on both sides of a split.

A split by file name lets one merchant's receipts sit on both sides, so a rule fitted to the receipts of the
development side is rewarded again on the other. Here every document goes to the fold of its supplier: the
supplier label is reduced to a key (letters and digits, legal forms, branch names in brackets and identifier lines
left out, so ``MR. D.I.Y. (KUCHAI) SDN BHD`` and ``MR D.I.Y. (M) SDN BHD`` are one merchant) and the fold is
``crc32(key) % K``. The split depends on nothing but the labels, so it is the same on every machine and run.

The standard split has ``FOLDS`` folds; folds ``HELD_OUT`` are the held-out side that the published figures are
measured on, the others are for development (tuning rules and training the ranker).
"""
import re
import unicodedata
import zlib

FOLDS = 5
HELD_OUT = (3, 4)

# legal forms and branch words that differ between receipts of one merchant
_LEGAL = re.compile(
    r"\b(?:sdn\.?\s*bhd|s/b|bhd|berhad|enterprise|trading|gmbh|ag|a\.g|ltd|limited|inc|llc|plc|co|sarl|s\.a\.r\.l|sas"
    r"|sa|s\.a|bv|nv|srl|spa|kg|ohg|ug|e\.k)\b\.?", re.IGNORECASE)
_BRACKETS = re.compile(r"\([^)]*\)")
_IDENTIFIER_LINE = re.compile(r"\d{4,}|\bnr\b|\bno\b\s*[:.]", re.IGNORECASE)


def supplier_key(supplier, fallback=""):
    """The grouping key of a supplier label ('' labels fall back to ``fallback``, e.g. the file name)."""
    text = unicodedata.normalize("NFKD", str(supplier or "")).encode("ascii", "ignore").decode("ascii")
    lines = [line for line in text.splitlines() if line.strip()]
    named = [line for line in lines if not _IDENTIFIER_LINE.search(line)] or lines
    text = " ".join(named)
    text = _BRACKETS.sub(" ", text)
    text = _LEGAL.sub(" ", text)
    key = re.sub(r"[^a-z0-9]", "", text.lower())
    return key or "file:" + str(fallback)


def fold_of_item(item, folds=FOLDS):
    """The fold (0 … folds-1) of a labels.jsonl item, by its supplier."""
    fields = item.get("fields") or {}
    key = supplier_key(fields.get("supplier"), fallback=item.get("file", ""))
    return zlib.crc32(key.encode("utf-8")) % folds


def select(labels, fold=None, folds=FOLDS):
    """The items of one side of the split.

    ``fold``: None (all), ``"dev"``/``"A"`` (the development folds of the standard split), ``"heldout"``/``"B"``
    (the held-out folds), or an int (that one fold of ``folds``).
    """
    if fold is None:
        return list(labels)
    if fold in ("dev", "A", "heldout", "B"):
        if folds != FOLDS:
            raise ValueError(f"the development / held-out sides are defined for {FOLDS} folds")
        held = fold in ("heldout", "B")
        return [item for item in labels if (fold_of_item(item) in HELD_OUT) == held]
    index = int(fold)
    if not 0 <= index < folds:
        raise ValueError(f"fold {index} is not in 0 … {folds - 1}")
    return [item for item in labels if fold_of_item(item, folds) == index]
