//! Writes a year of use into a new SQLite file, for the load test (`bench/load.sh`):
//! `cargo run --release -p glasskin-web --example seed_year -- PATH`.

#[path = "../benches/support/year.rs"]
mod year;

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: seed_year PATH (a new SQLite file)");
        std::process::exit(2);
    };
    let path = std::path::PathBuf::from(path);
    if path.exists() {
        eprintln!("{} exists: give a new file", path.display());
        std::process::exit(2);
    }
    year::seed_year(&path);
}
