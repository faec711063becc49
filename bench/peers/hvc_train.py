#!/usr/bin/python3
"""PyTorch-from-Python peer of frugal's HVC training step, for `frugal bench hvc`.

The same network as methods/.../model/HvcNetwork.java (unpadded 3x3 convolutions without bias,
each followed by shift-only batch norm and ReLU; three homogeneous-vector-capsule branches; a
weighted, batch-normalised branch merge), the same batch, threads, loss (softmax cross-entropy),
optimizer (Adam) and weight average (an EMA of the trained weights, updated after every step, as
the Java trainer does). Inputs are random bytes turned into floats per batch, as the Java trainer
turns its stored bytes into a batch.

Prints one JSON line: {"images_per_second": ..., "step_seconds": [...], "parameters": N, ...}.
Timing covers forward, loss, backward, the optimizer step and the EMA update of each timed step;
the warm-up steps are run first and not counted.

With --serve, it runs the warm-up steps, prints {"ready": true, "parameters": N, ...} and then
runs one timed step per "step" line read from stdin, answering {"seconds": s}, until "quit" or the
end of input: `frugal bench` interleaves these steps with its own, so that both sides of each pair
of steps see the same load on a shared machine. This is a benchmark peer only, never a dependency
of frugal.
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

import peer_protocol

KERNEL = 3
BRANCHES = 3
BRANCH_SPACING = 3
NORM_EPSILON = 1e-7


def filters(i, width):
    return max(1, round((32 + 16 * i) * width))


def branches_after(i, convs):
    from_end = convs - 1 - i
    return from_end % BRANCH_SPACING == 0 and from_end // BRANCH_SPACING < BRANCHES


def shift_only(norm):
    """Batch norm with a learned shift and no learned scale, as in the Java network."""
    norm.weight.requires_grad_(False)
    return norm


class Capsules(nn.Module):
    def __init__(self, classes, capsules, dims):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(classes, capsules, dims).uniform_(-0.05, 0.05))
        self.norm = shift_only(nn.BatchNorm1d(dims, momentum=0.1))

    def forward(self, x):
        b, d = x.shape[0], x.shape[1]
        by_dim = x.reshape(b, d, -1).transpose(0, 1)             # [D, B, K]
        w_by_dim = self.weight.permute(2, 1, 0)                   # [D, K, C]
        class_capsules = torch.bmm(by_dim, w_by_dim).transpose(0, 1)  # [B, D, C]
        activated = F.relu(self.norm(class_capsules))
        return (activated.square().sum(1) + NORM_EPSILON).sqrt()


class Hvc(nn.Module):
    def __init__(self, channels, size, classes, convs, width):
        super().__init__()
        self.convs = nn.ModuleList()
        self.norms = nn.ModuleList()
        self.branches = nn.ModuleDict()
        cin = channels
        for i in range(convs):
            out = filters(i, width)
            self.convs.append(nn.Conv2d(cin, out, KERNEL, bias=False))
            self.norms.append(shift_only(nn.BatchNorm2d(out, momentum=0.1)))
            if branches_after(i, convs):
                side = size - 2 * (i + 1)
                self.branches[str(i)] = Capsules(classes, side * side, out)
            cin = out
        self.branch_weights = nn.Parameter(torch.ones(BRANCHES))
        self.merge_norm = shift_only(nn.BatchNorm1d(BRANCHES, momentum=0.1))

    def forward(self, x):
        logits = []
        for i, (conv, norm) in enumerate(zip(self.convs, self.norms)):
            x = F.relu(norm(conv(x)))
            if str(i) in self.branches:
                logits.append(self.branches[str(i)](x))
        stacked = torch.stack(logits, 1) * self.branch_weights.reshape(1, BRANCHES, 1)
        return self.merge_norm(stacked).sum(1)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--channels", type=int, required=True)
    p.add_argument("--size", type=int, required=True, help="image side (28 or 32)")
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--convs", type=int, default=9)
    p.add_argument("--width", type=float, default=1.0)
    p.add_argument("--batch", type=int, default=120)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--steps", type=int, default=8)
    p.add_argument("--ema-decay", type=float, default=0.999)
    p.add_argument("--serve", action="store_true", help="time one step per 'step' line on stdin (see above)")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)
    model = Hvc(a.channels, a.size, a.classes, a.convs, a.width).train()
    trained = [q for q in model.parameters() if q.requires_grad]
    optimizer = torch.optim.Adam(trained, lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    average = [q.detach().clone() for q in trained]
    n = a.batch * (a.warmup + a.steps)
    images = torch.randint(0, 256, (n, a.channels, a.size, a.size), dtype=torch.uint8)
    labels = torch.randint(0, a.classes, (n,))

    def train_step(step):
        """One step on batch `step` (cycling through the stored images); returns its seconds."""
        start = time.perf_counter()
        first = (step % (a.warmup + a.steps)) * a.batch
        x = images[first:first + a.batch].float().div_(255)
        loss = F.cross_entropy(model(x), labels[first:first + a.batch])
        optimizer.zero_grad(set_to_none=False)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            d = min(a.ema_decay, (1.0 + step) / (10.0 + step))
            for e, q in zip(average, trained):
                e.mul_(d).add_(q, alpha=1 - d)
        float(loss)
        return time.perf_counter() - start

    about = peer_protocol.facts(parameters=sum(q.numel() for q in trained))
    peer_protocol.run(train_step, a.warmup, a.steps, a.serve, about, a.batch, "images_per_second")

if __name__ == "__main__":
    main()
