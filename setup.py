"""Builds the Python package with CMake, as pybind11's cmake_example does: setuptools
packs bindings/python/caseledger, and its one extension, caseledger._core, is the CMake
target caseledger_python, built in setuptools' temporary folder and copied in.

CMAKE_ARGS in the environment adds CMake settings, e.g.
CMAKE_ARGS="-DCMAKE_CXX_COMPILER_LAUNCHER=ccache".
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def project_version():
    """The version, from the one place it is kept: CMakeLists.txt's project()."""
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    found = re.search(r"^project\(caseledger VERSION ([0-9]+\.[0-9]+\.[0-9]+)\b", text, re.M)
    if not found:
        raise RuntimeError("no project(caseledger VERSION x.y.z) in CMakeLists.txt")
    return found.group(1)


class CMakeExtension(Extension):
    """An extension module that a CMake target builds."""

    def __init__(self, name, target):
        super().__init__(name, sources=[])
        self.target = target


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        destination = Path(self.get_ext_fullpath(ext.name)).resolve()
        build_dir = Path(self.build_temp).resolve() / "cmake"
        # Only the library and the bindings: no program, tests, samples or install rules.
        settings = [
            f"-DPython_EXECUTABLE={sys.executable}",
            f"-DCMAKE_BUILD_TYPE={'Debug' if self.debug else 'Release'}",
            "-DCASELEDGER_BUILD_PYTHON=ON",
            "-DCASELEDGER_BUILD_CLI=OFF",
            "-DCASELEDGER_BUILD_TESTS=OFF",
            "-DCASELEDGER_BUILD_SAMPLES=OFF",
            "-DCASELEDGER_INSTALL=OFF",
        ]
        settings += os.environ.get("CMAKE_ARGS", "").split()
        if "CMAKE_GENERATOR" not in os.environ and shutil.which("ninja"):
            settings.append("-GNinja")
        subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build_dir), *settings], check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", ext.target], check=True)
        # The target puts the module in the package it assembles (bindings/python).
        built = build_dir / "python" / "caseledger" / destination.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, destination)


setup(
    version=project_version(),
    packages=["caseledger"],
    package_dir={"caseledger": "bindings/python/caseledger"},
    package_data={"caseledger": ["py.typed", "*.pyi"]},
    ext_modules=[CMakeExtension("caseledger._core", target="caseledger_python")],
    cmdclass={"build_ext": CMakeBuild},
    # setuptools' own build folder, kept apart from the CMake build folder build/.
    options={"build": {"build_base": "build/setuptools"}},
    zip_safe=False,
)
