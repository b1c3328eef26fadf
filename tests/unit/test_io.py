import json
import os

import numpy as np
import pytest
import xarray as xr

from lifsampling import io
from lifsampling.config import config_hash, slices


def _dataset():
    return xr.Dataset(
        {"dkl": (("tau_rec", "seed"), np.arange(6.0).reshape(3, 2),
                 {"units": "nat", "long_name": "DKL"})},
        coords={"tau_rec": ("tau_rec", [1.0, 10.0, 100.0],
                            {"units": "ms", "long_name": "recovery time constant"}),
                "seed": np.array([0, 1], dtype=np.int32)},
    )


@pytest.fixture()
def job(smoke_cfg):
    return slices.calibrate(smoke_cfg, "l18_cuba")


def test_round_trip_with_provenance(tmp_path, job, smoke_cfg):
    path = io.write_dataset(_dataset(), tmp_path / "sub" / "x.nc", job, smoke_cfg)
    back = io.read_dataset(path, required_vars=["dkl"])
    xr.testing.assert_equal(back[["dkl"]], _dataset()[["dkl"]])
    assert back["dkl"].attrs["units"] == "nat"
    assert back["tau_rec"].attrs["units"] == "ms"
    assert back["seed"].attrs["long_name"] == io.INDEX_LONG_NAMES["seed"]
    assert json.loads(back.attrs["seeds"]) == job["seeds"] != {}
    assert json.loads(back.attrs["job_parameters"]) == json.loads(json.dumps(job))
    assert back.attrs["job_hash"] == config_hash(job)
    assert back.attrs["config_hash"] == config_hash(smoke_cfg) != back.attrs["job_hash"]
    assert back.attrs["scale"] == "smoke"
    assert back.attrs["nest_virtual_processes"] == smoke_cfg["nest"]["virtual_processes"]
    assert "nest-simulator" in json.loads(back.attrs["package_versions"])
    assert back.attrs["git_commit"]
    assert back.attrs["Conventions"] == "CF-1.8" and back.attrs["history"]
    assert list(tmp_path.joinpath("sub").iterdir()) == [path]


def test_integers_become_cf_types(tmp_path, job):
    ds = _dataset().assign(
        count=("seed", np.array([3, 70000], dtype=np.int64), {"long_name": "spike count"}),
        image=("seed", np.array([0, 1], dtype=np.uint8), {"long_name": "pixel"}),
        grey=("seed", np.array([0, 255], dtype=np.uint8), {"long_name": "grey value"}),
        on=("seed", np.array([True, False]), {"long_name": "state"}))
    back = io.read_dataset(io.write_dataset(ds, tmp_path / "x.nc", job))
    assert {v: back[v].dtype for v in ("count", "image", "grey", "on")} == {
        "count": np.int32, "image": np.int8, "grey": np.int16, "on": np.int8}
    np.testing.assert_array_equal(back["count"], [3, 70000])
    np.testing.assert_array_equal(back["grey"], [0, 255])
    too_big = _dataset().assign(n=("seed", np.array([0, 2**40]), {"long_name": "n"}))
    with pytest.raises(ValueError, match="'n' does not fit a 32-bit integer"):
        io.write_dataset(too_big, tmp_path / "y.nc", job)
    assert not (tmp_path / "y.nc").exists()


def test_variables_without_long_name_are_refused(tmp_path, job):
    bad = _dataset().assign(rate=("seed", [1.0, 2.0], {"units": "Hz"}))
    with pytest.raises(ValueError, match=r"long_name.*\['rate'\]"):
        io.write_dataset(bad, tmp_path / "x.nc", job)
    assert list(tmp_path.iterdir()) == []


def test_written_file_is_cf_clean(tmp_path, job, cf_errors):
    """compliance-checker (IOOS) finds no CF-1.8 error in a file of write_dataset."""
    path = io.write_dataset(_dataset(), tmp_path / "x.nc", job)
    assert cf_errors(path) == []


def test_failed_write_leaves_nothing(tmp_path, job):
    bad = _dataset()
    bad["obj"] = (("seed",), np.array([object(), object()]))  # netCDF cannot store this
    target = tmp_path / "x.nc"
    with pytest.raises(Exception):  # noqa: B017 - whatever netCDF4 raises
        io.write_dataset(bad, target, job)
    assert list(tmp_path.iterdir()) == []


def test_existing_file_replaced_only_when_complete(tmp_path, job):
    target = io.write_dataset(_dataset(), tmp_path / "x.nc", job)
    before = target.read_bytes()
    bad = _dataset()
    bad["obj"] = (("seed",), np.array([object(), object()]))
    with pytest.raises(Exception):  # noqa: B017
        io.write_dataset(bad, target, job)
    assert target.read_bytes() == before


def test_truncated_and_foreign_files_are_refused(tmp_path, job):
    target = io.write_dataset(_dataset(), tmp_path / "x.nc", job)
    data = target.read_bytes()
    truncated = tmp_path / "truncated.nc"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(io.InputFileError, match="truncated.nc"):
        io.read_dataset(truncated)
    foreign = tmp_path / "foreign.nc"
    _dataset().to_netcdf(foreign)
    with pytest.raises(io.InputFileError, match="foreign.nc.*not written completely"):
        io.read_dataset(foreign)
    with pytest.raises(io.InputFileError, match="lacks the variables"):
        io.read_dataset(target, required_vars=["isl"])
    with pytest.raises(io.InputFileError, match="does not exist"):
        io.read_dataset(tmp_path / "missing.nc")
    garbage = tmp_path / "garbage.nc"
    garbage.write_bytes(os.urandom(2000))
    with pytest.raises(io.InputFileError, match="garbage.nc"):
        io.read_dataset(garbage)


def test_text_written_atomically_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "doc.md"
    target.write_text("old\n")
    io.write_text_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]
