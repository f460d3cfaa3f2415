//! A small, seeded, reproducible random number generator.
//!
//! The core never asks the platform for entropy: every random computation takes a `u64` seed,
//! and the same seed gives the same stream on every platform (native and wasm32), so a link
//! with a seed reproduces the exact picture. Only the web layer draws a fresh seed.
//!
//! The generator is xoshiro256++ (Blackman & Vigna, "Scrambled linear pseudorandom number
//! generators", ACM TOMS 2021), seeded through SplitMix64 as its authors recommend. Both are
//! checked against the authors' reference C code in the tests.

/// SplitMix64 (Steele, Lea & Flood 2014): used to expand one `u64` seed into a full state.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// Starts the sequence at `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// The seeded generator every random computation in highdim uses.
///
/// ```
/// use highdim::math::rng::Rng;
/// let mut a = Rng::new(7);
/// let mut b = Rng::new(7);
/// assert_eq!(a.next_u64(), b.next_u64());
/// let u = a.uniform();
/// assert!((0.0..1.0).contains(&u));
/// ```
#[derive(Clone, Debug)]
pub struct Rng {
    s: [u64; 4],
    /// The second value of the last polar-method pair, if unused.
    spare_normal: Option<f64>,
}

impl Rng {
    /// A generator whose whole stream is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        let mut sm = SplitMix64::new(seed);
        let s = [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()];
        Self {
            s,
            spare_normal: None,
        }
    }

    /// An independent stream for sub-task `index` of a computation seeded with `seed`
    /// (for example one stream per dimension of a sweep), so that results do not depend on
    /// the order in which sub-tasks run.
    pub fn stream(seed: u64, index: u64) -> Self {
        let mut sm = SplitMix64::new(seed ^ index.wrapping_mul(0xd1b5_4a32_d192_ed03));
        Self::new(sm.next_u64())
    }

    /// The next 64 random bits (xoshiro256++).
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform double in `[0, 1)`, using the top 53 bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform double in `[lo, hi)`.
    #[inline]
    pub fn uniform_in(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.uniform()
    }

    /// A uniform integer in `0..n` (Lemire's nearly-divisionless method, unbiased).
    /// Returns 0 when `n == 0`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        loop {
            let m = (self.next_u64() as u128) * (n as u128);
            let low = m as u64;
            if low >= n.wrapping_neg() % n {
                return (m >> 64) as u64;
            }
        }
    }

    /// A standard normal deviate (Marsaglia's polar method).
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare_normal.take() {
            return z;
        }
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let f = (-2.0 * s.ln() / s).sqrt();
                self.spare_normal = Some(v * f);
                return u * f;
            }
        }
    }

    /// Fills `out` with a point uniform on the unit sphere S^{n-1} (normalised Gaussian).
    /// An empty slice is left alone.
    pub fn unit_vector(&mut self, out: &mut [f64]) {
        if out.is_empty() {
            return;
        }
        loop {
            let mut norm2 = 0.0;
            for x in out.iter_mut() {
                *x = self.normal();
                norm2 += *x * *x;
            }
            if norm2 > 1e-300 {
                let inv = 1.0 / norm2.sqrt();
                out.iter_mut().for_each(|x| *x *= inv);
                return;
            }
        }
    }

    /// Fills `out` with a point uniform in the unit ball B^n: a uniform direction times
    /// a radius `U^{1/n}`.
    pub fn in_unit_ball(&mut self, out: &mut [f64]) {
        if out.is_empty() {
            return;
        }
        self.unit_vector(out);
        let r = self.uniform().powf(1.0 / out.len() as f64);
        out.iter_mut().for_each(|x| *x *= r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// First outputs of the authors' reference `splitmix64.c` with seed 1234567, produced by
    /// compiling that C file (see the commit that added this test).
    #[test]
    fn splitmix64_matches_reference() {
        let mut sm = SplitMix64::new(1234567);
        let expected = [
            6457827717110365317u64,
            3203168211198807973,
            9817491932198370423,
            4593380528125082431,
            16408922859458223821,
        ];
        for e in expected {
            assert_eq!(sm.next_u64(), e);
        }
    }

    /// xoshiro256++ from the state {1, 2, 3, 4}: outputs of the authors' reference
    /// `xoshiro256plusplus.c`.
    #[test]
    fn xoshiro256pp_matches_reference() {
        let mut r = Rng {
            s: [1, 2, 3, 4],
            spare_normal: None,
        };
        let expected = [
            41943041u64,
            58720359,
            3588806011781223,
            3591011842654386,
            9228616714210784205,
        ];
        for e in expected {
            assert_eq!(r.next_u64(), e);
        }
    }

    #[test]
    fn uniform_moments() {
        let mut r = Rng::new(42);
        let n = 200_000;
        let (mut s, mut s2) = (0.0, 0.0);
        for _ in 0..n {
            let u = r.uniform();
            assert!((0.0..1.0).contains(&u));
            s += u;
            s2 += u * u;
        }
        let mean = s / n as f64;
        let var = s2 / n as f64 - mean * mean;
        // Standard errors: 0.29/sqrt(n) ≈ 6.5e-4 for the mean.
        assert!((mean - 0.5).abs() < 4e-3, "mean {mean}");
        assert!((var - 1.0 / 12.0).abs() < 2e-3, "var {var}");
    }

    #[test]
    fn normal_moments() {
        let mut r = Rng::new(9);
        let n = 200_000;
        let (mut s, mut s2, mut s4) = (0.0, 0.0, 0.0);
        for _ in 0..n {
            let z = r.normal();
            s += z;
            s2 += z * z;
            s4 += z * z * z * z;
        }
        let nf = n as f64;
        assert!((s / nf).abs() < 0.01);
        assert!((s2 / nf - 1.0).abs() < 0.02);
        assert!((s4 / nf - 3.0).abs() < 0.1, "kurtosis {}", s4 / nf);
    }

    #[test]
    fn below_is_in_range_and_roughly_uniform() {
        let mut r = Rng::new(3);
        let mut counts = [0u32; 7];
        for _ in 0..70_000 {
            counts[r.below(7) as usize] += 1;
        }
        for c in counts {
            assert!((9_500..10_500).contains(&c), "{counts:?}");
        }
        assert_eq!(r.below(0), 0);
    }

    #[test]
    fn ball_samples_have_the_right_radius_law() {
        // P(|x| <= 1/2) = 2^-d for a uniform point in the unit d-ball.
        let mut r = Rng::new(5);
        let d = 3;
        let mut x = vec![0.0; d];
        let n = 80_000;
        let mut inside_half = 0;
        for _ in 0..n {
            r.in_unit_ball(&mut x);
            let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
            assert!(norm <= 1.0 + 1e-12);
            if norm <= 0.5 {
                inside_half += 1;
            }
        }
        let p = inside_half as f64 / n as f64;
        assert!((p - 0.125).abs() < 0.006, "{p}");
    }

    #[test]
    fn streams_differ() {
        let a = Rng::stream(1, 0).next_u64();
        let b = Rng::stream(1, 1).next_u64();
        assert_ne!(a, b);
    }
}
