"""The job slices by kind: what each job of the workflow reads from the config.

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
    """NEST's time step, delay range and virtual processes (`nest` with `large_networks`
    resolved for the job's experiment)."""

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


class ClassifyGibbsJob(Job):
    burn_in: int
    n_steps: int


# ----------------------------------------------------------------------------- calibration


class CalibrateJob(NetworkJob):
    """The activation function of one calibration set (P16 eq. 20 fit)."""

    set: str
    mean_mV: dict[str, float]
    duration_ms: float
    n_runs: int


class SimulatorCalibrationJob(CalibratedJob):
    set: str
    simulator: str
    mean_mV: dict[str, float]
    duration_ms: float
    n_runs: int
    resolution_ms: float


class CalibrationGridJob(Job):
    sets: list[str]


# ----------------------------------------------------------------------------- P16


class P16Fig2TheoryJob(CalibratedJob):
    set: str


class P16Fig2TraceJob(NetworkJob):
    mean_mV: float
    duration_ms: float


class SamplingBlockJob(NetworkJob):
    """P16 Fig 3 / L18 Fig 5: a block of small BMs' LIF networks in one NEST kernel; `runs`
    are the trial (or random-BM) indices, `seeds["bm"]` their BMs."""

    experiment: str
    kind: str
    runs: list[int]
    stp: STPParameters
    n_units: int
    weight_scale: float
    duration_ms: float
    burn_in_ms: float
    boltzmann_machine: NotRequired[str]  # a user BM (boltzmann_machines.<name>), not drawn


class SamplingAggregateJob(CalibratedJob):
    """The analysis of the stored spikes: D_KL over time, joints, the abstract sampler."""

    experiment: str
    n_units: int
    weight_scale: float
    duration_ms: float
    bm_ms: float
    burn_in_ms: float
    joint_ms: float
    n_trials: int
    n_bms: int
    dkl_time_points: int
    boltzmann_machine: NotRequired[str]  # a user BM (boltzmann_machines.<name>), not drawn


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


class P16Fig4ReferenceJob(Job):
    n_units: int
    bias_scale: float
    shown_units: list[int]
    weight_scale: float
    gibbs_sweeps: int
    gibbs_chains: int


class P16Fig4RunJob(NetworkJob):
    """P16 Fig 4: one K = 500 network of one translation variant and weight scale."""

    variant: str
    translation: str
    stp: STPParameters
    n_units: int
    bias_scale: float
    shown_units: list[int]
    weight_scale: float
    run_index: int
    duration_ms: float
    burn_in_ms: float


class P16Fig4AggregateJob(Job):
    variants: list[str]
    judged_variant: str
    weight_scales: list[float]
    n_runs: int
    dkl_time_points: int


class P16Fig5TrainJob(NetworkJob):
    stp: STPParameters
    gibbs: dict[str, Any]
    lif: dict[str, Any]
    sample_interval_ms: float


class P16Fig5SamplingJob(NetworkJob):
    stp: STPParameters
    digits: list[int]
    input_units: list[int]
    input_current_nA: float
    n_seeds: int
    duration_ms: float
    burn_in_ms: float
    sample_interval_ms: float
    snapshot_ms: float
    trajectory_ms: float


class P16Fig6PredictionsJob(Job):
    calibration_sets: list[str]
    cells: dict[str, dict[str, Any]]
    simulators: dict[str, Any]


class P16Fig7SetJob(NetworkJob):
    """P16 Fig 7: the K = 5 BM sampled with the neuron of one calibration set."""

    set: str
    stp: STPParameters
    n_units: int
    weight_scale: float
    duration_ms: float
    burn_in_ms: float


class P16Fig7AggregateJob(Job):
    calibration_sets: list[str]
    n_units: int
    weight_scale: float
    dkl_time_points: int


# ----------------------------------------------------------------------------- L18


class L18Fig1StpJob(Job):
    neuron_name: str
    neuron: NeuronParameters
    nest: NestSettings
    stp: dict[str, STPParameters]
    first_psp_mV: float
    isi_ms: float
    delay_ms: float
    n_envelope_spikes: int
    trace_burst_spikes: int
    trace_window_ms: float


class L18Fig5MembranesJob(Job):
    cells: dict[str, dict[str, Any]]
    nest: NestSettings
    mean_mV: float
    duration_ms: float


class L18Fig2GridChunkJob(NetworkJob):
    """L18 Fig 2b: every (U0, tau_rec) network at one tau_fac, one seed of the BM."""

    n_visible: int
    n_hidden: int
    weight_scale: float
    U0: list[float]
    tau_rec_ms: list[float]
    tau_fac_ms: float
    duration_ms: float
    burn_in_ms: float
    seed_index: int


class L18Fig2GridAggregateJob(Job):
    tau_fac_ms: list[float]
    n_seeds: int


class L18Fig2GridJudgeJob(NetworkJob):
    """L18 Fig 2b: the sets the grid's seeds choose, run on fresh BMs."""

    n_visible: int
    n_hidden: int
    weight_scale: float
    duration_ms: float
    burn_in_ms: float


class L18Fig2BarsRunJob(GenerativeJob):
    bar_set: str
    n_samples: int
    n_shown: int
    seed_index: int


class L18Fig2BarsAggregateJob(Job):
    n_seeds: int


class ISLSettings(TypedDict):
    """How the ISL (L18 eq. 11) of samples is read: on the first `n_test_isl` test images
    (None: all test patterns of your dataset)."""

    isl_beta: float
    n_test_isl: int | None


class Member(TypedDict):
    """A job of L18 Fig 3's family on one of your datasets names it (`generative_<name>`)."""

    dataset: NotRequired[str]


class L18Fig3RunJob(GenerativeJob, Member):
    n_samples: int
    seed_index: int


class L18Fig3AnalysisJob(Job, ISLSettings, Member):
    """What is read from one seed's stored samples (no simulation reads these keys)."""

    isl_points: int
    mode_window: int  # samples (label states) per mode read-out
    n_tsne: int
    burn_in_ms: float
    sample_interval_ms: float  # tau_ref: one sample per refractory time


class L18Fig3Isl1e3Job(GenerativeJob, Member):
    """L18 Fig 3c-d: 1e3 samples of every sampler for a block of seeds (`runs`)."""

    runs: list[int]


class L18Fig3Isl1e3AnalysisJob(Job, ISLSettings, Member):
    """What is read from one block's stored short runs (no simulation reads these keys)."""

    mode_window: int  # samples (label states) per mode read-out
    burn_in_ms: float
    sample_interval_ms: float  # tau_ref: one sample per refractory time


class L18Fig3ReferencesJob(Job, ISLSettings, Member):
    n_samples: int
    isl_points: int
    n_opt_base: int
    ast_chains: int
    betas: dict[str, float]
    gamma: dict[str, float]


class L18Fig3ScanBlockJob(NetworkJob, ISLSettings, Member):
    """A block of points of one L18 Fig 3a scan: one network per STP set, one kernel."""

    scan: str
    seed_index: int
    stp_sets: list[STPParameters]
    n_samples: int
    burn_in_ms: float


class L18Fig3ScanJob(Job, Member):
    scan: str
    U0: list[float]
    values_ms: list[float]
    fixed_ms: float
    n_seeds: int
    n_samples: int


class L18Fig3AggregateJob(Job, Member):
    n_seeds: int


class L18Fig3TsneJob(Job, Member):
    perplexity: float


class ClassifyLifJob(NetworkJob):
    stp: STPParameters
    n_images: int
    image_ms: float
    settle_ms: float
    clamp_mV: float
    burn_in_ms: float


class L18Fig4RunJob(GenerativeJob):
    """L18 Fig 4: Gibbs, AST and the spiking samplers of one model, one seed; the
    `completion` model clamps the lower half of an input."""

    model: str
    seed_index: int
    n_samples: int
    ast_burn_in: int
    betas: dict[str, float]
    gamma: dict[str, float]
    classes: NotRequired[list[int]]
    input_split: NotRequired[str]
    n_neighbours: NotRequired[int]
    clamp_mV: NotRequired[float]


class L18Fig4AnalysisJob(Job):
    """What is read from one seed's stored Fig 4 samples (no simulation reads these keys)."""

    model: str
    balance_classes: list[int]
    mode_window: int  # samples (label states) per mode read-out
    burn_in_ms: float
    sample_interval_ms: float  # tau_ref: one sample per refractory time
    tsne_ms: NotRequired[float]
    tsne_spacing_ms: NotRequired[float]
    n_shown: NotRequired[int]
    shown_every: NotRequired[int]


class L18Fig4AggregateJob(Job):
    model: str
    n_seeds: int
    perplexity: NotRequired[float]
    n_evolution: NotRequired[int]


# ----------------------------------------------------------------------------- sampling fidelity


class SamplingFidelityRunJob(NetworkJob):
    """One trained RBM's network with one synapse set: clamped conditionals, free running.
    `stp` is None for the best set of the L18 Fig 3a scans (read from the scans at run time)."""

    model: str
    stp_set: str
    stp: STPParameters | None
    n_states: int
    state_ms: float
    settle_ms: float
    n_free: int
    burn_in_ms: float
    clamp_mV: float


class SamplingFidelityReferenceJob(Job):
    model: str
    gibbs_chains: int
    gibbs_sweeps: int


class SamplingFidelityAggregateJob(Job):
    models: list[str]
    stp_sets: list[str]
    l18_stp_set: str


# ----------------------------------------------------------------------------- claims


class GenerativeClaimsJob(Job):
    n_iterations: dict[str, int]  # CAST iterations of each trained model
