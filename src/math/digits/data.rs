//! The digits file: a compact binary of 8-bit images with labels, validated on load.
//!
//! Layout (integers little-endian; see `data/README.md`): the magic `HDDIGITS`, format
//! version 1, count, rows, columns, the FNV-1a 64 checksum of the payload, then the payload —
//! `count` label bytes (each below [`CLASSES`]) and `count × rows × cols` pixel bytes, image
//! after image, row by row.

use crate::math::rng::Rng;
use std::fmt;

/// The file's first eight bytes.
pub const MAGIC: &[u8; 8] = b"HDDIGITS";
/// The format version this loader reads.
pub const FORMAT_VERSION: u32 = 1;
/// Header length in bytes.
pub const HEADER_LEN: usize = 32;
/// Labels are `0..CLASSES`.
pub const CLASSES: u8 = 10;
/// Most images a file may hold.
pub const MAX_IMAGES: u32 = 100_000;
/// Largest side of an image.
pub const MAX_SIDE: u32 = 64;

/// FNV-1a, 64-bit (offset basis `0xcbf29ce484222325`, prime `0x100000001b3`).
///
/// ```
/// use highdim::math::digits::fnv1a64;
/// // Published test vectors of the FNV reference.
/// assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
/// assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
/// ```
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Why a digits file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataError {
    /// Shorter than the header.
    TooShort {
        /// Bytes present.
        len: usize,
    },
    /// The first bytes are not [`MAGIC`].
    BadMagic,
    /// A format version this loader does not read.
    UnsupportedVersion(u32),
    /// A count or side of zero or beyond the limits.
    BadShape {
        /// Images.
        count: u32,
        /// Rows per image.
        rows: u32,
        /// Columns per image.
        cols: u32,
    },
    /// The length does not match the header (truncated or padded).
    WrongLength {
        /// Bytes the header implies.
        expected: usize,
        /// Bytes present.
        found: usize,
    },
    /// The payload's checksum differs from the header's (corrupted).
    Checksum {
        /// In the header.
        expected: u64,
        /// Of the payload.
        found: u64,
    },
    /// A label is not a digit.
    LabelOutOfRange {
        /// Image index.
        index: usize,
        /// The label found.
        label: u8,
    },
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::TooShort { len } => write!(
                f,
                "the digits file is only {len} bytes long, shorter than its {HEADER_LEN}-byte header"
            ),
            DataError::BadMagic => write!(f, "this is not a digits file (its first bytes are not HDDIGITS)"),
            DataError::UnsupportedVersion(v) => write!(
                f,
                "the digits file has format version {v}; this build reads version {FORMAT_VERSION}"
            ),
            DataError::BadShape { count, rows, cols } => write!(
                f,
                "the digits file claims {count} images of {rows}×{cols} pixels, outside the limits (1..={MAX_IMAGES} images, sides 1..={MAX_SIDE})"
            ),
            DataError::WrongLength { expected, found } => write!(
                f,
                "the digits file is {found} bytes long but its header implies {expected}: it is truncated or damaged"
            ),
            DataError::Checksum { expected, found } => write!(
                f,
                "the digits file is corrupted: its checksum is {found:016x}, the header says {expected:016x}"
            ),
            DataError::LabelOutOfRange { index, label } => write!(
                f,
                "image {index} of the digits file has label {label}, not a digit 0–9"
            ),
        }
    }
}

impl std::error::Error for DataError {}

/// A validated set of labelled 8-bit images.
///
/// Invariants: `labels.len() == count`, `pixels.len() == count·rows·cols`, labels below
/// [`CLASSES`], shape within the limits.
#[derive(Clone, PartialEq, Eq)]
pub struct Digits {
    rows: usize,
    cols: usize,
    labels: Vec<u8>,
    pixels: Vec<u8>,
}

impl fmt::Debug for Digits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Digits({} images of {}×{})",
            self.len(),
            self.rows,
            self.cols
        )
    }
}

fn read_u32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

impl Digits {
    /// Images from their parts.
    ///
    /// # Errors
    /// [`DataError::BadShape`], [`DataError::WrongLength`] (pixels), [`DataError::LabelOutOfRange`].
    pub fn new(
        rows: usize,
        cols: usize,
        labels: Vec<u8>,
        pixels: Vec<u8>,
    ) -> Result<Self, DataError> {
        let count = labels.len();
        let shape_ok = (1..=MAX_IMAGES as usize).contains(&count)
            && (1..=MAX_SIDE as usize).contains(&rows)
            && (1..=MAX_SIDE as usize).contains(&cols);
        if !shape_ok {
            return Err(DataError::BadShape {
                count: count.min(u32::MAX as usize) as u32,
                rows: rows.min(u32::MAX as usize) as u32,
                cols: cols.min(u32::MAX as usize) as u32,
            });
        }
        if pixels.len() != count * rows * cols {
            return Err(DataError::WrongLength {
                expected: count * rows * cols,
                found: pixels.len(),
            });
        }
        if let Some((index, &label)) = labels.iter().enumerate().find(|(_, &l)| l >= CLASSES) {
            return Err(DataError::LabelOutOfRange { index, label });
        }
        Ok(Self {
            rows,
            cols,
            labels,
            pixels,
        })
    }

    /// Reads and validates a digits file: magic, version, shape, exact length, checksum,
    /// labels — in that order, so the error names the first thing wrong.
    ///
    /// # Errors
    /// Any [`DataError`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, DataError> {
        if bytes.len() < HEADER_LEN {
            return Err(DataError::TooShort { len: bytes.len() });
        }
        if &bytes[..8] != MAGIC {
            return Err(DataError::BadMagic);
        }
        let version = read_u32(bytes, 8);
        if version != FORMAT_VERSION {
            return Err(DataError::UnsupportedVersion(version));
        }
        let (count, rows, cols) = (
            read_u32(bytes, 12),
            read_u32(bytes, 16),
            read_u32(bytes, 20),
        );
        if !(1..=MAX_IMAGES).contains(&count)
            || !(1..=MAX_SIDE).contains(&rows)
            || !(1..=MAX_SIDE).contains(&cols)
        {
            return Err(DataError::BadShape { count, rows, cols });
        }
        let (n, r, c) = (count as usize, rows as usize, cols as usize);
        let expected = HEADER_LEN + n + n * r * c;
        if bytes.len() != expected {
            return Err(DataError::WrongLength {
                expected,
                found: bytes.len(),
            });
        }
        let mut sum = [0u8; 8];
        sum.copy_from_slice(&bytes[24..32]);
        let stated = u64::from_le_bytes(sum);
        let payload = &bytes[HEADER_LEN..];
        let found = fnv1a64(payload);
        if found != stated {
            return Err(DataError::Checksum {
                expected: stated,
                found,
            });
        }
        Self::new(r, c, payload[..n].to_vec(), payload[n..].to_vec())
    }

    /// The file bytes for these images (the inverse of [`Digits::from_bytes`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut payload = Vec::with_capacity(self.labels.len() + self.pixels.len());
        payload.extend_from_slice(&self.labels);
        payload.extend_from_slice(&self.pixels);
        let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
        out.extend_from_slice(MAGIC);
        for v in [
            FORMAT_VERSION,
            self.len() as u32,
            self.rows as u32,
            self.cols as u32,
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&fnv1a64(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// Number of images (at least 1).
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Always false.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Rows per image.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Columns per image.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Pixels per image.
    pub fn pixels_per_image(&self) -> usize {
        self.rows * self.cols
    }

    /// Image `i`, row by row (panics on an index out of range, like slice indexing).
    pub fn image(&self, i: usize) -> &[u8] {
        let p = self.pixels_per_image();
        &self.pixels[i * p..(i + 1) * p]
    }

    /// The label of image `i`.
    pub fn label(&self, i: usize) -> u8 {
        self.labels[i]
    }
}

/// A seeded split of `count` images into a test set and a training pool (see
/// `data/README.md`): a Fisher–Yates shuffle; the first `tests` indices are the test set, the
/// rest the training pool, whose first `N` form a training set of size `N`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// Test image indices.
    pub test: Vec<usize>,
    /// Training pool, in order of use.
    pub train: Vec<usize>,
}

impl Split {
    /// The split of `count` images with `tests` test images (clamped to `count`).
    ///
    /// ```
    /// use highdim::math::digits::Split;
    /// let s = Split::new(10, 3, 7);
    /// assert_eq!((s.test.len(), s.train.len()), (3, 7));
    /// let mut all: Vec<usize> = s.test.iter().chain(&s.train).copied().collect();
    /// all.sort();
    /// assert_eq!(all, (0..10).collect::<Vec<_>>());
    /// ```
    pub fn new(count: usize, tests: usize, seed: u64) -> Self {
        let mut order: Vec<usize> = (0..count).collect();
        let mut rng = Rng::new(seed);
        for i in (1..count).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            order.swap(i, j);
        }
        let train = order.split_off(tests.min(count));
        Self { test: order, train }
    }
}
