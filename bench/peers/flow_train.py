#!/usr/bin/python3
"""PyTorch-from-Python peer of frugal's flow-model training step, for `frugal bench flow`.

The same step as methods/.../flow/FlowTraining.java: T networks f_k(x) = c_k x + u_k tanh(b_k + <w_k, x>/sqrt(d)),
stacked as c (T), b (T), u (T, d), w (T, d); a fixed training set x1 (n, d) of the two-mode mixture; fresh
noise z (T, n, d) every step from a generator reseeded with the step number; x_t = a(t_k) z + b(t_k) x1 on the
dilated schedule (kappa 2); loss = mean squared error over all T*n*d values; autograd backward; torch.optim.Adam,
lr 0.01, weight_decay 1e-5 on u and w only. Batched over k with bmm, as the Java step.

Prints one JSON line: {"samples_per_second": ..., "step_seconds": [...], "parameters": N, ...}. With --serve it
runs the warm-up steps, prints {"ready": true, "parameters": N, ...}, then runs one timed step per "step" line
read from stdin, answering {"seconds": s}, until "quit" or the end of input (the protocol of hvc_train.py), so
that the bench can interleave these steps with its own. A benchmark peer only, never a dependency of frugal.
"""
import argparse
import math
import time

import torch

import peer_protocol


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dimension", type=int, default=5000)
    p.add_argument("--grid", type=int, default=80)
    p.add_argument("--points", type=int, default=128)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--steps", type=int, default=8)
    p.add_argument("--serve", action="store_true", help="time one step per 'step' line on stdin (see above)")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    d, t_count, n = a.dimension, a.grid, a.points
    g = torch.Generator().manual_seed(1)
    signs = torch.where(torch.rand(n, 1, generator=g) < 0.8, 1.0, -1.0)
    x1 = signs + torch.randn(n, d, generator=g)
    kappa = 2.0
    knee = kappa / math.sqrt(d)
    times = torch.arange(t_count, dtype=torch.float64) * (2.0 / t_count)
    tau = torch.where(times < 1, knee * times, knee + (1 - knee) * (times - 1)).float()
    a_col = (1 - tau).reshape(t_count, 1, 1)
    scaled = tau.reshape(t_count, 1, 1) * x1  # b(t_k) x1, fixed, as in the Java step
    c = torch.randn(t_count, generator=g).requires_grad_()
    b = torch.randn(t_count, generator=g).requires_grad_()
    u = torch.randn(t_count, d, generator=g).requires_grad_()
    w = torch.randn(t_count, d, generator=g).requires_grad_()
    optimizer = torch.optim.Adam([{"params": [c, b], "weight_decay": 0.0}, {"params": [u, w], "weight_decay": 1e-5}], lr=0.01)
    noise = torch.Generator()
    root_d = math.sqrt(d)

    def train_step(step):
        start = time.perf_counter()
        noise.manual_seed(step)
        x = torch.randn(t_count, n, d, generator=noise).mul_(a_col).add_(scaled)
        phi = torch.tanh(torch.bmm(x, w.unsqueeze(2)) / root_d + b.reshape(t_count, 1, 1))  # (T, n, 1)
        out = c.reshape(t_count, 1, 1) * x + phi * u.unsqueeze(1)
        loss = torch.nn.functional.mse_loss(out, x1.expand_as(out))
        optimizer.zero_grad(set_to_none=False)
        loss.backward()
        optimizer.step()
        float(loss)
        return time.perf_counter() - start

    about = peer_protocol.facts(parameters=sum(q.numel() for q in (c, b, u, w)))
    peer_protocol.run(train_step, a.warmup, a.steps, a.serve, about, n * t_count, "samples_per_second")

if __name__ == "__main__":
    main()
