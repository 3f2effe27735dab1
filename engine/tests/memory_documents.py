"""Receipts of two shops, drawn on the fly, for the memory's tests (engine, tools and Odoo)."""
from .documents import draw_lines, draw_row, drawn_pdf

SHOP = "Sanyu Stationery Shop (Setia Alam)"  # as validated; the letterhead prints SANYUSTATIONERYSHOP


def shop_receipt(gross, discount, date, number, shop="SANYUSTATIONERYSHOP", phone="+603-3362 4137",
                 gst="001531760640", street="NO. 31G&33G, JALAN SETIA INDAH X"):
    """A receipt whose payable amount is the one after a discount, below a larger 'Total Sales'."""
    due = round(gross - discount, 2)

    def draw(page):
        page.setFont("VeraBd", 14)
        page.drawString(40, 800, shop)
        page.setFont("Vera", 10)
        draw_lines(page, 780, [street, "U13/X 40170 SETIA ALAM", f"Tel: {phone}", f"GST ID No: {gst}"])
        draw_row(page, 690, [(40, f"Invoice No: {number}"), (300, f"Date: {date}")])
        draw_row(page, 660, [(40, "ARTLINE PEN 0.5"), (400, f"{gross:.2f}")])
        draw_row(page, 630, [(40, "Total Sales (Inclusive GST)"), (400, f"{gross:.2f}")])
        draw_row(page, 615, [(40, "Member Discount"), (400, f"{discount:.2f}")])
        draw_row(page, 600, [(40, "Nett Amt Payable"), (400, f"{due:.2f}")])
        draw_row(page, 585, [(40, "Cash"), (400, "100.00")])
        draw_row(page, 570, [(40, "Change"), (400, f"{100 - due:.2f}")])
        draw_lines(page, 540, ["Thank you for shopping with us"])
    return drawn_pdf(draw), due


def other_shop_receipt(total, date):
    def draw(page):
        page.setFont("VeraBd", 14)
        page.drawString(40, 800, "GREEN LEAF CAFE")
        page.setFont("Vera", 10)
        draw_lines(page, 780, ["88 JALAN BUKIT BINTANG", "55100 KUALA LUMPUR", "Tel: +603-2148 0099",
                               "GST ID No: 000987654321"])
        draw_row(page, 690, [(40, f"Date: {date}")])
        draw_row(page, 660, [(40, "LATTE"), (400, f"{total:.2f}")])
        draw_row(page, 630, [(40, "TOTAL"), (400, f"{total:.2f}")])
    return drawn_pdf(draw)


FIRST = shop_receipt(15.0, 2.5, "19/03/2018", "CS00012")
SECOND = shop_receipt(40.0, 4.0, "02/04/2018", "CS00107")
THIRD = shop_receipt(22.0, 2.0, "11/04/2018", "CS00131")
