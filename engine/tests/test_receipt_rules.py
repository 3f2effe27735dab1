"""Receipt rules that OCR noise makes necessary, checked on text-layer receipts and word lists."""
import pytest

from engine import extract
from engine.fields.merchant import clean_merchant, trade_word_spelling
from engine.fields.tokens import amount_tokens, line_texts
from engine.fields.totals import _rate_rows
from engine.reading.layout import Word
from engine.reading.loader import load
from engine.reading.ocr.base import words_before_is_amount_label
from engine.tests.documents import drawn_pdf


def receipt_pdf(rows):
    def draw(page):
        for index, (left, right) in enumerate(rows):
            page.drawString(10, 480 - 14 * index, left)
            if right:
                page.drawRightString(216, 480 - 14 * index, right)
    return drawn_pdf(draw, pagesize=(226, 500), font_size=9)


@pytest.mark.parametrize("raw, clean", [
    ("URBAN IDEA SDN BHD (417940-M)", "URBAN IDEA SDN BHD"),
    ("Farmasi Maluri S/B(587969-U)", "Farmasi Maluri S/B"),
    ("KING'S CONFECTIONERY S/B 273500-U (KSB)", "KING'S CONFECTIONERY S/B"),
    ("PRINT EXPERT SDN BHD 2.1", "PRINT EXPERT SDN BHD"),
    ("SAM SAM TRADING CO", "SAM SAM TRADING CO"),
    ("TRENDYMAX (M) SDN. BHD.", "TRENDYMAX (M) SDN. BHD."),
    ("Triple Six Point Enterprise 666", "Triple Six Point Enterprise 666"),  # two or three digits: the name's
    ("SAM SAM TRADING 1234", "SAM SAM TRADING"),
    ("AEON CO. (M) BHD'(126926-H)", "AEON CO. (M) BHD"),
    ("FARMERS' MARKET SDN BHD", "FARMERS' MARKET SDN BHD"),
    ("S.H.H. MOTOR ((SUNGAI RENGIT) SDN. BHD.", "S.H.H. MOTOR (SUNGAI RENGIT) SDN. BHD."),
    ("((A)) TRADING", "((A)) TRADING"),
    ("UNIHAKKA INTERNATIONAL·SDN BHD", "UNIHAKKA INTERNATIONAL SDN BHD"),
    ("COL·LEGI SANT JORDI S.L.", "COL·LEGI SANT JORDI S.L."),
])
def test_merchant_names_lose_registration_numbers_only(raw, clean):
    assert clean_merchant(raw) == clean


def test_cash_minus_change_when_the_total_line_is_unreadable():
    data = receipt_pdf([("KEDAI RUNCIT MAJU SDN BHD", None), ("DATE: 12/03/2018", None), ("MILO", "12.50"),
                        ("ROTI", "10.10"), ("TOT#L", "##.##"), ("CASH", "30.00"), ("CHANGE", "7.40")])
    result = extract(data, "expense")
    assert result["total"]["selected_value"]["content"] == pytest.approx(22.6)


def test_a_labelled_total_still_wins():
    data = receipt_pdf([("KEDAI RUNCIT MAJU SDN BHD", None), ("TOTAL", "22.60"), ("CASH", "50.00"),
                        ("CHANGE", "27.40")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(22.6)


def test_dash_read_for_a_decimal_point_only_after_an_amount_label():
    total = Word("TOTAL", 0.1, 0.5, 0.2, 0.52)
    amount = Word("22-60", 0.7, 0.5, 0.8, 0.52)
    table = Word("TABLE", 0.1, 0.6, 0.2, 0.62)
    number = Word("12-05", 0.7, 0.6, 0.8, 0.62)
    words = [total, amount, table, number]
    assert words_before_is_amount_label(words, amount)
    assert not words_before_is_amount_label(words, number)


@pytest.mark.parametrize("raw, clean", [
    ("AEON CO.(M) BHD. (126926-H)", "AEON CO. (M) BHD."),
    ("TEO HENG STATIONERY &BOOKS", "TEO HENG STATIONERY & BOOKS"),
    ("99 SPEED MART 5/B (519537-X)", "99 SPEED MART S/B"),
    ("Guardian Health And Beauty Sdh Bhd", "Guardian Health And Beauty Sdn Bhd"),
    ("AMANO MALAYSIA SON BHD", "AMANO MALAYSIA SDN BHD"),
    ("A&W RESTAURANT", "A&W RESTAURANT"),
    ("Gerbang Alaf RestaurantsSdn Bhd", "Gerbang Alaf Restaurants Sdn Bhd"),
    ("MY HAPPY PHARMACYPLT", "MY HAPPY PHARMACY PLT"),
    ("UNIHAKKA INTERNATIONAL-SDN BHD", "UNIHAKKA INTERNATIONAL SDN BHD"),
    ("Dimiliki: BANH MI CAFE SDN BHD", "BANH MI CAFE SDN BHD"),
    ("BEMED (SP} SDN. BHD.", "BEMED (SP) SDN. BHD."),
    ("MR. D.1.Y. (M) SDN BHD", "MR. D.I.Y. (M) SDN BHD"),
    ("HASHA PTD PETROKIOSK JH0032980-Y P", "HASHA PTD PETROKIOSK"),
    ("Taste Of The WorId Sdn Bhd", "Taste Of The World Sdn Bhd"),
    ("BOOK TA _K (TAMAN DAYA) SDN BHD", "BOOK TA .K (TAMAN DAYA) SDN BHD"),
    ("POSTED BEMED (SP) SDN. BHD.", "BEMED (SP) SDN. BHD."),
    ("YONG CEN ENTERPRISE POSTED", "YONG CEN ENTERPRISE"),
    ("PAID IN FULL", "PAID IN FULL"),
    ("S.H.H.MOTOR (SUNGAI RENGIT) SDN. BHD.", "S.H.H. MOTOR (SUNGAI RENGIT) SDN. BHD."),
    ("FIVE STAR CASHCARRY", "FIVE STAR CASH & CARRY"),
    ("S.H.H. MOTOR ( SUNGAI RENGIT ) SDN. BHD.", "S.H.H. MOTOR (SUNGAI RENGIT) SDN. BHD."),
    ("AIK HUAT HARDWARE ENTERPRISE (SETIA ALAM) SDN( BHD", "AIK HUAT HARDWARE ENTERPRISE (SETIA ALAM) SDN BHD"),
    ("KEDAI (M SDN BHD", "KEDAI (M SDN BHD"),
])
def test_merchant_names_get_back_the_spacing_and_legal_forms_ocr_garbled(raw, clean):
    assert clean_merchant(raw) == clean


def test_a_merchant_name_broken_after_an_ampersand():
    data = receipt_pdf([("HOME MASTER HARDWARE &", None), ("ELECTRICAL", None), ("NO.113G, JALAN SETIA", None),
                        ("TOTAL", "22.60")])
    assert extract(data, "expense")["supplier"]["selected_value"]["content"] == "HOME MASTER HARDWARE & ELECTRICAL"


def test_a_discount_is_no_tax_and_rounding_closes_the_sum():
    data = receipt_pdf([("WARAKUYA PERMAS CITY SDN BHD", None), ("SUBTOTAL", "79.60"), ("DISCOUNT", "-30.00"),
                        ("Total Amount :", "49.60"), ("Serv Charge 10%", "4.96"), ("GST @ 6%", "3.27"),
                        ("Rounding Adj :", "-0.03"), ("Total Amount:", "57.80")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(57.8)


def test_cash_and_change_are_never_the_net_amount():
    data = receipt_pdf([("99 SPEED MART S/B", None), ("CRISPI ROLL", "6.85"), ("H/COVER NOTE", "4.65"),
                        ("Total Sales (Inclusive GST)", "11.50"), ("CASH", "52.00"), ("CHANGE", "40.50")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(11.5)


def test_the_name_is_what_stands_over_the_registration_number_not_a_slogan():
    data = receipt_pdf([("*REDEEM VOUCHER BEFORE POINTS EXPIRY!*", None), ("RESTAURANT JIAWEI", None),
                        ("JIAWEI HOUSE", None), ("002693074-K", None), ("13, JLN TASIK UTAMA 8", None),
                        ("TOTAL", "22.60")])
    assert extract(data, "expense")["supplier"]["selected_value"]["content"] == "RESTAURANT JIAWEI JIAWEI HOUSE"


def test_total_misread_by_ocr_and_a_taxable_amount():
    data = receipt_pdf([("BEMED (SP) SDN. BHD.", None), ("SubTotal:", "251.00"), ("Cash Promotion", "34.00"),
                        ("Tofal Inclusive GST:", "217.00"), ("NH DELICADERMA", "76.00")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(217.0)
    data = receipt_pdf([("NYONYA COLORS SDN BHD", None), ("SUBTOTAL", "RM53.60"), ("CASH", "RM100.00"),
                        ("CHANGE", "RM46.40"), ("TAXABLE AMOUNT", "RM50.57"), ("6% GST", "RM3.03")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(53.6)


def test_an_accent_ocr_put_on_an_english_receipt_is_dropped_but_not_on_a_french_one():
    rows = [("TSH POWER HARDWÀRE TRADING", None), ("NO 1, JALAN MAJU", None), ("TOTAL", "22.60")]
    assert extract(receipt_pdf(rows), "expense")["supplier"]["selected_value"]["content"] == \
        "TSH POWER HARDWARE TRADING"
    rows = [("CAFÉ DE LA GARE", None), ("12 rue de la Paix", None), ("TOTAL TTC", "22.60")]
    result = extract(receipt_pdf(rows), "expense", {"user_lang": "fr_FR"})
    assert result["supplier"]["selected_value"]["content"] == "CAFÉ DE LA GARE"


def test_a_tax_summary_row_adding_up_to_an_item_price_is_not_the_total():
    data = receipt_pdf([("99 SPEED MART S/B", None), ("888 LYCHEES IN SYRUP", "RM10.14"),
                        ("CSR GULA 12*1KG", "RM35.20"), ("Total Sales (Inclusive GST)", "RM 45.34"),
                        ("Rounding Adjustment", "RM .01"),
                        ("Rounding", "RM 45.35"), ("CREDIT", "RM 45.35"), ("GST Summary", "Tax(RM)"),
                        ("s = 6%   9.57", ".57"), ("z = 0%   35.20", ".00")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(45.35)


def test_the_total_line_lost_its_amount_and_what_was_paid_adds_up():
    data = receipt_pdf([("TED HENG STATIONERY & BOOKS", None), ("9555067700208 10 10.57", "105.66"),
                        ("9557583450025", "17.45"), ("4974052801334 1 2.70", "2.70"), ("6924238702311 2 0.85", "1.70"),
                        ("9556655112694 1 8.40", "8.40"), ("9557369305006 2 3.96", "7.92"), ("0.85", "0.85"),
                        ("9556655112001 1 1.10", "1.10"), ("9556655112002 1 1.20", "1.20"),
                        ("9556655112003 1 1.30", "1.30"), ("9556655112004 1 1.40", "1.40"),
                        ("9556655112005 1 1.50", "1.50"), ("9556655112006 1 1.60", "1.60"),
                        ("Total Qty.: 18", "144.68"), ("SUB-TOTAL(EX)", "144.68"), ("ROUNDING", "-0.01"),
                        ("TOTAL TAX (6%)", "8.68"), ("TOTAL", None), ("CASH", "153.35"), ("CHANGE", "0.00"),
                        ("GST SUMMARY", None), ("SR 6.00 144.68", "8.68"), ("TOTAL : 144.68", "8.68")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(153.35)


def test_a_rounding_line_whose_amount_ocr_lost_still_closes_the_sum():
    data = receipt_pdf([("AEON CO. (M) BHD.", None), ("V-CHOR FRA", "16.90"), ("BL HARUMI WASHI", "72.07"),
                        ("Sub-total", "88.97"), ("Total Sales Incl GST", "88.97"), ("Rounding Adj", "-J.02"),
                        ("Total After Adj Incl GST", "88.95"), ("CASH", "100.00"), ("GST Summary Amount Tax", None),
                        ("SR @ 6%   83.93", "5.04")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(88.95)


def test_a_total_one_digit_from_cash_minus_change_is_a_misread():
    # "Final Total 753.70" is what OCR made of 758.70: the total above it, cash and change all say 758.70
    data = receipt_pdf([("YONG SOON FATT S/B", None), ("Total Inc. GST 6%:", "758.70"),
                        ("Rounding Adjustment:", "0.00"), ("Final Total", "753.70"), ("Cash :", "760.00"),
                        ("Change", "1.30")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(758.7)


def test_a_misread_cent_shows_against_the_printed_rounding():
    # 106.10 + 6.37 − 0.02 = 112.45, paid exactly with no change: the "112.46" read is a misread "5"
    data = receipt_pdf([("PERNIAGAAN ZHENG HUI", None), ("Sub Total (RM):", "106.10"), ("Total GST (RM):", "6.37"),
                        ("Rounding (RM):", "-0.02"), ("Total (RM):", "112.46"), ("CASH :", "112.45"),
                        ("Change (RM):", "0.00")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(112.45)


def test_a_cash_rounding_is_no_misread():
    # 72.93 paid with 73.00 and 0.05 back, "TTL AFT RND 72.95" printed: two cents of cash rounding, not a
    # misread "3" (no rounding amount is printed that would tell otherwise)
    data = receipt_pdf([("PAPPARICH BMC", None), ("Subtotal", "68.80"), ("6% GST", "4.13"), ("Total:", "72.93"),
                        ("TTL AFT RND", "72.95"), ("CASH", "73.00"), ("Change Due", "0.05")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(72.93)


def test_a_line_naming_the_kind_of_business_is_not_the_name_above_it():
    data = receipt_pdf([("THREE STOOGES", None), ("BISTRO & CAFE", None), ("109, SS21/1A,", None),
                        ("DAMANSARA UTAMA", None), ("TOTAL", "22.60")])
    assert extract(data, "expense")["supplier"]["selected_value"]["content"] == "THREE STOOGES"


def test_what_was_paid_is_the_total_after_the_printed_cash_rounding():
    # the tax summary makes 41.43 add up; the cash rounding printed and cash − change say 41.45 was paid
    data = receipt_pdf([("MYDIN MART", None), ("SUBTOTAL (QTY 4)", "RM41.43"), ("ROUNDING", "RM0.02"),
                        ("SUBTOTAL (QTY 4)", "RM41.45"), ("CASH", "RM51.50"), ("CHANGE CASH", "RM10.05"),
                        ("GST SUMMARY", None), ("Rate Net(RM) GST(RM)", "Total(RM)"), ("S 6.00% 39.09 2.34", "41.43")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(41.45)


def test_a_change_misread_off_the_rounding_grid_does_not_move_the_total():
    # "Change 0.010" is a misread 0.00: 248.05 − 0.01 is no rounded amount, the total stays
    data = receipt_pdf([("ASO ELECTRICAL TRADING SDN BHD", None), ("HAGER TIMER 3 x 82.68", "248.04"),
                        ("Sub Total :", "234.00"), ("Total GST :", "14.04"),
                        ("Rounding :", "0.01"), ("Total :", "248.05"), ("CASH :", "248.05"), ("Change :", "0.010"),
                        ("GST SUMMARY", None), ("SR 6 234.00", "14.04")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(248.05)


@pytest.mark.parametrize("read, meant", [
    ("AIK HUAT HARDWAKE ENTERPRISE", "AIK HUAT HARDWARE ENTERPRISE"),
    ("99 SPEED NART S/B", "99 SPEED MART S/B"),
    ("Olive9 Pharhacy Sdn Bhd", "Olive9 Pharmacy Sdn Bhd"),
    ("TEO HENG STATI0NERY", "TEO HENG STATIONERY"),
    # names, and words a trade word is more than one confusable letter away from, stay as printed
    ("SUNFISH BORONG", "SUNFISH BORONG"),
    ("NANDO'S CHICKEN", "NANDO'S CHICKEN"),
    ("KEDAI MAKAN", "KEDAI MAKAN"),
    ("CAKE HOUSE", "CAKE HOUSE"),
])
def test_a_trade_word_ocr_misread_one_letter_of(read, meant):
    assert trade_word_spelling(read) == meant


def test_a_bracket_left_open_carries_the_name_to_the_line_that_closes_it():
    data = receipt_pdf([("AIK HUAT HARDWARE", None), ("ENTERPRISE (SETIA", None), ("ALAM) SDN BHD", None),
                        ("NO. 17-G, JALAN SETIA INDAH", None), ("TOTAL", "15.00")])
    assert extract(data, "expense")["supplier"]["selected_value"]["content"] == \
        "AIK HUAT HARDWARE ENTERPRISE (SETIA ALAM) SDN BHD"


def test_the_legal_owner_under_the_sign_is_the_merchant():
    rows = [("Banh Mi Cafe", None), ("Dimiliki: banh mi cafe sdn bhd 1110644-W", None),
            ("No. 1 Jalan Puteri 7/10", None), ("TOTAL", "23.25")]
    assert extract(receipt_pdf(rows), "expense")["supplier"]["selected_value"]["content"] == "BANH MI CAFE SDN BHD"
    # a name in small letters without an owner's label is a scribbled note, not the header
    rows = [("Banh Mi Cafe", None), ("banh mi cafe sdn bhd", None), ("No. 1 Jalan Puteri 7/10", None),
            ("TOTAL", "23.25")]
    assert extract(receipt_pdf(rows), "expense")["supplier"]["selected_value"]["content"] == "Banh Mi Cafe"


@pytest.mark.parametrize("stamp", [[("PAID", None), ("13 MAR 2018", None)], [("PAID 13 MAR 2018", None)]])
def test_the_date_of_an_accounting_stamp_is_not_the_receipts(stamp):
    rows = stamp + [("MR. D.I.Y. (M) SDN BHD", None), ("TAX INVOICE", None), ("SCOURING PAD", "6.36"),
                    ("TOTAL", "6.36"), ("14-03-18 21:49 SH03 ZJ20", None)]
    assert extract(receipt_pdf(rows), "expense")["date"]["selected_value"]["content"] == "2018-03-14"


def test_a_date_labelled_paid_time_is_the_receipts():
    rows = [("MR. D.I.Y. (M) SDN BHD", None), ("Paid Time", None), ("13/03/2018 13:51", None), ("TOTAL", "6.36"),
            ("Valid until 14/04/2018", None)]
    assert extract(receipt_pdf(rows), "expense")["date"]["selected_value"]["content"] == "2018-03-13"


def test_a_brand_in_other_lettering_over_the_company_is_not_part_of_its_name():
    rows = [("Sarang Hae Yo", None), ("TRENDYMAX (M) SDN. BHD.", None), ("Company Reg. No. : (583246-A).", None),
            ("P6, Block C, GM Klang Wholesale City,", None), ("TOTAL", "23.25")]
    assert extract(receipt_pdf(rows), "expense")["supplier"]["selected_value"]["content"] == "TRENDYMAX (M) SDN. BHD."
    # the same lettering on both lines is one name broken in two; a bare legal form under a name finishes it
    rows[:2] = [("POPULAR BOOK", None), ("CO. (M) SDN BHD", None)]
    supplier = extract(receipt_pdf(rows), "expense")["supplier"]["selected_value"]["content"]
    assert supplier == "POPULAR BOOK CO. (M) SDN BHD"
    rows[:2] = [("Book Ta.K", None), ("SDN BHD", None)]
    assert extract(receipt_pdf(rows), "expense")["supplier"]["selected_value"]["content"] == "Book Ta.K SDN BHD"


def test_the_total_of_a_german_receipt_is_its_tax_tables_rows_together():
    # neither the net amount nor the tax is printed in full: one row per rate, each adding up
    data = receipt_pdf([("ALDI GmbH & Co. KG", None), ("GUT BIO JOGHURT PUR", "0,35 C"), ("BRIOCHE-KNOTEN", "0,29 C"),
                        ("ZU ZAHLEN EURO", "24,23"), ("BARGELD", "40,00"), ("ZURÜCK", "15,77"),
                        ("MWST  Netto  MWST-BETRAG  BRUTTO", None), ("C 7,00%  17,33  1,21", "18,54"),
                        ("D 19,00%  4,78  0,91", "5,69"), ("09:48 02.03.2020", None)])
    result = extract(data, "expense", {"user_lang": "de_DE"})
    assert result["total"]["selected_value"]["content"] == pytest.approx(24.23)


def test_tax_table_rows_in_any_order_sum_to_the_amount_paid_by_card():
    # the SUMME line misread (19,16), the card payment line holds the total; rows print the tax first
    data = receipt_pdf([("real GmbH", None), ("SEBAMED TROCKENE H", "8,99 V"), ("INDISCHES CHICKEN", "3,99 E"),
                        ("SUMME  EUR", "19,16"), ("MasterCard  EUR", "19,46"),
                        ("Mehrwertst. ohne MwSt mit MwSt", None), ("V 19,0%  1,44  7,55", "8,99"),
                        ("E 7,0%  0,68  9,79", "10,47"), ("15.04.2020 18:02", None)])
    result = extract(data, "expense", {"user_lang": "de_DE"})
    assert result["total"]["selected_value"]["content"] == pytest.approx(19.46)


def test_a_returned_bottles_row_counts_negative_and_the_rate_number_is_no_amount():
    data = receipt_pdf([("ALDI GmbH & Co. KG", None), ("GARTENSALATE", "0,99 C"),
                        ("LEERGUT-RÜCKN.", "0,25-D"), ("ZU ZAHLEN EURO", "11,33"),
                        ("MWST  Netto  MWST-BETRAG  BRUTTO", None), ("1=7,00%  0,85  0,14", "0,99"),
                        ("2=19,00%  -0,21  -0,04", "-0,25"), ("19.05.2020 10:12", None)])
    rows = _rate_rows(amount_tokens(line_texts(load(data).pages)))
    assert [tuple(t.value for t in row) for row in rows] == [(0.85, 0.14, 0.99), (-0.21, -0.04, -0.25)]
    result = extract(data, "expense", {"user_lang": "de_DE"})
    assert result["total"]["selected_value"]["content"] == pytest.approx(11.33)


def test_the_line_of_totals_under_a_tax_table_stays_a_total():
    def draw(page):
        for y, cells in ((700, ("Netto", "Rabatt", "Basis", "MwSt", "MwSt-%", "Brutto")),
                         (686, ("-5,00", "0,15", "-4,85", "-0,92", "19,0", "-5,77")),
                         (672, ("-2,90", "0,08", "-2,82", "-0,20", "7,0", "-3,02")),
                         (658, ("-7,90", "0,23", "-7,67", "-1,12", "EUR", "-8,79"))):
            for x, text in zip((60, 140, 220, 300, 380, 460), cells):
                page.drawRightString(x + 60, y, text)
        page.drawString(40, 780, "Gutschrift Nr. RK21012345 vom 16.09.2013")
    result = extract(drawn_pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert result["total"]["selected_value"]["content"] == pytest.approx(-8.79)
    assert result["subtotal"]["selected_value"]["content"] == pytest.approx(-7.67)


def test_the_lines_printed_beside_a_logo_stay_lines_of_their_own():
    def draw(page):
        page.setFont("VeraBd", 40)
        page.drawString(10, 428, "real")
        page.setFont("Vera", 9)
        for index, text in enumerate(("real GmbH", "33100 Paderborn", "Husener Str. 121", "Tel.: 0 52 51 / 68 90 80")):
            page.drawCentredString(160, 458 - 10 * index, text)
        for index, (left, right) in enumerate((("SEBAMED TROCKENE H", "8,99"), ("SUMME EUR", "8,99"))):
            page.drawString(10, 380 - 14 * index, left)
            page.drawRightString(216, 380 - 14 * index, right)
    data = drawn_pdf(draw, pagesize=(226, 500), font_size=9)
    lines = [line.text for line in load(data).pages[0].lines]
    # (the logo may share the line about its middle)
    assert "real GmbH" in lines and "Husener Str. 121" in lines and "Tel.: 0 52 51 / 68 90 80" in lines
    assert not any("Paderborn" in line and "Tel" in line for line in lines)


@pytest.mark.parametrize("line", ["Pohlweg 110", "Husener Str. 121", "12 rue Neuve", "EUR"])
def test_a_street_or_a_currency_alone_is_no_merchant(line):
    data = receipt_pdf([(line, None), ("dm-drogerie markt", None), ("Ricola Kräuter", "1,75"), ("Summe", "1,75"),
                        ("18.05.2020 16:07", None)])
    result = extract(data, "expense", {"user_lang": "de_DE"})
    assert result["supplier"]["selected_value"]["content"] == "dm-drogerie markt"


def test_a_logo_that_spells_the_start_of_the_name_beside_it_is_not_read_twice():
    def draw(page):
        page.setFont("VeraBd", 30)
        page.drawString(10, 455, "real")
        page.setFont("Vera", 9)
        page.drawString(120, 462, "real GmbH")
        for index, (left, right) in enumerate((("33100 Paderborn", None), ("SEBAMED", "8,99"), ("SUMME EUR", "8,99"),
                                               ("15.04.2020", None))):
            page.drawString(10, 420 - 14 * index, left)
            if right:
                page.drawRightString(216, 420 - 14 * index, right)
    result = extract(drawn_pdf(draw, pagesize=(226, 500), font_size=9), "expense", {"user_lang": "de_DE"})
    assert result["supplier"]["selected_value"]["content"] == "real GmbH"


def test_the_words_of_one_ocr_text_line_stay_on_one_line_when_its_box_overlaps_the_line_above():
    from engine.reading.layout import Page, build_lines
    from engine.reading.ocr.base import split_words

    # boxes as RapidOCR gave them for a 150 dpi page (pixels of 1240 × 1754), the last one lower and taller
    boxes = [("Facture à régler par virement sur le compte suivant :", 209, 1158, 699, 1184),
             ("Règlement", 78, 1169, 195, 1199),
             ("IBAN : FR20 1242 1242 1242 1242 1242 124 - BIC : FIDCFR21XXX", 206, 1180, 1104, 1211)]
    words = [word for text, x0, y0, x1, y1 in boxes
             for word in split_words(text, 1.0, x0 / 1240, y0 / 1754, x1 / 1240, y1 / 1754, 0)]
    lines = [line.text for line in build_lines(Page(0, 1240, 1754, words, source="ocr"))]
    assert "IBAN : FR20 1242 1242 1242 1242 1242 124 - BIC : FIDCFR21XXX" in lines


def test_what_was_paid_adds_up_when_the_cash_amount_carries_a_glued_letter():
    # no line says TOTAL: 100.00 paid (OCR glued a letter to it) less 71.30 change is the 28.70 subtotal
    data = receipt_pdf([("SUNFISH", None), ("TABLE", "12"), ("SALTED F.RICE", "8.50"), ("FRIED EGG", "1.80"),
                        ("NASI LEMAK DRUMSTICK", "9.80"), ("SOYA CINCAU", "4.30"), ("LARGE / ICE TEA", "4.30"),
                        ("SUBTOTAL", "28.70"), ("RM CASH", "100.00C"), ("CHANGE", "71.30"),
                        ("INC 6% GST", "1.62")])
    assert extract(data, "expense")["total"]["selected_value"]["content"] == pytest.approx(28.7)
