//! ReLU networks as piecewise-affine splines (work in progress).
