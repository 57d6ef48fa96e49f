"""jieba, set up once per process: quiet, cached in the temp folder, with the policy-vocabulary user
dictionary from ``models/`` loaded explicitly (jieba is a process-global module)."""

from __future__ import annotations

import logging
from functools import cache

import jieba

from extractor.resources import resource_path


@cache
def tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    jieba.dt.initialize()
    jieba.dt.load_userdict(str(resource_path("vocabulary", "policy_terms.txt")))
    return jieba.dt


def word_frequency(word: str) -> int:
    """How common ``word`` is as a word in jieba's dictionary (0 when it is no word there)."""
    return tokenizer().FREQ.get(word, 0) or 0
