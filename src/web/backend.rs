//! One drawing backend for the page: the canvas or an SVG string, chosen at run time.
//!
//! Figures are generic over plotters' `DrawingBackend`, so every backend they are drawn on
//! instantiates all of their drawing code again. The page needs two (canvas for the screen,
//! SVG for export); drawing both through this enum instantiates the figures once, which keeps
//! the wasm download small.

use plotters::prelude::SVGBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;

/// The canvas or an SVG document.
pub enum PageBackend<'a> {
    /// Drawing on a `<canvas>`; with its 2-D context, bitmaps go in one `putImageData`.
    Canvas(CanvasBackend, Option<web_sys::CanvasRenderingContext2d>),
    /// Writing SVG into a string.
    Svg(SVGBackend<'a>),
}

/// A backend failure, as text.
#[derive(Debug)]
pub struct BackendError(String);

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BackendError {}

fn conv<E: std::error::Error + Send + Sync>(
    e: DrawingErrorKind<E>,
) -> DrawingErrorKind<BackendError> {
    match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(BackendError(e.to_string()))
        }
        DrawingErrorKind::FontError(f) => DrawingErrorKind::FontError(f),
    }
}

macro_rules! forward {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            PageBackend::Canvas($b, _) => $call.map_err(conv),
            PageBackend::Svg($b) => $call.map_err(conv),
        }
    };
}

impl DrawingBackend for PageBackend<'_> {
    type ErrorType = BackendError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            PageBackend::Canvas(b, _) => b.get_size(),
            PageBackend::Svg(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<BackendError>> {
        forward!(self, b => b.ensure_prepared())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<BackendError>> {
        forward!(self, b => b.present())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        forward!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        forward!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        forward!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        // Collected once so both arms take the same concrete iterator type.
        let path: Vec<BackendCoord> = path.into_iter().collect();
        forward!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        forward!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        let vert: Vec<BackendCoord> = vert.into_iter().collect();
        forward!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        forward!(self, b => b.draw_text(text, style, pos))
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<BackendError>> {
        forward!(self, b => b.estimate_text_size(text, style))
    }

    /// An RGB bitmap: on the canvas one `putImageData` (plotters' default draws it pixel by
    /// pixel, a million calls for a big picture); in SVG one rectangle per run of equal pixels
    /// in a row.
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (w, h): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        let n = w as usize * h as usize;
        if src.len() < 3 * n {
            return Err(DrawingErrorKind::DrawingError(BackendError(
                "bitmap smaller than its size".into(),
            )));
        }
        match self {
            PageBackend::Canvas(_, Some(ctx)) => {
                let mut rgba = vec![255u8; 4 * n];
                for (d, s) in rgba.chunks_exact_mut(4).zip(src.chunks_exact(3)) {
                    d[..3].copy_from_slice(s);
                }
                let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
                    wasm_bindgen::Clamped(&rgba),
                    w,
                    h,
                )
                .map_err(|_| DrawingErrorKind::DrawingError(BackendError("no ImageData".into())))?;
                ctx.put_image_data(&image, pos.0 as f64, pos.1 as f64)
                    .map_err(|_| {
                        DrawingErrorKind::DrawingError(BackendError("putImageData failed".into()))
                    })
            }
            _ => {
                for row in 0..h as usize {
                    let line = &src[3 * row * w as usize..3 * (row + 1) * w as usize];
                    let mut start = 0;
                    while start < w as usize {
                        let px = &line[3 * start..3 * start + 3];
                        let mut end = start + 1;
                        while end < w as usize && &line[3 * end..3 * end + 3] == px {
                            end += 1;
                        }
                        let color = BackendColor {
                            alpha: 1.0,
                            rgb: (px[0], px[1], px[2]),
                        };
                        let (x, y) = (pos.0 + start as i32, pos.1 + row as i32);
                        self.draw_rect((x, y), (x + (end - start) as i32, y + 1), &color, true)?;
                        start = end;
                    }
                }
                Ok(())
            }
        }
    }
}
