//! `highdim regions` (in progress).
