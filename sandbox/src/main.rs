//! `dvc-sandbox`: see the library's documentation (`dvc_sandbox`).

#![forbid(unsafe_code)]

fn main() {
    dvc_sandbox::cli::main()
}
