"""Ingest: bytes on disk -> normalised text, zones and metadata in the store."""
