"""The jieba tokenizer of the policy pipeline, with its user dictionaries named in the pipeline config.

spaCy's own ``zh`` jieba segmenter takes no user dictionary, and ``nlp.to_disk`` does not save words added to
jieba (a process-global module). This registered tokenizer loads the dictionaries each time a pipeline is
built or loaded from disk, so a reloaded pipeline segments ``建档立卡`` as one word in a fresh process.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.util import registry

from extractor.extract.vocabulary import load_user_dictionary

TOKENIZER_NAME = "extractor.PolicyTokenizer.v1"


@registry.tokenizers(TOKENIZER_NAME)
def create_policy_tokenizer(user_dictionaries: list[str]) -> Callable[[Language], ChineseTokenizer]:
    """``user_dictionaries``: jieba user dictionary files, relative to ``models/``."""

    def make(nlp: Language) -> ChineseTokenizer:
        for path in user_dictionaries:
            load_user_dictionary(path)
        return ChineseTokenizer(nlp.vocab, segmenter=Segmenter.jieba)

    return make
