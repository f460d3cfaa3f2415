//! Monte Carlo P(inside) for several definitions **on the same samples**, resumable in
//! slices for a Web Worker (the "P(inside) against d for every definition" figure).
//!
//! The training and test points are drawn exactly as by
//! [`crate::math::hull::InsideFraction`] (same seed streams), so the hull count here equals
//! that run's count for the same [`MonteCarloParams`]. One training set, many test points:
//! every count estimates the probability **given that training set** (its interval covers
//! that conditional probability). For the box and the any-coordinate band it is known
//! exactly ([`DefinitionsCurve::exact_given_training`]); averaged over training sets it is
//! `((N − 1)/(N + 1))^d` and `1 − (2/(N + 1))^d`, for the hull the theorems' value
//! ([`crate::math::hull::GaussianHull`]), which this conditional count does not estimate.

use super::{fit, Definition, DefinitionError, FitOptions, FittedRegion, MveeSolver, Region};
use crate::math::hull::{InsideCount, MonteCarloParams, Sampler};
#[cfg(doc)]
use crate::math::input::InputError;
use serde::{Deserialize, Serialize};

/// Solver iterations allowed per unit of the `step` budget while the ellipsoid is fitted
/// (one iteration is one `O(N·d)` scan, about the cost of one hull query's pass).
const MVEE_ITERATIONS_PER_TEST: usize = 4;

/// One run: the sampling parameters, the definitions to compare and their options.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DefinitionsParams {
    /// Dimension, training and test counts, distribution, subspace and seed.
    pub sample: MonteCarloParams,
    /// The definitions to evaluate on every test point, in output order.
    pub definitions: Vec<Definition>,
    /// Tolerance and ellipsoid options.
    pub options: FitOptions,
}

/// The count for one definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionCount {
    /// The definition.
    pub definition: Definition,
    /// Tests inside and tests classified.
    pub count: InsideCount,
}

/// A resumable run: build it, call [`DefinitionsCurve::step`] until it returns true, read
/// [`DefinitionsCurve::counts`]. The result does not depend on the slicing. The ellipsoid
/// (the only costly fit) is fitted inside `step`, a slice at a time.
///
/// ```
/// use highdim::math::definitions::{Definition, DefinitionsCurve, DefinitionsParams, FitOptions};
/// use highdim::math::hull::{Distribution, MonteCarloParams};
/// let params = DefinitionsParams {
///     sample: MonteCarloParams {
///         dim: 3, train: 40, tests: 50, distribution: Distribution::Gaussian,
///         subspace: None, seed: 2,
///     },
///     definitions: Definition::ALL.to_vec(),
///     options: FitOptions::default(),
/// };
/// let mut run = DefinitionsCurve::new(params).unwrap();
/// while !run.step(10).unwrap() {}
/// let c = run.counts();
/// // hull ⊆ box ⊆ any on the same samples
/// assert!(c[0].count.inside <= c[1].count.inside && c[1].count.inside <= c[2].count.inside);
/// assert!(c.iter().all(|d| d.count.tests == 50));
/// ```
#[derive(Clone, Debug)]
pub struct DefinitionsCurve {
    params: DefinitionsParams,
    dim: usize,
    data: Vec<f64>,
    regions: Vec<Option<FittedRegion>>,
    solver: Option<MveeSolver>,
    sampler: Sampler,
    counts: Vec<InsideCount>,
    done_tests: u64,
}

impl DefinitionsCurve {
    /// Draws the training set and fits every cheap region (the ellipsoid is fitted by
    /// [`DefinitionsCurve::step`]).
    ///
    /// # Errors
    /// [`DefinitionError::Input`] with [`InputError::ZeroDimension`] or
    /// [`InputError::Empty`] (no training points),
    /// [`DefinitionError::Hull`] with a subspace larger than the dimension,
    /// [`DefinitionError::InvalidOption`].
    pub fn new(params: DefinitionsParams) -> Result<Self, DefinitionError> {
        let d = params.sample.dim;
        let (sampler, data) = Sampler::new(&params.sample, None)?;
        let mut regions = Vec::with_capacity(params.definitions.len());
        let mut solver = None;
        for &def in &params.definitions {
            if def == Definition::Ellipsoid {
                if solver.is_none() {
                    solver = Some(MveeSolver::new(
                        d,
                        &data,
                        params.options.tolerance,
                        &params.options.mvee,
                    )?);
                }
                regions.push(None);
            } else {
                regions.push(Some(fit(def, d, &data, &params.options)?));
            }
        }
        Ok(Self {
            sampler,
            dim: d,
            counts: vec![InsideCount::default(); params.definitions.len()],
            params,
            data,
            regions,
            solver,
            done_tests: 0,
        })
    }

    /// Does a slice of work: while the ellipsoid is being fitted, up to
    /// `4·max_tests` solver iterations; then up to `max_tests` test points, each classified
    /// under every definition. Returns true when everything is done.
    ///
    /// # Errors
    /// [`DefinitionError::NotConverged`] or [`DefinitionError::NumericalTrouble`] from the
    /// ellipsoid fit, [`DefinitionError::Hull`] from the hull solver.
    pub fn step(&mut self, max_tests: usize) -> Result<bool, DefinitionError> {
        let budget = max_tests.max(1);
        if let Some(solver) = self.solver.as_mut() {
            let converged = solver.step(budget.saturating_mul(MVEE_ITERATIONS_PER_TEST))?;
            if !converged {
                return Ok(false);
            }
            if let Some(solver) = self.solver.take() {
                let e = solver.finish()?;
                for (def, slot) in self.params.definitions.iter().zip(self.regions.iter_mut()) {
                    if *def == Definition::Ellipsoid {
                        *slot = Some(FittedRegion::Ellipsoid(e.clone()));
                    }
                }
            }
            return Ok(self.is_done());
        }
        let total = self.params.sample.tests as u64;
        let mut left = budget;
        while self.done_tests < total && left > 0 {
            let x = self.sampler.next_test();
            for (region, count) in self.regions.iter().zip(self.counts.iter_mut()) {
                if let Some(r) = region {
                    if r.contains(x)? {
                        count.inside += 1;
                    }
                    count.tests += 1;
                }
            }
            self.done_tests += 1;
            left -= 1;
        }
        Ok(self.is_done())
    }

    /// Whether the ellipsoid is fitted and every test classified.
    pub fn is_done(&self) -> bool {
        self.solver.is_none() && self.done_tests >= self.params.sample.tests as u64
    }

    /// Fraction of the tests done, in `[0, 1]` (0 while the ellipsoid is being fitted).
    pub fn progress(&self) -> f64 {
        if self.solver.is_some() {
            0.0
        } else if self.params.sample.tests == 0 {
            1.0
        } else {
            self.done_tests as f64 / self.params.sample.tests as f64
        }
    }

    /// The counts so far, one per requested definition, in order.
    pub fn counts(&self) -> Vec<DefinitionCount> {
        self.params
            .definitions
            .iter()
            .zip(&self.counts)
            .map(|(&definition, &count)| DefinitionCount { definition, count })
            .collect()
    }

    /// The parameters.
    pub fn params(&self) -> &DefinitionsParams {
        &self.params
    }

    /// The training points, row-major `N × d`.
    pub fn training_data(&self) -> &[f64] {
        &self.data
    }

    /// The dimension `d`.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The exact probability, given the training set drawn, that a new point of the law
    /// falls in the region of `definition`: known for the bounding box and the
    /// any-coordinate band when the law is a product (Gaussian, uniform cube) over the whole
    /// space ([`super::boxes::BoundingBox::probability`]). This is what the count of that
    /// definition estimates. `None` for the other definitions, for the uniform ball, for data
    /// on a subspace (not a product law in the ambient coordinates), and for a definition
    /// not requested.
    pub fn exact_given_training(&self, definition: Definition) -> Option<f64> {
        if self.params.sample.subspace.is_some() {
            return None;
        }
        let law = self.params.sample.distribution;
        let region = self
            .params
            .definitions
            .iter()
            .zip(&self.regions)
            .find(|(d, _)| **d == definition)
            .and_then(|(_, r)| r.as_ref())?;
        match region {
            FittedRegion::BoundingBox(b) => b.probability(law),
            FittedRegion::AnyCoordinate(a) => a.probability(law),
            _ => None,
        }
    }

    /// The fitted ellipsoid, once fitted (and if requested).
    pub fn ellipsoid(&self) -> Option<&super::Mvee> {
        self.regions.iter().find_map(|r| match r {
            Some(FittedRegion::Ellipsoid(e)) => Some(e),
            _ => None,
        })
    }
}
