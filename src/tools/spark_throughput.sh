#!/usr/bin/env bash
# Throughput of the Spark batch against the plain command line: N photos of 512x512 (copies of the
# astronaut fixture: the cost does not depend on the content) through animegan-spark.jar with
# local[1], with local[2], and through animegan-cli.jar, whole process each (JVM and Spark start
# included), alternately in one run; prints each time and the ratios to the command line.
# From the repository root, after `mvn -B -Pspark package -DskipTests`:
#   src/tools/spark_throughput.sh [--rounds 1] [--photos 64] [--model FILE] [-- more options for both]
set -euo pipefail
rounds=1
photos=64
model=src/test/resources/fixtures/generator_nchw.onnx
while [ $# -gt 0 ]; do
	case "$1" in
		--rounds) rounds=$2; shift 2 ;;
		--photos) photos=$2; shift 2 ;;
		--model) model=$2; shift 2 ;;
		--) shift; break ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done
for jar in target/animegan-cli.jar target/animegan-spark.jar; do
	[ -f "$jar" ] || { echo "$jar is missing: run mvn -B -Pspark package -DskipTests" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
for i in $(seq -w 1 "$photos"); do
	cp src/test/resources/fixtures/astronaut.png "$work/in/photo$i.png"
done
options=(--model "$model" --input-size 512 "$@")

calc() { awk "BEGIN { printf \"%.6f\", $* }"; }

# Runs one configuration into a fresh folder; prints its wall time in seconds.
timed() {
	local name=$1; shift
	rm -rf "$work/out"
	local t0 t1
	t0=$(date +%s.%N)
	"$@" "${options[@]}" "$work/in" -o "$work/out" >"$work/$name.log" 2>&1 || {
		echo "$name failed:" >&2; tail -20 "$work/$name.log" >&2; exit 1; }
	t1=$(date +%s.%N)
	local n
	n=$(find "$work/out" -name '*-anime.png' | wc -l)
	[ "$n" -eq "$photos" ] || { echo "$name wrote $n of $photos results" >&2; exit 1; }
	calc "$t1 - $t0"
}

declare -A total=([spark1]=0 [spark2]=0 [cli]=0)
echo "photos: $photos of 512x512, model: $model, rounds: $rounds, cores: $(nproc)"
for r in $(seq 1 "$rounds"); do
	s1=$(timed spark1 java -Dspark.master='local[1]' -jar target/animegan-spark.jar)
	s2=$(timed spark2 java -Dspark.master='local[2]' -jar target/animegan-spark.jar)
	c=$(timed cli java -jar target/animegan-cli.jar)
	printf 'round %d: local[1] %.1f s, local[2] %.1f s, command line %.1f s\n' "$r" "$s1" "$s2" "$c"
	total[spark1]=$(calc "${total[spark1]} + $s1")
	total[spark2]=$(calc "${total[spark2]} + $s2")
	total[cli]=$(calc "${total[cli]} + $c")
done
for k in spark1 spark2 cli; do
	printf '%-8s %.1f s in all, %.2f photos/s\n' "$k" "${total[$k]}" "$(calc "$photos * $rounds / ${total[$k]}")"
done
printf 'local[1] / command line: %.3f\n' "$(calc "${total[spark1]} / ${total[cli]}")"
printf 'local[2] / command line: %.3f (Spark overhead at local[2]: %+.1f%%)\n' \
	"$(calc "${total[spark2]} / ${total[cli]}")" "$(calc "(${total[spark2]} / ${total[cli]} - 1) * 100")"
printf 'local[1] / local[2]: %.3f\n' "$(calc "${total[spark1]} / ${total[spark2]}")"
