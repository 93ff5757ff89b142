//! Rebuilds the binary when the embedded default theme changes (it is included with
//! `include_dir!`, which cargo cannot see on its own).

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
