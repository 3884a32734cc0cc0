"""Resolve stage: cluster entity mentions across documents, keeping spelling variants visible."""
