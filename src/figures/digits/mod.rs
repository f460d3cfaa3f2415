//! Section 3, real images: the share of test digits inside the training hull as dimensions
//! are added ([`digitscurve`]) and one test digit against its nearest point in the hull
//! ([`digitsproject`]). Both use the shipped digits through [`data::DataState`]. Feature and
//! bundle `digits`; math in `math::digits`.

pub mod data;
pub mod digitscurve;
pub mod digitsproject;
