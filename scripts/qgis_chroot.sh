#!/bin/bash
# QGIS 3.40 LTR as users have it: Debian 13 "trixie" (Python 3.13, numpy 2, GDAL 3.10) in a
# debootstrap chroot with QGIS from Debian's archive. The QGIS and end-to-end tests of this
# working tree run there twice: without numba (as most users run), then with it. Deprecation
# warnings raised from SmartPlan's own code fail the run.
#
#   bash scripts/qgis_chroot.sh            # build the chroot once (cached), run the tests
#   SMARTPLAN_CHROOT_SUITE=sid ...         # QGIS 3.44 from Debian unstable instead
#   SMARTPLAN_CHROOT_CACHE=/some/dir ...   # where the chroot is kept (default /var/cache/smartplan)
#
# Needs root (debootstrap, chroot, mounts) and Debian's archive; about 2 minutes to build here.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SUITE=${SMARTPLAN_CHROOT_SUITE:-trixie}
CACHE=${SMARTPLAN_CHROOT_CACHE:-/var/cache/smartplan}
DIR=$CACHE/$SUITE-qgis
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# extra apt options, e.g. "-o Acquire::Check-Valid-Until=false" for a frozen mirror snapshot of sid
APT_OPTS=${SMARTPLAN_CHROOT_APT_OPTS:-}
PKGS="qgis python3-qgis qgis-providers python3-scipy python3-shapely python3-venv python3-pip gdal-bin zip unzip make
      pyqt5-dev-tools qttools5-dev-tools ca-certificates git xvfb openbox"
# test tools only (the plugin needs none of them); numba goes into a second venv
TEST_TOOLS="pytest==9.2.0 pytest-qgis==5.0.2 scikit-image whitebox-workflows==2.0.6 dask distributed"
STAMP=$DIR/.smartplan-ready-v1

# the host's proxy settings pass through (pip and the accelerator test reach PyPI)
PASS=()
for v in HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy; do
    [ -n "${!v:-}" ] && PASS+=("$v=${!v}")
done
in_root() { chroot "$DIR" env -i HOME=/root LANG=C.UTF-8 PATH=/usr/lib/qt5/bin:/usr/local/bin:/usr/bin:/bin \
    QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp/runtime-root PYTHONDONTWRITEBYTECODE=1 \
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/host-ca-bundle.crt PIP_CERT=/etc/ssl/certs/host-ca-bundle.crt \
    SSL_CERT_FILE=/etc/ssl/certs/host-ca-bundle.crt \
    "${PASS[@]}" bash -c "$1"; }
# the certificate authorities the host trusts (a TLS-inspecting proxy adds its own): the chroot
# uses the host's bundle for pip and the tests
HOST_CA=/etc/ssl/certs/ca-certificates.crt
trust_host_cas() {
    if [ -f "$HOST_CA" ]; then cp "$HOST_CA" "$DIR/etc/ssl/certs/host-ca-bundle.crt"; fi
}

MOUNTED=()
mount_all() {
    mount -t proc proc "$DIR/proc" && MOUNTED+=("$DIR/proc")
    mount --rbind /dev "$DIR/dev" && mount --make-rslave "$DIR/dev" && MOUNTED+=("$DIR/dev")
    cp /etc/resolv.conf "$DIR/etc/resolv.conf"
}
umount_all() {
    for m in "${MOUNTED[@]}"; do umount -R "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
    MOUNTED=()
}
trap umount_all EXIT

if [ ! -f "$STAMP" ]; then
    echo "== building the $SUITE chroot with QGIS in $DIR (once)"
    command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap; }
    umount -R "$DIR/proc" "$DIR/dev" 2>/dev/null || true
    rm -rf "$DIR"
    mkdir -p "$CACHE"
    debootstrap --variant=minbase "$SUITE" "$DIR" "$MIRROR" >/dev/null
    mount_all
    in_root "apt-get $APT_OPTS update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        $(echo $PKGS) >/dev/null"
    trust_host_cas
    # numpy and scipy stay Debian's (QGIS is built against them): pip may never replace them
    in_root "python3 -c 'import numpy, scipy; print(f\"numpy=={numpy.__version__}\"); \
        print(f\"scipy=={scipy.__version__}\")' > /opt/constraints.txt
        for v in plain numba; do python3 -m venv --system-site-packages /opt/venv-\$v; done
        /opt/venv-plain/bin/pip install -q --disable-pip-version-check -c /opt/constraints.txt $TEST_TOOLS
        /opt/venv-numba/bin/pip install -q --disable-pip-version-check -c /opt/constraints.txt $TEST_TOOLS numba"
    umount_all
    touch "$STAMP"
fi

mount_all
trust_host_cas
echo "== copying the working tree into the chroot"
rm -rf "$DIR/src" && mkdir -p "$DIR/src"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$DIR/src"
# packages added since the chroot was built
in_root "dpkg -s $(echo $PKGS) >/dev/null 2>&1 || { apt-get $APT_OPTS update -qq && DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends $(echo $PKGS) >/dev/null; }"
# the copy is a repository of its own (the README recipe test copies what git tracks); the .qm
# translation is built, not stored
in_root "cd /src && git init -q && git add -A && git -c user.name=ci -c user.email=ci@localhost \
    commit -qm copy && make -s translations"
in_root "python3 -c 'from qgis.core import Qgis; import sys, numpy, osgeo; \
    print(\"QGIS\", Qgis.version(), \"| Python\", sys.version.split()[0], \"| numpy\", numpy.__version__, \
          \"| GDAL\", osgeo.__version__)'"
status=0
# SMARTPLAN_CHROOT_TESTS / SMARTPLAN_CHROOT_VARIANTS: a part of the suite, one variant
for v in ${SMARTPLAN_CHROOT_VARIANTS:-plain numba}; do
    echo "== QGIS and end-to-end tests on $SUITE, $v"
    in_root "cd /src && rm -rf .cache && /opt/venv-$v/bin/python -m pytest -p no:cacheprovider -q \
        -W 'error::DeprecationWarning:smartplan' -W 'error::PendingDeprecationWarning:smartplan' \
        ${SMARTPLAN_CHROOT_TESTS:-tests/qgis tests/e2e}" || status=1
done
exit $status
