"""A labelled folder of real vendor bills: the test invoices of invoice2data (github.com/invoice-x/invoice2data,
MIT), whose ``tests/compare`` folder holds each PDF (some with a PNG scan of it) and the JSON its templates
extract. Not copied into this repository: this script clones the project and writes a labels.jsonl folder.
It needs git and internet; the engine does not.

    python tools/invoice2data_set.py I2D_SET
    python -m tools.bench I2D_SET

Only the fields that are what the page prints are kept: total, untaxed amount, date, invoice number (without
the '#' printed before it), VAT number, IBAN (when it is one) and currency. The issuer is left out: the
templates name the brand ("Flipkart", "OYO"), not the company the bill is from.
"""
import glob
import json
import os
import shutil
import sys

import sources
from stdnum import iban as stdnum_iban

FIELDS = {"amount": "total", "amount_untaxed": "subtotal", "date": "date", "invoice_number": "invoice_id",
          "vat": "VAT_Number", "iban": "iban", "currency": "currency"}


def truth_fields(extracted):
    fields = {}
    for theirs, ours in FIELDS.items():
        value = extracted.get(theirs)
        if value in (None, ""):
            continue
        if theirs == "invoice_number":
            value = str(value).lstrip("#")
        if theirs == "iban" and not stdnum_iban.is_valid(str(value)):
            continue  # a placeholder ("US1234567890"), not an IBAN
        fields[ours] = value
    return fields


def build(out):
    os.makedirs(os.path.join(out, "files"), exist_ok=True)
    labels = []
    with sources.checkouts(["invoice-x/invoice2data"]) as (checkout,):
        compare = os.path.join(checkout, "tests", "compare")
        for truth_path in sorted(glob.glob(os.path.join(compare, "*.json"))):
            with open(truth_path, encoding="utf-8") as handle:
                extracted = json.load(handle)
            extracted = extracted[0] if isinstance(extracted, list) else extracted
            stem = os.path.splitext(truth_path)[0]
            for extension in (".pdf", ".png"):
                if not os.path.exists(stem + extension):
                    continue
                target = "files/" + os.path.basename(stem + extension)
                shutil.copyfile(stem + extension, os.path.join(out, target))
                labels.append({"file": target, "doc_type": "invoice", "fields": truth_fields(extracted),
                               "source": "https://github.com/invoice-x/invoice2data/tree/HEAD/tests/compare"})
    return sources.write_labels(out, labels)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(build(sys.argv[1]), "invoices written to", sys.argv[1])
