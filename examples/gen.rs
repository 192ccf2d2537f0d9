//! Writes a large synthetic register, to reproduce the figures in README's
//! *Performance* section or to try roreg at scale:
//!
//! ```sh
//! cargo run --release --example gen -- 100000 /tmp/big.ron [ORGANISATION]
//! ```
//!
//! The register is the one the benchmarks use (`benches/storage.rs`,
//! `synthetic::register`): the same `N` gives the same file on every
//! machine. It never replaces a file that exists.

use std::process::ExitCode;

// The benchmarks' generator (their `main` goes unused here).
#[allow(dead_code)]
#[path = "../benches/storage.rs"]
mod storage_bench;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: cargo run --release --example gen -- N FILE [ORGANISATION]");
        return ExitCode::from(2);
    };
    let Ok(n) = count.replace('_', "").parse::<usize>() else {
        eprintln!("gen: N must be a whole number of items, not {count:?}");
        return ExitCode::from(2);
    };
    let mut register = storage_bench::synthetic::register(n);
    if let Some(organisation) = args.get(2) {
        register.organisation = organisation.clone();
    }
    match roreg::storage::save::create(std::path::Path::new(path), &register) {
        Ok(_) => {
            println!("{path}: {n} items written");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen: {path}: {e}");
            ExitCode::from(2)
        }
    }
}
