"""config.yml's importer trains the same content in the same order, whatever order the files hold it in."""

import random

import yaml
from rasa.shared.importers.importer import TrainingDataImporter

from canonical_order import CanonicalOrderImporter, canonical
from conftest import BOT_DIR

PAGES = {
    "report_noise": ["my neighbour plays loud music", "noise complaint", "the pub is too loud at night"],
    "garden_waste": ["brown bin subscription", "how do I join garden waste", "green waste collection"],
    "pay_council_tax": ["pay council tax", "council tax payment online"],
}


def write_nlu(path, pages, seed):
    """The pages' questions as a Rasa NLU file, intents and questions in an order shuffled by seed."""
    shuffle = random.Random(seed).shuffle
    intents = list(pages)
    shuffle(intents)
    lines = ['version: "3.1"', "nlu:"]
    for intent in intents:
        questions = list(pages[intent])
        shuffle(questions)
        lines += [f"- intent: {intent}", "  examples: |"] + [f"    - {q}" for q in questions]
    lines += ["- regex: postcode", "  examples: |", "    - [A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def examples(data):
    return [(message.get("intent"), message.get("text")) for message in data.training_examples]


def test_the_same_content_in_another_order_is_trained_in_one_order(tmp_path):
    first = write_nlu(tmp_path / "a.yml", PAGES, seed=1)
    second = write_nlu(tmp_path / "b.yml", PAGES, seed=2)
    loaded = [CanonicalOrderImporter(None, None, [str(path)]).get_nlu_data() for path in (first, second)]
    assert examples(loaded[0]) == examples(loaded[1])
    assert examples(loaded[0]) == sorted(examples(loaded[0]))
    assert loaded[0].regex_features == loaded[1].regex_features == [
        {"name": "postcode", "pattern": "[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}"}
    ]
    assert loaded[0].fingerprint() == loaded[1].fingerprint()


def test_canonical_keeps_every_example():
    data = CanonicalOrderImporter(None, None, [str(BOT_DIR / "data" / "nlu")]).get_nlu_data()
    assert sorted(examples(canonical(data))) == sorted(examples(data))
    assert len(canonical(data).training_examples) == len(data.training_examples)


def test_config_trains_through_the_importer(tmp_path, monkeypatch):
    """`rasa train` (run in bot/) reads config.yml's importers: the model's data comes sorted."""
    config = yaml.safe_load((BOT_DIR / "config.yml").read_text(encoding="utf-8"))
    assert config["importers"] == [{"name": "canonical_order.CanonicalOrderImporter"}]
    monkeypatch.chdir(BOT_DIR)
    nlu = write_nlu(tmp_path / "nlu.yml", PAGES, seed=3)
    importer = TrainingDataImporter.load_nlu_importer_from_config("config.yml", None, [str(nlu)])
    loaded = examples(importer.get_nlu_data())
    assert loaded == sorted(loaded)
