"""Generate realistic procedure files for the benchmarks (deterministic for a seed)."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

VERBS = [
    "Check",
    "Record",
    "Send",
    "Prepare",
    "Confirm",
    "Review",
    "Update",
    "Print",
    "Sign",
    "Measure",
    "Label",
    "Store",
    "Call",
    "Inspect",
    "Approve",
]
OBJECTS = [
    "the order form",
    "the delivery note",
    "the customer file",
    "the stock level",
    "the pallet label",
    "the invoice",
    "the quality sheet",
    "the batch record",
    "the supplier quote",
    "the shipping plan",
]


def procedure(index: int, steps: int = 50, seed: int = 0) -> dict[str, object]:
    """Return a procedure with the given number of steps, a few decisions and sub-steps."""
    rng = random.Random(seed * 100_003 + index)
    roles = [f"role-{r}" for r in range(6)]
    ids = [f"s{n}" for n in range(steps)]
    body: list[dict[str, object]] = []
    for n, step_id in enumerate(ids):
        step: dict[str, object] = {
            "id": step_id,
            "title": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} ({n + 1})",
            "role": rng.choice(roles),
            "duration": f"{rng.randint(2, 60)}min",
            "details": " ".join(rng.choice(OBJECTS) for _ in range(12)).capitalize() + ".",
        }
        if n % 5 == 1:
            step["check"] = f"{rng.choice(OBJECTS).capitalize()} is complete and signed."
        if n % 7 == 3:
            step["warning"] = "Never skip this step when the ERP is down."
        if n % 4 == 2:
            step["substeps"] = [
                {"title": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"} for _ in range(3)
            ]
        if n % 10 == 5 and n + 2 < steps:
            step["title"] = f"Is {rng.choice(OBJECTS)} correct?"
            step["decision"] = [
                {"when": "yes", "goto": ids[n + 1]},
                {"when": "no", "goto": ids[n + 2]},
            ]
        body.append(step)
    body[-1]["end"] = True
    return {
        "sopmodel": 1,
        "kind": "procedure",
        "id": f"BENCH-{index:04d}",
        "title": f"Benchmark procedure {index}",
        "version": "1.0.0",
        "status": "approved",
        "category": "general",
        "objective": "Orders are handled once, the same day, without errors.",
        "scope": "Every order received by the office.",
        "owner": roles[0],
        "roles": [
            {"id": r, "name": f"Role {r}", "responsibilities": ["Do the work"]} for r in roles
        ],
        "requirements": [{"name": "Order software", "kind": "software"}],
        "glossary": [{"term": "ERP", "definition": "The management software."}],
        "steps": body,
        "quality": {
            "criteria": ["No order entered twice"],
            "kpis": [
                {
                    "id": "dup",
                    "name": "Duplicate orders",
                    "unit": "%",
                    "direction": "decrease",
                    "baseline": 6,
                    "target": 1,
                    "frequency": "weekly",
                    "owner": roles[0],
                }
            ],
        },
        "troubleshooting": [
            {"problem": "The ERP is down", "solution": "Use the paper form.", "step": ids[0]}
        ],
        "review": {"interval": "annual", "last_reviewed": "2026-10-01"},
        "approvals": [{"role": roles[0], "name": "A. Martin", "date": "2026-10-01"}],
        "revisions": [{"version": "1.0.0", "date": "2026-10-01", "changes": "First version."}],
    }


def write_corpus(folder: Path, count: int, steps: int = 50) -> list[Path]:
    """Write count procedure files of the given size into folder; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"procedure-{index:04d}.yaml"
        text = yaml.safe_dump(procedure(index, steps), sort_keys=False, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
