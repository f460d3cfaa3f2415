//! `highdim hull` and `highdim curve` (in progress).
