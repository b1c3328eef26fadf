"""Importing the spiking module must not make PyNN compile its NEST extension (cmake)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.nest


def test_import_builds_nothing_and_prints_no_cmake_error(tmp_path):
    import pyNN

    build_dir = Path(pyNN.__file__).parent / "nest" / "_build"
    existed = build_dir.exists()
    env = dict(os.environ)
    # nest-config sits next to the interpreter in a venv: PyNN would find it on PATH
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    proc = subprocess.run([sys.executable, "-c", "import lifsampling.spiking"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout + proc.stderr
    assert "cmake" not in out.lower() and "CMake Error" not in out
    assert not (tmp_path / "_build").exists()
    assert build_dir.exists() == existed
