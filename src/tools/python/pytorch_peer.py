#!/usr/bin/env python3
"""The PyTorch peer of our command line, as a user of the PyTorch port would run it: import torch,
build the AnimeGANv2 generator, load its state_dict, stylize each photo at its own size, save.

    /usr/bin/python3 src/tools/python/pytorch_peer.py WEIGHTS.pt THREADS OUT_DIR PHOTO...

Timed as a whole process against animegan-cli.jar by compare_pytorch.py."""
import os
import sys

import numpy as np
import torch
from PIL import Image

# The generator's architecture is the one the test fixtures were made with.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "python"))
from animegan2_arch import Generator  # noqa: E402


def main(weights, threads, out_dir, photos):
    torch.set_num_threads(threads)
    model = Generator()
    model.load_state_dict(torch.load(weights, map_location="cpu"))
    model.eval()
    for photo in photos:
        rgb = np.asarray(Image.open(photo).convert("RGB"), dtype=np.float32)
        x = torch.from_numpy(rgb / 127.5 - 1.0).permute(2, 0, 1).unsqueeze(0)
        with torch.no_grad():
            y = model(x)[0].clamp(-1, 1).permute(1, 2, 0).numpy()
        out = np.round((y + 1.0) * 127.5).astype(np.uint8)
        name = os.path.splitext(os.path.basename(photo))[0] + "-anime.png"
        Image.fromarray(out).save(os.path.join(out_dir, name))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:])
