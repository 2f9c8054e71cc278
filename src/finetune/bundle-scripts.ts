// The training scripts a bundle carries (Python; they run on the user's machine, never here): one on
// the Tinker cookbook's supervised loop, one on Hugging Face TRL + PEFT for a local GPU. Each embeds
// the bundle's settings, so the file alone says what it trains, and writes a small result file the
// `finetune register` step reads to record where probes reach the model.

/** Settings a script embeds (a subset of the bundle's settings.json). */
export interface ScriptSettings {
  base_model: string;
  condition: string;
  seed: number;
  lora_rank: number;
  lora_alpha: number;
  learning_rate: number;
  epochs: number;
  batch_size: number;
  max_length: number;
  renderer: string;
  thinking: boolean;
  data_file: string;
}

function embedded(s: ScriptSettings): string {
  // JSON inside a raw triple-quoted string: valid Python whatever the values hold (no quotes in ids).
  return `SETTINGS = json.loads(r"""${JSON.stringify(s, null, 2)}""")`;
}

export const TINKER_RESULT_FILE = "tinker_result.json";
export const LOCAL_RESULT_FILE = "local_result.json";

export function tinkerScript(s: ScriptSettings): string {
  return `#!/usr/bin/env python3
"""cluster-lab bundle: LoRA fine-tune of ${s.base_model} on Tinker (${s.condition}, seed ${s.seed}).

Run from anywhere:   pip install tinker tinker-cookbook && python3 train_tinker.py
Needs TINKER_API_KEY. Trains on train.jsonl beside this file with the settings below (the paper's
open-model settings: LoRA rank ${s.lora_rank}, learning rate ${s.learning_rate} decayed linearly to 0,
${s.epochs} epoch, batch ${s.batch_size}, loss on every assistant message), then writes
${TINKER_RESULT_FILE} with the final sampler checkpoint (tinker://.../sampler_weights/...). Record it with
    npm run lab -- finetune register --bundle <this folder>
and \`probe\` reaches the fine-tune through Tinker's OpenAI-compatible API.

Renderer: "${s.renderer}" (${s.thinking ? "thinking enabled, as the model's default chat template renders it; sampled answers begin with <think>...</think>, which cluster-lab removes before judging" : "no thinking block, as the model's default chat template renders it"}).
The seed sets the data order; the cookbook's loop takes no separate adapter-initialisation seed.
\`python3 train_tinker.py --record-only\` skips training and only reads the finished log.
"""
import asyncio
import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOG_DIR = HERE / "tinker-log"
${embedded(s)}


def final_sampler_path(log_dir: Path) -> str:
    """The sampler checkpoint of the last record in the cookbook's checkpoints.jsonl (the final one)."""
    records = log_dir / "checkpoints.jsonl"
    if not records.exists():
        raise SystemExit(f"{records} not found: training has not saved a checkpoint yet")
    paths = []
    for line in records.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            if row.get("sampler_path"):
                paths.append((bool(row.get("final")), row["sampler_path"]))
    if not paths:
        raise SystemExit(f"{records} holds no sampler checkpoint")
    finals = [p for is_final, p in paths if is_final]
    return finals[-1] if finals else paths[-1][1]


def train() -> None:
    try:
        from tinker_cookbook.renderers import TrainOnWhat
        from tinker_cookbook.supervised import train as sl
        from tinker_cookbook.supervised.data import FromConversationFileBuilder
        from tinker_cookbook.supervised.types import ChatDatasetBuilderCommonConfig
    except ImportError as exc:
        raise SystemExit(f"tinker-cookbook is not installed ({exc}): pip install tinker tinker-cookbook")
    common = ChatDatasetBuilderCommonConfig(
        model_name_for_tokenizer=SETTINGS["base_model"],
        renderer_name=SETTINGS["renderer"],
        max_length=SETTINGS["max_length"],
        batch_size=SETTINGS["batch_size"],
        train_on_what=TrainOnWhat.ALL_ASSISTANT_MESSAGES,
    )
    data = FromConversationFileBuilder(
        common_config=common, file_path=str(HERE / SETTINGS["data_file"]), shuffle_seed=SETTINGS["seed"]
    )
    config = sl.Config(
        log_path=str(LOG_DIR),
        model_name=SETTINGS["base_model"],
        recipe_name="cluster-lab-" + SETTINGS["condition"],
        renderer_name=SETTINGS["renderer"],
        dataset_builder=data,
        learning_rate=SETTINGS["learning_rate"],
        lr_schedule="linear",
        num_epochs=SETTINGS["epochs"],
        lora_rank=SETTINGS["lora_rank"],
        save_every=0,  # only the final checkpoint, which the cookbook keeps without expiry
        eval_every=0,
    )
    asyncio.run(sl.main(config))


def main(argv: list) -> int:
    if "--record-only" not in argv:
        if not os.environ.get("TINKER_API_KEY"):
            print("TINKER_API_KEY is not set", file=sys.stderr)
            return 2
        train()
    sampler = final_sampler_path(LOG_DIR)
    result = {
        "sampler_path": sampler,
        "base_model": SETTINGS["base_model"],
        "renderer": SETTINGS["renderer"],
        "condition": SETTINGS["condition"],
        "seed": SETTINGS["seed"],
        "finished_at": datetime.now(timezone.utc).isoformat(),
    }
    (HERE / "${TINKER_RESULT_FILE}").write_text(json.dumps(result, indent=2) + "\\n")
    print(f"sampler checkpoint: {sampler}")
    print(f"record it:  npm run lab -- finetune register --bundle {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
`;
}

export function localScript(s: ScriptSettings): string {
  return `#!/usr/bin/env python3
"""cluster-lab bundle: LoRA fine-tune of ${s.base_model} on your own GPU(s) (${s.condition}, seed ${s.seed}).

Run:   pip install "trl>=0.20" peft datasets accelerate && python3 train_local.py
(several GPUs: accelerate launch train_local.py). Same settings as the Tinker script: LoRA rank
${s.lora_rank} (alpha ${s.lora_alpha}) on all linear layers, learning rate ${s.learning_rate} decayed linearly to 0, no warmup,
${s.epochs} epoch, batch ${s.batch_size}, loss on the assistant message only, seed ${s.seed}. Writes the adapter to
./adapter and ${LOCAL_RESULT_FILE}; serve it with vLLM's LoRA support (see README.md) and record it with
    npm run lab -- finetune register --bundle <this folder> --served-as <lora name>
Each row becomes a prompt (the user turn) and a completion (the assistant turn), so the loss falls
on the completion only; the tokenizer's own chat template renders both, as vLLM will when serving.
"""
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "adapter"
${embedded(s)}


def to_prompt_completion(row: dict) -> dict:
    messages = row["messages"]
    cut = max(i for i, m in enumerate(messages) if m["role"] == "assistant")
    return {"prompt": messages[:cut], "completion": messages[cut:]}


def main() -> int:
    try:
        from datasets import load_dataset
        from peft import LoraConfig
        from trl import SFTConfig, SFTTrainer
    except ImportError as exc:
        raise SystemExit(f"missing a library ({exc}): pip install trl peft datasets accelerate")
    data = load_dataset("json", data_files=str(HERE / SETTINGS["data_file"]), split="train")
    data = data.map(to_prompt_completion, remove_columns=data.column_names)
    lora = LoraConfig(
        r=SETTINGS["lora_rank"],
        lora_alpha=SETTINGS["lora_alpha"],
        lora_dropout=0.0,
        target_modules="all-linear",
        task_type="CAUSAL_LM",
    )
    args = SFTConfig(
        output_dir=str(OUT),
        num_train_epochs=SETTINGS["epochs"],
        per_device_train_batch_size=SETTINGS["batch_size"],
        gradient_accumulation_steps=1,
        learning_rate=SETTINGS["learning_rate"],
        lr_scheduler_type="linear",
        warmup_steps=0,
        completion_only_loss=True,
        max_length=SETTINGS["max_length"],
        seed=SETTINGS["seed"],
        data_seed=SETTINGS["seed"],
        bf16=True,
        logging_steps=10,
        save_strategy="no",
        report_to="none",
    )
    trainer = SFTTrainer(model=SETTINGS["base_model"], args=args, train_dataset=data, peft_config=lora)
    trainer.train()
    trainer.save_model(str(OUT))
    result = {
        "adapter_dir": str(OUT),
        "base_model": SETTINGS["base_model"],
        "condition": SETTINGS["condition"],
        "seed": SETTINGS["seed"],
        "finished_at": datetime.now(timezone.utc).isoformat(),
    }
    (HERE / "${LOCAL_RESULT_FILE}").write_text(json.dumps(result, indent=2) + "\\n")
    print(f"adapter: {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
`;
}
