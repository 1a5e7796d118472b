#!/usr/bin/env bash
# Runs the sample job the way the README's spark-submit command does, on a real Spark standalone
# cluster on loopback, without a Spark distribution: Spark's own classes come from the Maven jars.
#
#   samples/spark-job/cluster-demo.sh [rowsPerProof]
#
# 1. builds target/spark-job.jar (the job + zkml4j, no Spark) and lists Spark's jars (the module's
#    provided dependencies) from the local Maven repository; nothing is installed;
# 2. makes a throwaway SPARK_HOME whose jars/ links to those jars (the worker builds each executor's
#    class path from SPARK_HOME/jars), starts a Master and one Worker on 127.0.0.1;
# 3. submits the job with org.apache.spark.deploy.SparkSubmit (what bin/spark-submit execs) to
#    spark://127.0.0.1:$MASTER_PORT; the proving runs in the executor JVM the worker launched;
# 4. prints the job's summary and the executors' proving log lines, stops the cluster, cleans up.
# Every wait is bounded (SUBMIT_TIMEOUT, default 600 s). Ports: MASTER_PORT (7077), MASTER_UI_PORT
# (8080), WORKER_UI_PORT (8081). KEEP=1 keeps the temporary directory (logs, Parquet output).
set -euo pipefail
cd "$(dirname "$0")/../.."
rows_per_proof=${1:-64}
master_port=${MASTER_PORT:-7077}
master_ui=${MASTER_UI_PORT:-8080}
worker_ui=${WORKER_UI_PORT:-8081}
submit_timeout=${SUBMIT_TIMEOUT:-600}

mvn -B -ntp -q -pl samples/spark-job -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/spark-classpath.txt -Dmdep.includeScope=provided
job_dir=$(pwd)/samples/spark-job
job_jar=$job_dir/target/spark-job.jar
opens=$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' "$job_dir/pom.xml")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zkml4j-cluster.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# A minimal SPARK_HOME: jars/ (Spark, Scala and their dependencies, no zkml4j) and conf/.
mkdir -p "$tmp/spark/jars" "$tmp/spark/conf" "$tmp/work"
tr ':' '\n' < "$job_dir/target/spark-classpath.txt" | grep -v -e '/org/junit/' -e '/org/opentest4j/' \
  -e '/org/apiguardian/' | while read -r jar; do ln -sf "$jar" "$tmp/spark/jars/"; done
cp "$job_dir/log4j2.properties" "$tmp/spark/conf/log4j2.properties"
sed 's/^rootLogger.level = warn/rootLogger.level = info/' "$job_dir/log4j2.properties" > "$tmp/spark/conf/daemon-log4j2.properties"
cat >> "$tmp/spark/conf/log4j2.properties" <<'EOF'
# cluster-demo.sh: the executors' proving tasks, to show where they ran
logger.executor.name = org.apache.spark.executor.Executor
logger.executor.level = info
EOF
export SPARK_HOME=$tmp/spark SPARK_CONF_DIR=$tmp/spark/conf SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
cp_spark="$SPARK_CONF_DIR/:$SPARK_HOME/jars/*"
log4j="-Dlog4j2.configurationFile=$SPARK_CONF_DIR/log4j2.properties"
daemon_log4j="-Dlog4j2.configurationFile=$SPARK_CONF_DIR/daemon-log4j2.properties"

wait_for() { # wait_for <seconds> <file> <pattern>
  local deadline=$((SECONDS + $1))
  until grep -q "$3" "$2" 2>/dev/null; do
    if ((SECONDS > deadline)); then
      echo "timed out waiting for '$3' in $2" >&2
      tail -n 30 "$2" >&2 || true
      exit 1
    fi
    sleep 1
  done
}

# shellcheck disable=SC2086
java -Xmx512m $opens $daemon_log4j -cp "$cp_spark" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$master_port" --webui-port "$master_ui" > "$tmp/master.log" 2>&1 &
pids+=($!)
wait_for 60 "$tmp/master.log" "I have been elected leader"
# shellcheck disable=SC2086
java -Xmx512m $opens $daemon_log4j -cp "$cp_spark" org.apache.spark.deploy.worker.Worker \
  --host 127.0.0.1 --cores 1 --memory 2g --webui-port "$worker_ui" --work-dir "$tmp/work" \
  "spark://127.0.0.1:$master_port" > "$tmp/worker.log" 2>&1 &
pids+=($!)
wait_for 60 "$tmp/worker.log" "Successfully registered with master"
echo "standalone cluster up: master spark://127.0.0.1:$master_port, 1 worker (1 core, 2g)"

# bin/spark-submit runs this class (and adds $opens to the driver JVM itself).
status=0
# shellcheck disable=SC2086
(cd "$tmp" && timeout "$submit_timeout" java -Xmx1g $opens $log4j -cp "$cp_spark" \
  org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$master_port" \
  --conf spark.executor.memory=1g --class org.zkml4j.samples.spark.IrisProvingJob \
  "$job_jar" "$job_dir/data/iris.csv" "$tmp/iris-proven.parquet" "$rows_per_proof") \
  > "$tmp/submit.out" 2> "$tmp/submit.err" || status=$?
cat "$tmp/submit.out"
if ((status != 0)); then
  echo "spark-submit failed ($status)" >&2
  tail -n 40 "$tmp/submit.err" >&2
  exit "$status"
fi
out=$tmp/iris-proven.parquet
parts=$(find "$out" -type f -name 'part-*.parquet' | wc -l)
[[ -f "$out/_SUCCESS" ]] && committed="committed (_SUCCESS)" || committed="NOT committed"
echo "Parquet output: $parts part file(s), $committed"
exec_logs=("$tmp"/work/*/*/stderr)
echo "executor JVMs launched by the worker: ${#exec_logs[@]}"
echo "tasks finished in the executor(s): $(cat "${exec_logs[@]}" | grep -c 'Finished task' || true)"
echo "zkml4j loaded there from: $(grep -oh 'Adding file:.*spark-job.jar' "${exec_logs[@]}" | head -n 1 | sed 's:.*/::')"
