//! Section 1, the curse of dimensionality seen through a ball in a cube: the ball's share of
//! the cube ([`volume`]), where random points go ([`ballcube`]), the thin shell ([`shell`]) and
//! the concentration of distances ([`distances`]). Feature and bundle `curse`; math in
//! `math::{volume, sampling, distances}`.

pub mod ballcube;
pub mod distances;
pub mod shell;
pub mod volume;
