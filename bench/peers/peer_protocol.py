"""The protocol every peer in bench/peers speaks with `frugal bench` (imported by the peer scripts).

Without --serve: the warm-up steps, then the timed steps, then one JSON line with the rate
({rate_key}: items per second over the timed steps), "step_seconds" and the peer's facts.
With --serve: the warm-up steps, then {"ready": true, ...facts}, then one timed step per "step" line
read from stdin, answering {"seconds": s}, until "quit" or the end of input; the bench interleaves
these steps with its own, so that both sides of each pair of steps see the same load.
"""
import json
import sys

import torch


def facts(**more):
    """What every peer reports about itself, plus its own facts (e.g. "parameters")."""
    return {"torch": torch.__version__, "python": sys.version.split()[0], "threads": torch.get_num_threads(), **more}


def run(train_step, warmup, steps, serve, about, items_per_step, rate_key):
    """train_step(step) runs step number `step` and returns its seconds."""
    for step in range(warmup):
        train_step(step)
    if serve:
        print(json.dumps({"ready": True, **about}), flush=True)
        step = warmup
        for line in sys.stdin:
            if line.strip() != "step":
                break
            print(json.dumps({"seconds": train_step(step)}), flush=True)
            step += 1
        return
    seconds = [train_step(step) for step in range(warmup, warmup + steps)]
    print(json.dumps({rate_key: items_per_step * len(seconds) / sum(seconds), "step_seconds": seconds, **about}))
