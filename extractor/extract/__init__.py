"""Extractors of record items (quotas, units, targets, measures) from normalized text."""
