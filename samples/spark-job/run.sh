#!/usr/bin/env bash
# Builds the Spark sample (and the modules it needs, from the reactor; nothing is installed) and runs it:
#   samples/spark-job/run.sh [iris.csv] [output-dir] [rowsPerProof]      the proving job
#   samples/spark-job/run.sh --bench [mnist.csv.gz] [rows] [rounds]      the proving benchmark
set -euo pipefail
cd "$(dirname "$0")/../.."
main=org.zkml4j.samples.spark.IrisProvingJob
if [[ "${1:-}" == "--bench" ]]; then
  main=org.zkml4j.samples.spark.SparkProvingBench
  shift
fi
mvn -B -ntp -q -pl samples/spark-job -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=compile
opens=$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' samples/spark-job/pom.xml)
cd samples/spark-job
# shellcheck disable=SC2086
SPARK_LOCAL_IP=127.0.0.1 exec java -Xmx2g -Dlog4j2.configurationFile=log4j2.properties ${JAVA_OPTS:-} $opens \
  -cp "target/spark-job.jar:$(cat target/classpath.txt)" "$main" "$@"
