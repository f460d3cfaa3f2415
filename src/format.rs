//! Numbers as readers see them: `100,000`, `0.00249`, `2.46·10⁻⁸`, `10⁻¹¹⁸⁵`.
//!
//! Captions, axis labels, the command line's human output and aria value texts all format
//! through here, so the page and the figures never disagree on a number.

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// An integer written in superscript digits (`-8` → `⁻⁸`).
///
/// ```
/// assert_eq!(highdim::format::superscript(-12), "⁻¹²");
/// ```
pub fn superscript(n: i64) -> String {
    let mut s = String::new();
    if n < 0 {
        s.push('⁻');
    }
    for c in n.unsigned_abs().to_string().chars() {
        s.push(SUPERSCRIPTS[c.to_digit(10).unwrap_or(0) as usize]);
    }
    s
}

/// An integer with thousands separators.
///
/// ```
/// assert_eq!(highdim::format::thousands(1234567), "1,234,567");
/// assert_eq!(highdim::format::thousands(-5), "-5");
/// ```
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A positive number given by its base-10 logarithm, with `sig` significant digits, written
/// as `m·10ᵉ` (or plainly when 10⁻³ ≤ value < 10⁵). Works far outside the `f64` range.
///
/// ```
/// use highdim::format::from_log10;
/// assert_eq!(from_log10((2.46e-8f64).log10(), 3), "2.46·10⁻⁸");
/// assert_eq!(from_log10(-1185.3, 2), "5.0·10⁻¹¹⁸⁶");
/// assert_eq!(from_log10((5.263789f64).log10(), 4), "5.264");
/// ```
pub fn from_log10(log10: f64, sig: usize) -> String {
    if log10.is_nan() {
        return "NaN".into();
    }
    if log10 == f64::NEG_INFINITY {
        return "0".into();
    }
    if log10 == f64::INFINITY {
        return "∞".into();
    }
    let sig = sig.clamp(1, 15);
    let mut e = log10.floor();
    let mut m = 10f64.powf(log10 - e);
    // Rounding the mantissa may carry it to 10.
    let scale = 10f64.powi(sig as i32 - 1);
    if (m * scale).round() / scale >= 10.0 {
        m /= 10.0;
        e += 1.0;
    }
    if (-3.0..5.0).contains(&e) {
        return plain(10f64.powf(log10), sig);
    }
    format!("{:.*}·10{}", sig - 1, m, superscript(e as i64))
}

/// A finite number with `sig` significant digits, in scientific notation (`·10ᵉ`) when very
/// small or large. Zero prints as `0`.
///
/// ```
/// use highdim::format::number;
/// assert_eq!(number(0.0024903945, 3), "0.00249");
/// assert_eq!(number(-3.0e-9, 2), "-3.0·10⁻⁹");
/// assert_eq!(number(0.0, 3), "0");
/// ```
pub fn number(x: f64, sig: usize) -> String {
    if x == 0.0 {
        return "0".into();
    }
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN".into()
        } else if x > 0.0 {
            "∞".into()
        } else {
            "-∞".into()
        };
    }
    let s = from_log10(x.abs().log10(), sig);
    if x < 0.0 {
        format!("-{s}")
    } else {
        s
    }
}

/// Plain decimal with `sig` significant digits, trailing zeros kept (`1.50`).
fn plain(x: f64, sig: usize) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let mut mag = x.abs().log10().floor() as i32;
    // Rounding may carry into the next power of ten (9.996 → 10.0 at 3 digits).
    let step = 10f64.powi(mag - sig as i32 + 1);
    if (x.abs() / step).round() * step >= 10f64.powi(mag + 1) {
        mag += 1;
    }
    let decimals = (sig as i32 - 1 - mag).max(0) as usize;
    let s = format!("{x:.decimals$}");
    // Large integers read better with separators.
    if decimals == 0 && x.abs() >= 10_000.0 {
        return thousands(x.round() as i64);
    }
    s
}

/// Like [`number`] with up to `sig` significant digits, but trailing zeros after the decimal
/// point dropped (`0.05`, not `0.0500`); for settings a reader chose.
///
/// ```
/// assert_eq!(highdim::format::short(0.05, 3), "0.05");
/// assert_eq!(highdim::format::short(0.0123, 3), "0.0123");
/// assert_eq!(highdim::format::short(2.0, 3), "2");
/// ```
pub fn short(x: f64, sig: usize) -> String {
    let s = number(x, sig);
    if s.contains('.') && !s.contains('·') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A large count given by its base-10 logarithm, in words where words help: `41 million`,
/// `2.3 billion`, `100,000`; beyond trillions, `m·10ᵉ`.
///
/// ```
/// use highdim::format::count_from_log10;
/// assert_eq!(count_from_log10(4.06e7f64.log10()), "41 million");
/// assert_eq!(count_from_log10(2.26e9f64.log10()), "2.3 billion");
/// assert_eq!(count_from_log10(402f64.log10()), "402");
/// assert_eq!(count_from_log10(70.0), "1.0·10⁷⁰");
/// ```
pub fn count_from_log10(log10: f64) -> String {
    if !log10.is_finite() || log10 >= 15.0 {
        return from_log10(log10, 2);
    }
    let v = 10f64.powf(log10);
    let words = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")];
    for (scale, word) in words {
        if v >= scale * 0.9995 {
            return format!("{} {word}", short(v / scale, 2));
        }
    }
    thousands(v.round() as i64)
}

/// A proportion in [0, 1] as a percentage with sensible precision: `50%`, `3.2%`, `0.041%`,
/// and scientific notation for tiny shares.
///
/// ```
/// use highdim::format::percent;
/// assert_eq!(percent(0.5), "50%");
/// assert_eq!(percent(0.0321), "3.2%");
/// assert_eq!(percent(0.0), "0%");
/// assert_eq!(percent(1.0), "100%");
/// assert_eq!(percent(2.5e-9), "2.5·10⁻⁷%");
/// ```
pub fn percent(p: f64) -> String {
    if p.is_nan() {
        return "NaN".into();
    }
    let v = p * 100.0;
    if v == 0.0 || v == 100.0 {
        return format!("{v:.0}%");
    }
    if v >= 10.0 {
        format!("{v:.0}%")
    } else if v >= 1.0 {
        format!("{v:.1}%")
    } else {
        format!("{}%", number(v, 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scientific_and_plain() {
        assert_eq!(number(123456.0, 3), "1.23·10⁵");
        assert_eq!(number(12345.0, 5), "12,345");
        assert_eq!(number(1.0, 3), "1.00");
        assert_eq!(number(9.996, 3), "10.0");
        assert_eq!(number(9.996e-9, 3), "1.00·10⁻⁸");
        assert_eq!(number(f64::NAN, 3), "NaN");
        assert_eq!(number(f64::NEG_INFINITY, 3), "-∞");
        assert_eq!(from_log10(f64::NEG_INFINITY, 3), "0");
    }

    #[test]
    fn round_trip_through_parse() {
        // The mantissa and exponent printed must reconstruct the value to the stated digits.
        for &x in &[3.7e-5, 2.46e-8, 1.0e-300, 6.02e23, 0.0123] {
            let s = number(x, 3);
            let parsed = if let Some((m, e)) = s.split_once("·10") {
                let e: String = e
                    .chars()
                    .map(|c| match c {
                        '⁻' => '-',
                        c => SUPERSCRIPTS
                            .iter()
                            .position(|&s| s == c)
                            .map(|i| char::from(b'0' + i as u8))
                            .unwrap_or('?'),
                    })
                    .collect();
                m.parse::<f64>().unwrap() * 10f64.powi(e.parse().unwrap())
            } else {
                s.replace(',', "").parse::<f64>().unwrap()
            };
            assert!((parsed - x).abs() / x < 5e-3, "{x} → {s} → {parsed}");
        }
    }
}
