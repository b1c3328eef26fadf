import json
import os

import numpy as np
import pytest
import xarray as xr

from lifsampling import io


def _dataset():
    return xr.Dataset(
        {"dkl": (("tau_rec", "seed"), np.arange(6.0).reshape(3, 2),
                 {"units": "nat", "long_name": "DKL"})},
        coords={"tau_rec": ("tau_rec", [1.0, 10.0, 100.0], {"units": "ms"}), "seed": [0, 1]},
    )


def test_round_trip_with_provenance(tmp_path, smoke_cfg):
    path = io.write_dataset(_dataset(), tmp_path / "sub" / "x.nc", smoke_cfg, seeds={"run": 5})
    back = io.read_dataset(path, required_vars=["dkl"])
    xr.testing.assert_identical(back[["dkl"]].drop_attrs(deep=False), _dataset().drop_attrs(
        deep=False))
    assert back["dkl"].attrs["units"] == "nat"
    assert back["tau_rec"].attrs["units"] == "ms"
    assert json.loads(back.attrs["seeds"]) == {"run": 5}
    assert back.attrs["scale"] == "smoke"
    assert len(back.attrs["config_hash"]) == 64
    assert back.attrs["nest_virtual_processes"] == smoke_cfg["nest"]["virtual_processes"]
    assert "nest-simulator" in json.loads(back.attrs["package_versions"])
    assert back.attrs["git_commit"]
    assert list(tmp_path.joinpath("sub").iterdir()) == [path]


def test_failed_write_leaves_nothing(tmp_path, smoke_cfg):
    bad = _dataset()
    bad["obj"] = (("seed",), np.array([object(), object()]))  # netCDF cannot store this
    target = tmp_path / "x.nc"
    with pytest.raises(Exception):  # noqa: B017 - whatever netCDF4 raises
        io.write_dataset(bad, target, smoke_cfg)
    assert list(tmp_path.iterdir()) == []


def test_existing_file_replaced_only_when_complete(tmp_path, smoke_cfg):
    target = io.write_dataset(_dataset(), tmp_path / "x.nc", smoke_cfg)
    before = target.read_bytes()
    bad = _dataset()
    bad["obj"] = (("seed",), np.array([object(), object()]))
    with pytest.raises(Exception):  # noqa: B017
        io.write_dataset(bad, target, smoke_cfg)
    assert target.read_bytes() == before


def test_truncated_and_foreign_files_are_refused(tmp_path, smoke_cfg):
    target = io.write_dataset(_dataset(), tmp_path / "x.nc", smoke_cfg)
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
