//! The pure mathematical core. Nothing here knows about the browser, plotters or clocks;
//! everything random takes an explicit seed.

pub mod definitions;
pub mod digits;
pub mod distances;
pub mod hull;
pub mod input;
pub mod relu;
pub mod rng;
pub mod sampling;
pub mod special;
pub mod stats;
pub mod volume;
