#!/usr/bin/env python3
"""Write the broken checkpoints bad_shape.pt and missing_key.pt, small.

Run from the repository root:  /usr/bin/python3 src/test/python/make_checkpoint_fixtures.py
(make_fixtures.py calls the same function.) The importer only needs the right names and shapes
to reach its error paths, so every tensor is a view into ONE shared storage at a different
offset: torch.save keeps the sharing, so each file holds a single ~1.2 MB storage instead of
8.5 MB of weights. The offsets also exercise the importer's storage_offset handling.
"""
import collections
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(HERE))), "src", "test", "resources", "fixtures")


def shared_views(shapes, seed=1):
    """An OrderedDict of tensors with the given shapes, all views of one storage."""
    gen = torch.Generator().manual_seed(seed)
    largest = max(int(torch.Size(s).numel()) for s in shapes.values())
    base = torch.randn(largest + 4096, generator=gen) * 0.05
    views = collections.OrderedDict()
    for i, (name, shape) in enumerate(shapes.items()):
        n = int(torch.Size(shape).numel())
        off = (i * 97) % 4096
        views[name] = base[off:off + n].view(shape)
    return views


def save_broken_checkpoints(shapes, out_dir):
    """shapes: OrderedDict name -> torch.Size of the real generator's state_dict."""
    bad = collections.OrderedDict(shapes)
    bad["block_b.0.1.weight"] = torch.Size([128, 32, 3, 3])  # right is [128, 64, 3, 3]
    torch.save(shared_views(bad), os.path.join(out_dir, "bad_shape.pt"))
    missing = collections.OrderedDict(shapes)
    del missing["block_c.2.layers.1.1.weight"]
    torch.save(shared_views(missing), os.path.join(out_dir, "missing_key.pt"))
    for name in ("bad_shape.pt", "missing_key.pt"):
        size = os.path.getsize(os.path.join(out_dir, name))
        assert size < 1_500_000, (name, size)
        print(f"  {name}: {size} bytes")


def main():
    import sys
    sys.path.insert(0, HERE)
    from make_fixtures import Generator
    shapes = collections.OrderedDict((k, v.shape) for k, v in Generator().state_dict().items())
    save_broken_checkpoints(shapes, OUT)


if __name__ == "__main__":
    main()
