"""A labelled folder of German shop receipts: the scans of github.com/softmatic/vision-data (CC-BY-4.0), whose
file names carry the truth: ``$MERCHANT_$DATE_$NUMITEMS_$AMOUNT.jpg`` (date DDMMYYYY, amount in cents), e.g.
``aldi_02032020_19_02423.jpg``. Not copied into this repository: this script clones the project (git and
internet needed; the engine needs neither) and writes a labels.jsonl folder.

    python tools/receipts_de_set.py RECEIPTS_DE [CHECKOUT]
    python -m tools.bench RECEIPTS_DE

Only the date and the total are labelled: the merchant in a file name is a chain's short name ("aldi"), not
the name the receipt prints.
"""
import glob
import os
import re
import shutil
import sys

import sources

_NAME = re.compile(r"^(?P<merchant>[a-z]+)_(?P<date>\d{8})(?:_\d+)?_(?P<cents>\d{3,})(?:_[A-Z])?$")


def truth_of(filename):
    """The label fields a file name carries, or None if it does not follow the naming scheme."""
    match = _NAME.match(os.path.splitext(os.path.basename(filename))[0])
    if not match:
        return None
    day, month, year = match["date"][:2], match["date"][2:4], match["date"][4:]
    return {"date": f"{year}-{month}-{day}", "total": int(match["cents"]) / 100}


def build(out, checkout):
    os.makedirs(os.path.join(out, "files"), exist_ok=True)
    labels = []
    for path in sorted(glob.glob(os.path.join(checkout, "2D", "Receipts", "*", "*.jp*g"))):
        fields = truth_of(path)
        if fields is None:
            continue
        name = "files/" + os.path.relpath(path, os.path.join(checkout, "2D", "Receipts")).replace(os.sep, "_")
        shutil.copyfile(path, os.path.join(out, name))
        labels.append({"file": name, "doc_type": "expense", "fields": fields})
    return sources.write_labels(out, labels)


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    with sources.checkouts(["softmatic/vision-data"], given=argv[1:2]) as (checkout,):
        print(f"{build(argv[0], checkout)} receipts written to {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
