"""L18 Fig 3: the MNIST RBM (784-600-10) as a generative model, Gibbs vs its LIF+STP network.

Per seed, one Gibbs chain and one run of the LIF+STP network (same W, b) produce `n_samples`
consecutive samples each (the network: one every tau_ref). From them: the ISL of the test
images against the number of samples (L18 eq. 11, panel b; at 1e3 samples, panel c), the mode
of every sample (the label with the highest activity, panel d) and the samples kept for the
tSNE embedding (panel e). OPT (random picks from an AST base set) and POM (product of the
training set's pixel marginals) are the references of panel b.

The family in four modules: `science` (runs and analyses), `verdicts` (claims),
`config_slices` (each job's config slice) and, here, one job function per rule.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import xarray as xr

from ... import io
from ..generative import best_scan_set, read_best_scan_set, read_rbm
from .config_slices import (
    LARGE_NETWORKS,
    PAPER,
    STP_SCANS,
    ClassifyGibbsJob,
    ClassifyLifJob,
    L18Fig3AggregateJob,
    L18Fig3AnalysisJob,
    L18Fig3Isl1e3AnalysisJob,
    L18Fig3Isl1e3Job,
    L18Fig3ReferencesJob,
    L18Fig3RunJob,
    L18Fig3ScanBlockJob,
    L18Fig3ScanJob,
    L18Fig3TsneJob,
    classified_models,
    classify_gibbs_slice,
    classify_lif_slice,
    generative_experiments,
    job_slices,
    l18_fig3_aggregate_slice,
    l18_fig3_analysis_slice,
    l18_fig3_isl_1e3_analysis_slice,
    l18_fig3_isl_1e3_blocks,
    l18_fig3_isl_1e3_slice,
    l18_fig3_references_slice,
    l18_fig3_run_slice,
    l18_fig3_scan_block_slice,
    l18_fig3_scan_blocks,
    l18_fig3_scan_slice,
    l18_fig3_tsne_slice,
)
from .science import (
    ISL_AT,
    SAMPLE_ENCODING,
    SAMPLERS,
    SHORT_RUN_ENCODING,
    aggregate,
    analyse,
    classification,
    isl_points,
    lif_classification,
    read_network_inputs,
    references,
    scan_block,
    scan_grid,
    short_run_statistics,
    short_runs,
    simulate,
    test_images,
    tsne_embedding,
)
from .verdicts import (
    CLAIM_INPUTS,
    CLAIMS,
    TRAINED_MODELS,
    judge_claims,
    judge_generative,
    paired_accuracy_difference,
    user_generative_claims,
)

__all__ = [  # the family's interface (experiments.FAMILIES, the rules, the tests)
    "CLAIMS", "CLAIM_INPUTS", "ISL_AT", "LARGE_NETWORKS", "PAPER", "SAMPLERS", "STP_SCANS",
    "TRAINED_MODELS",
    "aggregate", "analyse", "best_scan_set", "classification", "classified_models",
    "classify_gibbs_slice", "classify_lif_slice", "generative_experiments", "isl_points",
    "job_slices", "judge_claims", "judge_generative", "l18_fig3_aggregate_slice",
    "l18_fig3_analysis_slice", "l18_fig3_isl_1e3_analysis_slice", "l18_fig3_isl_1e3_blocks",
    "l18_fig3_isl_1e3_slice", "l18_fig3_references_slice", "l18_fig3_run_slice",
    "l18_fig3_scan_block_slice", "l18_fig3_scan_blocks", "l18_fig3_scan_slice",
    "l18_fig3_tsne_slice", "paired_accuracy_difference", "read_network_inputs", "references",
    "scan_block", "scan_grid", "short_run_statistics", "short_runs", "simulate",
    "test_images", "tsne_embedding", "user_generative_claims",
]

LOG = logging.getLogger(__name__)


OUTPUT_ENCODING = {"l18_fig3_run": SAMPLE_ENCODING, "l18_fig3_isl_1e3": SHORT_RUN_ENCODING}



def l18_fig3_scan_block(job: L18Fig3ScanBlockJob, *, model: str, data: str,
                        calibration: str) -> xr.Dataset:
    """A block of Fig 3a scan points in one NEST kernel (`scan_block`)."""
    ds = scan_block(job, *read_network_inputs(model, data, calibration))
    for stp, value in zip(job["stp_sets"], ds["isl"].values, strict=True):
        LOG.info("STP %s: ISL %.2f nat", stp, value)
    return ds


def l18_fig3_scan(job: L18Fig3ScanJob, *, blocks: Sequence[str]) -> xr.Dataset:
    """One Fig 3a scan as a grid (`scan_grid`)."""
    return scan_grid(job, [io.read_dataset(f, ["isl"]) for f in blocks])


def l18_fig3_run(job: L18Fig3RunJob, *, model: str, calibration: str) -> xr.Dataset:
    """Gibbs and the spiking samplers of one seed, stored for the analysis (`simulate`)."""
    ds = simulate(job, read_rbm(model), io.read_dataset(calibration, ["p_mean"]))
    LOG.info("%d samples per sampler; on-pixels per sample %s; mean rate %.1f Hz",
             job["n_samples"], ds["pixel_sample"].sum("pixel").mean("sample").values.round(1)
             .tolist(), float(ds["mean_rate"]))
    return ds


def l18_fig3_analysis(job: L18Fig3AnalysisJob, *, samples: str, data: str) -> xr.Dataset:
    """ISL over samples, modes and rates of one seed's samples (`analyse`)."""
    ds = analyse(job, io.read_dataset(samples, ["pixel_sample", "gibbs_label_sample",
                                                "spike_time"]),
                 io.read_dataset(data, ["image", "split"]))
    LOG.info("ISL at %d samples: %s; mean rate %.1f Hz", int(ds["n_used"][-1]),
             ds["isl"].isel(n_used=-1).values.round(2).tolist(), float(ds["mean_rate"]))
    return ds


def l18_fig3_isl_1e3(job: L18Fig3Isl1e3Job, *, model: str, calibration: str,
                     scans: Sequence[str]) -> xr.Dataset:
    """Short runs of 1e3 samples of a block of seeds (`short_runs`)."""
    ds = short_runs(job, read_rbm(model), io.read_dataset(calibration, ["p_mean"]),
                    read_best_scan_set(scans))
    LOG.info("seeds %s (%s): on-pixels per sample %s", job["runs"],
             ds["short_sampler"].values.tolist(),
             ds["pixel_sample"].sum("pixel").mean("sample").values.round(1).tolist())
    return ds


def l18_fig3_isl_1e3_analysis(job: L18Fig3Isl1e3AnalysisJob, *, samples: str, data: str
                              ) -> xr.Dataset:
    """ISL at 1e3 samples of a block of short runs (`short_run_statistics`)."""
    ds = short_run_statistics(job, io.read_dataset(samples, ["pixel_sample",
                                                             "gibbs_label_sample",
                                                             "spike_time"]),
                              io.read_dataset(data, ["image", "split"]))
    LOG.info("seeds %s: ISL at 1e3 (%s) %s", ds["short_seed"].values.tolist(),
             ds["short_sampler"].values.tolist(), ds["isl_1e3"].values.round(2).tolist())
    return ds


def l18_fig3_references(job: L18Fig3ReferencesJob, *, model: str, data: str
                        ) -> xr.Dataset:
    """OPT, POM and AST of the member's RBM (`references`)."""
    ds = references(job, read_rbm(model), io.read_dataset(data, ["image", "split"]))
    LOG.info("ISL OPT, POM: %s; AST valid fraction %.3f",
             ds["isl_reference"].isel(n_used=-1).values.round(2).tolist(),
             float(ds["ast_valid_fraction"]))
    return ds


def l18_fig3_aggregate(job: L18Fig3AggregateJob, *, runs: Sequence[str], references: str,
                       short_runs: Sequence[str]) -> xr.Dataset:
    """Every seed, the references and the short runs in one Dataset (`aggregate`)."""
    return aggregate(job, [io.read_dataset(f, ["isl", "mode"]) for f in runs],
                     io.read_dataset(references, ["isl_reference"]),
                     [io.read_dataset(f, ["isl_1e3"]) for f in short_runs])


def l18_fig3_tsne(job: L18Fig3TsneJob, *, fig3: str) -> xr.Dataset:
    """The t-SNE map of Fig 3d (`tsne_embedding`)."""
    return tsne_embedding(job, io.read_dataset(fig3, ["tsne_image", "mode"]))


def classify_gibbs(job: ClassifyGibbsJob, *, model: str, data: str) -> xr.Dataset:
    """Exact and Gibbs classification of the test images (`classification`)."""
    ds = classification(job, read_rbm(model), io.read_dataset(data, ["image", "label", "split"]))
    LOG.info("test accuracy: %s", dict(zip(ds["classifier"].values.tolist(),
                                           ds["accuracy"].values.round(4).tolist(), strict=True)))
    return ds


def classify_lif(job: ClassifyLifJob, *, model: str, data: str, calibration: str
                 ) -> xr.Dataset:
    """The LIF+STP network as a classifier (`lif_classification`)."""
    ds = lif_classification(job, read_rbm(model),
                            io.read_dataset(data, ["image", "label", "split"]),
                            io.read_dataset(calibration, ["p_mean"]))
    LOG.info("accuracy %s on %d images; %d without label spike",
             ds["accuracy"].values.round(4).tolist(), ds.attrs["n_images"],
             ds.attrs["no_label_spike"])
    return ds
