#!/bin/sh
# Checks the GPU build (mvn -Pgpu) on any machine: it packages ONNX Runtime's CUDA jar instead of the
# CPU one, loads, lists the CUDA provider, and without a usable GPU runs on the CPU with one Log line
# (device=auto) or refuses with one sentence (device=gpu). On a machine with an NVIDIA GPU, CUDA 12
# and cuDNN 9 it checks that device=gpu runs instead. Not part of `mvn verify`: the CUDA jar is 551 MB.
#   src/tools/check_gpu_build.sh [--no-build]      (from the repository root; add -o to MVN_FLAGS offline)
set -e
cd "$(dirname "$0")/../.."
if [ "$1" != "--no-build" ]; then
	mvn -B -q ${MVN_FLAGS} -Pgpu package -DskipTests
fi
G=target/gpu
M=src/test/resources/fixtures/generator_nchw.onnx
P=src/test/resources/fixtures/astronaut.png
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fail() { echo "gpu_build_check=FAILED: $*"; exit 1; }

# Packaging: the CUDA jar replaces the CPU one in the Fiji layout.
ls $G/fiji/plugins/AnimeGAN_Fiji-*.jar >/dev/null || fail "no plugin jar in $G/fiji/plugins"
ls $G/fiji/jars/onnxruntime_gpu-1.20.0.jar >/dev/null || fail "no onnxruntime_gpu-1.20.0.jar in $G/fiji/jars"
if ls $G/fiji/jars/onnxruntime-[0-9]*.jar >/dev/null 2>&1; then fail "the CPU onnxruntime jar is in $G/fiji/jars too"; fi
echo "jars: $(ls $G/fiji/jars | grep -i onnx | tr '\n' ' ')"

# Loading: ONNX Runtime 1.20.0 through DJL's engine, with the CUDA provider compiled in.
java -jar $G/animegan-tools.jar providers > "$OUT/providers" || fail "the tools jar could not start ONNX Runtime"
cat "$OUT/providers"
grep -qx "onnxruntime_version=1.20.0" "$OUT/providers" || fail "not ONNX Runtime 1.20.0"
grep -q "^providers=.*CUDA" "$OUT/providers" || fail "no CUDA provider listed"

if nvidia-smi >/dev/null 2>&1; then
	echo "An NVIDIA GPU is present: checking device=gpu."
	java -jar $G/animegan-cli.jar --model $M --device gpu "$P" -o "$OUT/gpu.png" 2> "$OUT/err" \
		|| { cat "$OUT/err"; fail "device=gpu failed on a machine with a GPU"; }
	java -jar $G/animegan-cli.jar --model $M --device cpu "$P" -o "$OUT/cpu.png" 2>/dev/null
	echo "gpu_build_check=ok (GPU run; compare $OUT/gpu.png with $OUT/cpu.png before the folder goes)"
	exit 0
fi

# No GPU: auto falls back with one line, gpu is one sentence and exit code 2.
java -jar $G/animegan-cli.jar --model $M --threads 2 "$P" -o "$OUT/auto.png" 2> "$OUT/err" \
	|| { cat "$OUT/err"; fail "device=auto did not run on the CPU"; }
[ -s "$OUT/auto.png" ] || fail "device=auto wrote no result"
grep -c "^The model runs on the CPU: " "$OUT/err" | grep -qx 1 || { cat "$OUT/err"; fail "not exactly one fallback line"; }
grep "^The model runs on the CPU: " "$OUT/err"
set +e
java -jar $G/animegan-cli.jar --model $M --device gpu "$P" -o "$OUT/gpu.png" 2> "$OUT/err"
rc=$?
set -e
[ $rc = 2 ] || fail "device=gpu without a GPU exited with $rc, not 2"
[ ! -e "$OUT/gpu.png" ] || fail "device=gpu without a GPU wrote a result"
grep -q "^error: device=gpu needs a usable NVIDIA GPU, but " "$OUT/err" || { cat "$OUT/err"; fail "no clear error for device=gpu"; }
grep "^error: " "$OUT/err"
echo "gpu_build_check=ok (no GPU: CPU fallback and refusal checked)"
