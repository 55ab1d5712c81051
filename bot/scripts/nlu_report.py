"""NLU evaluation on a held-out split: prints the intent macro F1.

Run from bot/ with the bot's virtual environment:

    .venv/bin/python scripts/nlu_report.py            # 80/20 split, seed 2026
    .venv/bin/python scripts/nlu_report.py --min-f1 0.9 --train-frac 0.8

What it does:
1. loads data/nlu/, sorts the examples (canonical_order.py: the same content gives
   the same split whatever order the files hold it in), splits every intent 80/20
   (stratified, fixed seed) and writes the two halves to results/nlu_split/;
2. trains an NLU-only model on the 80% with config.yml (the real pipeline,
   FallbackClassifier included) - `rasa train nlu`;
3. runs `rasa test nlu --successes` on the 20% and reads every prediction back;
4. prints macro F1 over the intents of the data (the mean of per-intent F1).
   Like `rasa test nlu`, it scores the classifier's top intent: Rasa undoes the
   FallbackClassifier's nlu_fallback during evaluation, so the script also
   prints how many held-out messages would have fallen back (confidence below
   the threshold). Exits 1 if macro F1 < --min-f1 (default 0.90).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

BOT_DIR = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).with_name("rasa"))
if str(BOT_DIR) not in sys.path:
    sys.path.insert(0, str(BOT_DIR))  # canonical_order


def split_data(data_dir: Path, out_dir: Path, train_frac: float,
               seed: int) -> Tuple[Path, Path]:
    from rasa.shared.nlu.training_data.loading import load_data

    from canonical_order import canonical

    # Rasa's split depends on the order of the examples (60 of 637 held-out examples changed when the demo's
    # were shuffled), so the examples are sorted first, as config.yml's importer sorts them for training.
    data = canonical(load_data(str(data_dir)))
    train, test = data.train_test_split(train_frac=train_frac, random_seed=seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    train_path, test_path = out_dir / "train.yml", out_dir / "test.yml"
    train_path.write_text(train.nlu_as_yaml(), encoding="utf-8")
    test_path.write_text(test.nlu_as_yaml(), encoding="utf-8")
    print(
        f"Split data/nlu: {len(train.intent_examples)} training, "
        f"{len(test.intent_examples)} held-out examples, {len(data.intents)} intents"
    )
    return train_path, test_path


def run(cmd: List[str]) -> None:
    print("$", " ".join(cmd), flush=True)
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false")
    completed = subprocess.run(
        cmd, cwd=BOT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True,
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr[-4000:])
        raise SystemExit(f"command failed with exit code {completed.returncode}")


def read_predictions(report_dir: Path) -> List[Tuple[str, str, float, str]]:
    rows = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = report_dir / name
        if not path.exists():
            continue
        for item in json.loads(path.read_text(encoding="utf-8")):
            predicted = item.get("intent_prediction") or {}
            rows.append(
                (item["intent"], predicted.get("name") or "", predicted.get("confidence") or 0.0,
                 item.get("text", ""))
            )
    return rows


def scores(rows: List[Tuple[str, str, float, str]]) -> Dict[str, Dict[str, float]]:
    labels = sorted({target for target, _, _, _ in rows})
    result = {}
    for label in labels:
        tp = sum(1 for t, p, _, _ in rows if t == label and p == label)
        fp = sum(1 for t, p, _, _ in rows if t != label and p == label)
        fn = sum(1 for t, p, _, _ in rows if t == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[label] = {"precision": precision, "recall": recall, "f1": f1,
                         "support": tp + fn}
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-frac", type=float, default=0.8)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--min-f1", type=float, default=0.90)
    parser.add_argument("--out", default="results/nlu_split")
    parser.add_argument("--config", default="config.yml")
    parser.add_argument("--data", default="data/nlu", help="NLU data to split")
    args = parser.parse_args()

    out_dir = BOT_DIR / args.out
    train_path, test_path = split_data(BOT_DIR / args.data, out_dir, args.train_frac, args.seed)
    models_dir = out_dir / "models"
    run([RASA, "train", "nlu", "--config", args.config, "--nlu", str(train_path),
         "--out", str(models_dir), "--fixed-model-name", "nlu_split"])
    report_dir = out_dir / "report"
    run([RASA, "test", "nlu", "--model", str(models_dir / "nlu_split.tar.gz"),
         "--nlu", str(test_path), "--out", str(report_dir), "--successes",
         "--no-plot"])

    rows = read_predictions(report_dir)
    if not rows:
        raise SystemExit("no predictions found in " + str(report_dir))
    per_intent = scores(rows)
    macro_f1 = sum(s["f1"] for s in per_intent.values()) / len(per_intent)
    accuracy = sum(1 for t, p, _, _ in rows if t == p) / len(rows)
    fallbacks = sum(1 for _, p, _, _ in rows if p == "nlu_fallback")

    print()
    print("Intents below F1 1.00:")
    for label, s in sorted(per_intent.items(), key=lambda kv: kv[1]["f1"]):
        if s["f1"] < 1.0:
            print(f"  {label:34s} F1 {s['f1']:.2f}  P {s['precision']:.2f}  "
                  f"R {s['recall']:.2f}  n={s['support']}")
    print("Misclassified held-out examples:")
    confusions = Counter()
    for target, predicted, confidence, text in rows:
        if target != predicted:
            confusions[(target, predicted)] += 1
            print(f"  {text!r}: {target} -> {predicted} ({confidence:.2f})")
    print()
    print(f"Held-out examples: {len(rows)}   accuracy: {accuracy:.3f}   "
          f"fell back (nlu_fallback): {fallbacks}")
    print(f"Intent macro F1: {macro_f1:.3f}  (minimum {args.min_f1:.2f})")
    (out_dir / "summary.json").write_text(json.dumps(
        {"macro_f1": macro_f1, "accuracy": accuracy, "examples": len(rows),
         "fallbacks": fallbacks, "per_intent": per_intent}, indent=2), encoding="utf-8")
    return 0 if macro_f1 >= args.min_f1 else 1


if __name__ == "__main__":
    sys.exit(main())
