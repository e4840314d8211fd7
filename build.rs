//! Rebuild when a message catalog changes: `rust-i18n` compiles
//! `locales/*.yml` into the binary, and cargo cannot see that by itself.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
