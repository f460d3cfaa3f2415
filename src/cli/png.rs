//! PNG output for `highdim render`: the figure's SVG (the same drawing as the browser's
//! canvas) rasterised by resvg, with text from explicit font files, so a preview image is the
//! same on every machine that has the same fonts (scripts/setup.sh installs Debian's
//! `fonts-dejavu-core`).

use std::path::{Path, PathBuf};

/// Where the default fonts live on Debian (`fonts-dejavu-core`): regular and bold.
pub const DEFAULT_FONTS: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
];

/// The font files to use: `given` if any, else `$HIGHDIM_FONT` (one path), else the
/// [`DEFAULT_FONTS`] that exist.
///
/// # Errors
/// No font file found, with how to get one.
pub fn font_files(given: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    if !given.is_empty() {
        return Ok(given.to_vec());
    }
    if let Some(f) = std::env::var_os("HIGHDIM_FONT") {
        return Ok(vec![PathBuf::from(f)]);
    }
    let found: Vec<PathBuf> = DEFAULT_FONTS
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect();
    if found.is_empty() {
        return Err(format!(
            "PNG output needs a font: none of {} exists; install Debian's fonts-dejavu-core \
             (scripts/setup.sh fonts) or pass --font FILE.ttf",
            DEFAULT_FONTS.join(", ")
        ));
    }
    Ok(found)
}

/// Rasterises `svg` at `scale` pixels per SVG unit into PNG bytes, with `fonts` (the first
/// one's family stands for the generic `sans-serif` the figures ask for).
///
/// # Errors
/// An unreadable font file, a font file with no usable face, an SVG resvg cannot read, or
/// an image too large.
pub fn svg_to_png(svg: &str, scale: f32, fonts: &[PathBuf]) -> Result<Vec<u8>, String> {
    let mut opt = resvg::usvg::Options::default();
    {
        let db = opt.fontdb_mut();
        for f in fonts {
            let bytes = read_font(f)?;
            let before = db.len();
            db.load_font_data(bytes);
            if db.len() == before {
                return Err(format!("{}: not a font file resvg can read", f.display()));
            }
        }
        let family = db
            .faces()
            .next()
            .and_then(|face| face.families.first())
            .map(|(name, _)| name.clone())
            .ok_or("no font face loaded")?;
        db.set_sans_serif_family(family);
    }
    let tree = resvg::usvg::Tree::from_str(svg, &opt).map_err(|e| format!("SVG: {e}"))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or("image size out of range")?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or("image size out of range")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("PNG encoding: {e}"))
}

fn read_font(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read font {}: {e}", path.display()))
}
