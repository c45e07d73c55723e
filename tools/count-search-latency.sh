#!/bin/bash
# Count-search latency as an outsider sees it: curl (its own process, a new connection per call, Cache-Control:
# no-cache) against the built jar on H2 with a generated population loaded. Prints p50/p95 of 300 calls per query.
#   ./mvnw -q package -DskipTests
#   java -jar synthetic/target/primary-care-cds-synthetic.jar generate --quiet --patients 2000 --seed 1 --out /tmp/abpop
#   bash tools/count-search-latency.sh            (population directory: $POPULATION, default /tmp/abpop)
set -euo pipefail
cd "$(dirname "$0")/.."
POPULATION=${POPULATION:-/tmp/abpop}
PORT=18094
java -XX:+UseSerialGC -Xmx1g -jar target/primary-care-cds.jar --server.port=$PORT --spring.profiles.active=dev --primarycare.demo.enabled=false --spring.datasource.url="jdbc:h2:mem:ab;DB_CLOSE_DELAY=-1" > /tmp/count-search-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
until curl -fsS localhost:$PORT/actuator/health/readiness >/dev/null 2>&1; do sleep 1; done
java -jar synthetic/target/primary-care-cds-synthetic.jar load "$POPULATION" --url http://localhost:$PORT/fhir --no-progress > /dev/null
for Q in 'Condition?code:in=https://fhir.primarycare.se/ValueSet/anxiety&_summary=count' 'MedicationRequest?code:below=http://www.whocc.no/atc|N05BA&_summary=count' 'Condition?subject:Patient.organization=Organization/vc-bankeryd&_summary=count'; do
  for i in $(seq 1 50); do curl -s -o /dev/null -H 'Cache-Control: no-cache' "http://localhost:$PORT/fhir/$Q"; done
  for i in $(seq 1 300); do curl -s -o /dev/null -w "%{time_total}\n" -H 'Cache-Control: no-cache' "http://localhost:$PORT/fhir/$Q"; done | sort -n | awk '{a[NR]=$1} END {printf "p50 %.1f ms p95 %.1f ms  ", a[int(NR*0.5)]*1000, a[int(NR*0.95)]*1000}'
  echo "$Q" | cut -c1-60
done
