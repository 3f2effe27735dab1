"""An ONNX model file read and extended without the ``onnx`` package (which the engine does not need else).

An ONNX file is one protocol-buffers message (ModelProto). Only what is needed here is decoded:
ModelProto.graph (field 7) → GraphProto's nodes (1), initialisers (5, TensorProto) and outputs (12,
ValueInfoProto); a node's inputs (1) and operator (4); a tensor's dims (1), data type (2), float_data (4),
name (8) and raw_data (9). Everything else is skipped by its length, or copied as it is.
"""
import numpy as np

_VARINT, _FIXED64, _LENGTH, _FIXED32 = 0, 1, 2, 5
_MODEL_GRAPH = 7
_GRAPH_NODE, _GRAPH_INITIALIZER, _GRAPH_OUTPUT = 1, 5, 12
_NODE_INPUT, _NODE_OPERATOR = 1, 4
_TENSOR_DIMS, _TENSOR_TYPE, _TENSOR_FLOATS, _TENSOR_NAME, _TENSOR_RAW = 1, 2, 4, 8, 9
_VALUE_NAME, _VALUE_TYPE, _TYPE_TENSOR, _TENSOR_TYPE_ELEMENT = 1, 2, 1, 1
_FLOAT = 1  # TensorProto.DataType.FLOAT


class OnnxFormatError(ValueError):
    """The file is not an ONNX model this reader understands."""


def float_initializers(model, wanted):
    """{name: float32 array} of the initialisers of ``model`` (the file's bytes) for which
    ``wanted(name, dims)`` is true."""
    tensors = {}
    for tensor in _fields(_graph(model), _GRAPH_INITIALIZER):
        name, dims, data_type, data = _tensor_header(tensor)
        if data_type != _FLOAT or not wanted(name, dims):
            continue
        values = np.frombuffer(data or b"", dtype="<f4")
        if values.size != int(np.prod(dims)):
            raise OnnxFormatError(f"initialiser {name} holds {values.size} values for dims {dims}")
        tensors[name] = values.reshape(dims).astype(np.float32)  # a copy: the file's buffer is let go
    return tensors


def nodes(model):
    """[(operator, [input names])] of the graph's nodes, in order."""
    found = []
    for node in _fields(_graph(model), _GRAPH_NODE):
        operator, inputs = "", []
        for number, wire, value in _walk(node):
            if number == _NODE_OPERATOR and wire == _LENGTH:
                operator = bytes(value).decode("utf-8")
            elif number == _NODE_INPUT and wire == _LENGTH:
                inputs.append(bytes(value).decode("utf-8"))
        found.append((operator, inputs))
    return found


def with_float_output(model, tensor_name):
    """The bytes of ``model`` with the float tensor ``tensor_name``, computed inside its graph, made one of the
    graph's outputs too (after those it has), so that a session can return it."""
    element = _key(_TENSOR_TYPE_ELEMENT, _VARINT) + _varint_bytes(_FLOAT)
    output = (_length_field(_VALUE_NAME, tensor_name.encode("utf-8"))
              + _length_field(_VALUE_TYPE, _length_field(_TYPE_TENSOR, element)))
    pieces, extended = [], False
    for number, wire, value, raw in _walk(_view(model), with_raw=True):
        if number == _MODEL_GRAPH and wire == _LENGTH and not extended:
            pieces.append(_length_field(_MODEL_GRAPH, bytes(value) + _length_field(_GRAPH_OUTPUT, output)))
            extended = True
        else:
            pieces.append(bytes(raw))
    if not extended:
        raise OnnxFormatError("the model has no graph")
    return b"".join(pieces)


def _graph(model):
    graphs = _fields(_view(model), _MODEL_GRAPH)
    if not graphs:
        raise OnnxFormatError("the model has no graph")
    return graphs[0]


def _view(model):
    return model if isinstance(model, memoryview) else memoryview(model)


def _tensor_header(tensor):
    """(name, dims, data type, the values' little-endian bytes or None) of a TensorProto."""
    name, dims, data_type, raw, floats = "", [], None, None, []
    for number, wire, value in _walk(tensor):
        if number == _TENSOR_NAME:
            name = bytes(value).decode("utf-8")
        elif number == _TENSOR_DIMS:
            dims.extend([value] if wire == _VARINT else _varints(value))  # proto2 writes dims unpacked
        elif number == _TENSOR_TYPE:
            data_type = value
        elif number == _TENSOR_RAW:
            raw = value
        elif number == _TENSOR_FLOATS:  # packed (one field) or not (one field per value): the bytes either way
            floats.append(bytes(value))
    return name, dims, data_type, raw if raw is not None else (b"".join(floats) or None)


def _fields(message, wanted_number):
    """The length-delimited values of field ``wanted_number`` in ``message``."""
    return [value for number, wire, value in _walk(message) if number == wanted_number and wire == _LENGTH]


def _walk(message, with_raw=False):
    """(field number, wire type, value) of each field of a protocol-buffers message, in order; with the
    field's own bytes (key included) as a fourth item if ``with_raw``."""
    position, end = 0, len(message)
    while position < end:
        start = position
        key, position = _varint(message, position)
        number, wire = key >> 3, key & 7
        if wire == _VARINT:
            value, position = _varint(message, position)
        elif wire == _FIXED64:
            value, position = message[position:position + 8], position + 8
        elif wire == _FIXED32:
            value, position = message[position:position + 4], position + 4
        elif wire == _LENGTH:
            length, position = _varint(message, position)
            value, position = message[position:position + length], position + length
        else:  # groups (3, 4) are not used by ONNX
            raise OnnxFormatError(f"unexpected wire type {wire} for field {number}")
        if position > end:
            raise OnnxFormatError("the message ends inside a field")
        yield (number, wire, value, message[start:position]) if with_raw else (number, wire, value)


def _varint(message, position):
    result = shift = 0
    while True:
        if position >= len(message):
            raise OnnxFormatError("the message ends inside a number")
        byte = message[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, position
        shift += 7


def _varints(packed):
    values, position = [], 0
    while position < len(packed):
        value, position = _varint(packed, position)
        values.append(value)
    return values


def _varint_bytes(value):
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _key(number, wire):
    return _varint_bytes(number << 3 | wire)


def _length_field(number, payload):
    return _key(number, _LENGTH) + _varint_bytes(len(payload)) + payload
