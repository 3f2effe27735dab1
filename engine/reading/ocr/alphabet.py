"""The text recogniser's last layer, computed for the East Asian characters only where one may be read.

RapidOCR's recogniser scores every position of a text line (one per 8 pixels) against its 18,710 characters,
16,000 of them Chinese, Japanese or Korean. That last layer (a 120 x 18,710 matrix, its bias and a softmax)
is a fifth of the recogniser's time. Here the model computes it for the other 2,452 characters (Latin, Greek,
Cyrillic, digits, punctuation, symbols and CTC's blank) and also returns the 120 features it is computed
from. Where the likeliest of those characters scores low (as it does under an East Asian character, where
the blank wins among them), the East Asian characters are scored from the features too, with the same
weights: a Chinese name on a CV or a receipt is read as the whole model reads it, and a Latin page costs the
East Asian scores of a few positions only.
"""
import logging

import numpy as np

from .onnx_file import OnnxFormatError, float_initializers, nodes, with_float_output

# Code points of the East Asian scripts: Hangul jamo, CJK radicals to unified ideographs (kana and bopomofo
# among them), Yi, Hangul syllables, CJK compatibility ideographs and forms, half- and full-width forms, and
# the supplementary ideographic planes.
EAST_ASIAN_BLOCKS = ((0x1100, 0x11FF), (0x2E80, 0x9FFF), (0xA000, 0xA4CF), (0xAC00, 0xD7AF),
                     (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x10FFFF))

# Below this logit for the likeliest character that is not East Asian, a position's East Asian characters are
# scored as well. At the 319 positions where the whole alphabet read an East Asian character (60 SROIE
# receipts, 11 CVs of which one is in Chinese, 6 dev invoices), that logit was 19.9 at most, 17.3 but for two
# close calls; 5 to 9 % of all the positions of those pages fall under 20.
EAST_ASIAN_CHECK_BELOW = 20.0

_logger = logging.getLogger(__name__)


def is_east_asian(character):
    return len(character) == 1 and any(low <= ord(character) <= high for low, high in EAST_ASIAN_BLOCKS)


def narrow_recogniser(recogniser, model_path):
    """Make RapidOCR's ``recogniser`` (a loaded TextRecognizer) compute its last layer for the characters
    that are not East Asian, and the East Asian ones only where needed. Returns whether it could; if not (a
    model with no single MatMul + bias of its alphabet's size, or an ONNX Runtime that refuses the narrowed
    one), the recogniser is left as it was."""
    import onnxruntime

    alphabet = recogniser.postprocess_op.character  # index 0 is CTC's blank, the last one a space
    size = len(alphabet)
    try:
        with open(model_path, "rb") as handle:
            model = handle.read()
        layer = float_initializers(model, lambda name, dims: len(dims) in (1, 2) and dims[-1] == size)
        weights = [name for name, values in layer.items() if values.ndim == 2]
        biases = [name for name, values in layer.items() if values.ndim == 1]
        if len(weights) != 1 or len(biases) != 1:
            return False
        feature_names = [inputs[0] for operator, inputs in nodes(model)
                         if operator == "MatMul" and inputs[1:] == weights]
        if len(feature_names) != 1:
            return False
        model = with_float_output(model, feature_names[0])
    except (OSError, OnnxFormatError):
        return False
    east_asian = np.array([is_east_asian(character) for character in alphabet])
    kept = np.flatnonzero(~east_asian)
    weight, bias = layer[weights[0]], layer[biases[0]]
    # the session reads its initialisers from these arrays for as long as it lives: they live on with it
    narrowed = [onnxruntime.OrtValue.ortvalue_from_numpy(np.ascontiguousarray(weight[:, kept])),
                onnxruntime.OrtValue.ortvalue_from_numpy(np.ascontiguousarray(bias[kept]))]
    options = type(recogniser.session)._init_sess_opts(recogniser.cfg.engine_cfg)
    options.add_initializer(weights[0], narrowed[0])
    options.add_initializer(biases[0], narrowed[1])
    try:
        session = onnxruntime.InferenceSession(model, sess_options=options,
                                               providers=recogniser.session.session.get_providers())
        blank_line = np.zeros((1, 3, 48, 320), dtype=np.float32)
        probabilities, features = session.run(None, {session.get_inputs()[0].name: blank_line})
        if probabilities.shape[-1] != len(kept) or features.shape[-1] != weight.shape[0]:
            raise ValueError(f"outputs of {probabilities.shape} and {features.shape}")
    except Exception as exc:  # an ONNX Runtime that refuses the narrowed layer: the whole one still reads
        _logger.warning("OCR recogniser kept whole, its narrowed last layer failed: %s", exc)
        return False
    recogniser.session = NarrowedSession(session, narrowed)
    recogniser.postprocess_op = WholeAlphabetDecoder(recogniser.postprocess_op, kept, weight, bias)
    return True


class NarrowedSession:
    """The recogniser's session: (probabilities over the kept characters, the last layer's input features)
    of a batch of text lines."""

    def __init__(self, session, narrowed_layer):
        self.session = session
        self._narrowed_layer = narrowed_layer  # the session's own initialisers: kept alive with it
        self._input = session.get_inputs()[0].name

    def __call__(self, lines):
        probabilities, features = self.session.run(None, {self._input: lines})
        return probabilities, features


class WholeAlphabetDecoder:
    """RapidOCR's CTC decoder, given a NarrowedSession's output: each position's character and probability
    over the whole alphabet, East Asian characters scored where the kept ones score low."""

    def __init__(self, decoder, kept, weight, bias):
        self.decoder = decoder
        self.character = decoder.character
        self._kept = kept
        self._kept_weight, self._kept_bias = weight[:, kept].T.copy(), bias[kept]  # a row per kept character
        others = np.setdiff1d(np.arange(len(bias)), kept)
        self._others = others
        self._other_weight, self._other_bias = np.ascontiguousarray(weight[:, others]), bias[others]

    def __call__(self, outputs, return_word_box=False, **kwargs):
        probabilities, features = outputs
        best = probabilities.argmax(axis=2)
        probability = np.take_along_axis(probabilities, best[..., np.newaxis], axis=2)[..., 0]
        index = self._kept[best]
        logit = np.einsum("ntf,ntf->nt", features, self._kept_weight[best]) + self._kept_bias[best]
        unsure = logit < EAST_ASIAN_CHECK_BELOW
        if unsure.any():
            probability = probability.astype(np.float64)  # index, a fancy-indexed array, is already its own
            other_logits = features[unsure] @ self._other_weight + self._other_bias  # (positions, others)
            other_best = other_logits.argmax(axis=1)
            other_logit = other_logits[np.arange(len(other_best)), other_best]
            # the whole softmax's denominator: the kept characters' (from their softmax) and the others'
            kept_log_sum = logit[unsure] - np.log(np.maximum(probability[unsure], 1e-30))
            whole_log_sum = np.logaddexp(kept_log_sum, _log_sum_exp(other_logits))
            taken = other_logit > logit[unsure]
            index[unsure] = np.where(taken, self._others[other_best], index[unsure])
            probability[unsure] = np.exp(np.where(taken, other_logit, logit[unsure]) - whole_log_sum)
        return self.decoder.decode(index, probability, return_word_box,
                                   kwargs.get("wh_ratio_list", (1.0,)), kwargs.get("max_wh_ratio", 1.0),
                                   remove_duplicate=True)


def _log_sum_exp(logits):
    top = logits.max(axis=1)
    return top + np.log(np.exp(logits - top[:, np.newaxis]).sum(axis=1))
