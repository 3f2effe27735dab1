/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Where the boxes of Digitize's candidates stand on a page, and which boxes a view shows. Coordinates are the
// Extract API's, relative to the page as shown: [centre x, centre y, width, height, angle in degrees], 0..1.

const PERCENT_DIGITS = 3;

/** The page-relative rectangle (left, top, width, height, angle) of Extract API coords, or null if unusable. */
export function boxRect(coords) {
    if (!Array.isArray(coords) || coords.length < 4) {
        return null;
    }
    const [cx, cy, width, height] = coords.map(Number);
    const angle = Number(coords[4]) || 0;
    if (![cx, cy, width, height].every(Number.isFinite) || width < 0 || height < 0 || (!width && !height)) {
        return null;
    }
    return { left: cx - width / 2, top: cy - height / 2, width, height, angle };
}

/** Inline CSS placing a box on its page layer (percentages, so it follows the page through every zoom). */
export function boxStyle(coords) {
    const rect = boxRect(coords);
    if (!rect) {
        return "";
    }
    const pct = (value) => `${(value * 100).toFixed(PERCENT_DIGITS)}%`;
    let style = `left:${pct(rect.left)};top:${pct(rect.top)};width:${pct(rect.width)};height:${pct(rect.height)};`;
    if (rect.angle) {
        style += `transform:rotate(${rect.angle}deg);`;
    }
    return style;
}

/**
 * The candidates a view shows, with their feature, index and whether each is the chosen one.
 * @param {Object} features digitize_candidates: {feature: {field, label, selected, candidates: [...]}}
 * @param {Object} focus {field}: the candidates of every feature mapped to that form field;
 *      {feature}: every candidate of that feature; {allSelected: true}: the chosen candidate of every feature
 * @param {number|undefined} page a 0-based page, or undefined for every page
 */
export function visibleCandidates(features, focus, page) {
    const shown = [];
    for (const [name, feature] of Object.entries(features || {})) {
        if (!feature || !Array.isArray(feature.candidates)) {
            continue;
        }
        // a feature (or a field's features) in focus shows all its candidates, and only those
        const narrowed = Boolean(focus.feature || focus.field);
        const whole = focus.feature ? focus.feature === name : narrowed && focus.field === feature.field;
        if (!whole && (narrowed || !focus.allSelected)) {
            continue;
        }
        feature.candidates.forEach((candidate, index) => {
            const selected = feature.selected === index;
            if (!whole && !selected) {
                return;
            }
            if ((page !== undefined && (candidate.page || 0) !== page) || !boxRect(candidate.coords)) {
                return;
            }
            shown.push({
                key: `${name}-${index}`,
                feature: name,
                index,
                selected,
                page: candidate.page || 0,
                label: feature.label || name,
                text: String(candidate.text ?? candidate.content ?? ""),
                style: boxStyle(candidate.coords),
            });
        });
    }
    return shown;
}

/** The feature names of a form field whose value Digitize flags for review (not yet picked by the user). */
export function fieldsToReview(features) {
    const fields = {};
    for (const feature of Object.values(features || {})) {
        if (feature && feature.review && !feature.picked && feature.field) {
            (fields[feature.field] ||= []).push(feature.label || feature.field);
        }
    }
    return fields;
}
