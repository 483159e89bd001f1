#!/usr/bin/env python3
"""PyTorch-on-CPU reference of the SCSC Lab motion denoiser, for the `scsc bench --suite diffusion` speed ratio.

Same architecture as src/core/diffusion/denoiser.ts (pre-norm transformer encoder over a condition token plus
60 frame tokens of 136 features, mean-pooled bag-of-words text encoder with a learned null condition, sinusoidal
timestep and position embeddings, tanh-GELU; the presets' conditioning, textPooling 'mean' and condToFrames off), same presets, same batch, same training step (Adam on the x0 MSE with 10 %
condition dropout) and the same sampler work (S DDIM steps with classifier-free guidance, i.e. a doubled batch).
Prints one JSON object. Needs Debian's python3-torch (`apt-get install -y python3-torch`); run with /usr/bin/python3.

  /usr/bin/python3 bench/torch_reference.py --presets tiny,small --batch 32 --vocab 60 --threads 1
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

PRESETS = {
    "tiny": dict(d=64, layers=2, heads=4, ff=128, text=32),
    "small": dict(d=128, layers=4, heads=4, ff=256, text=64),
    "base": dict(d=256, layers=6, heads=8, ff=1024, text=128),
}
N_FRAMES, FEAT = 60, 136


def gelu(x):
    return F.gelu(x, approximate="tanh")


def sinusoid(values, d):
    half = d // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    a = values.float()[:, None] * freqs[None, :]
    return torch.cat([torch.sin(a), torch.cos(a)], dim=1)


class Layer(nn.Module):
    def __init__(self, d, heads, ff):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.ff1 = nn.Linear(d, ff)
        self.ff2 = nn.Linear(ff, d)

    def forward(self, h):
        B, N, d = h.shape
        dh = d // self.heads
        q, k, v = self.qkv(self.ln1(h)).split(d, dim=-1)
        sh = lambda x: x.reshape(B, N, self.heads, dh).transpose(1, 2)
        att = torch.softmax((sh(q) / math.sqrt(dh)) @ sh(k).transpose(-1, -2), dim=-1) @ sh(v)
        h = h + self.out(att.transpose(1, 2).reshape(B, N, d))
        return h + self.ff2(gelu(self.ff1(self.ln2(h))))


class Denoiser(nn.Module):
    def __init__(self, vocab, d, layers, heads, ff, text):
        super().__init__()
        self.d = d
        self.embed = nn.Parameter(torch.randn(vocab, text))
        self.proj1 = nn.Linear(text, d)
        self.proj2 = nn.Linear(d, d)
        self.null = nn.Parameter(torch.randn(d) * 0.02)
        self.fc1 = nn.Linear(d, d)
        self.fc2 = nn.Linear(d, d)
        self.inp = nn.Linear(FEAT, d)
        self.layers = nn.ModuleList([Layer(d, heads, ff) for _ in range(layers)])
        self.lnf = nn.LayerNorm(d)
        self.outp = nn.Linear(d, FEAT)
        pos = sinusoid(torch.arange(N_FRAMES + 1), d)
        self.register_buffer("pos", pos)

    def forward(self, xt, t, bag, keep):
        B = xt.shape[0]
        c = self.proj2(gelu(self.proj1(bag @ self.embed)))
        c = c * keep + self.null[None, :] * (1 - keep)
        temb = self.fc2(F.silu(self.fc1(sinusoid(t, self.d))))
        tok0 = (temb + c)[:, None, :]
        h = torch.cat([tok0, self.inp(xt)], dim=1) + self.pos[None]
        for layer in self.layers:
            h = layer(h)
        return self.outp(self.lnf(h)[:, 1:])


def cosine_alphas(T=1000, s=0.008):
    f = lambda t: math.cos(((t / T + s) / (1 + s)) * math.pi / 2) ** 2
    ac, prod = [], 1.0
    for t in range(T):
        prod *= 1 - min(1 - f(t + 1) / f(t), 0.999)
        ac.append(prod)
    return torch.tensor(ac, dtype=torch.float64)


def bench_preset(name, vocab, batch, train_steps, sample_n, sample_steps):
    cfg = PRESETS[name]
    torch.manual_seed(0)
    model = Denoiser(vocab, cfg["d"], cfg["layers"], cfg["heads"], cfg["ff"], cfg["text"])
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    ac = cosine_alphas().float()
    x0_pool = torch.randn(256, N_FRAMES, FEAT)
    bag_pool = torch.softmax(torch.randn(256, vocab), dim=1)

    def step():
        idx = torch.randint(0, 256, (batch,))
        x0, bag = x0_pool[idx], bag_pool[idx]
        t = torch.randint(0, 1000, (batch,))
        a = ac[t][:, None, None]
        xt = a.sqrt() * x0 + (1 - a).sqrt() * torch.randn_like(x0)
        keep = (torch.rand(batch, 1) >= 0.1).float()
        loss = F.mse_loss(model(xt, t, bag, keep), x0)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(3):
        step()
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(train_steps):
        step()
    train_sps = train_steps / (time.perf_counter() - t0)
    train_cpu = train_steps / (time.process_time() - c0)

    # sampling: S DDIM steps with guidance (conditional + unconditional rows in one batch)
    ts = [round(i * 999 / (sample_steps - 1)) for i in range(sample_steps)]
    bag = bag_pool[:sample_n]
    keep = torch.cat([torch.ones(sample_n, 1), torch.zeros(sample_n, 1)])
    bag2 = torch.cat([bag, torch.zeros_like(bag)])
    with torch.no_grad():
        t0, c0 = time.perf_counter(), time.process_time()
        x = torch.randn(sample_n, N_FRAMES, FEAT)
        for k in range(len(ts) - 1, -1, -1):
            t = ts[k]
            pred = model(torch.cat([x, x]), torch.full((2 * sample_n,), t), bag2, keep)
            x0 = pred[sample_n:] + 2.5 * (pred[:sample_n] - pred[sample_n:])
            if k == 0:
                x = x0
                break
            a, ap = ac[t], ac[ts[k - 1]]
            eps = (x - a.sqrt() * x0) / (1 - a).sqrt()
            x = ap.sqrt() * x0 + (1 - ap).sqrt() * eps
        samples_ps = sample_n / (time.perf_counter() - t0)
        samples_cpu = sample_n / (time.process_time() - c0)
    # per CPU-second rates (process CPU time over all threads): comparable on a shared machine
    return {"parameters": params, "trainStepsPerSec": round(train_sps, 3), "samplesPerSec": round(samples_ps, 3),
            "trainStepsPerCpuSec": round(train_cpu, 3), "samplesPerCpuSec": round(samples_cpu, 3)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--presets", default="tiny,small")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--vocab", type=int, default=60)
    ap.add_argument("--train-steps", type=int, default=10)
    ap.add_argument("--sample-n", type=int, default=16)
    ap.add_argument("--sample-steps", type=int, default=50)
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch default)")
    a = ap.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    out = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "batch": a.batch,
        "vocab": a.vocab,
        "presets": {p: bench_preset(p, a.vocab, a.batch, a.train_steps, a.sample_n, a.sample_steps) for p in a.presets.split(",")},
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
