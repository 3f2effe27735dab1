/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Draws Digitize's candidate boxes on the attachment preview: in every page of Odoo's pdf.js viewer (an iframe,
// whose pages pdf.js empties on each zoom and re-renders lazily: the layers are mounted again on `pagerendered`),
// or in a frame laid over a previewed image. The preview is rendered by other components at their own pace, so the
// host watches its container and attaches to whichever iframe or image is there.
import { mountComponent } from "@web/env";
import { DigitizeBoxLayer } from "./box_layer";

// The pdf.js viewer is a separate document: the boxes' style travels with them instead of the web client's assets.
const STYLE_ID = "o_digitize_box_style";
const BOX_CSS = `
.o_digitize_box_layer { position: absolute; inset: 0; z-index: 20; pointer-events: none; }
.o_digitize_box { position: absolute; box-sizing: content-box; margin: -3px 0 0 -3px; padding: 2px;
    border: 1px solid rgba(113, 75, 103, 0.9); background: rgba(113, 75, 103, 0.08); border-radius: 3px;
    pointer-events: auto; }
.o_digitize_box_pickable { cursor: pointer; }
.o_digitize_box_pickable:hover { background: rgba(113, 75, 103, 0.25); }
.o_digitize_box_selected { border: 2px solid #017e84; background: rgba(1, 126, 132, 0.18);
    margin: -4px 0 0 -4px; }
.o_digitize_image_layer { position: absolute; pointer-events: none; }
`;

function ensureStyle(doc) {
    if (doc && doc.head && !doc.getElementById(STYLE_ID)) {
        const style = doc.createElement("style");
        style.id = STYLE_ID;
        style.textContent = BOX_CSS;
        doc.head.appendChild(style);
    }
}

export class PreviewBoxes {
    /**
     * @param {Object} params
     * @param {Object} params.env the owner's env (the layers are small apps sharing it)
     * @param {Function} params.getContainer () => the element holding the preview's iframe or image, or null
     * @param {Object} params.layerProps source, readFeatures, ui, onPick: the DigitizeBoxLayer props but page
     */
    constructor({ env, getContainer, layerProps }) {
        this.env = env;
        this.getContainer = getContainer;
        this.layerProps = layerProps;
        this.layers = new Map(); // target element -> {app, promise}
        this.iframe = null;
        this.image = null;
        this.pdfApp = null;
        this.destroyed = false;
        this.refresh = this.refresh.bind(this);
        this.onIframeLoad = this.onIframeLoad.bind(this);
        this.resizeObserver = new ResizeObserver(() => this.placeImageLayer());
    }

    /** Attach to the preview currently shown (cheap when nothing changed). */
    sync() {
        const container = this.getContainer();
        const iframe = container?.querySelector("iframe") || null;
        const image = (!iframe && container?.querySelector("img")) || null;
        if (iframe !== this.iframe) {
            this.detachPdf();
            if (iframe) {
                this.iframe = iframe;
                iframe.addEventListener("load", this.onIframeLoad);
                this.onIframeLoad();
            }
        }
        if (image !== this.image) {
            this.detachImage();
            if (image) {
                this.attachImage(image);
            }
        }
        this.refresh();
    }

    async onIframeLoad() {
        const iframe = this.iframe;
        const viewer = iframe?.contentWindow?.PDFViewerApplication;
        if (!viewer || viewer === this.pdfApp) {
            return;
        }
        await viewer.initializedPromise;
        if (this.destroyed || iframe !== this.iframe || viewer === this.pdfApp) {
            return;
        }
        this.pdfApp = viewer;
        ensureStyle(iframe.contentDocument);
        // a zoom empties the pages (the layers with them); each page is drawn again when pdf.js renders it
        for (const event of ["pagesinit", "pagerendered", "scalechanging", "pagechanging"]) {
            viewer.eventBus.on(event, this.refresh);
        }
        this.refresh();
    }

    detachPdf() {
        if (this.pdfApp) {
            for (const event of ["pagesinit", "pagerendered", "scalechanging", "pagechanging"]) {
                this.pdfApp.eventBus.off(event, this.refresh);
            }
        }
        this.iframe?.removeEventListener("load", this.onIframeLoad);
        this.iframe = this.pdfApp = null;
    }

    attachImage(image) {
        this.image = image;
        const parent = image.parentElement;
        if (getComputedStyle(parent).position === "static") {
            parent.style.position = "relative";
        }
        ensureStyle(image.ownerDocument);
        const frame = image.ownerDocument.createElement("div");
        frame.className = "o_digitize_image_layer";
        parent.appendChild(frame);
        this.imageFrame = frame;
        this.placeImageLayer();
        image.addEventListener("load", this.refresh);
        this.resizeObserver.observe(image);
    }

    /** The frame over an image takes the image's place and size, so page-relative boxes land on it. */
    placeImageLayer() {
        const { image, imageFrame: frame } = this;
        if (!image || !frame) {
            return;
        }
        Object.assign(frame.style, {
            left: `${image.offsetLeft}px`,
            top: `${image.offsetTop}px`,
            width: `${image.offsetWidth}px`,
            height: `${image.offsetHeight}px`,
        });
    }

    detachImage() {
        if (this.image) {
            this.resizeObserver.unobserve(this.image);
            this.image.removeEventListener("load", this.refresh);
        }
        this.imageFrame?.remove();
        this.image = this.imageFrame = null;
    }

    /** One layer per page element that has none (pdf.js removed it on a zoom, or the page is new). */
    refresh() {
        if (this.destroyed) {
            return;
        }
        const targets = new Map();
        const doc = this.pdfApp && this.iframe?.contentDocument;
        if (doc) {
            for (const pageEl of doc.querySelectorAll(".page[data-page-number]")) {
                targets.set(pageEl, Number(pageEl.dataset.pageNumber) - 1);
            }
        }
        if (this.imageFrame) {
            this.placeImageLayer();
            targets.set(this.imageFrame, 0);
        }
        for (const [target, entry] of this.layers) {
            if (!targets.has(target) || !target.isConnected || (entry.app && !entry.mounted())) {
                this.layers.delete(target);
                entry.promise.then((app) => app.destroy()).catch(() => {});
            }
        }
        for (const [target, page] of targets) {
            if (!this.layers.has(target)) {
                this.mountLayer(target, page);
            }
        }
    }

    mountLayer(target, page) {
        const entry = {
            app: null,
            mounted: () => Boolean(target.querySelector(":scope > .o_digitize_box_layer")),
        };
        entry.promise = mountComponent(DigitizeBoxLayer, target, {
            env: this.env,
            props: { ...this.layerProps, page },
        }).then((app) => {
            entry.app = app;
            return app;
        });
        this.layers.set(target, entry);
    }

    /**
     * Scroll the PDF viewer so that a candidate (0-based page, Extract API coords) is in view, unless it already
     * is: at a high zoom, or on another page, the boxes of a focused field would otherwise be out of sight.
     */
    showCandidate(page, coords) {
        const doc = this.pdfApp && this.iframe?.contentDocument;
        const pageEl = doc?.querySelector(`.page[data-page-number="${page + 1}"]`);
        const container = doc?.getElementById("viewerContainer");
        if (!pageEl || !container || !Array.isArray(coords)) {
            return;
        }
        const view = container.getBoundingClientRect();
        const sheet = pageEl.getBoundingClientRect();
        const x = sheet.left + coords[0] * sheet.width;
        const y = sheet.top + coords[1] * sheet.height;
        const margin = 40;
        if (y < view.top + margin || y > view.bottom - margin) {
            container.scrollTop += y - (view.top + view.height / 2);
        }
        if (x < view.left + margin || x > view.right - margin) {
            container.scrollLeft += x - (view.left + view.width / 2);
        }
    }

    destroy() {
        this.destroyed = true;
        this.detachPdf();
        this.detachImage();
        this.resizeObserver.disconnect();
        for (const entry of this.layers.values()) {
            entry.promise.then((app) => app.destroy()).catch(() => {});
        }
        this.layers.clear();
    }
}
