#!/usr/bin/env bash
# Installs what the test suite needs from Debian's apt when it is missing: a real OCI registry,
# skopeo (to push and cross-check images), debootstrap (a real Debian tree for image tests) and a
# headless browser for the HTML report.
set -euo pipefail
missing=()
command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
[ -x /usr/bin/docker-registry ] || command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
# zstd compresses the zstd layers the image tests build (fzstd only decompresses).
command -v zstd >/dev/null 2>&1 || missing+=(zstd)
command -v git >/dev/null 2>&1 || missing+=(git)
# rpm/rpmbuild write a real rpmdb.sqlite that the image tests cross-check.
command -v rpmbuild >/dev/null 2>&1 || missing+=(rpm)
# htpasswd writes the bcrypt password file of the Basic-auth test registry; openssl the token service's key.
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# xmllint checks that the checkstyle report is well-formed XML.
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
# junitparser reads the junit report back, as CI tools that merge JUnit reports do.
/usr/bin/python3 -c 'import junitparser' >/dev/null 2>&1 || missing+=(python3-junitparser)
# chromium opens the HTML fleet report in the browser test (driven by playwright-core over CDP).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# GNU time prints a child's peak RSS for the memory bounds of the hostile-input tests.
[ -x /usr/bin/time ] || missing+=(time)
# pre-commit installs and runs the hooks of .pre-commit-hooks.yaml as a user's repository would.
command -v pre-commit >/dev/null 2>&1 || missing+=(pre-commit)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: missing ${missing[*]}; install them with apt-get (tests that need them will be skipped)" >&2
  exit 0
fi
echo "test-deps: installing ${missing[*]} from apt" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
