//! The `highdim` command line; see `highdim --help`. Native only.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    highdim::cli::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}
