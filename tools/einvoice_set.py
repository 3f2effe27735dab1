"""A labelled folder of e-invoice PDFs built like E_INVOICES: the Factur-X / ZUGFeRD
XML embedded in each PDF is the truth, and the copy written out has that XML removed, so the engine must read
the visible page. Sources: the ZUGFeRD corpus (github.com/ZUGFeRD/corpus) and the samples of the Mustang
project and horstoeko/zugferd, or any folder of such PDFs. Not copied into this repository: this script clones
the projects (git and internet needed; the engine needs neither).

    python tools/einvoice_set.py EINV_SET [PDF_FOLDER ...]
    python -m tools.bench EINV_SET

PDFs without a readable XML invoice, and copies of a PDF already taken (same bytes), are skipped. The
dataset's own 28 are not excluded: where the same sample is in both, it counts twice over the two benches.
"""
import glob
import hashlib
import os
import sys

import pypdfium2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import sources  # noqa: E402

from engine.errors import DocumentError  # noqa: E402
from engine.reading.loader import load  # noqa: E402
from engine.reading.structured import Structured, _read_xml  # noqa: E402

REPOS = ("ZUGFeRD/corpus", "ZUGFeRD/mustangproject", "horstoeko/zugferd")
FIELDS = ("invoice_id", "date", "due_date", "supplier", "VAT_Number", "client", "currency", "subtotal",
          "total_tax_amount", "total", "iban")


def truth_of(pdf_bytes):
    """The label fields read from the PDF's embedded XML invoice, or None."""
    try:
        document = load(pdf_bytes)
    except DocumentError:
        return None
    found = Structured()
    for name, content in document.attachments:
        if (name or "").lower().endswith(".xml"):
            try:
                _read_xml(content, found)
            except Exception:  # noqa: BLE001 - a broken sample is skipped, not fatal
                return None
            break
    if "total" not in found.values:
        return None
    fields = {name: found.values[name] for name in FIELDS if name in found.values}
    if found.lines:
        fields["invoice_lines"] = [
            {key: (line[key]["selected_value"]["content"] if key in line else None)
             for key in ("description", "quantity", "unit_price", "subtotal")}
            for line in found.lines]
    return fields


def strip_attachments(pdf_bytes, path):
    """Write ``pdf_bytes`` to ``path`` without its embedded files."""
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    try:
        for index in reversed(range(pdf.count_attachments())):
            pdf.del_attachment(index)
        pdf.save(path)
    finally:
        pdf.close()


def build(out, folders):
    os.makedirs(os.path.join(out, "files"), exist_ok=True)
    labels, seen = [], set()
    for folder in folders:
        for path in sorted(glob.glob(os.path.join(folder, "**", "*.pdf"), recursive=True)):
            with open(path, "rb") as handle:
                data = handle.read()
            digest = hashlib.sha1(data).hexdigest()[:12]
            if digest in seen:
                continue
            fields = truth_of(data)
            if fields is None:
                continue
            seen.add(digest)
            name = f"files/{digest}.pdf"
            strip_attachments(data, os.path.join(out, name))
            labels.append({"file": name, "doc_type": "invoice", "source": os.path.relpath(path, folder),
                           "fields": fields})
    return sources.write_labels(out, labels)


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    with sources.checkouts(REPOS, given=argv[1:]) as folders:
        print(f"{build(argv[0], folders)} invoices written to {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
