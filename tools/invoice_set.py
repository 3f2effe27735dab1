"""Random vendor bills in eight languages and varied layouts, with their truth, as a labels.jsonl folder.

A generalisation check for the engine beside the real dev sets: labels over values or beside them, client
blocks beside the invoice number, one to three VAT rates, US month-first dates, letter and A4 paper.

    python tools/invoice_set.py INVOICES 150 [first seed]
    python -m tools.bench INVOICES [--render]
"""

import datetime
import io
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from engine.tests import documents  # noqa: F401  (registers the Vera fonts)
from engine.tests.documents import money

V = {
    "en": dict(
        inv=["INVOICE", "Invoice", "TAX INVOICE", "Bill"],
        num=["Invoice No:", "Invoice #", "Invoice Number:", "Inv. No."],
        date=["Invoice Date:", "Date:", "Date of issue:", "Issue date:"],
        due=["Due Date:", "Payment due:", "Due by:", "Please pay by:"],
        qty=["Qty", "Quantity", "Units"],
        desc=["Description", "Item", "Product / Service"],
        price=["Unit Price", "Rate", "Price"],
        amt=["Amount", "Line Total", "Total"],
        sub=["Subtotal", "Sub-total", "Net amount", "Total excl. VAT"],
        tax=["VAT {r}%", "Tax ({r}%)", "VAT @ {r}%", "Sales Tax {r}%"],
        total=["Total Due", "TOTAL", "Amount Due", "Balance Due", "Total (incl. VAT)", "Grand Total"],
        vat=["VAT No:", "VAT Reg. No.", "VAT number:"],
        billto=["Bill To:", "Invoice to:", "Customer:", "Billed To"],
        iban=["IBAN:", "IBAN"],
        dec=".",
        thou=[",", ""],
        datef=["{d:02d}/{m:02d}/{y}", "{d} {Mon} {y}", "{d} {Month} {y}", "{y}-{m:02d}-{d:02d}"],
        cur=["£", "EUR ", "€", "GBP "],
        country="GB",
    ),
    "us": dict(
        inv=["INVOICE", "Invoice"],
        num=["Invoice #", "Invoice No.", "Invoice Number:"],
        date=["Date:", "Invoice Date:", "Date Issued:"],
        due=["Due Date:", "Payment Due:", "Due:"],
        qty=["Qty", "Quantity", "Hours"],
        desc=["Description", "Item", "Service"],
        price=["Rate", "Unit Price", "Price"],
        amt=["Amount", "Total", "Line Total"],
        sub=["Subtotal", "Sub Total"],
        tax=["Sales Tax ({r}%)", "Tax {r}%", "Sales Tax"],
        total=["Total", "Amount Due", "Balance Due", "Total Due", "TOTAL USD"],
        vat=["EIN:", "Tax ID:"],
        billto=["Bill To:", "Billed To", "Customer:", "Sold To:"],
        iban=["Account #:"],
        dec=".",
        thou=[",", ""],
        datef=["{m:02d}/{d:02d}/{y}", "{Month} {d}, {y}", "{Mon} {d}, {y}", "{m}/{d}/{y}"],
        cur=["$", "$ ", "USD "],
        country="US",
    ),
    "fr": dict(
        inv=["FACTURE", "Facture"],
        num=["Facture N°", "N° de facture :", "Numéro de facture :", "Facture n°"],
        date=["Date de facture :", "Date :", "Date d'émission :", "Le"],
        due=["Date d'échéance :", "Échéance :", "À payer avant le :"],
        qty=["Qté", "Quantité"],
        desc=["Désignation", "Description", "Libellé"],
        price=["Prix unitaire", "P.U. HT", "Prix HT"],
        amt=["Montant HT", "Total HT", "Montant"],
        sub=["Total HT", "Montant HT", "Sous-total"],
        tax=["TVA {r} %", "TVA ({r}%)", "Montant TVA {r}%"],
        total=["Total TTC", "Net à payer", "Montant TTC", "Total à payer"],
        vat=["N° TVA :", "TVA intracommunautaire :", "N° TVA intracom. :"],
        billto=["Facturé à :", "Client :", "Adresse de facturation"],
        iban=["IBAN :", "IBAN"],
        dec=",",
        thou=[" ", ".", " "],
        datef=["{d:02d}/{m:02d}/{y}", "{d} {mois} {y}", "{d:02d}.{m:02d}.{y}"],
        cur=["€", " EUR", "€ "],
        country="FR",
    ),
    "de": dict(
        inv=["RECHNUNG", "Rechnung"],
        num=["Rechnungsnummer:", "Rechnung Nr.", "Rechnungs-Nr.:", "Beleg-Nr.:"],
        date=["Rechnungsdatum:", "Datum:", "Belegdatum:"],
        due=["Fällig am:", "Zahlbar bis:", "Fälligkeitsdatum:", "Zahlungsziel:"],
        qty=["Menge", "Anzahl", "Stk."],
        desc=["Bezeichnung", "Beschreibung", "Artikel", "Leistung"],
        price=["Einzelpreis", "E-Preis", "Preis"],
        amt=["Betrag", "Gesamtpreis", "Gesamt"],
        sub=["Nettobetrag", "Summe netto", "Zwischensumme", "Gesamt netto"],
        tax=["MwSt. {r}%", "zzgl. {r}% USt.", "USt. {r} %", "Umsatzsteuer {r}%"],
        total=["Gesamtbetrag", "Rechnungsbetrag", "Endbetrag", "Bruttobetrag", "Zu zahlen"],
        vat=["USt-IdNr.:", "USt-ID:", "Umsatzsteuer-ID:"],
        billto=["Rechnungsempfänger:", "Kunde:", "An:"],
        iban=["IBAN:", "IBAN"],
        dec=",",
        thou=[".", ""],
        datef=["{d:02d}.{m:02d}.{y}", "{d}. {monat} {y}"],
        cur=["€", " EUR", "EUR "],
        country="DE",
    ),
    "nl": dict(
        inv=["FACTUUR", "Factuur"],
        num=["Factuurnummer:", "Factuur nr.", "Factuurnr.:"],
        date=["Factuurdatum:", "Datum:"],
        due=["Vervaldatum:", "Te betalen voor:", "Uiterste betaaldatum:"],
        qty=["Aantal"],
        desc=["Omschrijving", "Product"],
        price=["Prijs", "Stukprijs", "Eenheidsprijs"],
        amt=["Bedrag", "Totaal"],
        sub=["Subtotaal", "Totaal excl. BTW"],
        tax=["BTW {r}%", "{r}% BTW"],
        total=["Totaal te betalen", "Totaal incl. BTW", "Te betalen"],
        vat=["BTW-nr:", "BTW nummer:", "Btw-nr.:"],
        billto=["Klant:", "Factuuradres:"],
        iban=["IBAN:", "IBAN"],
        dec=",",
        thou=[".", ""],
        datef=["{d:02d}-{m:02d}-{y}", "{d} {maand} {y}"],
        cur=["€", "€ ", "EUR "],
        country="NL",
    ),
    "es": dict(
        inv=["FACTURA", "Factura"],
        num=["Número de factura:", "Factura nº", "Nº factura:"],
        date=["Fecha de factura:", "Fecha:", "Fecha de emisión:"],
        due=["Fecha de vencimiento:", "Vencimiento:"],
        qty=["Cantidad", "Cant."],
        desc=["Descripción", "Concepto"],
        price=["Precio unitario", "Precio"],
        amt=["Importe", "Total"],
        sub=["Base imponible", "Subtotal"],
        tax=["IVA {r}%", "IVA ({r}%)"],
        total=["Total a pagar", "Importe total", "Total factura", "TOTAL"],
        vat=["CIF:", "NIF:", "CIF/NIF:"],
        billto=["Cliente:", "Facturar a:"],
        iban=["IBAN:", "IBAN"],
        dec=",",
        thou=[".", ""],
        datef=["{d:02d}/{m:02d}/{y}", "{d} de {mes} de {y}"],
        cur=["€", " €", " EUR"],
        country="ES",
    ),
    "it": dict(
        inv=["FATTURA", "Fattura"],
        num=["Numero fattura:", "Fattura n.", "Fattura N°"],
        date=["Data fattura:", "Data:", "Data documento:"],
        due=["Data di scadenza:", "Scadenza:"],
        qty=["Quantità", "Q.tà"],
        desc=["Descrizione"],
        price=["Prezzo unitario", "Prezzo"],
        amt=["Importo", "Totale"],
        sub=["Imponibile", "Totale imponibile"],
        tax=["IVA {r}%", "IVA ({r}%)"],
        total=["Totale da pagare", "Totale fattura", "Totale documento", "TOTALE"],
        vat=["Partita IVA:", "P.IVA:", "P. IVA"],
        billto=["Cliente:", "Destinatario:", "Spett.le"],
        iban=["IBAN:", "IBAN"],
        dec=",",
        thou=[".", ""],
        datef=["{d:02d}/{m:02d}/{y}", "{d} {mese} {y}"],
        cur=["€", "€ ", " EUR"],
        country="IT",
    ),
    "pt": dict(
        inv=["FATURA", "Fatura"],
        num=["Fatura n.º", "Fatura nº", "Número da fatura:"],
        date=["Data da fatura:", "Data:", "Data de emissão:"],
        due=["Data de vencimento:", "Vencimento:"],
        qty=["Quantidade", "Qtd."],
        desc=["Descrição", "Artigo"],
        price=["Preço unitário", "Preço"],
        amt=["Valor", "Total"],
        sub=["Total sem IVA", "Valor líquido", "Subtotal"],
        tax=["IVA {r}%", "IVA ({r}%)"],
        total=["Total a pagar", "Valor total", "TOTAL"],
        vat=["NIF:", "Contribuinte:", "NIPC:"],
        billto=["Cliente:", "Exmo(s). Sr(s)."],
        iban=["IBAN:", "IBAN"],
        dec=",",
        thou=[" ", ".", ""],
        datef=["{d:02d}-{m:02d}-{y}", "{d:02d}/{m:02d}/{y}", "{y}-{m:02d}-{d:02d}"],
        cur=["€", " €", " EUR"],
        country="PT",
    ),
}
MONTHS = {
    "Mon": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
    "Month": "January February March April May June July August September October November December".split(),
    "mois": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "monat": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "maand": "januari februari maart april mei juni juli augustus september oktober november december".split(),
    "mes": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "mese": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split(),
}
RATES = {
    "us": [8.25, 7, 6.5],
    "en": [20],
    "fr": [20, 10, 5.5],
    "de": [19, 7],
    "nl": [21, 9],
    "es": [21, 10],
    "it": [22, 10],
    "pt": [23, 13, 6],
}
VATS = {
    "US": ["12-3456789", "98-7654321"],
    "GB": ["GB123456789", "GB980780684"],
    "FR": ["FR40303265045", "FR83404833048"],
    "DE": ["DE136695976", "DE811907980"],
    "NL": ["NL004495445B01", "NL812613764B01"],
    "ES": ["ESA28015865", "ESB58378431"],
    "IT": ["IT00743110157", "IT01114601006"],
    "PT": ["PT501964843", "PT502011475"],
}
IBANS = {
    "US": "",
    "GB": "GB33 BUKB 2020 1555 5555 55",
    "FR": "FR76 3000 6000 0112 3456 7890 189",
    "DE": "DE89 3704 0044 0532 0130 00",
    "NL": "NL91 ABNA 0417 1643 00",
    "ES": "ES91 2100 0418 4502 0005 1332",
    "IT": "IT60 X054 2811 1010 0000 0123 456",
    "PT": "PT50 0002 0123 1234 5678 9015 4",
}
COMPANIES = [
    "Acme Industrial Supplies",
    "Bergmann & Söhne",
    "Atelier Lumière",
    "Van Dijk Logistiek",
    "Suministros Ibéricos",
    "Tipografia Rossi",
    "Gráfica Lusitana",
    "Northwind Traders",
    "Blue Harbor Consulting",
    "Schmidt Elektrotechnik",
]
FORMS = {
    "us": ["Inc.", "LLC", "Corp."],
    "en": ["Ltd", "Limited", "plc"],
    "fr": ["SARL", "SAS", "SA"],
    "de": ["GmbH", "AG", "GmbH & Co. KG"],
    "nl": ["B.V.", "BV"],
    "es": ["S.L.", "S.A."],
    "it": ["S.r.l.", "S.p.A."],
    "pt": ["Lda", "S.A."],
}
ITEMS = [
    "Consulting services",
    "Office chairs",
    "Printer toner",
    "Maintenance contract",
    "Software licence",
    "Delivery",
    "Training day",
    "Cable set",
    "Website hosting",
    "Spare parts kit",
    "Design work",
    "Paper A4 (box)",
]


def fmt_date(v, d, rnd):
    f = rnd.choice(v["datef"])
    return f.format(d=d.day, m=d.month, y=d.year, **{k: MONTHS[k][d.month - 1] for k in MONTHS})


def make(seed):
    rnd = random.Random(seed)
    lang = rnd.choice(list(V))
    v = V[lang]
    thou = rnd.choice(v["thou"])
    dec = v["dec"]
    cur = rnd.choice(v["cur"])

    def m(x):
        s = money(x, dec, thou)
        return (cur + s) if not cur.startswith(" ") and rnd.random() < 0.0 else s

    def mc(x):  # money with currency
        s = money(x, dec, thou)
        return s + cur if cur.startswith(" ") else cur + s

    supplier = rnd.choice(COMPANIES) + " " + rnd.choice(FORMS[lang])
    client = rnd.choice([c for c in COMPANIES if c not in supplier]) + " " + rnd.choice(FORMS[lang])
    country = v["country"]
    svat, cvat = VATS[country]
    if rnd.random() < 0.5:
        svat, cvat = cvat, svat
    number = rnd.choice(["INV-{:04d}", "{:06d}", "2024-{:03d}", "F{:05d}", "R-{:04d}/24"]).format(rnd.randint(1, 999))
    date = datetime.date(2024, rnd.randint(1, 12), rnd.randint(1, 28))
    due = date + datetime.timedelta(days=rnd.choice([14, 30, 45]))
    n = rnd.randint(1, 7)
    rates = RATES[lang]
    multi = len(rates) > 1 and rnd.random() < 0.3
    lines = []
    for _ in range(n):
        q = rnd.choice([1, 1, 2, 3, 5, 10, 12, 0.5, 2.5])
        p = round(rnd.uniform(2, 900), 2)
        r = rnd.choice(rates) if multi else rates[0]
        lines.append((rnd.choice(ITEMS), q, p, r))
    subtotal = round(sum(round(q * p, 2) for _, q, p, _ in lines), 2)
    taxes = {}
    for _, q, p, r in lines:
        taxes[r] = taxes.get(r, 0) + round(q * p, 2)
    taxes = {r: round(b * r / 100, 2) for r, b in taxes.items()}
    tax = round(sum(taxes.values()), 2)
    total = round(subtotal + tax, 2)
    pagesize = letter if lang in ("en", "us") and (lang == "us" or rnd.random() < 0.5) else A4
    W, H = pagesize
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=pagesize)
    font = "Vera"
    bold = "VeraBd"
    left_header = rnd.random() < 0.6
    # supplier block
    x = 40 if left_header else W - 250
    c.setFont(bold, rnd.choice([14, 16, 18]))
    c.drawString(x, H - 50, supplier)
    c.setFont(font, 9)
    addr = [
        rnd.choice(
            [
                "12 Harbour Road",
                "Hauptstraße 5",
                "8 rue de la Paix",
                "Calle Mayor 3",
                "Via Roma 10",
                "Rua Augusta 20",
                "Keizersgracht 100",
            ]
        ),
        rnd.choice(
            [
                "10115 Berlin",
                "75002 Paris",
                "1015 AB Amsterdam",
                "28013 Madrid",
                "20121 Milano",
                "1100-053 Lisboa",
                "Bristol BS1 4QA",
            ]
        ),
    ]
    y = H - 66
    for a in addr:
        c.drawString(x, y, a)
        y -= 11
    if rnd.random() < 0.5:
        c.drawString(x, y, rnd.choice(["Tel. +49 30 1234567", "Tél. 01 23 45 67 89", "Phone: +44 117 496 0000"]))
        y -= 11
    vat_in_header = rnd.random() < 0.6
    if vat_in_header:
        c.drawString(x, y, rnd.choice(v["vat"]) + " " + svat)
        y -= 11
    # title + meta
    tx = W - 250 if left_header else 40
    c.setFont(bold, 20)
    c.drawString(tx, H - 130, rnd.choice(v["inv"]))
    c.setFont(font, 10)
    meta = [(rnd.choice(v["num"]), number), (rnd.choice(v["date"]), fmt_date(v, date, rnd))]
    has_due = rnd.random() < 0.7
    if has_due:
        meta.append((rnd.choice(v["due"]), fmt_date(v, due, rnd)))
    style = rnd.choice(["inline", "columns", "above"])
    y = H - 150
    if style == "above":
        widths = [
            max(c.stringWidth(lab.rstrip(":").rstrip(), bold, 8), c.stringWidth(val, font, 10)) + 14
            for lab, val in meta
        ]
        xx = min(tx, W - 40 - sum(widths))  # the row of columns stays on the page
        for (lab, val), width in zip(meta, widths):
            lab = lab.rstrip(":").rstrip()
            c.setFont(bold, 8)
            c.drawString(xx, y, lab)
            c.setFont(font, 10)
            c.drawString(xx, y - 12, val)
            xx += width  # columns do not overlap
        y -= 30
    else:
        for lab, val in meta:
            if style == "inline":
                c.drawString(tx, y, lab + " " + val)
            else:
                c.drawString(tx, y, lab)
                c.drawString(tx + 110, y, val)
            y -= 13
    # client
    cx = 40 if left_header else W - 250
    cy = H - 150 if style != "above" else H - 190  # under a row of labels over values, not across it
    c.setFont(bold, 9)
    c.drawString(cx, cy, rnd.choice(v["billto"]))
    c.setFont(font, 10)
    c.drawString(cx, cy - 13, client)
    c.drawString(cx, cy - 26, rnd.choice(["5 Market Street", "Lindenweg 3", "Avenida Sol 7", "Kerkstraat 9"]))
    c.drawString(cx, cy - 39, rnd.choice(["Leeds LS1 6DT", "80331 München", "69002 Lyon", "3011 AB Rotterdam"]))
    if rnd.random() < 0.4:
        c.drawString(cx, cy - 52, rnd.choice(v["vat"]) + " " + cvat)
    # table
    ty = H - 300
    cols = [40, 300, 370, 460]
    c.setFont(bold, 9)
    c.drawString(cols[0], ty, rnd.choice(v["desc"]))
    c.drawRightString(cols[1] + 30, ty, rnd.choice(v["qty"]))
    c.drawRightString(cols[2] + 60, ty, rnd.choice(v["price"]))
    c.drawRightString(W - 40, ty, rnd.choice(v["amt"]))
    show_rate = multi or rnd.random() < 0.3
    if show_rate:
        c.drawRightString(cols[2] + 100, ty, "%")
    c.line(40, ty - 4, W - 40, ty - 4)
    c.setFont(font, 9)
    y = ty - 18
    for d, q, p, r in lines:
        c.drawString(cols[0], y, d)
        qs = money(q, dec, thou) if q != int(q) else str(int(q))
        c.drawRightString(cols[1] + 30, y, qs)
        c.drawRightString(cols[2] + 60, y, m(p))
        if show_rate:
            c.drawRightString(cols[2] + 100, y, f"{r:g}%".replace(".", dec))
        c.drawRightString(W - 40, y, m(round(q * p, 2)))
        y -= 14
    # totals
    y -= 10
    lx = W - 250
    c.drawString(lx, y, rnd.choice(v["sub"]))
    c.drawRightString(W - 40, y, mc(subtotal))
    y -= 14
    for r, t in sorted(taxes.items()):
        c.drawString(lx, y, rnd.choice(v["tax"]).format(r=f"{r:g}".replace(".", dec)))
        c.drawRightString(W - 40, y, mc(t))
        y -= 14
    c.setFont(bold, 10)
    c.drawString(lx, y, rnd.choice(v["total"]))
    c.drawRightString(W - 40, y, mc(total))
    y -= 30
    # footer
    c.setFont(font, 8)
    iban = IBANS[country]
    fy = 60
    foot = [supplier] + (
        [rnd.choice(v["iban"]) + " " + iban + "  BIC " + rnd.choice(["COBADEFFXXX", "BNPAFRPP", "ABNANL2A"])]
        if iban
        else []
    )
    if not vat_in_header:
        foot.append(rnd.choice(v["vat"]) + " " + svat)
    for t in foot:
        c.drawString(40, fy, t)
        fy -= 10
    c.showPage()
    c.save()
    truth = {
        "supplier": supplier,
        "client": client,
        "invoice_id": number,
        "date": date.isoformat(),
        "due_date": due.isoformat() if has_due else None,
        "total": total,
        "subtotal": subtotal,
        "total_tax_amount": tax,
        "VAT_Number": svat.replace("-", ""),
        "iban": iban.replace(" ", "") or None,
        "invoice_lines": [
            {"quantity": float(q), "unit_price": p, "subtotal": round(q * p, 2), "description": d}
            for d, q, p, r in lines
        ],
    }
    return buf.getvalue(), truth, lang


if __name__ == "__main__":
    out = sys.argv[1]
    count = int(sys.argv[2])
    start = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    os.makedirs(out + "/files", exist_ok=True)
    with open(out + "/labels.jsonl", "w") as fh:
        for s in range(start, start + count):
            data, truth, lang = make(s)
            name = f"files/gen{s:04d}.pdf"
            open(os.path.join(out, name), "wb").write(data)
            fields = {k: v for k, v in truth.items() if v is not None}
            fh.write(json.dumps({"file": name, "doc_type": "invoice", "fields": fields, "lang": lang}) + "\n")
