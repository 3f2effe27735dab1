"""Random till receipts, delivery notes and returns notes drawn as scans, with their truth, as a labels.jsonl folder.

A check of the receipt rules on documents no rule was tuned on, built around the kinds of misses seen on unseen
receipts: several totals printed before the payable one (per kind of supplies, returns netted off), amounts
tendered and change under the total, card payments, cash rounding, names with legal forms of several
countries, dates in several orders and spellings. Each merchant is a new random name, so the supplier-grouped
folds put every receipt in a fold of its own.

    python tools/receipt_set.py RECEIPTS_GEN 120 [first seed]
    python -m tools.bench RECEIPTS_GEN
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from PIL import Image, ImageDraw, ImageFilter, ImageFont  # noqa: E402

from engine.tests.documents import FONT, FONT_BOLD  # noqa: E402

SYLLABLES = "ka ri ma jo lee tan sen hua wei yu an bo li ne sa to mi ra lu da ko pe".split()
TRADES = ["HARDWARE", "STATIONERY", "RESTAURANT", "BAKERY", "TRADING", "MINI MARKET", "PHARMACY", "BOOK STORE",
          "ELECTRICAL", "FOOD"]
FORMS = ["SDN BHD", "SDN. BHD.", "S/B", "ENTERPRISE", "GMBH", "LTD", "S.A.R.L.", "B.V.", ""]
ITEMS = ["PEN BLUE", "A4 PAPER", "GLUE STICK", "NASI LEMAK", "TEH TARIK", "BREAD LOAF", "CABLE 2M", "BULB 9W",
         "NOTEBOOK", "BATTERY AA", "RICE 5KG", "SOAP BAR", "TAPE 18MM", "MILO PACK"]
DATE_STYLES = ["%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y", "%d %b %Y", "%Y-%m-%d", "%d.%m.%Y"]


def merchant(rng):
    name = " ".join("".join(rng.sample(SYLLABLES, rng.randint(1, 2))).upper() for _ in range(rng.randint(1, 2)))
    form = rng.choice(FORMS)
    return " ".join(part for part in (name, rng.choice(TRADES), form) if part)


def money(value):
    return f"{value:,.2f}"


def receipt_rows(rng, kind):
    """(rows, total): rows as (left, right, bold) from the items to the last payment line."""
    items = [(rng.choice(ITEMS), round(rng.uniform(0.5, 60), 2)) for _ in range(rng.randint(2, 6))]
    rows = [(f"{name}  {rng.randint(1, 3)} x", money(price), False) for name, price in items]
    gross = round(sum(price for _, price in items), 2)
    if kind == "delivery":
        returned = round(rng.uniform(1, gross / 2), 2)
        rows.append(("RETURN " + rng.choice(ITEMS), money(-returned), False))
        total = round(gross - returned, 2)
        rows += [(rng.choice(["Total Delivery Supplies", "Total Standard Rated Supplies"]), money(gross), False),
                 (rng.choice(["Total Returns Supplies", "Total Returns"]), money(-returned), False),
                 (rng.choice(["Total Amount Payable", "NETT TOTAL", "TOTAL PAYABLE"]), money(total), True)]
        return rows, total
    tax = round(gross * 0.06, 2)
    total = round(gross + tax, 2)
    rows += [("SUBTOTAL", money(gross), False), ("GST 6%", money(tax), False)]
    rows.append((rng.choice(["TOTAL", "TOTAL (RM)", "Total Incl. GST", "GRAND TOTAL"]), money(total), True))
    if kind == "rounded":
        paid = round(round(total / 0.05) * 0.05, 2)
        if paid != total:
            rows += [("ROUNDING ADJ", money(paid - total), False), ("TOTAL ROUNDED", money(paid), True)]
        total = paid
    if kind in ("cash", "rounded"):
        tendered = float(rng.choice([t for t in (10, 20, 50, 100, 200, 500) if t >= total] or [1000]))
        rows += [(rng.choice(["CASH", "CASH TENDERED", "TENDER", "Amount Tendered", "PAYMENT"]), money(tendered),
                  False), (rng.choice(["CHANGE", "CHANGE DUE", "BALANCE"]), money(tendered - total), False)]
    elif kind == "card":
        rows.append((rng.choice(["VISA", "MASTERCARD", "CREDIT CARD"]), money(total), False))
    return rows, total


def draw_receipt(rng):
    import datetime

    name = merchant(rng)
    day = datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randint(0, 700))
    kind = rng.choice(["cash", "card", "rounded", "delivery"])
    rows, total = receipt_rows(rng, kind)
    font = ImageFont.truetype(FONT, 24)
    bold = ImageFont.truetype(FONT_BOLD, rng.choice([26, 30, 34]))
    header = [(name, bold, "c"), (f"NO {rng.randint(1, 300)}, JALAN {rng.choice(SYLLABLES).upper()} "
                                  f"{rng.randint(1, 20)}", font, "c"),
              (f"TEL: 0{rng.randint(3, 9)}-{rng.randint(1000000, 9999999)}", font, "c"),
              ("DELIVERY NOTE" if kind == "delivery" else rng.choice(["TAX INVOICE", "RECEIPT", "CASH BILL"]),
               font, "c"),
              (f"DATE: {day.strftime(rng.choice(DATE_STYLES)).upper()}  {rng.randint(8, 21)}:{rng.randint(10, 59)}",
               font, "l"), ("-" * 34, font, "l")]
    lines = header + [(f"{left}|{right}", bold if strong else font, "lr") for left, right, strong in rows]
    lines += [("-" * 34, font, "l"), ("THANK YOU, PLEASE COME AGAIN", font, "c")]
    width, step = 620, 40
    image = Image.new("L", (width, 60 + step * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    y = 30
    for text, face, align in lines:
        if align == "lr":
            left, right = text.split("|")
            draw.text((24, y), left, font=face, fill=0)
            draw.text((width - 24 - draw.textlength(right, font=face), y), right, font=face, fill=0)
        else:
            x = (width - draw.textlength(text, font=face)) / 2 if align == "c" else 24
            draw.text((x, y), text, font=face, fill=0)
        y += step
    image = image.rotate(rng.uniform(-1.5, 1.5), expand=True, fillcolor=255, resample=Image.BICUBIC)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    return image, {"supplier": name, "date": day.isoformat(), "total": total}


def build(out, count, first=0):
    os.makedirs(os.path.join(out, "files"), exist_ok=True)
    labels = []
    for seed in range(first, first + count):
        image, fields = draw_receipt(random.Random(seed))
        name = f"files/gen{seed:04d}.jpg"
        image.convert("RGB").save(os.path.join(out, name), quality=85)
        labels.append({"file": name, "doc_type": "expense", "fields": fields})
    with open(os.path.join(out, "labels.jsonl"), "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(label) + "\n" for label in labels)
    return len(labels)


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    count = int(argv[1]) if len(argv) > 1 else 120
    first = int(argv[2]) if len(argv) > 2 else 0
    print(f"{build(argv[0], count, first)} receipts written to {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
