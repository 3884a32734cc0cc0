"""claim-audit: a provenance audit for factual claims across documents."""

__version__ = "0.1.0"
