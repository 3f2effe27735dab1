/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// What the review tours share: waiting for what the server does in the background, and calling a model.
import { rpc } from "@web/core/network/rpc";

const TIMEOUT = 8000; // under a tour step's own limit (10 s)

/** The first truthy value of ``check()`` (sync or async), polled every 200 ms; an error past ``timeout``. */
export async function waitFor(what, check, timeout = TIMEOUT) {
    const start = Date.now();
    for (;;) {
        const value = await check();
        if (value) {
            return value;
        }
        if (Date.now() - start > timeout) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
}

export function call(model, method, args, kwargs = {}) {
    return rpc(`/web/dataset/call_kw/${model}/${method}`, { model, method, args, kwargs });
}
