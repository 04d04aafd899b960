"""ctest case package_deb: makes the .deb with CPack, installs it with dpkg, checks what it
installed, builds tests/consumer against the installed files (find_package and
pkg-config, tests/consumer/check.cmake), and purges the package again, whatever failed.

    deb_test.py CMAKE BUILD_DIR SCRATCH_DIR VERSION CHECK_SCRIPT CHECK_SETTING…

CMAKE is the cmake program (cpack is beside it); CHECK_SETTINGs are check.cmake's -D settings but PREFIX and SCRATCH_DIR. Installing needs
root (CI runs as root); without it, or when the system already has a caseledger package or
any file the package holds, the test exits 77, which ctest reports as skipped: it never
replaces or removes what it did not install.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

SKIPPED = 77
# What the package must hold (paths in the .deb), and what it must not: the Python module
# is the wheel's (cmake/caseledger_package.cmake).
EXPECTED = [
    "usr/bin/caseledger",
    "usr/share/man/man1/caseledger.1.gz",
    "usr/share/bash-completion/completions/caseledger",
    "usr/share/doc/caseledger/LICENSE",
    "usr/share/caseledger/headlines.json",
    "usr/include/caseledger/caseledger.hpp",
    "usr/include/caseledger/version.hpp",
    "usr/lib/libcaseledger.a",
    "usr/lib/pkgconfig/caseledger.pc",
    "usr/lib/cmake/caseledger/caseledger-config.cmake",
]


def run(*args, **kwargs):
    print("+", " ".join(str(arg) for arg in args), flush=True)
    return subprocess.run(args, check=True, text=True, **kwargs)


def output(*args):
    return run(*args, stdout=subprocess.PIPE).stdout


def package_state():
    """dpkg's state of the caseledger package: 'not-installed' when it knows none."""
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", "caseledger"],
        text=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    return result.stdout.split()[-1] if result.returncode == 0 else "not-installed"


def skip(reason):
    print(f"package_deb skipped: {reason}")
    sys.exit(SKIPPED)


def main(cmake, build_dir, scratch, version, check_script, check_settings):
    if os.geteuid() != 0:
        skip("dpkg -i needs root")
    if package_state() != "not-installed":
        skip(f"a caseledger package is already {package_state()} on this system")

    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    run(cmake.with_name("cpack"), "-G", "DEB", "-B", scratch, "--config", build_dir / "CPackConfig.cmake")
    debs = sorted(scratch.glob(f"caseledger_{version}_*.deb"))
    if len(debs) != 1:
        sys.exit(f"expected one caseledger_{version}_*.deb in {scratch}, found {debs}")
    deb = debs[0]

    fields = {
        field: output("dpkg-deb", "--field", deb, field).strip()
        for field in ("Package", "Version", "Depends")
    }
    print(fields)
    assert fields["Package"] == "caseledger" and fields["Version"] == version, fields
    depends = [entry.split(" ")[0] for entry in fields["Depends"].split(", ")]
    # The development packages a consumer of the static library needs, and the program's
    # shared libraries found by dpkg-shlibdeps (libc6 is always among them).
    for package in ("nlohmann-json3-dev", "libxlsxwriter-dev", "libminizip-dev",
                    "libexpat1-dev", "libopencc-dev", "libssl-dev", "pkg-config", "libc6"):
        assert package in depends, f"Depends lacks {package}: {fields['Depends']}"
    assert any(package.startswith("libboost-program-options") for package in depends), depends

    files = [
        line.split()[-1].removeprefix("./")
        for line in output("dpkg-deb", "--contents", deb).splitlines()
        if not line.startswith("d")
    ]
    missing = [path for path in EXPECTED if path not in files]
    assert not missing, f"the package lacks {missing}"
    assert not [path for path in files if "python" in path], files
    present = [path for path in files if os.path.lexists("/" + path)]
    if present:
        skip(f"the system already has files the package holds: {present}")

    try:
        run("dpkg", "-i", deb)
        assert package_state() == "installed", package_state()
        reported = output("/usr/bin/caseledger", "--version").strip()
        assert reported == f"caseledger {version}", reported
        run(cmake, "-DPREFIX=/usr", f"-DSCRATCH_DIR={scratch}", *check_settings,
            "-P", check_script)
    finally:
        # Purged rather than removed, so that dpkg keeps no record of it either.
        run("dpkg", "--purge", "caseledger")
    assert package_state() == "not-installed", package_state()
    left = [path for path in files if os.path.lexists("/" + path)]
    assert not left, f"dpkg --purge left {left}"


if __name__ == "__main__":
    if len(sys.argv) < 6:
        sys.exit("usage: deb_test.py CMAKE BUILD_DIR SCRATCH_DIR VERSION CHECK_SCRIPT "
                 "CHECK_SETTING…")
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], sys.argv[5],
         sys.argv[6:])
