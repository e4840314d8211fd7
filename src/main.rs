//! The `dvc` binary: everything lives in the library; see [`dvc::cli::main`].

fn main() {
    std::process::exit(dvc::cli::main());
}
