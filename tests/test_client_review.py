# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reviewing a bill on its document: the candidates kept with their boxes, the one the bill carries, a user's
pick converted as the fill converts it, the fields to review, and nothing left to review once posted."""

from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .client_bill_case import DigitizeBillCase


def box(x=0.5, y=0.5):
    return [x, y, 0.1, 0.01, 0.0]


def feature(*candidates):
    """A feature result: ``candidates`` are (content, score) or (content, score, coords), best first."""
    shown = [{"content": c[0], "score": c[1], "coords": c[2] if len(c) > 2 else box(), "page": 0}
             for c in candidates]
    return {"selected_value": shown[0], "candidates": shown}


def review_result(**features):
    """A bill's result whose features have boxes on the page; two 19 % lines, 100 + 19 = 119."""
    result = {
        "supplier": feature(("Muster Werkzeug GmbH", 1.0, box(0.2, 0.1)), ("Kunde AG", 0.3, box(0.2, 0.3))),
        "VAT_Number": feature(("DE136695976", 0.9, box(0.2, 0.15))),
        "invoice_id": feature(("RE-24", 0.95)),
        "date": feature(("2024-03-14", 0.9, box(0.7, 0.1)), ("2024-03-01", 0.5, box(0.7, 0.2))),
        "total": feature((119.0, 1.0, box(0.8, 0.9)), (100.0, 0.4, box(0.8, 0.8))),
        "subtotal": feature((100.0, 0.9, box(0.8, 0.8))),
        "total_tax_amount": feature((19.0, 0.9, box(0.8, 0.85))),
        "currency": feature(("EUR", 1.0)),
        # read from an e-invoice's XML: no box on the page, nothing to show
        "payment_ref": feature(("RF18 5390 0754 7034", 0.9, [0.0, 0.0, 0.0, 0.0, 0.0])),
    }
    result.update(features)
    result["invoice_lines"] = [{"description": {"selected_value": {"content": "Schraube"}},
                                "quantity": {"selected_value": {"content": 1.0}},
                                "unit_price": {"selected_value": {"content": 100.0}},
                                "taxes": {"selected_values": [{"content": 19.0}]}}]
    return result


@tagged("post_install", "-at_install")
class TestClientReview(DigitizeBillCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_vendor = cls.env["res.partner"].create({"name": "Kunde AG", "vat": "DE 811 128 135",
                                                          "is_company": True})
        cls.eur = cls.env["res.currency"].with_context(active_test=False).search([("name", "=", "EUR")])
        cls.eur.active = True

    def filled_bill(self, results=None, **values):
        return super().filled_bill(results or review_result(), **values)

    # ------------------------------------------------------------------------------------------- candidates
    def test_candidates_with_boxes_are_kept_and_the_bill_value_selected(self):
        bill = self.filled_bill()
        review = bill.digitize_candidates
        self.assertEqual(bill.partner_id, self.vendor)
        self.assertEqual(review["date"]["field"], "invoice_date")
        self.assertEqual(review["date"]["label"], "Bill date")
        self.assertEqual(review["date"]["selected"], 0)
        self.assertFalse(review["date"]["picked"])
        self.assertEqual([c["content"] for c in review["date"]["candidates"]], ["2024-03-14", "2024-03-01"])
        first = review["date"]["candidates"][0]
        self.assertEqual((first["coords"], first["page"], first["score"], first["text"]),
                         (box(0.7, 0.1), 0, 0.9, "2024-03-14"))
        # the printed name is not the partner's, but it is the same vendor; the VAT number is too
        self.assertEqual((review["supplier"]["field"], review["supplier"]["selected"]), ("partner_id", 0))
        self.assertEqual((review["VAT_Number"]["field"], review["VAT_Number"]["selected"]), ("partner_id", 0))
        self.assertEqual(review["total"]["field"], "digitize_document_total")
        self.assertEqual(review["subtotal"]["field"], "digitize_document_untaxed")
        self.assertEqual(review["total_tax_amount"]["field"], "digitize_document_tax")
        self.assertEqual((bill.digitize_document_untaxed, bill.digitize_document_tax), (100.0, 19.0))
        self.assertNotIn("payment_ref", review, "a value without a box on the page cannot be reviewed there")
        self.assertNotIn("due_date", review)

    def test_malformed_candidates_are_left_out_and_the_bill_still_filled(self):
        results = review_result(date=feature(("2024-03-14", 0.9), ("2024-03-01", 0.5, [0.7, None, 0.1, 0.01, 0])))
        results["total"]["candidates"].append({"content": 7.0, "coords": "here", "page": "one", "score": None})
        results["invoice_id"] = {"selected_value": {"content": "RE-24"}, "candidates": "RE-24"}
        results["total_tax_amount"]["candidates"][0]["page"] = "one"
        bill = self.filled_bill(results)
        self.assertEqual((bill.ref, str(bill.invoice_date)), ("RE-24", "2024-03-14"))
        review = bill.digitize_candidates
        self.assertEqual([c["content"] for c in review["date"]["candidates"]], ["2024-03-14"])
        self.assertEqual([c["text"] for c in review["total"]["candidates"]], ["119.00", "100.00"])
        self.assertEqual(review["total_tax_amount"]["candidates"][0]["page"], 0)
        self.assertNotIn("invoice_id", review)

    def test_a_value_the_user_typed_selects_no_candidate(self):
        bill = self.filled_bill(ref="MY-REF")
        self.assertEqual(bill.ref, "MY-REF")
        self.assertIsNone(bill.digitize_candidates["invoice_id"]["selected"])
        self.assertFalse(bill.digitize_candidates["invoice_id"]["review"])

    def test_the_value_the_bill_got_is_selected_even_when_not_the_first(self):
        results = review_result(date=feature(("2024-13-45", 0.9), ("2024-03-01", 0.5, box(0.7, 0.2))))
        results["date"]["selected_value"] = results["date"]["candidates"][1]
        bill = self.filled_bill(results)
        self.assertEqual(str(bill.invoice_date), "2024-03-01")
        self.assertEqual(bill.digitize_candidates["date"]["selected"], 1)

    def test_nothing_to_review_without_result_or_boxes(self):
        bill = self.env["account.move"].create({"move_type": "in_invoice"})
        self.assertFalse(bill.digitize_candidates)
        flat = {key: {"selected_value": {"content": value}}
                for key, value in (("total", 119.0), ("date", "2024-03-14"))}
        bill = self.filled_bill(flat)
        self.assertFalse(bill.digitize_candidates, "candidates without coords are not kept")
        self.assertFalse(bill.digitize_to_review)

    # ------------------------------------------------------------------------------------------- picks
    def test_pick_a_date_and_an_amount(self):
        bill = self.filled_bill()
        self.assertIs(bill.action_digitize_pick("date", 1), True)
        self.assertEqual(str(bill.invoice_date), "2024-03-01")
        self.assertEqual(bill.digitize_candidates["date"]["selected"], 1)
        self.assertTrue(bill.digitize_candidates["date"]["picked"])
        bill.action_digitize_pick("total", 1)
        self.assertEqual(bill.digitize_document_total, 100.0)
        self.assertEqual(bill.digitize_picks["total"], {"content": 100.0, "coords": box(0.8, 0.8), "page": 0})

    def test_pick_an_amount_on_a_refund_keeps_it_positive(self):
        results = review_result(total=feature((-119.0, 1.0), (-100.0, 0.5, box(0.8, 0.8))),
                                subtotal=feature((-100.0, 0.9)), total_tax_amount=feature((-19.0, 0.9)))
        bill = self.filled_bill(results)
        self.assertEqual(bill.move_type, "in_refund")
        self.assertEqual(bill.digitize_candidates["total"]["selected"], 0)
        bill.action_digitize_pick("total", 1)
        self.assertEqual(bill.digitize_document_total, 100.0)

    def test_pick_the_vendor_by_name_and_by_vat(self):
        bill = self.filled_bill()
        bill.action_digitize_pick("supplier", 1)
        self.assertEqual(bill.partner_id, self.other_vendor, "found by its name")
        self.assertEqual(bill.digitize_candidates["supplier"]["selected"], 1)
        self.assertIsNone(bill.digitize_candidates["VAT_Number"]["selected"],
                          "the VAT number read is no longer the bill's vendor's")
        bill.action_digitize_pick("VAT_Number", 0)
        self.assertEqual(bill.partner_id, self.vendor, "found by its VAT number")

    def test_pick_an_unknown_vendor_offers_to_create_it(self):
        results = review_result(supplier=feature(("Muster Werkzeug GmbH", 1.0), ("Neuer Lieferant KG", 0.4)))
        bill = self.filled_bill(results)
        bill.action_digitize_pick("supplier", 1)
        self.assertFalse(bill.partner_id)
        self.assertEqual(bill.digitize_partner_suggestion["name"], "Neuer Lieferant KG")
        self.assertEqual(bill.digitize_candidates["supplier"]["selected"], 1)
        bill.action_digitize_create_partner()
        self.assertEqual(bill.partner_id.name, "Neuer Lieferant KG")

    def test_pick_an_unknown_vat_number_without_a_name_is_refused(self):
        results = review_result(VAT_Number=feature(("DE136695976", 0.9), ("ATU12345678", 0.5)))
        del results["supplier"]
        bill = self.filled_bill(results)
        with self.assertRaises(UserError):
            bill.action_digitize_pick("VAT_Number", 1)

    def test_pick_a_currency(self):
        other = self.env["res.currency"].with_context(active_test=False).search([("name", "=", "CHF")])
        other.active = True
        bill = self.filled_bill(review_result(currency=feature(("EUR", 1.0), ("CHF", 0.5))))
        self.assertEqual(bill.currency_id, self.eur)
        bill.action_digitize_pick("currency", 1)
        self.assertEqual(bill.currency_id, other)
        self.assertEqual(bill.digitize_candidates["currency"]["selected"], 1)

    def test_an_iban_is_added_only_to_the_vendor_the_document_names(self):
        results = review_result(iban=feature(("DE89370400440532013000", 0.9, box(0.3, 0.95))))
        bill = self.filled_bill(results)
        self.assertEqual(bill.partner_id, self.vendor)
        bill.partner_bank_id = False
        bill.action_digitize_pick("iban", 0)
        self.assertEqual(bill.partner_bank_id.sanitized_acc_number, "DE89370400440532013000")
        other = self.filled_bill(results, partner_id=self.other_vendor.id)
        self.assertEqual(other.partner_id, self.other_vendor, "typed by the user, kept by the fill")
        with self.assertRaises(UserError):
            other.action_digitize_pick("iban", 0)  # the document names Muster Werkzeug: not Kunde AG's account
        self.assertFalse(self.other_vendor.bank_ids)

    def test_bad_picks_are_refused_clearly(self):
        bill = self.filled_bill()
        for feature_name, index in (("nothing", 0), ("date", 7), ("date", -1), ("date", "0"), ("payment_ref", 0)):
            with self.subTest(feature=feature_name, index=index), self.assertRaises(UserError):
                bill.action_digitize_pick(feature_name, index)
        bad = self.filled_bill(review_result(date=feature(("2024-03-14", 0.9), ("31.02.", 0.5))))
        with self.assertRaises(UserError):
            bad.action_digitize_pick("date", 1)

    # ------------------------------------------------------------------------------------------- validation
    def test_nothing_to_review_once_posted(self):
        bill = self.filled_bill()
        bill.action_digitize_pick("date", 1)
        bill.action_post()
        self.assertEqual(bill.digitize_state, "to_validate")
        self.assertFalse(bill.digitize_candidates, "candidates are dropped once the bill is posted")
        self.assertTrue(bill.digitize_picks, "the picks are kept until the validation is sent")
        with self.assertRaises(UserError):
            bill.action_digitize_pick("date", 0)

    def test_validation_values_carry_the_picks(self):
        bill = self.filled_bill()
        bill.action_digitize_pick("date", 1)
        values = bill._digitize_validation_payload()
        self.assertEqual(values["date"], {"content": "2024-03-01", "coords": box(0.7, 0.2), "page": 0,
                                          "picked": True})
        self.assertEqual(values["invoice_id"], {"content": "RE-24"}, "what was not picked is sent as before")
        bill.action_post()
        self.assertEqual(bill._digitize_validation_payload()["date"]["picked"], True, "kept until sent")
        with patch.object(type(self.env["digitize.service"]), "_validate_batch",
                          return_value={"status": "success"}) as validate:
            self.env["account.move"]._cron_digitize_validate()
        sent = validate.call_args.args[2]["uuid-1"]
        self.assertTrue(sent["date"]["picked"])
        self.assertEqual(bill.digitize_state, "done")
        self.assertFalse(bill.digitize_picks, "dropped once sent")

    # ------------------------------------------------------------------------------------------- to review
    def test_low_scores_and_close_rivals_are_to_review(self):
        results = review_result(
            invoice_id=feature(("RE-24", 0.15)),  # a guess
            date=feature(("2024-03-14", 0.9), ("2024-03-01", 0.85, box(0.7, 0.2))),  # a close rival
            total=feature((119.0, 0.9), (100.0, 0.84, box(0.8, 0.8))),  # a rival, not a close one
            # the same value printed twice (a provider that does not merge them) is no rival
            subtotal=feature((100.0, 0.9, box(0.8, 0.8)), (100.0, 0.9, box(0.8, 0.7))),
        )
        bill = self.filled_bill(results)
        review = {key: entry["review"] for key, entry in bill.digitize_candidates.items()}
        self.assertEqual({key for key, flag in review.items() if flag}, {"invoice_id", "date"})
        self.assertTrue(bill.digitize_to_review)
        to_review = self.env["account.move"].search([("digitize_to_review", "=", True)])
        self.assertIn(bill, to_review)
        self.assertNotIn(self.filled_bill(), to_review, "sure values are not to review")
        bill.action_digitize_pick("invoice_id", 0)
        self.assertTrue(bill.digitize_to_review, "the date is still to review")
        bill.action_digitize_pick("date", 0)
        self.assertFalse(bill.digitize_to_review)
        self.assertNotIn(bill, self.env["account.move"].search([("digitize_to_review", "=", True)]))

    def test_to_review_filter_in_the_bills_search_view(self):
        arch = self.env["account.move"].get_view(self.env.ref("account.view_account_invoice_filter").id,
                                                 "search")["arch"]
        self.assertIn('name="digitize_to_review"', arch)
        self.assertIn("[('digitize_to_review', '=', True)]", arch)

    # ------------------------------------------------------------------------------------------- reload
    def serving(self, bill, results):
        """The provider answering ``results`` for ``bill``'s document."""
        entry = {"status": "success", "results": [results]}
        return patch.object(type(self.env["digitize.service"]), "_get_result_batch",
                            return_value={bill.digitize_document_uuid: entry})

    def reload(self, bill, results):
        with self.serving(bill, results):
            return bill.action_digitize_reload()

    def apply(self, wizard, bill, results):
        with self.serving(bill, results):
            wizard.action_apply()

    def test_nothing_to_reload_right_after_the_fill(self):
        bill = self.filled_bill()
        self.assertFalse(bill.digitize_can_reload)
        action = self.reload(bill, review_result())
        self.assertEqual(action["tag"], "display_notification")

    def test_a_bill_filled_before_the_fill_was_remembered_can_be_asked(self):
        bill = self.filled_bill()
        bill.write({"digitize_result_values": False, "digitize_fill_values": False})
        self.assertTrue(bill.digitize_can_reload, "unknown until asked")
        self.reload(bill, review_result())
        self.assertFalse(bill.digitize_can_reload, "asked: the document gives nothing new")

    def test_reload_lists_the_changes_and_keeps_what_the_user_changed(self):
        bill = self.filled_bill()
        bill.ref = "TYPED"
        self.assertTrue(bill.digitize_can_reload, "the document gives another reference")
        newer = review_result(date=feature(("2024-03-20", 0.9)), total=feature((120.0, 1.0)))
        action = self.reload(bill, newer)
        wizard = self.env["digitize.reload.wizard"].browse(action["res_id"])
        lines = {line.field_name: line for line in wizard.line_ids}
        self.assertEqual(set(lines), {"ref", "invoice_date", "digitize_document_total"})
        self.assertEqual((lines["ref"].current, lines["ref"].new), ("TYPED", "RE-24"))
        self.assertTrue(lines["ref"].user_changed)
        self.assertFalse(lines["ref"].replace, "what the user changed is kept unless ticked")
        self.assertEqual((lines["invoice_date"].current, lines["invoice_date"].new), ("2024-03-14", "2024-03-20"))
        self.assertTrue(lines["invoice_date"].replace)
        self.assertEqual(bill.ref, "TYPED", "nothing is written before the user applies")
        self.apply(wizard, bill, newer)
        self.assertEqual(bill.ref, "TYPED")
        self.assertEqual(str(bill.invoice_date), "2024-03-20")
        self.assertEqual(bill.digitize_document_total, 120.0)
        self.assertTrue(bill.digitize_can_reload, "the reference can still be replaced")

    def test_reload_applies_the_providers_result_not_the_wizards(self):
        bill = self.filled_bill()
        bill.ref = "TYPED"
        wizard = self.env["digitize.reload.wizard"].create({
            "res_model": "account.move", "res_id": bill.id,
            "line_ids": [Command.create({"field_name": "ref", "replace": True})]})
        self.apply(wizard, bill, review_result(invoice_id=feature(("RE-99", 0.95))))
        self.assertEqual(bill.ref, "RE-99", "the value the provider gives now")
        other = self.new_bill()
        forged = self.env["digitize.reload.wizard"].create({
            "res_model": "account.move", "res_id": other.id,
            "line_ids": [Command.create({"field_name": "ref", "replace": True})]})
        with self.assertRaises(UserError):
            forged.action_apply()  # a bill sent to no provider has nothing to fill again from
        self.assertFalse(other.ref)

    def test_reload_replaces_a_ticked_user_change(self):
        bill = self.filled_bill()
        bill.ref = "TYPED"
        action = self.reload(bill, review_result())
        wizard = self.env["digitize.reload.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.line_ids.mapped("field_name"), ["ref"])
        wizard.line_ids.replace = True
        self.apply(wizard, bill, review_result())
        self.assertEqual(bill.ref, "RE-24")
        self.assertFalse(bill.digitize_can_reload, "nothing left to reload")

    def test_reload_of_the_lines(self):
        bill = self.filled_bill()
        bill.invoice_line_ids.price_unit = 90.0
        action = self.reload(bill, review_result())
        wizard = self.env["digitize.reload.wizard"].browse(action["res_id"])
        lines = wizard.line_ids.filtered(lambda line: line.field_name == "invoice_line_ids")
        self.assertEqual(lines.current.split(",")[0], "1 line")
        self.assertIn("90.00", lines.current)
        self.assertIn("100.00", lines.new)
        lines.replace = True
        self.apply(wizard, bill, review_result())
        self.assertEqual(bill.invoice_line_ids.price_unit, 100.0)

    def test_no_reload_once_posted(self):
        bill = self.filled_bill()
        bill.ref = "TYPED"
        bill.action_post()
        self.assertFalse(bill.digitize_can_reload)
        with self.assertRaises(UserError):
            self.reload(bill, review_result())
