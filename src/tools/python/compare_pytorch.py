#!/usr/bin/env python3
"""Times our command line (animegan-cli.jar) against the PyTorch peer script (pytorch_peer.py),
whole process from start to files written, alternately on the same photos, model and threads, for
one photo and for eight, and prints medians, peak resident memory and ours/pytorch. Run through
src/tools/compare_pytorch.sh, which installs Debian's python3-torch where missing."""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
FIXTURES = os.path.join(ROOT, "src", "test", "resources", "fixtures")


def timed(cmd):
    """Wall-clock seconds and peak resident memory (MB) of one whole process."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.monotonic() - t0
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed: " + " ".join(cmd) + "\n" + err)
    return seconds, usage.ru_maxrss / 1024.0


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--photo", default=os.path.join(FIXTURES, "astronaut.png"))
    ap.add_argument("--model", default=os.path.join(FIXTURES, "generator_nchw.onnx"),
                    help="our model: the ONNX export of --weights")
    ap.add_argument("--weights", default=os.path.join(FIXTURES, "generator_v2.pt"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--counts", default="1,8", help="photos per run")
    ap.add_argument("--java", default="java")
    ap.add_argument("--cli-options", default="", help="extra options for our CLI, e.g. '--memory-mode low'")
    a = ap.parse_args()
    cli = os.path.join(ROOT, "target", "animegan-cli.jar")
    if not os.path.exists(cli):
        sys.exit(cli + " is missing: run mvn -B package -DskipTests first")
    work = tempfile.mkdtemp(prefix="animegan-vs-pytorch-")
    try:
        for count in [int(c) for c in a.counts.split(",")]:
            photos = []
            for i in range(count):
                photos.append(os.path.join(work, "photo%d.png" % i))
                shutil.copyfile(a.photo, photos[-1])
            out = os.path.join(work, "out")
            ours = [a.java, "-jar", cli, "--model", a.model, "--threads", str(a.threads)] + \
                a.cli_options.split() + photos + ["-o", out]
            peer = [sys.executable, os.path.join(HERE, "pytorch_peer.py"), a.weights, str(a.threads),
                    out] + photos
            runs = {"ours": [], "pytorch": []}
            for r in range(a.rounds):
                # Alternate which goes first, so that background load and caches favour neither.
                order = ["ours", "pytorch"] if r % 2 == 0 else ["pytorch", "ours"]
                for who in order:
                    shutil.rmtree(out, ignore_errors=True)
                    os.makedirs(out)
                    runs[who].append(timed(ours if who == "ours" else peer))
                    made = len(os.listdir(out))
                    if made != count:
                        sys.exit("%s wrote %d files for %d photos" % (who, made, count))
            med = {}
            for who, rs in runs.items():
                med[who] = statistics.median(s for s, _ in rs)
                print("photos=%d %s: median %.2f s (%s), peak %s MB" % (count, who, med[who],
                      " ".join("%.2f" % s for s, _ in rs), " ".join("%.0f" % m for _, m in rs)))
            print("photos=%d ours/pytorch=%.3f" % (count, med["ours"] / med["pytorch"]))
            shutil.rmtree(os.path.join(work, "out"), ignore_errors=True)
            for p in photos:
                os.remove(p)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
