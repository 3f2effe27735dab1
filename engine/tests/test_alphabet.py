"""The recogniser's last layer computed for the East Asian characters only where one may be read
(engine/reading/ocr/alphabet.py), and the ONNX file reader it uses (engine/reading/ocr/onnx_file.py)."""
import struct

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from engine.reading.ocr import alphabet
from engine.reading.ocr.alphabet import is_east_asian
from engine.reading.ocr.onnx_file import OnnxFormatError, float_initializers, nodes, with_float_output
from engine.reading.ocr.onnx_file import _length_field as _field  # protocol-buffers encoding, to write test models
from engine.reading.ocr.onnx_file import _varint_bytes as _varint
from engine.tests.documents import FONT


def _tensor(name, values, raw=True, packed_dims=False, data_type=1):
    dims = b"".join(_varint(1 << 3) + _varint(dim) for dim in values.shape)
    if packed_dims:
        dims = _field(1, b"".join(_varint(dim) for dim in values.shape))
    if raw:
        body = _field(9, values.astype("<f4").tobytes())
    else:  # float_data written one fixed32 field per value, as proto2 does
        body = b"".join(_varint(4 << 3 | 5) + struct.pack("<f", value) for value in values.ravel())
    return dims + _varint(2 << 3) + _varint(data_type) + body + _field(8, name.encode())


def _node(operator, inputs, outputs):
    return (b"".join(_field(1, name.encode()) for name in inputs)
            + b"".join(_field(2, name.encode()) for name in outputs) + _field(4, operator.encode()))


def _float_value(name, dims):
    shape = b"".join(_field(1, _varint(1 << 3) + _varint(dim)) for dim in dims)
    return _field(1, name.encode()) + _field(2, _field(1, _varint(1 << 3) + _varint(1) + _field(2, shape)))


def _model(tensors, graph_nodes=(), inputs=(), outputs=()):
    """An ONNX ModelProto (IR 8, opset 13) with one graph."""
    graph = (b"".join(_field(1, node) for node in graph_nodes) + _field(2, b"main")
             + b"".join(_field(5, tensor) for tensor in tensors)
             + b"".join(_field(11, value) for value in inputs) + b"".join(_field(12, value) for value in outputs))
    opset = _field(8, _varint(2 << 3) + _varint(13))
    return _varint(1 << 3) + _varint(8) + opset + _field(7, graph) + _field(14, _field(1, b"character"))


def test_float_initialisers_are_read_raw_or_as_float_data_with_dims_packed_or_not():
    weight = np.arange(12, dtype=np.float32).reshape(3, 4) / 8
    bias = np.array([0.5, -1.25, 3.0, 7.5], dtype=np.float32)
    other = np.ones((2, 2), dtype=np.float32)
    model = _model([_tensor("w", weight), _tensor("b", bias, raw=False, packed_dims=True),
                    _tensor("other", other), _tensor("ints", other, data_type=7)])
    found = float_initializers(model, lambda name, dims: dims[-1] == 4)
    assert sorted(found) == ["b", "w"]
    np.testing.assert_array_equal(found["w"], weight)
    np.testing.assert_array_equal(found["b"], bias)
    assert sorted(float_initializers(model, lambda name, dims: True)) == ["b", "other", "w"]  # not int64


def test_a_truncated_or_empty_model_file_is_refused():
    whole = _model([_tensor("w", np.ones((3, 4), dtype=np.float32))])
    with pytest.raises(OnnxFormatError):
        float_initializers(whole[:-30], lambda name, dims: True)
    with pytest.raises(OnnxFormatError):
        with_float_output(b"", "h")


def test_a_tensor_inside_the_graph_becomes_an_output_the_session_returns():
    onnxruntime = pytest.importorskip("onnxruntime")
    weight = np.array([[1, 2, 0], [0, 1, 3]], dtype=np.float32)
    bias = np.array([0.5, 0, -1], dtype=np.float32)
    model = _model([_tensor("w", weight), _tensor("b", bias)],
                   graph_nodes=[_node("Neg", ["x"], ["h"]), _node("MatMul", ["h", "w"], ["z"]),
                                _node("Add", ["z", "b"], ["logits"]), _node("Softmax", ["logits"], ["p"])],
                   inputs=[_float_value("x", [1, 2])], outputs=[_float_value("p", [1, 3])])
    assert nodes(model) == [("Neg", ["x"]), ("MatMul", ["h", "w"]), ("Add", ["z", "b"]), ("Softmax", ["logits"])]
    x = np.array([[1.0, -2.0]], dtype=np.float32)
    session = onnxruntime.InferenceSession(with_float_output(model, "h"), providers=["CPUExecutionProvider"])
    probabilities, features = session.run(None, {"x": x})
    np.testing.assert_allclose(features, -x)
    logits = -x @ weight + bias
    np.testing.assert_allclose(probabilities, np.exp(logits) / np.exp(logits).sum(), rtol=1e-6)


def test_east_asian_characters_are_told_from_those_of_european_documents():
    assert all(map(is_east_asian, "中文あアｱ한ㄱ（：𠀀"))
    assert not any(map(is_east_asian, "aZéßÆŁΩЖ€£¥№°±½“”…—•✉☎ 0"))
    assert not is_east_asian("blank")  # CTC's blank, a name rather than a character


@pytest.fixture(scope="module")
def recognisers():
    """(narrowed, whole): the engine's recogniser and RapidOCR's own, on the same model."""
    rapidocr = pytest.importorskip("rapidocr")
    from engine.reading.ocr import get_backend

    narrowed = get_backend("rapidocr")._engine._load_rec_model()
    whole = rapidocr.RapidOCR(params={
        "Global.log_level": "error", "Rec.model_path": narrowed.cfg.model_path,
        "EngineConfig.onnxruntime.intra_op_num_threads": 1})._load_rec_model()
    return narrowed, whole


def _recognised(recogniser, line):
    from rapidocr.ch_ppocr_rec.typings import TextRecInput

    return recogniser(TextRecInput(img=[line]))


def _printed(text, height=40):
    font = ImageFont.truetype(FONT, 28)
    width = int(ImageDraw.Draw(Image.new("L", (1, 1))).textlength(text, font=font)) + 24
    image = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(image).text((12, 5), text, font=font, fill="black")
    return np.ascontiguousarray(np.asarray(image)[:, :, ::-1])


def test_the_model_computes_its_last_layer_for_the_characters_that_are_not_east_asian(recognisers):
    narrowed, whole = recognisers
    characters = whole.postprocess_op.character
    line = np.zeros((1, 3, 48, 320), dtype=np.float32)
    probabilities, features = narrowed.session(line)
    assert probabilities.shape[-1] == len(characters) - sum(map(is_east_asian, characters)) < 3000
    assert narrowed.postprocess_op.character == characters  # still decoded in the whole alphabet
    # the features returned are those the whole layer is computed from
    decoder = narrowed.postprocess_op
    weight = np.zeros((features.shape[-1], len(characters)), dtype=np.float32)
    weight[:, decoder._kept], weight[:, decoder._others] = decoder._kept_weight.T, decoder._other_weight
    bias = np.zeros(len(characters), dtype=np.float32)
    bias[decoder._kept], bias[decoder._others] = decoder._kept_bias, decoder._other_bias
    logits = features[0] @ weight + bias
    expected = np.exp(logits - logits.max(axis=1, keepdims=True))
    np.testing.assert_allclose(expected / expected.sum(axis=1, keepdims=True), whole.session(line)[0], atol=1e-5)


@pytest.mark.parametrize("text", ["Rechnungsbetrag: 1.234,56 EUR", "Façade № 12 — Ωmega ЖУК £7.50",
                                  "IBAN DE89 3704 0044 0532 0130 00"])
def test_european_text_is_read_as_the_whole_alphabet_reads_it(recognisers, text):
    narrowed, whole = recognisers
    read, expected = _recognised(narrowed, _printed(text)), _recognised(whole, _printed(text))
    assert read.txts == expected.txts and read.scores == pytest.approx(expected.scores, abs=0.01)
    assert read.txts[0].replace(" ", "")[:6] == text.replace(" ", "")[:6]


# Chinese characters drawn stroke by stroke on a 10 x 10 grid (no CJK font is needed): (x0, y0, x1, y1)
_STROKES = {
    "王": [(1, 1, 9, 1), (2, 5, 8, 5), (0, 9, 10, 9), (5, 1, 5, 9)],
    "工": [(1, 1, 9, 1), (0, 9, 10, 9), (5, 1, 5, 9)],
    "中": [(1, 2, 9, 2), (1, 7, 9, 7), (1, 2, 1, 7), (9, 2, 9, 7), (5, 0, 5, 10)],
    "日": [(2, 0, 8, 0), (2, 5, 8, 5), (2, 10, 8, 10), (2, 0, 2, 10), (8, 0, 8, 10)],
    "三": [(2, 1, 8, 1), (3, 5, 7, 5), (0, 9, 10, 9)],
}


def _drawn_chinese(text, cell=36):
    image = Image.new("RGB", (cell * len(text) + 40, cell + 20), "white")
    draw = ImageDraw.Draw(image)
    step = (cell - 10) / 10
    for position, character in enumerate(text):
        left, top = 23 + position * cell, 13
        for x0, y0, x1, y1 in _STROKES[character]:
            draw.line((left + x0 * step, top + y0 * step, left + x1 * step, top + y1 * step), fill="black", width=4)
    return np.ascontiguousarray(np.asarray(image)[:, :, ::-1])


@pytest.mark.parametrize("text", ["王中日", "工王中", "中日三"])
def test_chinese_characters_are_read_as_the_whole_alphabet_reads_them(recognisers, text, monkeypatch):
    narrowed, whole = recognisers
    line = _drawn_chinese(text)
    expected = _recognised(whole, line)
    assert expected.txts == (text,)  # the drawing is legible
    read = _recognised(narrowed, line)
    assert read.txts == expected.txts and read.scores == pytest.approx(expected.scores, abs=0.01)
    monkeypatch.setattr(alphabet, "EAST_ASIAN_CHECK_BELOW", -np.inf)  # never scored: the characters are lost
    assert not any(map(is_east_asian, _recognised(narrowed, line).txts[0]))


def test_an_onnx_runtime_that_refuses_the_narrowed_layer_leaves_the_recogniser_whole(recognisers, monkeypatch):
    import onnxruntime
    import rapidocr

    narrowed, _whole = recognisers
    recogniser = rapidocr.RapidOCR(params={"Global.log_level": "error", "Rec.model_path": narrowed.cfg.model_path,
                                           "EngineConfig.onnxruntime.intra_op_num_threads": 1})._load_rec_model()
    session, decoder = recogniser.session, recogniser.postprocess_op

    def refuse(*args, **kwargs):
        raise RuntimeError("initializer shape mismatch")

    monkeypatch.setattr(onnxruntime, "InferenceSession", refuse)
    assert alphabet.narrow_recogniser(recogniser, narrowed.cfg.model_path) is False
    assert recogniser.session is session and recogniser.postprocess_op is decoder
    assert _recognised(recogniser, _printed("Total 99.00")).txts == ("Total 99.00",)
    assert alphabet.narrow_recogniser(recogniser, "/nonexistent/model.onnx") is False
