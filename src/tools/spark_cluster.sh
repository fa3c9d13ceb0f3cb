#!/usr/bin/env bash
# The batch on a real standalone Spark cluster on this machine, as a cluster user runs it: a
# throwaway SPARK_HOME (jars/ = the spark profile's Spark jars), a Master and one Worker on
# 127.0.0.1, and spark-submit (client mode) with target/animegan-spark-submit.jar on a folder of
# photos; then the command line on the same folder, and the results compared byte for byte. Stops
# the Master and the Worker (and removes its folder) on the way out, whatever happened.
# From the repository root, after `mvn -B -Pspark package -DskipTests`:
#   src/tools/spark_cluster.sh [--port 7077] [--cores 2] [--model FILE] [--keep DIR]
set -euo pipefail
port=7077
cores=2
model=src/test/resources/fixtures/generator_nchw.onnx
keep=
while [ $# -gt 0 ]; do
	case "$1" in
		--port) port=$2; shift 2 ;;
		--cores) cores=$2; shift 2 ;;
		--model) model=$2; shift 2 ;;
		--keep) keep=$2; shift 2 ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done
for jar in target/animegan-cli.jar target/animegan-spark-submit.jar; do
	[ -f "$jar" ] || { echo "$jar is missing: run mvn -B -Pspark package -DskipTests" >&2; exit 2; }
done
root=$(pwd)
work=$(mktemp -d)
pids=()
cleanup() {
	# Only the processes this script started, by their ids.
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	if [ -n "$keep" ]; then mkdir -p "$keep" && cp -r "$work"/. "$keep"/; fi
	rm -rf "$work"
}
trap cleanup EXIT

# --- a throwaway SPARK_HOME: Spark's jars as the profile resolves them -------------------------
# Scope compile is compile and provided: Spark's jars, and those it shares with the plugin (SLF4J
# ...), with the plugin's own beside them (they are in the submit jar too, in the same versions).
home="$work/spark-home"
mkdir -p "$home/jars" "$home/work"
mvn -B -o -q -Pspark dependency:copy-dependencies -DincludeScope=compile \
	-DoutputDirectory="$home/jars" >"$work/copy-dependencies.log" 2>&1 || {
	echo "copying Spark's jars failed:" >&2; tail -20 "$work/copy-dependencies.log" >&2; exit 1; }
echo "SPARK_HOME: $(ls "$home/jars" | wc -l) jars"
# What Spark's launcher passes to a Java 17 JVM (JavaModuleOptions); executors get them from Spark.
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
	--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
	--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
	--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
	--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
	--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
	--add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
	--add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true)
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
spark() { java -Xmx512m -cp "$home/jars/*" "${opens[@]}" "$@"; }

# Waits until the log of the process just started says the line, or gives up with the log's end.
await() {
	local log=$1 line=$2 pid=${pids[-1]}
	for _ in $(seq 1 600); do
		grep -q "$line" "$log" 2>/dev/null && return 0
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	echo "gave up waiting for '$line' in $log:" >&2; tail -20 "$log" >&2; exit 1
}

# --- the cluster: a Master and one Worker -------------------------------------------------------
master="spark://127.0.0.1:$port"
spark org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 \
	>"$work/master.log" 2>&1 &
pids+=($!)
await "$work/master.log" "I have been elected leader"
spark org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$cores" --memory 2g \
	--webui-port 0 --work-dir "$home/work" "$master" >"$work/worker.log" 2>&1 &
pids+=($!)
await "$work/worker.log" "Successfully registered with master"
echo "cluster: $master, one Worker with $cores cores"

# --- inputs: a folder of photos -----------------------------------------------------------------
mkdir "$work/in"
cp src/test/resources/fixtures/astronaut.png "$work/in/a.png"
cp src/test/resources/fixtures/astronaut_128x96.png "$work/in/b.png"
cp src/test/resources/fixtures/astronaut_264x256.png "$work/in/c.png"
cp src/test/resources/fixtures/reference_128x96.png "$work/in/d.png"
options=(--model "$root/$model" --input-size 256)

# --- spark-submit, then the command line ---------------------------------------------------------
t0=$(date +%s.%N)
spark org.apache.spark.deploy.SparkSubmit --master "$master" --class org.animegan.fiji.spark.SparkBatch \
	--conf spark.driver.host=127.0.0.1 --conf spark.ui.enabled=false --executor-memory 1g \
	"$root/target/animegan-spark-submit.jar" "${options[@]}" "$work/in" -o "$work/out" \
	>"$work/submit.log" 2>&1 || { echo "spark-submit failed:" >&2; tail -30 "$work/submit.log" >&2; exit 1; }
t1=$(date +%s.%N)
grep -E '^(planned|stylized|summary|failed):' "$work/submit.log"
# The executors ran in the Worker's JVMs of their own, not in the driver.
executors=$(find "$home/work" -mindepth 2 -maxdepth 2 -type d | wc -l)
echo "spark-submit: $(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s, $executors executor(s) launched by the Worker"
java -jar target/animegan-cli.jar "${options[@]}" "$work/in" -o "$work/cli" >"$work/cli.log" 2>&1 || {
	echo "the command line failed:" >&2; tail -20 "$work/cli.log" >&2; exit 1; }

# --- the same results, byte for byte ------------------------------------------------------------
same=0
for f in "$work"/cli/*; do
	name=$(basename "$f")
	if cmp -s "$f" "$work/out/$name"; then same=$((same + 1)); else echo "differs: $name" >&2; fi
done
total=$(ls "$work/cli" | wc -l)
echo "results: $same of $total identical to the command line's, byte for byte"
echo "summary: $(tail -n +2 "$work/out/animegan-summary.csv" | cut -d, -f2 | sort | uniq -c | xargs)"
[ "$same" -eq "$total" ] && [ "$total" -gt 0 ]
