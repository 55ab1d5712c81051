"""The training data in one fixed order, whatever order the export wrote it in (config.yml's `importers`).

Rasa's training is reproducible for the same files: with the seeds of config.yml two trainings give the same
weights, bit for bit, whatever PYTHONHASHSEED or the number of TensorFlow threads (bench/training_spread.py).
But it depends on the order of the NLU examples (DIETClassifier batches them in that order before shuffling
with its seed), and the export writes the pages in page-tree order, so the same pages and questions in another
order (a page moved in the tree, pages created in another order in another database) trained another model:
as different as a new random seed. Rasa's cache cannot see it either: its fingerprint of the data ignores the
order, so a machine with a cache reuses its old model and one without trains a different one.

Sorting the examples (by intent, then text) before training makes the model a function of the content only.
Training only: the Rasa servers never load this module (a model holds no reference to its importer).
`rasa` finds it because it runs in bot/ (Rasa puts the working folder on sys.path); if it cannot be imported
Rasa warns "Importer ... not found" and trains the files in their own order.
"""
from typing import Optional, Text

from rasa.shared.importers.rasa import RasaFileImporter
from rasa.shared.nlu.training_data.training_data import TrainingData


def example_key(message):
    return (message.get("intent") or "", message.get("text") or "", message.fingerprint())


def canonical(data: TrainingData) -> TrainingData:
    """The same examples, synonyms, regexes, lookup tables and responses, in a fixed order."""
    return TrainingData(
        sorted(data.training_examples, key=example_key),
        entity_synonyms=dict(sorted(data.entity_synonyms.items())),
        regex_features=data.regex_features,  # TrainingData sorts these itself
        lookup_tables=sorted(data.lookup_tables, key=lambda table: str(table.get("name"))),
        responses=dict(sorted(data.responses.items())),
    )


class CanonicalOrderImporter(RasaFileImporter):
    """Rasa's own file importer, with the NLU examples sorted."""

    def get_nlu_data(self, language: Optional[Text] = "en") -> TrainingData:
        return canonical(super().get_nlu_data(language))
