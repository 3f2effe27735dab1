"""Field extractors: pages with words → Extract API feature results, per document type."""
