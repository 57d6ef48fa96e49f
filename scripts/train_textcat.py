"""Train the measure-category TextCategorizer on gold/ and compare it with the keyword baseline.

    python scripts/train_textcat.py --cv      # leave-one-document-out table: keywords vs textcat vs combined
    python scripts/train_textcat.py --save    # train on every gold document, write models/measures/textcat

Examples are the gold measures of every gold file that carries ``measures``; each reads as the extractor sees
it (title and the start of its body, from the extracted measure its title matches), labelled with the gold
category. Folds are documents: no document is in both the training and the test side. Seeded: the same
gold gives the same model and the same table.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.training import Example

from extractor.evaluate.matching import char_overlap, match_pairs
from extractor.extract.categories import classify_keywords, combine, keyword_scores, load_taxonomy, measure_text
from extractor.extract.measures import find_measures
from extractor.ingest import read_document
from extractor.nlp import blank_pipeline
from extractor.normalize import normalize
from extractor.resources import resource_path
from extractor.structure.document import analyze

ROOT = Path(__file__).resolve().parent.parent
SEED, EPOCHS = 0, 12


@dataclass(frozen=True)
class Labelled:
    doc_id: str
    title: str
    body: str
    category: str


def gold_examples(gold_dir: Path) -> list[Labelled]:
    examples = []
    for path in sorted(gold_dir.rglob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        if not gold.get("measures"):
            continue
        document = analyze(normalize(read_document(ROOT / gold["source"]["path"]).text))
        predicted = find_measures(document, classify_keywords)  # the bodies; the categories are not used
        edges = {(i, j): 1 for i, g in enumerate(gold["measures"]) for j, p in enumerate(predicted)
                 if char_overlap(g["title"], p.title) >= 0.8}
        matched = dict(match_pairs(edges))
        for i, measure in enumerate(gold["measures"]):
            found = predicted[matched[i]] if i in matched else None
            body = document.text[found.body[0]:found.body[1]] if found else ""
            examples.append(Labelled(gold["doc_id"], measure["title"], body, measure["category"]))
    return examples


def train(examples: list[Labelled]) -> spacy.Language:
    spacy.util.fix_random_seed(SEED)
    nlp = blank_pipeline()
    textcat = nlp.add_pipe("textcat", config={"model": {"@architectures": "spacy.TextCatBOW.v3",
                                                        "exclusive_classes": True, "ngram_size": 2,
                                                        "no_output_layer": False, "length": 2**15}})
    codes = [c.code for c in load_taxonomy()]
    for code in codes:
        textcat.add_label(code)
    data = [Example.from_dict(nlp.make_doc(measure_text(e.title, e.body)),
                              {"cats": {c: float(c == e.category) for c in codes}}) for e in examples]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(SEED)
    for _ in range(EPOCHS):
        rng.shuffle(data)
        for batch in spacy.util.minibatch(data, size=16):
            nlp.update(batch, sgd=optimizer)
    return nlp


def cross_validate(examples: list[Labelled]) -> dict[str, tuple[int, int]]:
    correct = {"keywords": 0, "textcat": 0, "combined": 0}
    for doc_id in sorted({e.doc_id for e in examples}):
        test = [e for e in examples if e.doc_id == doc_id]
        nlp = train([e for e in examples if e.doc_id != doc_id])
        for e in test:
            model = nlp(measure_text(e.title, e.body)).cats
            correct["keywords"] += classify_keywords(e.title, e.body) == e.category
            correct["textcat"] += max(model, key=model.get) == e.category
            correct["combined"] += combine(keyword_scores(e.title, e.body), model) == e.category
    return {name: (n, len(examples)) for name, n in correct.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "gold")
    parser.add_argument("--cv", action="store_true", help="print the cross-validation table")
    parser.add_argument("--save", action="store_true", help="train on all gold and save to models/")
    args = parser.parse_args()
    examples = gold_examples(args.gold)
    documents = len({e.doc_id for e in examples})
    if args.cv:
        print(f"{len(examples)} labelled measures in {documents} documents; leave-one-document-out\n")
        print("| classifier | accuracy | correct |\n|---|---:|---:|")
        for name, (n, total) in cross_validate(examples).items():
            print(f"| {name} | {n / total:.3f} | {n}/{total} |")
    if args.save:
        target = resource_path("measures") / "textcat"
        train(examples).to_disk(target)
        print(f"saved {target} ({len(examples)} measures, {documents} documents)")


if __name__ == "__main__":
    main()
