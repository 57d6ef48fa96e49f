"""Numeric quotas: every quantity with an explicit unit in a sentence of normalized text (SPEC section 3).

>>> from extractor.extract.quotas import find_quotas
>>> [(q.text, q.value, q.unit) for q in find_quotas("扶持贫困832户1699人。")]
[('832户', 832.0, '户'), ('1699人', 1699.0, '人')]
"""

from extractor.extract.quotas.parser import QuotaMatch, find_quotas, may_hold_quota

__all__ = ["QuotaMatch", "find_quotas", "may_hold_quota"]
