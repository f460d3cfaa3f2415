//! The native `highdim` command line over the same core as the page.
//!
//! Every subcommand prints machine-readable output (JSON or CSV) on stdout. Bad arguments
//! print a message naming the problem on stderr and exit with code 2.

pub mod digits;
pub mod hull;
pub mod inside;
pub mod png;
pub mod relu;

use crate::figures::{render_svg, AnyFigure};
use crate::math::hull::Distribution;
use crate::math::volume::{VolumeReport, MAX_DIMENSION};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// highdim: the numbers behind "in high dimension, learning is always extrapolation".
#[derive(Parser, Debug)]
#[command(name = "highdim", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Exact volumes for dimension D, as JSON.
    Volume {
        /// Dimension (1 to 1,000,000).
        #[arg(long = "d", value_parser = clap::value_parser!(u32).range(1..=MAX_DIMENSION as i64))]
        d: u32,
        /// Relative shell thickness for `shell_fraction`, in [0, 1].
        #[arg(long, default_value_t = 0.01, value_parser = parse_unit_interval)]
        eps: f64,
    },
    /// Is each test point inside the convex hull of the training points? CSV
    /// `index,inside,distance` (exact membership with Wolfe's algorithm).
    Hull {
        /// Training points: one comma-separated point per line, optional header line.
        #[arg(long)]
        train: PathBuf,
        /// Test points, same format.
        #[arg(long)]
        test: PathBuf,
    },
    /// Is each test point interpolated under another definition? CSV `index,inside`.
    /// Definitions: hull (convex hull), box (bounding box), any (inside the training range
    /// on at least one coordinate), ellipsoid (minimum-volume enclosing ellipsoid), ball.
    Inside {
        /// hull, box, any, ellipsoid or ball.
        #[arg(long)]
        definition: String,
        /// Training points: one comma-separated point per line, optional header line.
        #[arg(long)]
        train: PathBuf,
        /// Test points, same format.
        #[arg(long)]
        test: PathBuf,
    },
    /// Monte Carlo P(x in hull) for dimensions × training-set sizes, as CSV
    /// `d,n,tests,inside,p,ci_low,ci_high` (95% Wilson intervals). Every test point gets its
    /// own fresh training set (its sets for growing N are nested), so the interval covers
    /// P(x in hull) over training set and test point, the probability the theorems state;
    /// with the same seed the cells equal the hull figures' cells.
    Curve {
        /// Dimensions: "1..20" (inclusive), "2,4,8" or a mix.
        #[arg(long)]
        dims: String,
        /// Training-set sizes, e.g. "10,100,1000".
        #[arg(long)]
        n: String,
        /// Test points per cell (each with its own training set).
        #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        tests: u32,
        /// Seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Distribution of training and test points.
        #[arg(long, default_value = "gaussian", value_parser = parse_distribution)]
        dist: Distribution,
        /// Put the data on a random K-dimensional linear subspace of R^d.
        #[arg(long)]
        subspace: Option<usize>,
    },
    /// The exact probability that a Gaussian sample falls in the hull of N Gaussian samples
    /// in R^d (Kabluchko–Zaporozhets), as CSV `d,n,p_inside`; with --n50, the smallest N
    /// for an even chance, as CSV `d,n50`. d from 1 to 30, N from 1 to 10^10.
    Exact {
        /// Dimensions: "2..20" (inclusive), "2,4,8" or a mix.
        #[arg(long)]
        dims: String,
        /// Training-set sizes, e.g. "10,100,1000" (N < d + 1 gives 0).
        #[arg(long, conflicts_with = "n50", required_unless_present = "n50")]
        n: Option<String>,
        /// Print N₅₀ for each dimension instead.
        #[arg(long)]
        n50: bool,
    },
    /// Real digits: the fraction of test digits inside the convex hull of the training
    /// digits against the dimensions kept, as CSV `reduction,k,tested,inside,fraction,explained`
    /// (`explained`: variance share of the first k principal components, PCA rows only).
    Digits {
        /// Reductions: crop, smooth, pca, or several comma-separated ("crop,pca"); "all".
        #[arg(long, default_value = "all")]
        reduction: String,
        /// Dimensions kept: a list "1,4,16" or a range "1..64" (the perfect squares in it).
        #[arg(long, default_value = "1..784")]
        k: String,
        /// Training digits (1 to 4,000).
        #[arg(long, default_value_t = 4000)]
        train: u32,
        /// Test digits (1 to 1,000).
        #[arg(long, default_value_t = 1000)]
        test: u32,
        /// Seed of the train/test split.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The digits file (see data/README.md).
        #[arg(long, default_value = "data/mnist5k.bin")]
        data: PathBuf,
    },
    /// Latent space: for each bottleneck width k, train a 784-64-k-10 network on the
    /// training digits and print CSV `k,accuracy,tested,inside,fraction,loss` (test accuracy,
    /// and test digits whose k-dimensional codes are inside the hull of the training codes).
    Latent {
        /// Bottleneck widths, e.g. "2,4,8,16,32" (1 to 64).
        #[arg(long, default_value = "2,4,8,16,32")]
        k: String,
        /// Training digits (1 to 4,000).
        #[arg(long, default_value_t = 4000)]
        train: u32,
        /// Test digits (1 to 1,000).
        #[arg(long, default_value_t = 1000)]
        test: u32,
        /// Training epochs (1 to 100).
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=100))]
        epochs: u32,
        /// Seed of the split, the initial weights and the batch order.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The digits file (see data/README.md).
        #[arg(long, default_value = "data/mnist5k.bin")]
        data: PathBuf,
    },
    /// Count the linear regions of a ReLU network (NET.json) inside a window, as JSON.
    Regions {
        /// The network: {"layers": [{"weights": [[…]], "biases": […]}, …]}.
        #[arg(long)]
        net: PathBuf,
        /// The window "xmin,xmax,ymin,ymax".
        #[arg(long, allow_hyphen_values = true)]
        window: String,
    },
    /// Render a figure of the article to SVG or PNG (by the extension of --out), with its
    /// state from a URL query string.
    Render {
        /// Figure kind (volume, ballcube, shell, distances, hull2d, hullcurve, hullsubspace,
        /// digitscurve, digitsproject, relu).
        kind: String,
        /// URL state, e.g. "bc.d=20&bc.seed=7" (as in a link to the article).
        #[arg(long, default_value = "")]
        params: String,
        /// Output file: .svg, or .png (the SVG rasterised, see --scale and --font).
        #[arg(long)]
        out: PathBuf,
        /// PNG only: pixels per CSS pixel (2 gives a sharp image on high-density screens).
        #[arg(long, default_value_t = 1.0)]
        scale: f32,
        /// PNG only: a font file (repeatable); default Debian's DejaVu Sans
        /// (fonts-dejavu-core) or $HIGHDIM_FONT.
        #[arg(long)]
        font: Vec<PathBuf>,
        /// Width in pixels.
        #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(u32).range(200..=4000))]
        width: u32,
        /// Height in pixels (default: the figure's preferred height for the width).
        #[arg(long, value_parser = clap::value_parser!(u32).range(100..=4000))]
        height: Option<u32>,
        /// The digits file, for the figures that need it (digitscurve, digitsproject).
        #[arg(long, default_value = "data/mnist5k.bin")]
        data: PathBuf,
    },
}

fn parse_distribution(s: &str) -> Result<Distribution, String> {
    s.parse::<Distribution>()
}

fn parse_unit_interval(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a number"))?;
    if !(0.0..=1.0).contains(&v) {
        return Err(format!("{v} is outside [0, 1]"));
    }
    Ok(v)
}

/// A failure with its exit code.
#[derive(Debug)]
pub struct CliError {
    /// Message for stderr.
    pub message: String,
    /// Process exit code (2 for bad input).
    pub code: i32,
}

impl CliError {
    fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 2,
        }
    }
}

/// Reads an input file, with a message naming it when that fails.
fn read_input(path: &std::path::Path) -> Result<String, CliError> {
    std::fs::read_to_string(path)
        .map_err(|e| CliError::usage(format!("cannot read {}: {e}", path.display())))
}

/// Runs a parsed command line; returns the text for stdout.
///
/// # Errors
/// [`CliError`] with the message and exit code; clap's own usage errors are printed and exit
/// with code 2 inside [`main`].
pub fn run(cli: Cli) -> Result<String, CliError> {
    match cli.command {
        Command::Volume { d, eps } => {
            let report = VolumeReport::new(d, eps);
            serde_json::to_string_pretty(&report)
                .map(|s| s + "\n")
                .map_err(|e| CliError {
                    message: e.to_string(),
                    code: 1,
                })
        }
        Command::Hull { train, test } => {
            let tr = hull::parse_points_csv(&read_input(&train)?, &train.display().to_string())
                .map_err(CliError::usage)?;
            let te = hull::parse_points_csv(&read_input(&test)?, &test.display().to_string())
                .map_err(CliError::usage)?;
            hull::hull_csv(&tr, &te).map_err(CliError::usage)
        }
        Command::Inside {
            definition,
            train,
            test,
        } => {
            let tr = hull::parse_points_csv(&read_input(&train)?, &train.display().to_string())
                .map_err(CliError::usage)?;
            let te = hull::parse_points_csv(&read_input(&test)?, &test.display().to_string())
                .map_err(CliError::usage)?;
            inside::inside_csv(&definition, &tr, &te).map_err(CliError::usage)
        }
        Command::Curve {
            dims,
            n,
            tests,
            seed,
            dist,
            subspace,
        } => {
            let dims = hull::parse_range_list(&dims)
                .map_err(|e| CliError::usage(format!("--dims: {e}")))?;
            let ns =
                hull::parse_range_list(&n).map_err(|e| CliError::usage(format!("--n: {e}")))?;
            hull::curve_csv(&dims, &ns, tests as usize, seed, dist, subspace)
                .map_err(CliError::usage)
        }
        Command::Exact { dims, n, n50 } => {
            let dims = hull::parse_range_list(&dims)
                .map_err(|e| CliError::usage(format!("--dims: {e}")))?;
            match n {
                Some(n) if !n50 => {
                    let ns = hull::parse_range_list(&n)
                        .map_err(|e| CliError::usage(format!("--n: {e}")))?;
                    hull::exact_csv(&dims, &ns).map_err(CliError::usage)
                }
                _ => hull::n50_csv(&dims).map_err(CliError::usage),
            }
        }
        Command::Digits {
            reduction,
            k,
            train,
            test,
            seed,
            data,
        } => {
            let bytes = std::fs::read(&data)
                .map_err(|e| CliError::usage(format!("cannot read {}: {e}", data.display())))?;
            digits::digits_csv(&bytes, &reduction, &k, train, test, seed).map_err(CliError::usage)
        }
        Command::Latent {
            k,
            train,
            test,
            epochs,
            seed,
            data,
        } => {
            let bytes = std::fs::read(&data)
                .map_err(|e| CliError::usage(format!("cannot read {}: {e}", data.display())))?;
            digits::latent_csv(&bytes, &k, train, test, epochs, seed).map_err(CliError::usage)
        }
        Command::Regions { net, window } => {
            let text = read_input(&net)?;
            relu::regions_json(&text, &window)
                .map(|s| s + "\n")
                .map_err(|e| CliError::usage(format!("{}: {e}", net.display())))
        }
        Command::Render {
            kind,
            params,
            out,
            width,
            height,
            scale,
            font,
            data,
        } => {
            let png = out
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("png"));
            if !(scale.is_finite() && (0.25..=8.0).contains(&scale)) {
                return Err(CliError::usage(format!(
                    "--scale {scale}: expected a number from 0.25 to 8"
                )));
            }
            let fonts = if png {
                png::font_files(&font).map_err(CliError::usage)?
            } else {
                Vec::new()
            };
            let (mut fig, notes) = AnyFigure::from_query(&kind, &params)
                .map_err(|e| CliError::usage(e.to_string()))?;
            if fig.asset().is_some() {
                let bytes = std::fs::read(&data)
                    .map_err(|e| CliError::usage(format!("cannot read {}: {e}", data.display())))?;
                fig.give_asset(&bytes)
                    .map_err(|e| CliError::usage(format!("{}: {e}", data.display())))?;
            }
            for n in &notes {
                eprintln!("note: {}: {}", n.key, n.message);
            }
            fig.complete_jobs()
                .map_err(|e| CliError::usage(e.to_string()))?;
            let h = height.unwrap_or_else(|| fig.height_for(width as f64).round() as u32);
            let svg = render_svg(&fig, width, h).map_err(|e| CliError {
                message: e.to_string(),
                code: 1,
            })?;
            let bytes = if png {
                png::svg_to_png(&svg, scale, &fonts).map_err(CliError::usage)?
            } else {
                svg.into_bytes()
            };
            std::fs::write(&out, bytes).map_err(|e| CliError {
                message: format!("cannot write {}: {e}", out.display()),
                code: 1,
            })?;
            Ok(format!("{}\n", fig.summary()))
        }
    }
}

/// The binary's entry point: parses `std::env::args`, runs, prints, exits.
pub fn main() {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            std::process::exit(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(out) => print!("{out}"),
        Err(e) => {
            eprintln!("error: {}", e.message);
            std::process::exit(e.code);
        }
    }
}
