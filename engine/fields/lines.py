"""Invoice lines: a table under a header of column keywords, rows checked by quantity × unit price = subtotal."""
import re

from ..conventions.keywords import label_weight
from ..conventions.text import collapse, fold
from .candidates import Candidate, feature_result

COLUMNS = {
    "quantity": r"menge|anzahl|qty|quantity|quantite|qte|aantal|hoeveelheid|cantidad|cant|quantita|qta|quantidade|qtd|"
                r"pcs|stuck|nb|q\.ta|q\.te|q\.ty|qty\.|units|hours|hrs|stunden|heures|uren|horas|ore",
    "unit_price": r"einzelpreis|nettopreis|preis|stuckpreis|e-preis|ep|unit price|price|rate|prix unitaire|prix u|"
                  r"prix|p\.u\.|pu ht|prijs|eenheidsprijs|precio|precio unitario|prezzo|prezzo unitario|preco|"
                  r"preco unitario|unit cost|vk-preis|vk preis",
    "subtotal": r"nettobetrag|(?:zeilen|positions|brutto|gesamt)betrag|gesamtpreis|betrag|gesamt|nettowert|summe|"
                r"entgelt|amount|line total|total|montant|montant ht|total ht|bedrag|totaal|importe|importo|valor|"
                r"subtotal|net",
    "description": r"beschreibung|bezeichnung|(?:artikel|produkt|leistungs|positions)(?:beschreibung|bezeichnung)|"
                   r"artikel|leistung|description|designation|libelle|omschrijving|descripcion|concepto|descrizione|"
                   r"descricao|item|items|product|produkt|service",
    "taxes": r"mwst|ust|steuersatz|tva|vat|btw|iva|tax|gst|taux",
}
_COLUMN_RE = {name: re.compile(r"(?<![a-z])(?:" + words + r")(?![a-z])") for name, words in COLUMNS.items()}
# column words of the tables that follow the items: tax breakdown, allowances and charges
_SUMMARY_COLUMN = re.compile(r"warenwert|basisbetrag|grundbetrag|steuerbetrag|steuersatz|kategorie|abschlag|zuschlag|"
                             r"basis|base|taxable|tax amount|vat amount|mwst|ust|montant tva|taux|grund")
_ALLOWANCE = re.compile(r"(?<![a-z])(rabatt|nachlass|abzgl|abzuglich|discount|rebate|remise|ristourne|sconto|"
                        r"descuento|korting)(?![a-z])")
_CURRENCY = re.compile(r"^(eur|usd|gbp|chf|euro|euros|dollars?)$", re.I)
_GLUED_UNIT = re.compile(r"^(\d{1,4}(?:[.,]\d{1,3})?)([^\W\d_]{1,6}[23²³]?\.?)$")
_UNIT_RE = re.compile(r"^(stk\.?|st\.?|pcs|pc|pce|piece|pieces|unit|units|ea|h|hrs?|std\.?|stunden?|kg|g|l|m|m2|m²|"
                      r"m3|km|tag|tage|day|days|jour|jours|pauschale|psch|pkt|set|box|karton|x)$", re.I)


def _header_columns(lt):
    """[(column name, x0, x1)] when ``lt`` reads like a table header, else None."""
    columns = []
    for seg in lt.line.segments:
        by_word = [(name, word.x0, word.x1) for word in seg.words for name in [_column_name(word.text)] if name]
        if len({name for name, _x0, _x1 in by_word}) >= 2:
            columns.extend(by_word)  # header cells OCR read as one: "Menge Steuersatz Nettobetrag"
            continue
        name = _column_name(seg.text)
        if name:
            columns.append((name, seg.x0, seg.x1))
    names = {c[0] for c in columns}
    numeric = names & {"quantity", "unit_price", "subtotal"}
    if len(numeric) >= 2 or (numeric and "description" in names):
        return columns
    return None


def _column_name(text):
    folded = fold(text)
    return next((name for name in ("quantity", "unit_price", "subtotal", "description", "taxes")
                 if _COLUMN_RE[name].search(folded)), None)


def _header_words_around(lts, index, columns):
    """Columns whose header words stand on the lines just above or below the header line, where no
    column of numbers is ("Positions" / "betrag" over or under "Pos | Beschreibung | Nettopreis | Menge | USt.")."""
    numeric = [c for c in columns if c[0] in ("quantity", "unit_price", "subtotal")]
    found = []
    for step, count in ((-1, 2), (1, 3)):
        previous = lts[index].line
        for position in range(index + step, index + step * (count + 1), step):
            if not 0 <= position < len(lts):
                break
            line = lts[position].line
            gap = previous.y0 - line.y1 if step < 0 else line.y0 - previous.y1
            if line.page != previous.page or gap > 2 * previous.height or lts[position].amounts():
                break
            for seg in line.segments:
                name = _column_name(seg.text)
                if name in ("quantity", "unit_price", "subtotal") and all(
                        seg.x1 < x0 or seg.x0 > x1 for _name, x0, x1 in numeric + found):
                    found.append((name, seg.x0, seg.x1))
            previous = line
    return found


def _is_other_header(lt):
    """The header of another table (tax breakdown, allowances): column words, no numbers, not an item header."""
    if len(lt.line.segments) < 3 or any(decimals for *_rest, decimals in lt.amounts()):
        return False  # whole numbers may be misread signs: "Art | 8 | Basisbetrag" for "Art | % | Basisbetrag"
    named = sum(1 for seg in lt.line.segments if _SUMMARY_COLUMN.search(fold(seg.text)) or _column_name(seg.text))
    return named >= 2


def _is_stop(lt):
    folded = lt.folded
    return (label_weight(folded, "total", folded=True) >= 1.0 or label_weight(folded, "subtotal", folded=True) >= 1.0
            or re.search(r"^(summe|ubertrag|zwischensumme|gesamt|total|subtotal|sous-total|totaal|belegsummen|"
                         r"umsatzsteuer|steuerbetrag)", folded.strip()))


def _numbers(lt, decimal_hint):
    """Numbers of a row with their x centre, leaving out rates, codes and long identifiers."""
    result = []
    for value, start, end, decimals in lt.amounts(decimal_hint):
        words = lt.words_in(start, end)
        if not words:
            continue
        raw = lt.text[start:end]
        if not decimals and (len(raw.replace(".", "").replace(",", "")) > 6 or abs(value) > 1e6):
            continue  # article numbers, GTINs, postcodes
        after = lt.text[end:end + 2]
        if "%" in after or after[:1] == ".":
            continue  # a rate, or a date such as "19.12."
        x = (min(w.x0 for w in words) + max(w.x1 for w in words)) / 2
        labelled = after[:1] == ":" or lt.text[:start].rstrip().endswith(":")
        result.append({"value": value, "x0": min(w.x0 for w in words), "x1": max(w.x1 for w in words), "x": x,
                       "decimals": decimals, "words": words, "start": start, "end": end, "labelled": labelled,
                       "line": lt})
    for word, (start, _end) in zip(lt.words, lt.offsets):
        # a quantity read together with its unit: "3m2", "10Stk", "2,5kg" (OCR drops the space)
        glued = _GLUED_UNIT.match(word.text)
        if glued and _UNIT_RE.match(glued.group(2)):
            number = glued.group(1)
            value = float(number.replace(",", "."))
            result.append({"value": value, "x0": word.x0, "x1": word.x1, "x": word.cx,
                           "decimals": "," in number or "." in number, "words": [word], "start": start,
                           "end": start + len(number), "labelled": False, "line": lt})
    return result


def _match_triple(nums, assigned=None, factor=1.0):
    """(quantity, unit price, subtotal) among a row's numbers with quantity × price × ``factor`` = subtotal
    (``factor`` is what a discount leaves: 0.9 for 10 %). A credited row ("10 | 19,80 | -198,00") comes back
    with the quantity negative, so that the lines add up to the printed amounts.

    ``assigned`` (numbers under the header's columns) settles ties such as "Pos 3 | 0,0000 | 10 Stk | 0,00".
    """
    assigned = assigned or {}
    decimals = [n for n in nums if n["decimals"]]
    if not decimals:
        return None
    subtotal = max(decimals, key=lambda n: n["x1"])
    others = [n for n in nums if n is not subtotal and n["x1"] <= subtotal["x1"]]
    tolerance = max(0.011, 0.005 * abs(subtotal["value"]))
    best = None
    for q in others:
        for p in others:
            if p is q or q["value"] == 0:
                continue  # nothing is sold in a quantity of zero: "steuerfrei | 2.000,00 | 0 | 0,00" is a tax row
            product = q["value"] * p["value"] * factor
            # a credit note prints its amounts negative and its quantities and prices as sold
            credited = subtotal["value"] < 0 < product and abs(product + subtotal["value"]) <= tolerance
            if credited or abs(product - subtotal["value"]) <= tolerance:
                # prefer the header's columns, then a decimal price and a quantity left of it or with few decimals
                columns = (assigned.get("quantity") is q) + (assigned.get("unit_price") is p)
                if subtotal["value"] == 0 and not columns:
                    continue  # anything times zero is zero: only the columns can tell a free item from a tax row
                rank = (columns, p["decimals"], abs(q["value"]) < 10000, q["x"] < p["x"] or not q["decimals"])
                if best is None or rank > best[0]:
                    best = (rank, dict(q, value=-q["value"]) if credited else q, p)
    if best:
        return best[1], best[2], subtotal
    return None


def _assign_by_columns(nums, columns):
    """{column name: the row's number under it}: each number goes to its nearest column, each column keeps its
    nearest number."""
    assigned, distances = {}, {}
    for num in nums:
        best, best_dist = None, None
        for name, x0, x1 in columns:
            if name not in ("quantity", "unit_price", "subtotal"):
                continue
            overlap = min(num["x1"], x1 + 0.01) - max(num["x0"], x0 - 0.01)
            dist = 0 if overlap > 0 else min(abs(num["x1"] - x1), abs(num["x0"] - x0))
            if best_dist is None or dist < best_dist:
                best, best_dist = name, dist
        if best and best_dist < 0.06 and (best not in assigned or best_dist < distances[best]):
            assigned[best], distances[best] = num, best_dist
    return assigned


def extract_lines(lts, decimal_hint=None):
    """The invoice_lines feature: a list of per-line feature results."""
    rows = []
    columns = None
    current = None
    in_table = False
    merged = set()
    for index, lt in enumerate(lts):
        if index in merged:
            continue
        header = _header_columns(lt)
        if header:
            columns, in_table, current = header + _header_words_around(lts, index, header), True, None
            continue
        if in_table and ((_is_stop(lt) and lt.amounts(decimal_hint)) or _is_other_header(lt)):
            in_table, current = False, None
            continue
        nums = _numbers(lt, decimal_hint)
        if not in_table:
            triple = _match_triple(nums) if len(nums) >= 3 else None  # a row of a table with no header found
            reading = (triple, None) if triple else None
        elif _labelled_only(nums):
            continue
        else:
            nums, assigned, triple = _row_numbers(lt, lts, index, nums, decimal_hint, columns)
            if triple is None and current and _takes_allowance(current, lt, nums):
                continue
            reading = (triple, None) if triple else _other_reading(lt, nums, assigned)
        if reading:
            triple, discount = reading
            if any(n and n["line"] is not lt for n in triple):
                merged.add(index + 1)  # the row took numbers of the next line
            current = _new_row(lt, triple, discount)
            rows.append(current)
        elif current and in_table and not nums and _continues_description(current, lt):
            current["desc"].append(lt.words)
            current["y"] = lt.line.y1
    return [_row_result(row) for row in rows]


def _row_numbers(lt, lts, index, nums, decimal_hint, columns):
    """(the row's numbers, those under the header's columns, (quantity, unit price, subtotal) or None) for a
    line of an item table; the numbers of the next line join when it holds the rest of the row."""
    assigned = _assign_by_columns(nums, columns) if (columns and nums) else {}
    triple = _match_triple(nums, assigned) if nums else None
    continuation = _continuation(lt, lts, index, decimal_hint, columns) if (triple is None and nums) else None
    if continuation is not None:
        # the amount of the row wrapped onto the next line: "1 | Miettage | 86,5500 | 2 Tag(e)" / "173,10"
        nums = nums + continuation
        assigned = _assign_by_columns(nums, columns) if columns else {}
        triple = _match_triple(nums, assigned)
    return nums, assigned, triple


def _other_reading(lt, nums, assigned):
    """((quantity, unit price, subtotal), discount) of a row whose product does not make its amount, or None."""
    if not nums:
        return None
    # "50 Unit(s) | 4,55 € | 10% | 204,75 €": quantity × price less a discount
    discounted = _discounted_triple(nums, _percents(lt), assigned)
    if discounted:
        *triple, discount = discounted
        return tuple(triple), discount
    if _priced_by_columns(lt, assigned):
        sub = assigned["subtotal"]
        quantity = _rounded_quantity(assigned.get("quantity"), assigned.get("unit_price"), sub)
        return (quantity, assigned.get("unit_price"), sub), None
    return None


def _new_row(lt, triple, discount):
    """The bookkeeping of one item row: its numbers, the words describing it, its unit, tax rate and discount."""
    qty, price, sub = triple
    used = {id(n["words"][0]) for n in triple if n}
    unit = _unit_after(lt, qty)
    words = [w for w in lt.words if id(w) not in used and w.x1 <= sub["x0"] and w is not unit
             and not _CURRENCY_WORD_RE.fullmatch(w.text)]  # "4,50 EUR": the code is the amount's, not the item's
    description_words = [w for i, w in enumerate(words) if not _is_numberish(w.text) or _inside_text(words, i)]
    return {"qty": qty, "price": price, "sub": sub, "desc": [description_words], "unit": unit,
            "rate": _rate(lt, exclude=discount), "discount": discount, "page": lt.line.page, "y": lt.line.y1}


def _continues_description(row, lt):
    """A line of words just under an item row is more of its description."""
    return lt.line.page == row["page"] and lt.line.y0 - row["y"] < 0.05


def _takes_allowance(row, lt, nums):
    """An allowance printed under its item ("abzgl. 16,7% Rabatt | -2,00") is taken off the item's amount and
    becomes its discount; True when ``row`` took it."""
    amounts = [n for n in nums if n["decimals"]]
    if (len(amounts) != 1 or row.get("discount") or not _ALLOWANCE.search(lt.folded)
            or lt.line.page != row["page"] or lt.line.y0 - row["y"] > 0.06):
        return False
    if min(amounts[0]["x1"], row["sub"]["x1"]) <= max(amounts[0]["x0"], row["sub"]["x0"]):
        return False  # not in the amounts' column: a note ("Price is inclusive of Promotional Discount of Rs -40.00")
    gross, allowance = row["sub"]["value"], abs(amounts[0]["value"])
    if gross <= 0 or allowance >= gross:
        return False
    percents = _percents(lt)
    row["sub"] = dict(row["sub"], value=round(gross - allowance, 2), words=row["sub"]["words"] + amounts[0]["words"])
    row["discount"] = (round(100 * allowance / gross, 2), percents[0][1] if percents else amounts[0]["words"])
    row["y"] = lt.line.y1
    return True


def _priced_by_columns(lt, assigned):
    """A row whose product does not check out but whose amount sits under the amount column.

    It must describe something (words, not only numbers) and its amount must look like money ("7,0" is a rate).
    """
    sub = assigned.get("subtotal")
    if sub is None or not re.search(r"[.,]\d{2,}$", sub["line"].text[sub["start"]:sub["end"]]):
        return False
    return any(not _is_numberish(w.text) and sum(c.isalpha() for c in w.text) >= 3 and not _CURRENCY.match(w.text)
               for w in lt.words)


def _rounded_quantity(qty, price, sub):
    """The quantity the amount was computed with when the printed one is rounded ("6 km" × 2,00 = 13,00)."""
    if qty is None or price is None or not price["value"]:
        return qty
    exact = sub["value"] / price["value"]
    if abs(exact - qty["value"]) <= 0.5 and abs(exact * 1000 - round(exact * 1000)) < 1e-6:
        return dict(qty, value=round(exact, 3))
    return qty


def _continuation(lt, lts, index, decimal_hint, columns):
    """The numbers of the next line when it holds the rest of this row, else None: a line of only numbers, or
    a second line of description with the amount ("4000001234561 | 12 x 1,0l PET | 109,80") that makes no
    row by itself."""
    if index + 1 >= len(lts):
        return None
    following = lts[index + 1]
    if following.line.page != lt.line.page or following.line.y0 - lt.line.y1 > 1.5 * lt.line.height:
        return None
    nums = _numbers(following, decimal_hint)
    if all(_is_numberish(word.text) for word in following.words):
        return nums
    if _labelled_only(nums) or _match_triple(nums) is not None:
        return None
    # a row of its own has its quantity or price under their columns: "2 | Vollkasko | 117,6471 | 1 Stk | 140,00"
    assigned = _assign_by_columns(nums, columns) if columns else {}
    return None if assigned.keys() & {"quantity", "unit_price"} else nums


def _labelled_only(nums):
    """Amounts printed after their labels ("Artikelrabatt 1 | Basis: 75,00 € | Rabatt: -0,03 €"): a note on the
    item above, neither an item row nor its description."""
    amounts = [n for n in nums if n["decimals"]]
    return bool(amounts) and all(n["labelled"] for n in amounts)


_CURRENCY_WORD_RE = re.compile(r"(?:EUR|USD|GBP|CHF|RM|MYR|SGD|CAD|AUD|JPY|INR|€|\$|£)", re.I)


def _inside_text(words, index):
    """A whole number printed in the same cell as words on both sides of it is part of the description
    ("Kopierpapier A4, 500 Blatt"), unlike one a column apart ("Stahlcoil | 19 | VAT")."""
    word = words[index]
    if re.search(r"[.,]\d{2}$|%", word.text) or not 0 < index < len(words) - 1:
        return False
    before, after = words[index - 1], words[index + 1]
    gap = 1.5 * (word.y1 - word.y0)  # a space between words of one cell, not a column's gutter
    return (not _is_numberish(before.text) and not _is_numberish(after.text)
            and word.x0 - before.x1 < gap and after.x0 - word.x1 < gap)


def _is_numberish(text):
    return bool(re.fullmatch(r"[-+]?[\d.,' ]+%?|%|€|\$|£", text)) or bool(_UNIT_RE.match(text))


def _unit_after(lt, qty):
    if not qty or qty["line"] is not lt:
        return None
    for word, (start, _end) in zip(lt.words, lt.offsets):
        if start >= qty["end"]:
            # "Stk", "h", or any short word glued to the quantity's cell: "Tag(e)", "Std."
            short = re.fullmatch(r"[^\W\d_]{1,6}(?:\([^\W\d_]{1,2}\)|\.)?", word.text)
            same_cell = word.x0 - qty["x1"] < 3 * (word.y1 - word.y0)
            return word if _UNIT_RE.match(word.text) or (short and same_cell) else None
    return None


def _percents(lt):
    """[(value, words)] of the percentages printed on a row."""
    return [(float(match.group(1).replace(",", ".")), lt.words_in(match.start(), match.end()))
            for match in re.finditer(r"(\d{1,2}(?:[.,]\d{1,2})?)\s?%", lt.text)]


def _rate(lt, exclude=None):
    """The row's tax rate: its first percentage that is not its discount."""
    for value, words in _percents(lt):
        if exclude is None or value != exclude[0]:
            return value, words
    return None


def _discounted_triple(nums, percents, assigned):
    """(quantity, unit price, subtotal, (discount, words)) where quantity × price less a printed percentage is
    the amount; None otherwise."""
    for discount, words in percents:
        if 0 < discount < 100:
            triple = _match_triple(nums, assigned, factor=1 - discount / 100)
            if triple:
                return (*triple, (discount, words))
    return None


# a line of a till receipt that is no item: totals, tax, tenders, the header's reference lines
_NOT_ITEM = re.compile(r"(?<![a-z])(total|subtotal|sub total|jumlah|amount|gst|sst|vat|tax|tva|mwst|rounding|round|"
                       r"adj|cash|change|tender|paid|visa|master|card|credit|debit|balance|due|discount|saving|"
                       r"tel|fax|date|time|receipt|invoice|bill|no\.?|qty|items?\s*count)(?![a-z])")


def receipt_items(lts, total, decimal_hint=None):
    """Lines of a till receipt read as a bill: each row above the total that prints a label and one amount at
    its end ("CHOPPING BOARD 14.84") is an item, but only if the items add up to ``total`` (the subtotal or
    the total chosen, within a rounding of 0.05): a receipt's rows have no column header to find them by."""
    if total is None or not total.words:
        return []
    page = total.page
    top = min(w.y0 for w in total.words)
    rows = []
    for lt in lts:
        if lt.line.page != page or lt.line.y1 > top + 0.002:
            continue
        amounts = [a for a in lt.amounts(decimal_hint) if a[3]]  # with decimals
        if len(amounts) != 1:
            continue
        value, start, end, _decimals = amounts[0]
        label = lt.text[:start].strip(" :.-")
        if (end < len(lt.text.rstrip()) - 3 or sum(ch.isalpha() for ch in label) < 3
                or _NOT_ITEM.search(fold(label)) or value <= 0):
            continue
        rows.append((lt, value, start, end, label))
    if not rows or abs(sum(row[1] for row in rows) - total.content) > 0.05 + 1e-9:
        return []
    found = []
    for lt, value, start, end, label in rows:
        amount = Candidate(float(round(value, 2)), 0.5, lt.words_in(start, end), page)
        one = Candidate(1.0, 0.3, [], page)
        found.append({"description": feature_result([Candidate(collapse(label), 0.5, lt.words_in(0, start), page)]),
                      "quantity": feature_result([one]), "unit_price": feature_result([amount]),
                      "subtotal": feature_result([amount]), "total": feature_result([amount])})
    return found


def _row_result(row):
    """One invoice line. Features without a value are left out: clients read ``selected_value`` of every key."""
    page = row["page"]
    qty, price, sub = row["qty"], row["price"], row["sub"]
    desc_words = [w for words in row["desc"] for w in words]
    description = "\n".join(collapse(" ".join(w.text for w in words)) for words in row["desc"] if words).strip()

    def one(content, words, score=0.8):
        return feature_result([Candidate(content, score, words, page)])

    quantity = qty["value"] if qty else 1.0
    unit_price = price["value"] if price else (sub["value"] / quantity if quantity else sub["value"])
    if row.get("discount") and quantity:
        # the price after the discount, so that quantity × unit price is the amount for any client; the
        # discount tells the price before it
        unit_price = sub["value"] / quantity
    subtotal = float(round(sub["value"], 2))
    result = {
        "quantity": one(float(quantity), qty["words"] if qty else []),
        "unit_price": one(float(round(unit_price, 6)), price["words"] if price else []),
        "subtotal": one(subtotal, sub["words"]),
    }
    if description:
        result["description"] = one(description, desc_words)
    if row["unit"]:
        result["unit"] = one(row["unit"].text, [row["unit"]])
    if row.get("discount"):
        result["discount"] = one(row["discount"][0], row["discount"][1])
    total = subtotal
    if row["rate"]:
        rate, words = row["rate"]
        taxes = feature_result([Candidate(rate, 0.7, words, page)], multi=True)
        for value in taxes["selected_values"] + taxes["candidates"]:
            value["amount_type"] = "percent"
        result["taxes"] = taxes
        total = float(round(subtotal * (1 + rate / 100), 2))
    result["total"] = one(total, sub["words"], 0.5)
    return result
