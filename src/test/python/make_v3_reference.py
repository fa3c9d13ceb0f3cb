#!/usr/bin/env python3
"""Reference for the AnimeGANv3 size rule: the tiny v3 stand-in on a photo whose sides are both
at least 256 and multiples of 8, which the v3 family runs as it is (no resize).

Run from the repository root after make_fixtures.py:  /usr/bin/python3 src/test/python/make_v3_reference.py
It rebuilds the v3 stand-in with make_fixtures.py's seed, checks that its weights are the ones in the
committed generator_v3_nhwc.onnx, and writes astronaut_264x256.png and reference_v3_264x256.png.
"""
import os
import sys

import numpy as np
import onnx
import onnx.numpy_helper
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402


def main():
    torch.manual_seed(0)
    v3 = mf.NHWC(mf.TinyV3()).eval()
    committed = [onnx.numpy_helper.to_array(t) for t in onnx.load(mf.path("generator_v3_nhwc.onnx")).graph.initializer]
    for name, p in v3.state_dict().items():
        w = p.numpy()
        assert any(c.shape == w.shape and np.array_equal(c, w) for c in committed), name
    print("generator_v3_nhwc.onnx holds the seeded v3 stand-in's weights")

    astro = np.asarray(Image.open(mf.path("astronaut.png")).convert("RGB"))
    crop = np.ascontiguousarray(astro[0:256, 128:392])  # 256 rows x 264 columns
    mf.save_png(crop, "astronaut_264x256.png")
    crop = np.asarray(Image.open(mf.path("astronaut_264x256.png")).convert("RGB"))
    x = mf.to_input(crop).permute(0, 2, 3, 1).contiguous()
    with torch.no_grad():
        y = v3(x)
    mf.save_png(np.clip(np.round((y[0].numpy() + 1.0) * 127.5), 0, 255).astype(np.uint8),
                "reference_v3_264x256.png")
    print("wrote astronaut_264x256.png and reference_v3_264x256.png")


if __name__ == "__main__":
    main()
