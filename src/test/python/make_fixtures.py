#!/usr/bin/env python3
"""Generate the test fixtures of AnimeGAN for Fiji.

Run from the repository root:  /usr/bin/python3 src/test/python/make_fixtures.py
Everything goes to src/test/resources/fixtures/. The script is deterministic
(fixed seeds, no network): models are randomly initialised, not trained, so the
fixtures test plumbing (pre/post-processing, layouts, importers), not style.
"""
import collections
import io
import os
import pickletools
import shutil
import sys
import zipfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import onnx
import skimage
import skimage.data
import skimage.transform
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures")
OPSET = 17  # highest opset the legacy TorchScript exporter of torch 1.13 handles


from animegan2_arch import Generator  # noqa: E402  (shared with src/tools/python/pytorch_peer.py)


class NHWC(nn.Module):
    """Wraps an NCHW model so the graph takes and returns NHWC (TensorFlow layout)."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)


class TinyV3(nn.Module):
    """Small stand-in for AnimeGANv3 (NCHW inside; wrap with NHWC for export).
    Stride-2 downsampling then bilinear upsampling back to the input size."""

    def __init__(self):
        super().__init__()
        self.down = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.mid = nn.Conv2d(16, 16, 3, stride=1, padding=1)
        self.out = nn.Conv2d(16, 3, 3, stride=1, padding=1)

    def forward(self, x):
        h = F.leaky_relu(self.down(x), 0.2)
        h = F.leaky_relu(self.mid(h), 0.2)
        h = F.interpolate(h, x.shape[-2:], mode="bilinear", align_corners=False)
        return torch.tanh(self.out(h))


class TinyClassifier(nn.Module):
    """Conv + global average pool + linear to 10 classes: not an image-to-image model."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        h = F.relu(self.conv(x))
        h = F.adaptive_avg_pool2d(h, 1).flatten(1)
        return self.fc(h)


class GrayGenerator(nn.Module):
    """Generator-like net with a 1-channel input, for 'wrong channel count' tests."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 8, 3, padding=1)
        self.c2 = nn.Conv2d(8, 3, 3, padding=1)

    def forward(self, x):
        return torch.tanh(self.c2(F.leaky_relu(self.c1(x), 0.2)))


class Payload:
    """Pickles as a call to os.system. __reduce__ only runs at save time and merely
    returns the tuple; os.system is executed only by an unsafe *loader*."""

    def __reduce__(self):
        return (os.system, ("touch /tmp/animegan_pwned",))


# --------------------------------------------------------------------------
def path(name):
    return os.path.join(OUT, name)


def save_png(arr_hwc_uint8, name):
    Image.fromarray(arr_hwc_uint8, mode="RGB").save(path(name), optimize=False)


def to_uint8(y_nchw):
    """Model output in [-1,1] -> 8-bit, as the plugin is expected to do it."""
    y = y_nchw[0].permute(1, 2, 0).numpy()  # HWC
    return np.clip(np.round((y + 1.0) * 127.5), 0, 255).astype(np.uint8), y.astype("<f4")


def to_input(img_hwc_uint8):
    x = img_hwc_uint8.astype(np.float32) / 127.5 - 1.0
    return torch.from_numpy(x).permute(2, 0, 1).unsqueeze(0).contiguous()


def export(model, example, name, in_name, out_name, dyn_axes):
    torch.onnx.export(model, example, path(name), input_names=[in_name], output_names=[out_name],
                      dynamic_axes={in_name: dyn_axes, out_name: dyn_axes} if dyn_axes else None,
                      opset_version=OPSET, do_constant_folding=True, export_params=True)
    m = onnx.load(path(name))
    onnx.checker.check_model(m, full_check=True)
    return m


def describe(m):
    def dims(v):
        return [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]
    return ("inputs " + ", ".join(f"{v.name} {dims(v)}" for v in m.graph.input)
            + "; outputs " + ", ".join(f"{v.name} {dims(v)}" for v in m.graph.output))


def check_with_onnx_runtime(name, feed_name, x_np, expected):
    """Run the exported graph with onnxruntime if present, else onnx's reference
    evaluator (pure Python, slow but independent of torch)."""
    try:
        import onnxruntime as ort
        sess = ort.InferenceSession(path(name), providers=["CPUExecutionProvider"])
        got = sess.run(None, {feed_name: x_np})[0]
        engine = "onnxruntime"
    except ImportError:
        try:
            from onnx.reference import ReferenceEvaluator
        except ImportError:
            print(f"  {name}: no ONNX runtime available, checked with onnx.checker only")
            return
        got = ReferenceEvaluator(path(name)).run(None, {feed_name: x_np})[0]
        engine = "onnx.reference"
    err = float(np.abs(got - expected).max())
    print(f"  {name}: {engine} vs torch max abs diff {err:.2e}")
    assert err < 1e-3, err


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)  # bit-for-bit reproducible CPU reductions

    # 10. Face-detector image: astronaut as shipped by skimage (the two-portrait image is built
    #     by FaceDetectorTest from it and its mirror).
    astro_src = os.path.join(os.path.dirname(skimage.data.__file__), "astronaut.png")
    astro = skimage.data.astronaut()  # 512x512x3 uint8, public domain (NASA)
    if os.path.exists(astro_src):
        shutil.copyfile(astro_src, path("astronaut.png"))
    else:
        save_png(astro, "astronaut.png")

    # 1. 4:3 crop around the face (rows 10..250, cols 80..400 -> 320x240), then 128x96
    #    with anti-aliased resize so the small image is not aliased.
    crop = astro[10:250, 80:400]
    small = skimage.transform.resize(crop, (96, 128), order=3, anti_aliasing=True, preserve_range=True)
    small = np.clip(np.round(small), 0, 255).astype(np.uint8)
    save_png(small, "astronaut_128x96.png")
    # Re-read the PNG so the reference is computed from exactly the bytes the test loads.
    small = np.asarray(Image.open(path("astronaut_128x96.png")).convert("RGB"))
    x = to_input(small)

    # AnimeGANv2 generator with random weights.
    torch.manual_seed(0)
    gen = Generator()
    with torch.no_grad():
        # GroupNorm affine params default to 1/0; perturb them so importers must get them right.
        for mod in gen.modules():
            if isinstance(mod, nn.GroupNorm):
                mod.weight.copy_(1.0 + 0.1 * torch.randn_like(mod.weight))
                mod.bias.copy_(0.1 * torch.randn_like(mod.bias))
    gen.eval()
    n_params = sum(p.numel() for p in gen.parameters())
    print(f"generator parameters: {n_params} ({n_params / 1e6:.3f} M)")

    # 4. Reference output.
    with torch.no_grad():
        y = gen(x)
    ref8, ref32 = to_uint8(y)
    save_png(ref8, "reference_128x96.png")
    ref32.tofile(path("reference_128x96.f32"))  # HWC float32 little-endian

    # 2. NCHW export, dynamic batch/H/W.
    dyn = {0: "batch", 2: "height", 3: "width"}
    m = export(gen, torch.zeros(1, 3, 64, 64), "generator_nchw.onnx", "input", "output", dyn)
    print("  generator_nchw.onnx:", describe(m))
    check_with_onnx_runtime("generator_nchw.onnx", "input", x.numpy(), y.numpy())

    # 3. NHWC export with TensorFlow-style names (as in the TF-converted AnimeGANv2 models).
    nhwc = NHWC(gen).eval()
    x_nhwc = x.permute(0, 2, 3, 1).contiguous()
    with torch.no_grad():
        y_nhwc = nhwc(x_nhwc)
    err = float((y_nhwc.permute(0, 3, 1, 2) - y).abs().max())
    print(f"  NHWC wrapper vs plain model (torch) max abs diff {err:.2e}")
    assert err < 1e-5
    m = export(nhwc, torch.zeros(1, 64, 64, 3), "generator_nhwc.onnx", "generator_input:0",
               "generator/G_MODEL/out_layer/Tanh:0", {0: "batch", 1: "height", 2: "width"})
    print("  generator_nhwc.onnx:", describe(m))
    check_with_onnx_runtime("generator_nhwc.onnx", "generator_input:0", x_nhwc.numpy(), y_nhwc.numpy())

    # 5. PyTorch checkpoint in the default zip format.
    sd = gen.state_dict()
    torch.save(sd, path("generator_v2.pt"))

    # 7. Broken checkpoints for importer error paths (small: all tensors share one storage).
    from make_checkpoint_fixtures import save_broken_checkpoints
    save_broken_checkpoints(collections.OrderedDict((k, v.shape) for k, v in sd.items()), OUT)

    # 6. Malicious checkpoint: a state dict with a tensor plus an entry whose pickle
    #    calls os.system. Saving does not run the payload.
    evil = collections.OrderedDict([("block_a.0.1.weight", sd["block_a.0.1.weight"]), ("evil", Payload())])
    torch.save(evil, path("malicious.pt"))
    with zipfile.ZipFile(path("malicious.pt")) as z:
        pkl = z.read([n for n in z.namelist() if n.endswith("data.pkl")][0])
    dis = io.StringIO()
    pickletools.dis(pkl, out=dis)
    assert "system" in dis.getvalue() and not os.path.exists("/tmp/animegan_pwned")
    globals_used = [l.split("GLOBAL", 1)[1].strip() for l in dis.getvalue().splitlines() if "GLOBAL" in l]
    print("  malicious.pt globals:", globals_used)

    # 8. Tiny AnimeGANv3 stand-in: NHWC, input AnimeGANv3_input, output generator_output.
    torch.manual_seed(0)
    v3 = NHWC(TinyV3()).eval()
    with torch.no_grad():
        y3 = v3(x_nhwc)
    save_png(np.clip(np.round((y3[0].numpy() + 1.0) * 127.5), 0, 255).astype(np.uint8),
             "reference_v3_128x96.png")
    m = export(v3, torch.zeros(1, 64, 64, 3), "generator_v3_nhwc.onnx", "AnimeGANv3_input",
               "generator_output", {0: "batch", 1: "height", 2: "width"})
    print("  generator_v3_nhwc.onnx:", describe(m))
    check_with_onnx_runtime("generator_v3_nhwc.onnx", "AnimeGANv3_input", x_nhwc.numpy(), y3.numpy())

    # 9. Models the plugin must reject.
    torch.manual_seed(0)
    cls = TinyClassifier().eval()
    m = export(cls, torch.zeros(1, 3, 224, 224), "classifier.onnx", "input", "logits", None)
    print("  classifier.onnx:", describe(m))
    torch.manual_seed(0)
    gray = GrayGenerator().eval()
    m = export(gray, torch.zeros(1, 1, 64, 64), "gray_input.onnx", "input", "output",
               {2: "height", 3: "width"})
    print("  gray_input.onnx:", describe(m))

    print(f"torch {torch.__version__}, onnx {onnx.__version__}, skimage {skimage.__version__}, "
          f"python {sys.version.split()[0]}")
    print("files:")
    for name in sorted(os.listdir(OUT)):
        size = os.path.getsize(path(name))
        assert size < 10 * 1024 * 1024, name
        print(f"  {size:>10}  {name}")


if __name__ == "__main__":
    main()
