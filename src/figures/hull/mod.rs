//! Section 2, interpolation as membership in the convex hull, and the other definitions: the
//! playground in the plane ([`hull2d`]), the chance of interpolating against N and d
//! ([`hullcurve`]), intrinsic against ambient dimension ([`hullsubspace`]), five definitions on
//! one sample ([`definitions2d`]) and against d ([`definitionscurve`]). What the curve figures
//! share — the probability panel, its legend and markers, the grid's table and the exact
//! curves — is in [`panels`]. Feature and bundle `hull`; math in `math::{hull, definitions}`.

pub mod definitions2d;
pub mod definitionscurve;
pub mod hull2d;
pub mod hullcurve;
pub mod hullsubspace;
pub mod panels;
