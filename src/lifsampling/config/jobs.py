"""The shared job slices: what the shared stages' jobs read from the config, and the pieces
every family's job types are built from (each family defines its own beside its slice
builders, e.g. `experiments.tempering.TemperingRunJob`).

`slices.<kind>(cfg, ...)` builds one of these dictionaries for a rule's `params.job`, and the
experiment function of that job takes it, so its signature names the keys it may read. They
are TypedDicts, plain dicts at run time: Snakemake compares params by their repr, and a job's
slice is stored with its outputs (`io.write_dataset`). Keys are sorted by `slices.canonical`.

Shared pieces: a `CalibratedJob` samples with the neuron and noise of one calibration set
(`slices.calibrated_cell`), a `NetworkJob` also runs NEST (`slices.nest_settings`), and a
`GenerativeJob` has the spiking samplers of `experiments.generative.LIF_ARMS`.

(No `from __future__ import annotations` here: TypedDict reads `NotRequired` only from
evaluated annotations.)
"""

from typing import Any, NotRequired, TypedDict

NeuronParameters = dict[str, float]  # a `neurons` entry, PyNN names (cm, tau_m, v_rest, ...)
NoiseParameters = dict[str, float]   # a `noise` entry: background rates and weights


class STPParameters(TypedDict):
    """A Tsodyks-Markram set (L18 eqs. 7-9), a `stp` entry."""

    U0: float
    tau_rec_ms: float
    tau_fac_ms: float


class NestSettings(TypedDict):
    """NEST's time step, delay range and virtual processes (`nest`, with `large_networks`'
    virtual processes for a family that declares LARGE_NETWORKS)."""

    virtual_processes: int
    resolution_ms: float
    min_delay_ms: float
    max_delay_ms: float


class Job(TypedDict):
    """Every slice: the scale (a change of scale re-runs every job) and its derived seeds."""

    scale: str
    seeds: dict[str, Any]


class ClaimsJob(Job):
    """The claims table: it reads only the scale (the claims' own bounds are in code)."""


class CalibratedJob(Job):
    neuron: NeuronParameters
    noise: NoiseParameters


class NetworkJob(CalibratedJob):
    nest: NestSettings


class GenerativeJob(NetworkJob):
    """A trained RBM's network with L18's set (`stp`) and renewing synapses (`stp_renewing`)."""

    stp: STPParameters
    stp_renewing: STPParameters
    burn_in_ms: float


# ----------------------------------------------------------------------------- data, training


class MnistJob(Job):
    source: str
    wheel: dict[str, str]
    idx_dir: str | None
    binarize_threshold: float


class BarsJob(Job):
    size: int
    angles_deg: list[float]
    centres: list[list[float]]
    length_px: float
    pixels_per_bar: int


class MnistSubsetJob(Job):
    subset: str
    counts: dict[str, int]


class P16DigitsJob(Job):
    digits: list[int]
    size: int
    low: float
    high: float


class TrainJob(Job):
    """CAST (L18 Methods) of one RBM of `training.models`."""

    model: str
    n_hidden: int
    n_iterations: int
    batch_size: int
    eta: dict[str, float]
    betas: dict[str, float]
    gamma: dict[str, float]
    init_weight_std: float
    blas_threads: int


# ----------------------------------------------------------------------------- calibration


class CalibrateJob(NetworkJob):
    """The activation function of one calibration set (P16 eq. 20 fit)."""

    set: str
    mean_mV: dict[str, float]
    duration_ms: float
    n_runs: int


class CalibrationGridJob(Job):
    sets: list[str]


# ----------------------------------------------------------------------------- your files


class UserBmJob(Job):
    """A user BM (boltzmann_machines.<name>) written as results/data/bm_<name>.nc: from its file
    (checked against its SHA-256) or drawn as P16 App. IX."""

    name: str
    sha256: NotRequired[str]
    random: NotRequired[dict[str, Any]]


class UserDatasetJob(Job):
    """A user dataset (datasets.<name>) written as results/data/dataset_<name>.nc: its files
    checked against their SHA-256, the ISL test split held out with the seed."""

    name: str
    sha256: str
    labels_sha256: NotRequired[str]
    shape: list[int]
    n_labels: int | None
    test_fraction: NotRequired[float]  # only with a generative entry


# ----------------------------------------------------------------------------- claims


class GenerativeClaimsJob(Job):
    n_iterations: dict[str, int]  # CAST iterations of each trained model
