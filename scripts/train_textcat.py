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
from extractor.extract.categories import classify_keywords, combine, load_taxonomy, measure_text
from extractor.extract.measures import Classifier, FoundMeasure, find_measures
from extractor.ingest import read_document
from extractor.nlp import blank_pipeline
from extractor.normalize import normalize
from extractor.resources import resource_path
from extractor.structure.document import Document, analyze

ROOT = Path(__file__).resolve().parent.parent
SEED, EPOCHS = 0, 12


@dataclass(frozen=True)
class Labelled:
    doc_id: str
    title: str
    body: str
    category: str


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    document: Document
    measures: list[dict]  # the gold measures


def gold_documents(gold_dir: Path) -> list[GoldDocument]:
    """Every gold document that has measures, analyzed as the extractor sees it."""
    documents = []
    for path in sorted(gold_dir.rglob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        if gold.get("measures"):
            document = analyze(normalize(read_document(ROOT / gold["source"]["path"]).text))
            documents.append(GoldDocument(gold["doc_id"], document, gold["measures"]))
    return documents


def _matched(gold: GoldDocument, predicted: list[FoundMeasure]) -> dict[int, int]:
    """Gold measure index → predicted measure index, by title (SPEC section 4)."""
    edges = {(i, j): 1 for i, g in enumerate(gold.measures) for j, p in enumerate(predicted)
             if char_overlap(g["title"], p.title) >= 0.8}
    return dict(match_pairs(edges))


def examples(gold: GoldDocument) -> list[Labelled]:
    """Each gold measure as the extractor sees it: its title and the body of the measure it is matched to."""
    predicted = find_measures(gold.document, classify_keywords)  # the bodies; the categories are not used
    matched = _matched(gold, predicted)
    text = gold.document.text
    return [Labelled(gold.doc_id, m["title"],
                     text[predicted[matched[i]].body[0]:predicted[matched[i]].body[1]] if i in matched else "",
                     m["category"]) for i, m in enumerate(gold.measures)]


def accuracy(gold: GoldDocument, classify: Classifier) -> tuple[int, int]:
    """Correct categories and matched measures when the pipeline runs with ``classify`` (SPEC section 4)."""
    predicted = find_measures(gold.document, classify)
    matched = _matched(gold, predicted)
    return sum(gold.measures[i]["category"] == predicted[j].category for i, j in matched.items()), len(matched)


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


def cross_validate(documents: list[GoldDocument]) -> dict[str, tuple[int, int]]:
    """Leave one document out: the model is trained on the others; every classifier runs in the pipeline on
    the held-out document (context included) and is scored on its matched measures."""
    labelled = {gold.doc_id: examples(gold) for gold in documents}
    scores = {"keywords": [0, 0], "textcat": [0, 0], "combined": [0, 0]}
    for held_out in documents:
        nlp = train([e for gold in documents if gold is not held_out for e in labelled[gold.doc_id]])

        def model(title: str, body: str) -> dict[str, float]:
            return nlp(measure_text(title, body)).cats

        classifiers: dict[str, Classifier] = {
            "keywords": classify_keywords,
            "textcat": lambda title, body, context: max((cats := model(title, body)), key=cats.get),
            "combined": lambda title, body, context: combine(title, body, context, model(title, body)),
        }
        for name, classify in classifiers.items():
            correct, total = accuracy(held_out, classify)
            scores[name][0] += correct
            scores[name][1] += total
    return {name: (correct, total) for name, (correct, total) in scores.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "gold")
    parser.add_argument("--cv", action="store_true", help="print the cross-validation table")
    parser.add_argument("--save", action="store_true", help="train on all gold and save to models/")
    args = parser.parse_args()
    documents = gold_documents(args.gold)
    labelled = [e for gold in documents for e in examples(gold)]
    if args.cv:
        print(f"{len(labelled)} labelled measures in {len(documents)} documents; leave-one-document-out\n")
        print("| classifier | accuracy | correct / matched |\n|---|---:|---:|")
        for name, (n, total) in cross_validate(documents).items():
            print(f"| {name} | {n / total:.3f} | {n}/{total} |")
    if args.save:
        target = resource_path("measures") / "textcat"
        train(labelled).to_disk(target)
        print(f"saved {target} ({len(labelled)} measures, {len(documents)} documents)")


if __name__ == "__main__":
    main()
