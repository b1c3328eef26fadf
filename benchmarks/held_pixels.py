"""The MNIST classification (L18 Fig 3) with its pixels held two ways, on the same images:
clamped LIF pixel neurons with their own backgrounds (`clamped_neurons`) and the trains such
neurons fire, sent without neurons (`spike_sources`; `generative.held_units`). Prints, for
each, the accuracy, the label neurons' spike counts and the process's CPU time; between
them, how closely their counts and predictions agree, beside two runs of clamped neurons
with different seeds (the agreement the noise allows). Interleaved rounds, best CPU time.

Reads a workflow's trained MNIST RBM, its data and calibration (default: this checkout's
`results/`, any scale; e.g. `--results rehearsal/results` for the paper rehearsal's):

    python benchmarks/held_pixels.py [--results DIR] [--images 200] [--rounds 2] [--vps N]
"""
import argparse
import time
from pathlib import Path

import numpy as np

from lifsampling import io
from lifsampling.config import REPO_ROOT, load_config
from lifsampling.experiments.generative import read_rbm
from lifsampling.experiments.l18_fig3.config_slices import classify_lif_slice
from lifsampling.experiments.l18_fig3.science import lif_classification

WAYS = ("clamped_neurons", "spike_sources")


def inputs(results: Path, calibration_set: str) -> dict[str, Path]:
    """The classification's input files in a workflow's results folder (checked here)."""
    files = {"model": results / "models" / "mnist.nc", "data": results / "data" / "mnist.nc",
             "calibration": results / "calibration" / f"{calibration_set}.nc"}
    missing = [str(f) for f in files.values() if not f.is_file()]
    if missing:
        raise SystemExit(f"held_pixels: missing {', '.join(missing)} (run the workflow's "
                         "classify_lif inputs first, or pass --results)")
    return files


def classify(job: dict, files: dict[str, Path], pixels: str, seed: int) -> tuple[float, object]:
    """CPU seconds (every thread of this process) and the Dataset of one classification."""
    rbm = read_rbm(str(files["model"]))
    data = io.read_dataset(str(files["data"]), ["image", "label", "split"])
    calibration = io.read_dataset(str(files["calibration"]), ["p_mean"])
    cpu = time.process_time()
    ds = lif_classification({**job, "pixels": pixels, "seeds": {"lif": seed}}, rbm, data,
                            calibration)
    return time.process_time() - cpu, ds


def agreement(a, b) -> str:
    """Correlation of the label counts image by image, and the share of equal predictions."""
    ca, cb = (ds["label_spikes"].values.astype(float).ravel() for ds in (a, b))
    pa, pb = (ds["prediction"].sel(classifier="lif_stp").values for ds in (a, b))
    return (f"count correlation {np.corrcoef(ca, cb)[0, 1]:.3f}, "
            f"same prediction {np.mean(pa == pb):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, default=REPO_ROOT / "results")
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--scale", default="paper", help="the config scale of the job slice")
    parser.add_argument("--vps", type=int, help="NEST virtual processes (default: config's)")
    args = parser.parse_args()
    cfg = load_config(REPO_ROOT / "config.yaml", {"scale": args.scale})
    job = {**classify_lif_slice(cfg), "n_images": args.images}
    if args.vps:
        job["nest"] = {**job["nest"], "virtual_processes": args.vps}
    files = inputs(args.results, cfg["experiments"]["l18_fig3"]["calibration"])
    cpu = {way: [] for way in WAYS}
    runs = {}
    for _ in range(args.rounds):
        for way in WAYS:
            seconds, runs[way] = classify(job, files, way, job["seeds"]["lif"])
            cpu[way].append(seconds)
    _, again = classify(job, files, "clamped_neurons", job["seeds"]["lif"] + 1)
    for way in WAYS:
        ds = runs[way]
        print(f"{way}: accuracy {float(ds['accuracy'].sel(classifier='lif_stp')):.3f} "
              f"(exact {float(ds['accuracy'].sel(classifier='exact')):.3f}), label spikes per "
              f"image {ds['label_spikes'].values.sum(axis=1).mean():.1f}, "
              f"{ds.attrs['no_label_spike']} images without one; CPU {min(cpu[way]):.1f} s "
              f"(best of {args.rounds})")
    print(f"clamped neurons, two seeds: {agreement(runs['clamped_neurons'], again)}")
    print(f"clamped neurons vs spike sources, same seed: "
          f"{agreement(runs['clamped_neurons'], runs['spike_sources'])}")
    ratio = min(cpu["spike_sources"]) / min(cpu["clamped_neurons"])
    print(f"held_pixels: {ratio:.2f} x the CPU time of clamped pixel neurons, {args.images} "
          f"images on {job['nest']['virtual_processes']} VPs (target <= 0.7)")


if __name__ == "__main__":
    main()
