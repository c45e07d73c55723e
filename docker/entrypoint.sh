#!/bin/sh
# Starts the server with the arguments given (`docker run IMAGE --server.port=9090`), or one of the synthetic
# population tools when the first argument names it (`docker run IMAGE generate --patients 1000 --out /data/p`).
# JAVA_OPTS is split into words on purpose (several flags in one variable); the arguments are passed unchanged.
set -eu
APP_HOME="${APP_HOME:-/app}"
case "${1:-}" in
  generate|load|generate-and-load)
    # shellcheck disable=SC2086
    exec java ${TOOLS_JAVA_OPTS:-} -jar "$APP_HOME/tools/primary-care-cds-synthetic.jar" "$@"
    ;;
  *)
    # shellcheck disable=SC2086
    exec java ${JAVA_OPTS:-} -cp "$APP_HOME" org.springframework.boot.loader.launch.JarLauncher "$@"
    ;;
esac
