"""Tuned candidate scores that more than one module uses, named once.

A score orders the candidates of one feature and says how sure the engine is; it never says what a candidate
is: that is ``Candidate.kind`` (the ``KIND_*`` names below). The values were tuned on the labelled datasets
(README.rst, "Benchmarks"): changing one changes the figures.
"""
# read from data the document states outright (an embedded e-invoice, a payment QR code)
EMBEDDED = 1.0
# a value the page implies without printing it (a tax of 0.00, a quantity of 1)
IMPLIED = 0.3
# at least as likely as not: what a multi-valued feature selects, what is trusted as the issuer's own address
LIKELY = 0.5

# parties (supplier, client): where the name was found
SUPPLIER_HEADING = 0.85  # under "From:", "Lieferant"
CLIENT_HEADING = 0.8  # under "Bill To:", "Rechnungsadresse" (the next headings of the row: 0.1 less)
SENDER_LINE = 0.7  # the one-line sender address over the envelope window
SIGNATURE_HEADING_THE_PAGE = 0.7  # the name signed under "Kind regards," that also heads the page
SIGNATURE = 0.5  # the name signed under "Kind regards,"
OWN_NAME = 0.9  # the user's own company, found among the other side's names
LATER_PAGE = -0.2  # a name found on the second page
SURE_PARTY = 0.7  # the other side drops a name the winning side holds at least this surely

# Candidate.kind: what a candidate is, where a rule depends on it
KIND_SENDER_LINE = "sender_line"
KIND_SIGNATURE = "signature"
KIND_SIGNED_LETTERHEAD = "signed_letterhead"  # a signed name that also heads the page
