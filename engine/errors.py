"""The one exception type the engine raises for documents it cannot read."""


class DocumentError(Exception):
    """A document the engine refuses or cannot read.

    ``code`` is a stable machine-readable reason, one of:

    ``unsupported_format``  the bytes are not a pdf/png/jpg/bmp/tif/gif (or xml e-invoice)
    ``empty``               no bytes, or a PDF without pages
    ``corrupt``             the file is damaged and cannot be decoded
    ``encrypted``           the PDF is password protected
    ``too_large``           file, page count or pixel count over the limits (decompression bombs included:
                            a stream of a PDF or an image that inflates past ``Limits``)
    ``timeout``             reading the document took longer than ``Limits.max_seconds`` (the time budget,
                            checked between pages and inside OCR); no partial result is returned
    """

    CODES = ("unsupported_format", "empty", "corrupt", "encrypted", "too_large", "timeout")

    def __init__(self, code, message):
        assert code in self.CODES, code
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self):
        return f"{self.code}: {self.message}"
