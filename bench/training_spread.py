"""Benchmark: do two trainings of the same export give the same assistant? Not a test: it asserts nothing.

Trains the same data twice (or --runs times) with the bot's own `rasa train`, each into its own temporary
folder, loads every model (rasa.core.agent.Agent) and parses the same sentences with each, then prints how
far the models agree with the first one:

* the share of sentences whose top intent is the same, and whose intent ranking (Rasa's top 10, the
  FallbackClassifier's nlu_fallback left out) is in the same order;
* the largest and mean absolute difference in confidence (per sentence: the largest difference over the
  intents both rankings list);
* in --mode split, the intent macro F1 and accuracy of each run on the held-out questions (the number the
  update gate compares);
* whether the trained weights are identical (DIETClassifier, and every trained policy in --mode full) and which other
  model files differ;
* the time of every stage, and of each training.

Modes:
  split (default)  bot/scripts/nlu_report.py's split of the export's NLU data (80/20, seed 2026): an
                   NLU-only model trained on the 80%, parsed on the 20% it never saw (what the gate's
                   held-out F1 measures);
  full             the whole model (NLU and dialogue) from the export, as `make bot-train` and "Update the
                   assistant" train it, parsed on the user turns of bot/tests/test_stories.yml and
                   conversation_stories.yml and on the split's 20% (all seen in training here).

What the second and later trainings change (--vary):
  none (default)   nothing: is training reproducible?
  order            the same examples in another order (what moving a page in the page tree does to the
                   export): is the model a function of the content?
  seed             random_seed + n in config.yml: the spread any change of content brings (the update gate
                   compares a candidate with new content to the live model, so this is its noise).

Run from the repository root with the bot's Python, after `make bot-export` (or give --export):

    bot/.venv/bin/python bench/training_spread.py [--mode split|full] [--runs 2] [--vary none|order|seed]
        [--env KEY=VALUE ...] [--other-env KEY=VALUE ...] [--no-bot-env] [--keep] [--json out.json]

--env sets a variable for every training (repeat it; KEY= removes one), --other-env for the second and later
ones only (for example TF_INTRA_OP_PARALLELISM_THREADS=1: does the number of threads change the model?). By
default the trainings get the bot's training environment (bot/bot.mk's BOT_ENV and BOT_TRAIN_ENV).
Every training has its own empty Rasa cache. The export is copied first, so a `make bot-export` running
meanwhile changes nothing here; nothing is written into bot/.

Two 50-epoch trainings take about 3 minutes in split mode and 7 in full mode on the 2-core machine.
"""
import argparse
import asyncio
import hashlib
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BOT = REPO / "bot"
SPLIT_SEED = 2026  # bot/scripts/nlu_report.py's default
TRAIN_FRAC = 0.8
QUIET = {"RASA_TELEMETRY_ENABLED": "false", "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "TF_CPP_MIN_LOG_LEVEL": "2",
         "PYTHONWARNINGS": "ignore"}


def stage(name, started):
    print(f"  [{time.monotonic() - started:7.1f} s] {name}", flush=True)


def bot_env_from_makefile():
    """BOT_ENV's and BOT_TRAIN_ENV's assignments in bot/bot.mk (KEY=VALUE words, lines joined by backslashes):
    what `make bot-train` trains with."""
    text = (BOT / "bot.mk").read_text(encoding="utf-8")
    env = {}
    for name in ("BOT_ENV", "BOT_TRAIN_ENV"):
        match = re.search(rf"^{name}\s*:?=\s*((?:.*\\\n)*.*)$", text, re.MULTILINE)
        if match:
            words = shlex.split(match.group(1).replace("\\\n", " "))
            env.update(word.split("=", 1) for word in words if "=" in word)
    return env


def split_export(nlu_dir, out_dir):
    """bot/scripts/nlu_report.py's own split: (train file, [(text, intent)] held out)."""
    from rasa.shared.nlu.training_data.loading import load_data

    sys.path[:0] = [p for p in (str(BOT), str(BOT / "scripts")) if p not in sys.path]
    from nlu_report import split_data

    train_path, test_path = split_data(nlu_dir, out_dir, TRAIN_FRAC, SPLIT_SEED)
    return train_path, [(m.get("text"), m.get("intent")) for m in load_data(str(test_path)).intent_examples]


def story_user_turns(paths):
    import yaml

    turns = []
    for path in paths:
        for story in yaml.safe_load(path.read_text(encoding="utf-8")).get("stories", []):
            for step in story.get("steps", []):
                if "user" in step and "intent" in step:
                    text = step["user"].strip()
                    if not text.startswith("/"):
                        turns.append((text, step["intent"]))
    return turns


def reordered_nlu(source, target, seed):
    """The same NLU examples as source (a file or folder) in another order, written to target (a file)."""
    import random

    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData

    data = load_data(str(source))
    examples = list(data.training_examples)
    random.Random(seed).shuffle(examples)
    reordered = TrainingData(examples, entity_synonyms=data.entity_synonyms, regex_features=data.regex_features,
                             lookup_tables=data.lookup_tables, responses=data.responses)
    target.write_text(reordered.nlu_as_yaml(), encoding="utf-8")
    return target


def prepare_run(mode, workdir, index, config, train_nlu, vary):
    """(config, NLU file or export folder) for one training: the first always as given."""
    if index == 0 or vary == "none":
        return config, (train_nlu if mode == "split" else workdir / "export")
    if vary == "seed":
        text = re.sub(r"random_seed:\s*(\d+)", lambda m: f"random_seed: {int(m.group(1)) + index}",
                      config.read_text(encoding="utf-8"))
        run_config = workdir / f"config{index}.yml"
        run_config.write_text(text, encoding="utf-8")
        return run_config, (train_nlu if mode == "split" else workdir / "export")
    # vary == "order": the same examples, shuffled (what a page moved in the page tree does to the export)
    if mode == "split":
        return config, reordered_nlu(train_nlu, workdir / f"train{index}.yml", index)
    export = workdir / f"export{index}"
    shutil.copytree(workdir / "export", export)
    for path in sorted((export / "data" / "nlu").glob("*.yml")):
        reordered_nlu(path, path, index)
    return config, export


def train(mode, workdir, index, config, data, env):
    out = workdir / f"run{index}"
    rasa = str(Path(sys.executable).with_name("rasa"))
    if mode == "split":
        args = [rasa, "train", "nlu", "--config", str(config), "--nlu", str(data)]
    else:
        args = [rasa, "train", "--config", str(config), "--domain", str(data / "domain.yml"),
                "--data", str(data / "data")]
    args += ["--out", str(out), "--fixed-model-name", "model"]
    log = workdir / f"train{index}.log"
    # Each training gets its own, empty graph cache: Rasa would otherwise reuse the first training's
    # components (same fingerprint) and the two models would agree by construction.
    cache = workdir / f"cache{index}"
    # Rasa runs here, not in bot/: bot/ on the path finds config.yml's importer (bot/canonical_order.py).
    path = os.pathsep.join(filter(None, [str(BOT), env.get("PYTHONPATH")]))
    env = {**env, "RASA_CACHE_DIRECTORY": str(cache), "PYTHONPATH": path}
    started = time.monotonic()
    with open(log, "w", encoding="utf-8") as handle:
        completed = subprocess.run(args, cwd=workdir, env=env, stdout=handle, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - started
    if completed.returncode != 0:
        sys.stderr.write(log.read_text(encoding="utf-8", errors="replace")[-3000:])
        raise SystemExit(f"training {index} failed (exit {completed.returncode}); log: {log}")
    return out / "model.tar.gz", seconds


def parse_all(model, texts):
    """[[(intent, confidence), ...] per text]: Rasa's intent ranking without nlu_fallback."""
    import logging

    import structlog
    from rasa.core.agent import Agent

    if str(BOT) not in sys.path:
        sys.path.insert(0, str(BOT))

    # Rasa's processor logs every parse at debug level through structlog: keep the output to the results.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    logging.getLogger("rasa").setLevel(logging.WARNING)
    agent = Agent.load(str(model))

    async def parse():
        rankings = []
        for text in texts:
            result = await agent.parse_message(text)
            ranking = [(item["name"], float(item["confidence"])) for item in result.get("intent_ranking", [])
                       if item["name"] != "nlu_fallback"]
            rankings.append(ranking)
        return rankings

    return asyncio.run(parse())


def compare_rankings(first, other):
    same_top = same_order = 0
    per_sentence_max, top_diffs = [], []
    for a, b in zip(first, other, strict=True):
        same_top += bool(a and b and a[0][0] == b[0][0])
        same_order += [name for name, _ in a] == [name for name, _ in b]
        conf_a, conf_b = dict(a), dict(b)
        shared = set(conf_a) & set(conf_b)
        per_sentence_max.append(max((abs(conf_a[k] - conf_b[k]) for k in shared), default=1.0))
        if a and b:
            top_diffs.append(abs(a[0][1] - b[0][1]))
    n = len(first)
    return {"same_top_intent": same_top / n, "same_ranking": same_order / n,
            "max_confidence_diff": max(per_sentence_max), "mean_confidence_diff": statistics.mean(per_sentence_max),
            "mean_top_confidence_diff": statistics.mean(top_diffs) if top_diffs else 0.0}


def macro_f1(rankings, expected):
    predicted = [ranking[0][0] if ranking else "" for ranking in rankings]
    f1s = []
    for label in sorted(set(expected)):
        tp = sum(1 for t, p in zip(expected, predicted, strict=True) if t == label and p == label)
        fp = sum(1 for t, p in zip(expected, predicted, strict=True) if t != label and p == label)
        fn = sum(1 for t, p in zip(expected, predicted, strict=True) if t == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    accuracy = sum(1 for t, p in zip(expected, predicted, strict=True) if t == p) / len(expected)
    return statistics.mean(f1s), accuracy


def canonical(value):
    """JSON with every list sorted: tells "same items, another order" from a real difference."""
    if isinstance(value, dict):
        return {key: canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted((canonical(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    return value


def unpack(model, target):
    with tarfile.open(model) as archive:
        archive.extractall(target)
    return target


def compare_models(dir_a, dir_b):
    """{"weights": {checkpoint: max abs difference}, "files_differ": [...]} between two unpacked models."""
    import numpy as np
    import tensorflow as tf

    weights, differ = {}, []
    files_a = {p.relative_to(dir_a) for p in dir_a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(dir_b) for p in dir_b.rglob("*") if p.is_file()}
    differ += sorted(str(p) + " (only in one)" for p in files_a ^ files_b)
    for rel in sorted(files_a & files_b):
        name = str(rel)
        if ".tf_model" in name or name.endswith("checkpoint") or "metadata.json" in name:
            continue  # weights compared numerically below; metadata holds the training date
        bytes_a, bytes_b = (dir_a / rel).read_bytes(), (dir_b / rel).read_bytes()
        if hashlib.sha256(bytes_a).digest() != hashlib.sha256(bytes_b).digest():
            if name.endswith(".json") and canonical(json.loads(bytes_a)) == canonical(json.loads(bytes_b)):
                differ.append(name + " (the order of a list only)")
            else:
                differ.append(name)
    for index in sorted(p for p in files_a & files_b if str(p).endswith(".tf_model.index")):
        prefix = str(index)[: -len(".index")]
        reader_a = tf.train.load_checkpoint(str(dir_a / prefix))
        reader_b = tf.train.load_checkpoint(str(dir_b / prefix))
        largest = 0.0
        for variable in reader_a.get_variable_to_shape_map():
            value_a = reader_a.get_tensor(variable)
            if not isinstance(value_a, np.ndarray) or value_a.dtype.kind not in "fiu":
                continue
            value_b = reader_b.get_tensor(variable)
            if value_a.shape != value_b.shape:
                largest = float("inf")
                break
            if value_a.size:
                largest = max(largest, float(np.max(np.abs(value_a.astype(np.float64) - value_b.astype(np.float64)))))
        weights[str(Path(prefix).parent.name)] = largest
    return {"weights": weights, "files_differ": differ}


def with_settings(env, settings):
    env = dict(env)
    for item in settings:
        key, _, value = item.partition("=")
        if value:
            env[key] = value
        else:
            env.pop(key, None)
    return env


def shown(env):
    names = ("PYTHONHASHSEED", "TF_INTRA_OP_PARALLELISM_THREADS", "TF_INTER_OP_PARALLELISM_THREADS",
             "TF_DETERMINISTIC_OPS", "TF_ENABLE_ONEDNN_OPTS", "OMP_NUM_THREADS")
    return {name: env[name] for name in names if name in env}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["split", "full"], default="split")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--export", default=str(BOT / "export"), help="the exported training data (make bot-export)")
    parser.add_argument("--config", default=str(BOT / "config.yml"))
    parser.add_argument("--env", action="append", default=[], metavar="KEY=VALUE",
                        help="an environment variable for the trainings (repeatable); KEY= removes one")
    parser.add_argument("--other-env", action="append", default=[], metavar="KEY=VALUE",
                        help="like --env, for the second and later trainings only (another machine's threads)")
    parser.add_argument("--vary", choices=["none", "order", "seed"], default="none",
                        help="what the second and later trainings change: nothing (reproducibility), the order of "
                             "the examples (same content), or the random_seed (the noise any content change adds)")
    parser.add_argument("--no-bot-env", action="store_true", help="do not add bot/bot.mk's BOT_ENV")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (models, logs)")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()

    started = time.monotonic()
    env = {**os.environ, **QUIET}
    if not args.no_bot_env:
        env.update(bot_env_from_makefile())
    env = with_settings(env, args.env)
    other_env = with_settings(env, args.other_env)
    print(f"Mode {args.mode}, {args.runs} trainings, varying {args.vary}; environment: {shown(env)}"
          + (f"; after the first: {shown(other_env)}" if args.other_env else ""))

    workdir = Path(tempfile.mkdtemp(prefix="training_spread-"))
    result = {"mode": args.mode, "vary": args.vary, "env": shown(env), "other_env": shown(other_env), "runs": []}
    try:
        export = Path(args.export)
        if not (export / "domain.yml").exists():
            raise SystemExit(f"no export in {export}: run `make bot-export` first")
        shutil.copytree(export, workdir / "export")
        config = workdir / "config.yml"
        shutil.copy(args.config, config)
        stage(f"copied the export and config to {workdir}", started)

        train_nlu, held_out = split_export(workdir / "export" / "data" / "nlu", workdir)
        if args.mode == "split":
            sentences = held_out
        else:
            stories = [BOT / "tests" / "test_stories.yml", BOT / "tests" / "conversation_stories.yml"]
            sentences = story_user_turns(stories)
            sentences += held_out
        texts, expected = [t for t, _ in sentences], [i for _, i in sentences]
        stage(f"{len(sentences)} sentences to parse", started)

        models = []
        for index in range(args.runs):
            run_config, data = prepare_run(args.mode, workdir, index, config, train_nlu, args.vary)
            model, seconds = train(args.mode, workdir, index, run_config, data, env if index == 0 else other_env)
            models.append(model)
            result["runs"].append({"train_seconds": round(seconds, 1)})
            stage(f"training {index + 1}: {seconds:.0f} s", started)

        rankings = []
        for index, model in enumerate(models):
            load_started = time.monotonic()
            rankings.append(parse_all(model, texts))
            result["runs"][index]["load_and_parse_seconds"] = round(time.monotonic() - load_started, 1)
            if args.mode == "split":
                f1, accuracy = macro_f1(rankings[-1], expected)
                result["runs"][index].update(macro_f1=round(f1, 4), accuracy=round(accuracy, 4))
            stage(f"model {index + 1} loaded and parsed", started)

        unpacked = [unpack(model, workdir / f"unpacked{i}") for i, model in enumerate(models)]
        result["comparisons"] = []
        for index in range(1, args.runs):
            comparison = compare_rankings(rankings[0], rankings[index])
            comparison.update(compare_models(unpacked[0], unpacked[index]))
            result["comparisons"].append(comparison)
        stage("compared", started)
    finally:
        if args.keep:
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print()
    for index, run in enumerate(result["runs"]):
        scores = f", macro F1 {run['macro_f1']:.4f}, accuracy {run['accuracy']:.4f}" if "macro_f1" in run else ""
        print(f"Training {index + 1}: {run['train_seconds']:.0f} s{scores}")
    for index, comparison in enumerate(result["comparisons"], start=2):
        print(f"Training 1 against {index}, {len(texts)} sentences:")
        print(f"  same top intent:      {comparison['same_top_intent']:.1%}")
        print(f"  same ranking (top 10): {comparison['same_ranking']:.1%}")
        print(f"  confidence difference: max {comparison['max_confidence_diff']:.4f}, "
              f"mean {comparison['mean_confidence_diff']:.4f} (top intent: mean "
              f"{comparison['mean_top_confidence_diff']:.4f})")
        for name, largest in comparison["weights"].items():
            print(f"  weights {name}: " + ("identical" if largest == 0 else f"differ by up to {largest:.3g}"))
        print("  other model files that differ: " + (", ".join(comparison["files_differ"]) or "none"))
    if args.mode == "split" and len(result["runs"]) > 1:
        f1s = [run["macro_f1"] for run in result["runs"]]
        result["macro_f1_range"] = round(max(f1s) - min(f1s), 4)
        result["macro_f1_stdev"] = round(statistics.stdev(f1s), 4)
        print(f"Held-out macro F1: {min(f1s):.4f} to {max(f1s):.4f} (range {max(f1s) - min(f1s):.4f}, "
              f"mean {statistics.mean(f1s):.4f}, standard deviation {statistics.stdev(f1s):.4f})")
    print(f"Total {time.monotonic() - started:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
