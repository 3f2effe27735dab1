// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { describe, expect, test } from "@odoo/hoot";
import {
    boxRect,
    boxStyle,
    fieldsToReview,
    visibleCandidates,
} from "@digitize/box_layer/geometry";

// values exact in binary floating point, so that the percentages are exact too
const DATE = { content: "2024-03-14", text: "14.03.2024", coords: [0.5, 0.25, 0.25, 0.125, 0], page: 0 };
const DUE = { content: "2024-04-13", coords: [0.75, 0.5, 0.25, 0.0625, 0], page: 1 };
const FEATURES = {
    date: { field: "invoice_date", label: "Bill Date", selected: 0, candidates: [DATE, DUE], review: true },
    supplier: { field: "partner_id", label: "Vendor", selected: null, candidates: [DATE], review: true },
    VAT_Number: { field: "partner_id", label: "Tax ID", selected: 0, candidates: [DUE], picked: false },
    total: { field: "amount", label: "Total", selected: 0, candidates: [DUE], review: true, picked: true },
};

describe.current.tags("headless");

describe("boxes' geometry", () => {
    test("a box's rectangle from Extract API coords (centre, size, angle)", () => {
        expect(boxRect([0.5, 0.25, 0.25, 0.125, 0])).toEqual({
            left: 0.375, top: 0.1875, width: 0.25, height: 0.125, angle: 0,
        });
        expect(boxRect([0.5, 0.5, 0.25, 0.5])).toEqual({ left: 0.375, top: 0.25, width: 0.25, height: 0.5, angle: 0 });
    });

    test("unusable coords draw nothing", () => {
        for (const coords of [null, [], [0.5, 0.5], [0.5, "x", 0.1, 0.1], [0.5, 0.5, 0, 0], [0.5, 0.5, -0.1, 0.1]]) {
            expect(boxRect(coords)).toBe(null);
            expect(boxStyle(coords)).toBe("");
        }
    });

    test("a box is placed in percentages of its page, rotated about its centre", () => {
        expect(boxStyle([0.5, 0.25, 0.25, 0.125, 0])).toBe(
            "left:37.500%;top:18.750%;width:25.000%;height:12.500%;"
        );
        expect(boxStyle([0.5, 0.5, 0.5, 0.25, 90])).toBe(
            "left:25.000%;top:37.500%;width:50.000%;height:25.000%;transform:rotate(90deg);"
        );
    });
});

describe("which candidates are shown", () => {
    test("a focused field shows every candidate of its features, on their own page", () => {
        const page0 = visibleCandidates(FEATURES, { field: "invoice_date" }, 0);
        expect(page0.map((box) => [box.feature, box.index, box.selected, box.text])).toEqual([
            ["date", 0, true, "14.03.2024"],
        ]);
        const page1 = visibleCandidates(FEATURES, { field: "invoice_date" }, 1);
        expect(page1.map((box) => [box.feature, box.index, box.selected, box.text])).toEqual([
            ["date", 1, false, "2024-04-13"],
        ]);
        expect(visibleCandidates(FEATURES, { field: "invoice_date" }).length).toBe(2);
    });

    test("features sharing a field are shown together", () => {
        const boxes = visibleCandidates(FEATURES, { field: "partner_id" });
        expect(boxes.map((box) => `${box.feature}/${box.index}/${box.label}`)).toEqual([
            "supplier/0/Vendor", "VAT_Number/0/Tax ID",
        ]);
        expect(boxes.map((box) => box.selected)).toEqual([false, true]);
    });

    test("a field without candidates, or no focus, shows nothing", () => {
        expect(visibleCandidates(FEATURES, { field: "ref" })).toEqual([]);
        expect(visibleCandidates(FEATURES, {})).toEqual([]);
        expect(visibleCandidates(null, { field: "invoice_date" })).toEqual([]);
    });

    test("a read-only view boxes each feature's chosen value, and a pointed feature all of its own", () => {
        const chosen = visibleCandidates(FEATURES, { allSelected: true });
        expect(chosen.map((box) => box.key)).toEqual(["date-0", "VAT_Number-0", "total-0"]);
        expect(chosen.every((box) => box.selected)).toBe(true);
        const pointed = visibleCandidates(FEATURES, { allSelected: true, feature: "date" });
        expect(pointed.map((box) => box.key)).toEqual(["date-0", "date-1"]);
    });

    test("candidates without usable coords are left out", () => {
        const features = { date: { field: "d", selected: 0, candidates: [{ content: "x", coords: [0.5] }, DATE] } };
        expect(visibleCandidates(features, { field: "d" }).map((box) => box.index)).toEqual([1]);
    });
});

test("fields to review: flagged and not picked, with their features' labels", () => {
    expect(fieldsToReview(FEATURES)).toEqual({ invoice_date: ["Bill Date"], partner_id: ["Vendor"] });
    expect(fieldsToReview(false)).toEqual({});
});
