#!/bin/sh
# Our command line against the PyTorch peer script, whole process, alternately; prints ours/pytorch
# for one photo and for eight. Run from anywhere after `mvn -B package -DskipTests`:
#   src/tools/compare_pytorch.sh [--rounds 3] [--threads 2] [--photo FILE] [--cli-options='--memory-mode low']
# Uses /usr/bin/python3 with Debian's python3-torch, installed here where missing.
set -e
if ! /usr/bin/python3 -c "import torch, PIL, numpy" 2>/dev/null; then
	echo "Installing Debian's python3-torch (and python3-pil) ..." >&2
	SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -q >&2
	$SUDO apt-get install -y -q python3-torch python3-pil python3-numpy >&2
fi
exec /usr/bin/python3 "$(dirname "$0")/python/compare_pytorch.py" "$@"
