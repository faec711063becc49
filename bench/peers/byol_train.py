#!/usr/bin/python3
"""PyTorch-from-Python peer of frugal's BYOL training step, for `frugal bench byol`.

The same networks as methods/.../rela (ResNet.java, ResidualBlock.java, ConvBn.java, ByolMlp.java):
ResNet-18 with the CIFAR stem (3x3 stride-1 convolution, no max-pool), BasicBlocks [2, 2, 2, 2] of
widths round(64 w), round(128 w), round(256 w), round(512 w) (half rounded up, at least 1), bias-free
convolutions each followed by batch norm (eps 1e-5, momentum 0.1), a strided 1x1 convolution with batch
norm as the shortcut where the shape changes, the global average pool as the representation h (d long);
projector d -> 2d -> BN -> ReLU -> 256 and predictor 256 -> 2d -> BN -> ReLU -> 256 (linear layers with
bias). The target is a copy of backbone + projector, in training mode (batch statistics), without
gradient.

One step, as ByolTraining's byolStep + updateTarget: two views of the batch (here the stored bytes of
two different slices of random images turned into floats; frugal's step draws BYOL's augmentation in
Java instead, which the bench times separately), target projections z1, z2 of both views, online
predictions p1, p2 of both views, the symmetric loss mean((2 - 2 cos(p1, z2)) + (2 - 2 cos(p2, z1))),
backward, torch.optim.AdamW (lr 1e-3, betas 0.9/0.999, eps 1e-8, weight decay 0.01), then the moving
average of the target's trained parameters, target <- m target + (1 - m) online with m = 0.99, tensor by
tensor as a user would write it.

--mkldnn on|off sets torch.backends.mkldnn.enabled (frugal runs libtorch with oneDNN off).

Prints one JSON line: {"images_per_second": ..., "step_seconds": [...], "parameters": N, ...}. With
--serve it runs the warm-up steps, prints {"ready": true, "parameters": N, "target_parameters": M, ...},
then runs one timed step per "step" line read from stdin, answering {"seconds": s}, until "quit" or the
end of input (the protocol of hvc_train.py). A benchmark peer only, never a dependency of frugal.
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

import peer_protocol

BASE_WIDTHS = (64, 128, 256, 512)
BLOCKS = (2, 2, 2, 2)
OUTPUT_DIM = 256
NORM_FLOOR = 1e-12


def scaled(base, width):
    """Java's max(1, Math.round(base * width)): halves round up, unlike Python's round."""
    return max(1, int(math.floor(base * width + 0.5)))


def conv_bn(cin, cout, kernel, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, kernel, stride=stride, padding=kernel // 2, bias=False),
                         nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1))


class BasicBlock(nn.Module):
    def __init__(self, cin, width, stride):
        super().__init__()
        self.conv1 = conv_bn(cin, width, 3, stride)
        self.conv2 = conv_bn(width, width, 3, 1)
        self.downsample = conv_bn(cin, width, 1, stride) if stride != 1 or cin != width else None

    def forward(self, x):
        out = self.conv2(F.relu(self.conv1(x)))
        return F.relu(out + (x if self.downsample is None else self.downsample(x)))


class ResNet18Cifar(nn.Module):
    def __init__(self, channels, width):
        super().__init__()
        stem = scaled(64, width)
        self.stem = conv_bn(channels, stem, 3, 1)
        layers = []
        cin = stem
        for s, (base, count) in enumerate(zip(BASE_WIDTHS, BLOCKS)):
            w = scaled(base, width)
            for b in range(count):
                layers.append(BasicBlock(cin, w, 2 if s > 0 and b == 0 else 1))
                cin = w
        self.layers = nn.Sequential(*layers)
        self.feature_dim = cin

    def forward(self, x):
        x = self.layers(F.relu(self.stem(x)))
        return x.mean(dim=(2, 3))


def mlp(inputs, hidden):
    return nn.Sequential(nn.Linear(inputs, hidden), nn.BatchNorm1d(hidden, eps=1e-5, momentum=0.1), nn.ReLU(),
                         nn.Linear(hidden, OUTPUT_DIM))


def cosine(a, b):
    return (F.normalize(a, dim=1, eps=NORM_FLOOR) * F.normalize(b, dim=1, eps=NORM_FLOOR)).sum(1)


def trained_count(*modules):
    return sum(q.numel() for m in modules for q in m.parameters() if q.requires_grad)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--channels", type=int, default=3)
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--width", type=float, default=1.0)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--momentum", type=float, default=0.99)
    p.add_argument("--mkldnn", choices=("on", "off"), default="off")
    p.add_argument("--count-only", action="store_true", help="print the trained values of the networks and exit")
    p.add_argument("--serve", action="store_true", help="time one step per 'step' line on stdin (see above)")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.backends.mkldnn.enabled = a.mkldnn == "on"
    torch.manual_seed(1)
    backbone = ResNet18Cifar(a.channels, a.width)
    d = backbone.feature_dim
    projector = mlp(d, 2 * d)
    predictor = mlp(OUTPUT_DIM, 2 * d)
    online = nn.ModuleList([backbone, projector, predictor]).train()
    target_backbone = ResNet18Cifar(a.channels, a.width)
    target_projector = mlp(d, 2 * d)
    target = nn.ModuleList([target_backbone, target_projector]).train()
    target.load_state_dict(nn.ModuleList([backbone, projector]).state_dict())
    for q in target.parameters():
        q.requires_grad_(False)
    online_averaged = [q for m in (backbone, projector) for q in m.parameters()]
    target_trained = list(target.parameters())
    about = peer_protocol.facts(parameters=trained_count(online), target_parameters=sum(q.numel() for q in target_trained),
                                feature_dim=d, mkldnn=torch.backends.mkldnn.enabled)
    if a.count_only:
        print(json.dumps(about))
        return
    optimizer = torch.optim.AdamW(online.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)
    batches = a.warmup + a.steps + 1
    images = torch.randint(0, 256, (batches * a.batch, a.channels, a.size, a.size), dtype=torch.uint8)

    def view(first):
        first %= images.shape[0] - a.batch + 1
        return images[first:first + a.batch].float().div_(255)

    def online_prediction(x):
        return predictor(projector(backbone(x)))

    def train_step(step):
        start = time.perf_counter()
        x1 = view(step * a.batch)
        x2 = view(step * a.batch + a.batch // 2)
        with torch.no_grad():
            z1 = target_projector(target_backbone(x1))
            z2 = target_projector(target_backbone(x2))
        p1 = online_prediction(x1)
        p2 = online_prediction(x2)
        loss = (4 - 2 * (cosine(p1, z2) + cosine(p2, z1))).mean()
        optimizer.zero_grad(set_to_none=False)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            for t, o in zip(target_trained, online_averaged):
                t.mul_(a.momentum).add_(o, alpha=1 - a.momentum)
        float(loss)
        return time.perf_counter() - start

    peer_protocol.run(train_step, a.warmup, a.steps, a.serve, about, a.batch, "images_per_second")

if __name__ == "__main__":
    main()
