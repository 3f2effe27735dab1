"""How documents print things, whatever their layout: ``keywords`` (the labels of each field in each language,
legal forms, stamps), ``dates`` (printed dates), ``numbers`` (printed amounts, decimal separators) and ``text``
(folding, spacing, compact codes). Internal to the engine: callers use ``engine``'s exports.
"""
