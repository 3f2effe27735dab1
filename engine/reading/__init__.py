"""Reading a document: bytes → pages of placed words, and what a file states outright.

``loader`` (formats, limits, pages), ``pdf_text`` (a PDF's own text layer), ``layout`` (words, lines, boxes and
coordinates), ``ocr/`` (text recognition of pictures), ``structured`` (embedded e-invoices, UBL/CII, payment QR
codes) and ``budget`` (the time budget of one document). Internal to the engine: callers use ``engine``'s exports.
"""
