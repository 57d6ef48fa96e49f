"""jieba, set up once per process: quiet, cached in the temp folder, with the policy-vocabulary user
dictionary from ``models/`` loaded explicitly (jieba is a process-global module: a user word added here is
seen by every tokenizer in the process, and no pipeline file on disk remembers it)."""

from __future__ import annotations

import logging
from functools import cache

import jieba

from extractor.resources import resource_path

POLICY_TERMS = "vocabulary/policy_terms.txt"


@cache
def load_user_dictionary(relative_path: str) -> None:
    """Add the words of a jieba user dictionary under ``models/`` (once per process and file)."""
    jieba.setLogLevel(logging.WARNING)
    jieba.dt.initialize()
    jieba.dt.load_userdict(str(resource_path(*relative_path.split("/"))))


def tokenizer() -> jieba.Tokenizer:
    load_user_dictionary(POLICY_TERMS)
    return jieba.dt


def word_frequency(word: str) -> int:
    """How common ``word`` is as a word in jieba's dictionary (0 when it is no word there)."""
    return tokenizer().FREQ.get(word, 0) or 0
