#!/usr/bin/python3
"""Writes the photos of the tile table (docs/performance.md) into a folder, default /tmp/tile-photos:
scikit-image's sample images coffee (a still life) and rocket (a landscape), beside the repository's
astronaut.png. The tiletable tool scales each to 2048x2048 itself.

    /usr/bin/python3 src/tools/python/tile_photos.py [FOLDER]
"""
import os
import sys

from skimage import data, io

folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp/tile-photos"
os.makedirs(folder, exist_ok=True)
for name in ("coffee", "rocket"):
    io.imsave(os.path.join(folder, name + ".png"), getattr(data, name)(), check_contrast=False)
    print(os.path.join(folder, name + ".png"))
