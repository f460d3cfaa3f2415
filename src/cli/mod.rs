//! The native `highdim` command line over the same core as the page.

pub mod hull;
pub mod relu;
