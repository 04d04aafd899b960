"""ctest case package_wheel: builds the wheel the README's way (pip, setuptools driving
CMake, offline) from a copy of the source, installs it into a fresh venv, uses it there,
and uninstalls it.

    wheel_test.py SOURCE_DIR SCRATCH_DIR VERSION BUILD_PYTHONPATH

The report the installed package computes from the Fuzhou sample must equal, figure for
figure, the one the build tree's package (BUILD_PYTHONPATH) computes.
"""

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

# What setup.py and CMakeLists.txt need: the library, the bindings and the metadata.
SOURCES = ["CMakeLists.txt", "setup.py", "pyproject.toml", "README.md", "LICENSE",
           "cmake", "include", "lib", "data", "bindings"]

# Run by the venv's python, and by the build tree's with PYTHONPATH: prints the version
# the package's metadata and module give, where it was imported from, and the report.
USE = r"""
import importlib.metadata, json, sys
import caseledger
try:
    metadata_version = importlib.metadata.version("caseledger")
except importlib.metadata.PackageNotFoundError:
    metadata_version = None
book = caseledger.Ledger.load(sys.argv[1])
q1 = caseledger.report(book, "2020-01-01", "2020-03-31")
print(json.dumps({"metadata": metadata_version, "module": caseledger.__version__,
                  "file": caseledger.__file__, "report": q1.to_dict()}))
"""


def run(*args, **kwargs):
    print("+", " ".join(str(arg) for arg in args), flush=True)
    return subprocess.run(args, check=True, text=True, **kwargs)


def use(python, ledger, cwd, env=None):
    return json.loads(run(python, "-c", USE, ledger, cwd=cwd, env=env,
                          stdout=subprocess.PIPE).stdout)


def main(source, scratch, version, build_pythonpath):
    shutil.rmtree(scratch, ignore_errors=True)
    # pip builds in the folder it is given: a copy keeps the source tree untouched.
    tree = scratch / "source"
    for name in SOURCES:
        if (source / name).is_dir():
            shutil.copytree(source / name, tree / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            tree.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, tree / name)

    dist = scratch / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-index",
        "--no-deps", "--wheel-dir", dist, tree)
    wheels = sorted(dist.glob(f"caseledger-{version}-*.whl"))
    assert len(wheels) == 1, f"expected one caseledger-{version} wheel, found {wheels}"
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = set(wheel.namelist())
        info = f"caseledger-{version}.dist-info"
        metadata = wheel.read(f"{info}/METADATA").decode()
    module = "caseledger/_core" + sysconfig.get_config_var("EXT_SUFFIX")
    for name in ("caseledger/__init__.py", "caseledger/_frames.py", "caseledger/_core.pyi",
                 "caseledger/py.typed", module, f"{info}/LICENSE"):
        assert name in names, f"the wheel lacks {name}: {sorted(names)}"
    for field in (f"Version: {version}", "License: MIT",
                  "Classifier: License :: OSI Approved :: MIT License"):
        assert field in metadata.splitlines(), f"METADATA lacks {field!r}:\n{metadata}"

    venv = scratch / "venv"
    run(sys.executable, "-m", "venv", "--system-site-packages", venv)
    python = venv / "bin" / "python"
    run(python, "-m", "pip", "install", "--no-build-isolation", "--no-index", "--no-deps",
        wheels[0])
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                    stdout=subprocess.PIPE).stdout.strip())
    for name in ("py.typed", "_core.pyi"):
        assert (site / "caseledger" / name).is_file(), f"{name} is not installed in {site}"

    ledger = source / "samples" / "fuzhou-2020q1" / "ledger.json"
    # Run from the scratch folder, so that no caseledger but the venv's can be imported.
    installed = use(python, ledger, scratch)
    assert installed["metadata"] == version, installed["metadata"]
    assert installed["module"] == version, installed["module"]
    assert Path(installed["file"]).is_relative_to(site), installed["file"]
    built = use(sys.executable, ledger, scratch, env={"PYTHONPATH": build_pythonpath})
    districts = len(json.loads(ledger.read_text(encoding="utf-8"))["districts"])
    assert len(installed["report"]["groups"]) == districts, installed["report"]["groups"]
    assert installed["report"] == built["report"], "the wheel's report differs from the build's"

    run(python, "-m", "pip", "uninstall", "-y", "caseledger")
    assert not (site / "caseledger").exists(), f"pip uninstall left {site / 'caseledger'}"
    assert not list(site.glob("caseledger-*.dist-info")), "pip uninstall left the metadata"
    after = subprocess.run(
        [python, "-c", "import importlib.metadata as m; print(m.version('caseledger'))"],
        cwd=scratch, text=True, capture_output=True)
    assert after.returncode != 0 and "PackageNotFoundError" in after.stderr, after


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: wheel_test.py SOURCE_DIR SCRATCH_DIR VERSION BUILD_PYTHONPATH")
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4])
