/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Hook: keep a PreviewBoxes attached to the preview inside a component's root element, whatever re-renders it.
import { onMounted, onWillUnmount, useComponent } from "@odoo/owl";
import { PreviewBoxes } from "./preview_boxes";

/**
 * @param {Object} params
 * @param {Object} params.rootRef the ref of the element to watch (the preview is somewhere inside)
 * @param {string} params.selector the preview container inside it
 * @param {Object} params.layerProps see PreviewBoxes
 * @returns {{boxes: PreviewBoxes|null}} filled once mounted
 */
export function usePreviewBoxes({ rootRef, selector, layerProps }) {
    const component = useComponent();
    const handle = { boxes: null };
    let observer = null;
    let scheduled = false;
    onMounted(() => {
        const root = rootRef.el;
        if (!root) {
            return;
        }
        handle.boxes = new PreviewBoxes({
            env: component.env,
            getContainer: () => root.querySelector(selector),
            layerProps,
        });
        // the preview appears and changes with other components' renders: check after each batch of changes
        observer = new MutationObserver(() => {
            if (!scheduled) {
                scheduled = true;
                requestAnimationFrame(() => {
                    scheduled = false;
                    handle.boxes?.sync();
                });
            }
        });
        observer.observe(root, { childList: true, subtree: true });
        handle.boxes.sync();
    });
    onWillUnmount(() => {
        observer?.disconnect();
        handle.boxes?.destroy();
        handle.boxes = null;
    });
    return handle;
}
