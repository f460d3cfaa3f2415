//! Colours, type and small drawing helpers shared by every figure.
//!
//! The palette is Okabe & Ito's colour-blind-safe set; meaning is never carried by colour
//! alone (inside is a filled disc, outside a cross; curves are labelled directly).

use crate::format::superscript;
use plotters::chart::{ChartContext, MeshStyle};
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::{cartesian::Cartesian2d, Shift};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Inside / interpolation / first series: blue.
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
/// Outside / extrapolation / second series: vermillion.
pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
/// Third series: bluish green.
pub const GREEN: RGBColor = RGBColor(0, 158, 115);
/// Fourth series: reddish purple.
pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
/// Highlights: orange (Okabe & Ito's 230, 159, 0 darkened to 3:1 on white, so lines and
/// markers in it meet WCAG's non-text contrast).
pub const ORANGE: RGBColor = RGBColor(200, 130, 0);
/// Sky blue, for fills only (below 3:1 on white: never a line or marker on its own).
pub const SKY: RGBColor = RGBColor(86, 180, 233);
/// Body text.
pub const INK: RGBColor = RGBColor(34, 34, 34);
/// Secondary text and axes (contrast ≥ 4.5:1 on white).
pub const MUTED: RGBColor = RGBColor(92, 92, 92);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(226, 226, 226);
/// The font family. The enum, not the name "sans-serif": parsing a name lowercases it, which
/// links Unicode case tables into every wasm bundle (about 5 KB gzipped).
pub const FAMILY: FontFamily<'static> = FontFamily::SansSerif;

/// Sizes for one drawing, scaled from CSS pixels to device pixels.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    /// Device pixels per CSS pixel.
    pub scale: f64,
}

impl Theme {
    /// A theme at `scale` device pixels per CSS pixel (clamped to a sane range).
    pub fn new(scale: f64) -> Self {
        let scale = if scale.is_finite() {
            scale.clamp(0.25, 8.0)
        } else {
            1.0
        };
        Self { scale }
    }

    /// `css` CSS pixels in device pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }

    /// `css` CSS pixels as an unsigned size.
    pub fn upx(&self, css: f64) -> u32 {
        self.px(css).max(0) as u32
    }

    /// Body text at `css` pixels.
    pub fn text(&self, css: f64) -> TextStyle<'static> {
        (FAMILY, css * self.scale).into_font().color(&INK)
    }

    /// Muted text.
    pub fn muted(&self, css: f64) -> TextStyle<'static> {
        (FAMILY, css * self.scale).into_font().color(&MUTED)
    }

    /// Text in a colour, darkened as needed to read at 4.5:1 on white.
    pub fn colored(&self, css: f64, color: RGBColor) -> TextStyle<'static> {
        (FAMILY, css * self.scale)
            .into_font()
            .color(&text_shade(color))
    }

    /// A stroke `css` pixels wide.
    pub fn stroke(&self, color: RGBColor, css: f64) -> ShapeStyle {
        color.stroke_width(self.upx(css).max(1))
    }
}

/// WCAG 2 contrast ratio between two colours (1 to 21).
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let lin = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    let lum = |c: RGBColor| 0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2);
    let (la, lb) = (lum(a), lum(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `c` itself if it reads at 4.5:1 on white, else the lightest darker shade (same hue,
/// channels scaled down) that does: series colours used for text labels.
pub fn text_shade(c: RGBColor) -> RGBColor {
    let mut k = 1.0;
    loop {
        let s = |v: u8| (v as f64 * k).round() as u8;
        let d = RGBColor(s(c.0), s(c.1), s(c.2));
        if contrast(d, WHITE) >= 4.5 || k <= 0.0 {
            return d;
        }
        k -= 0.02;
    }
}

/// The house style of a chart's mesh: light grid, muted axes and labels. Callers add their
/// axis descriptions and label formatters, then `.draw()`.
pub fn mesh<'a, 'b, DB, XT, YT, X, Y>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    th: &Theme,
) -> MeshStyle<'a, 'b, X, Y, DB>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
    Y: Ranged<ValueType = YT> + ValueFormatter<YT>,
{
    let mut m = chart.configure_mesh();
    m.light_line_style(GRID.mix(0.5))
        .bold_line_style(GRID)
        .max_light_lines(2)
        .axis_style(th.stroke(MUTED, 1.0))
        .label_style(th.muted(12.0))
        .axis_desc_style(th.text(13.0));
    m
}

/// Labels an axis whose values are base-10 logarithms: `10⁻⁸`.
pub fn pow10_label(v: &f64) -> String {
    let r = v.round();
    if (v - r).abs() < 1e-9 {
        format!("10{}", superscript(r as i64))
    } else {
        String::new()
    }
}

/// Labels a logarithmic axis at powers of ten and at 2× and 5× (`1`, `2`, `5`, `10`, …).
pub fn log_axis_label(v: &f64) -> String {
    if *v <= 0.0 {
        return String::new();
    }
    let e = v.log10().floor();
    let m = v / 10f64.powf(e);
    let near = |x: f64| (m - x).abs() < 1e-6 * x;
    if near(1.0) || near(2.0) || near(5.0) {
        crate::format::number(*v, 1)
    } else {
        String::new()
    }
}

/// Converts backend coordinates (as returned by `ChartContext::backend_coord`) to
/// coordinates local to `area`, for drawing labels next to data points.
pub fn local<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, p: (i32, i32)) -> (i32, i32) {
    let (x0, y0) = area.get_base_pixel();
    (p.0 - x0, p.1 - y0)
}

/// Draws `text` centred in `area` (used for "computing…" and error states).
pub fn centered_message<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    text: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = area.dim_in_pixel();
    let style = theme.muted(14.0).pos(Pos::new(HPos::Center, VPos::Center));
    area.draw(&Text::new(
        text.to_string(),
        (w as i32 / 2, h as i32 / 2),
        style,
    ))
}

/// Draws a panel title at the top-left of `area`.
pub fn panel_title<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    text: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.draw(&Text::new(
        text.to_string(),
        (theme.px(8.0), theme.px(6.0)),
        theme.text(14.0).pos(Pos::new(HPos::Left, VPos::Top)),
    ))
}

/// Whether a canvas `width` CSS pixels wide should stack two panels vertically.
pub fn stacked(width: f64) -> bool {
    width < 620.0
}

/// Splits `root` into two panels: side by side when wide, stacked when narrow.
pub fn two_panels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scale: f64,
    left_share: f64,
) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let (w, h) = root.dim_in_pixel();
    if stacked(w as f64 / scale) {
        root.split_vertically((h as f64 * left_share) as u32)
    } else {
        root.split_horizontally((w as f64 * left_share) as u32)
    }
}

/// Height for a two-panel figure: side by side at `ratio` of the width, or two stacked
/// panels when narrow.
pub fn two_panel_height(width: f64, ratio: f64) -> f64 {
    if stacked(width) {
        (width * 1.5).clamp(300.0, 760.0)
    } else {
        (width * ratio).clamp(240.0, 460.0)
    }
}

/// Marker shapes: series and classes differ by shape as well as colour, in legends and on
/// charts, so no meaning rests on colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// A filled disc.
    Disc,
    /// A filled square.
    Square,
    /// A filled diamond.
    Diamond,
    /// An open ring.
    Ring,
    /// A diagonal cross.
    Cross,
    /// A filled triangle pointing down.
    Down,
    /// A filled triangle pointing up.
    Up,
    /// An open square.
    OpenSquare,
    /// An open diamond.
    OpenDiamond,
}

/// Draws marker `mark` centred at pixel `(x, y)` of `area`, `r` CSS pixels in radius.
pub fn draw_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    th: &Theme,
    (x, y): (i32, i32),
    mark: Mark,
    r: f64,
    color: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let r = th.px(r).max(2);
    match mark {
        Mark::Disc => area.draw(&Circle::new((x, y), r as u32, color.filled())),
        Mark::Ring => area.draw(&Circle::new((x, y), r as u32, th.stroke(color, 1.6))),
        Mark::Square => {
            let q = (r as f64 * 0.85).round() as i32;
            area.draw(&Rectangle::new(
                [(x - q, y - q), (x + q, y + q)],
                color.filled(),
            ))
        }
        Mark::Diamond => {
            let q = (r as f64 * 1.25).round() as i32;
            area.draw(&Polygon::new(
                vec![(x, y - q), (x + q, y), (x, y + q), (x - q, y)],
                color.filled(),
            ))
        }
        Mark::Down => {
            let q = (r as f64 * 1.2).round() as i32;
            area.draw(&Polygon::new(
                vec![(x - q, y - q * 2 / 3), (x + q, y - q * 2 / 3), (x, y + q)],
                color.filled(),
            ))
        }
        Mark::Up => {
            let q = (r as f64 * 1.2).round() as i32;
            area.draw(&Polygon::new(
                vec![(x - q, y + q * 2 / 3), (x + q, y + q * 2 / 3), (x, y - q)],
                color.filled(),
            ))
        }
        Mark::OpenSquare => {
            let q = (r as f64 * 0.9).round() as i32;
            area.draw(&Rectangle::new(
                [(x - q, y - q), (x + q, y + q)],
                th.stroke(color, 1.8),
            ))
        }
        Mark::OpenDiamond => {
            let q = (r as f64 * 1.25).round() as i32;
            area.draw(&PathElement::new(
                vec![(x, y - q), (x + q, y), (x, y + q), (x - q, y), (x, y - q)],
                th.stroke(color, 1.8),
            ))
        }
        Mark::Cross => {
            let st = th.stroke(color, 2.0);
            area.draw(&PathElement::new(vec![(x - r, y - r), (x + r, y + r)], st))?;
            area.draw(&PathElement::new(vec![(x - r, y + r), (x + r, y - r)], st))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(pow10_label(&-8.0), "10⁻⁸");
        assert_eq!(pow10_label(&0.5), "");
        assert_eq!(log_axis_label(&50.0), "50");
        assert_eq!(log_axis_label(&30.0), "");
        assert_eq!(log_axis_label(&1.0), "1");
        assert_eq!(log_axis_label(&0.0), "");
    }

    #[test]
    fn contrast_matches_published_values() {
        // WebAIM's checker: black on white 21:1; #767676, the lightest grey that passes AA
        // on white, 4.54:1; #777777 fails at 4.48:1.
        assert!((contrast(BLACK, WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(RGBColor(118, 118, 118), WHITE) - 4.54).abs() < 0.01);
        assert!((contrast(RGBColor(119, 119, 119), WHITE) - 4.48).abs() < 0.01);
        assert_eq!(contrast(BLUE, WHITE), contrast(WHITE, BLUE));
    }

    #[test]
    fn text_and_graphics_contrast() {
        // Text: 4.5:1 (WCAG 1.4.3). Lines and markers: 3:1 (1.4.11).
        assert!(contrast(INK, WHITE) >= 4.5);
        assert!(contrast(MUTED, WHITE) >= 4.5);
        for c in [BLUE, VERMILLION, GREEN, PURPLE, ORANGE, INK, MUTED] {
            assert!(
                contrast(c, WHITE) >= 3.0,
                "{c:?}: {:.2}",
                contrast(c, WHITE)
            );
            let t = text_shade(c);
            assert!(contrast(t, WHITE) >= 4.5, "{c:?} as text");
            // Shading keeps the hue: the channels keep their order.
            assert_eq!(c.0 >= c.1, t.0 >= t.1, "{c:?}");
            assert_eq!(c.1 >= c.2, t.1 >= t.2, "{c:?}");
        }
        assert_eq!(text_shade(BLUE), BLUE, "already dark enough");
        // Sky blue is fill-only: below 3:1 on purpose.
        assert!(contrast(SKY, WHITE) < 3.0);
    }
}
