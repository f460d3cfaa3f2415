//! The `highdim` command line; see `highdim --help`.

fn main() {
    highdim::cli::main();
}
