//! Convex-hull membership in any dimension (work in progress).
