//! Where `roreg check`'s time goes on a large register, phase by phase.
//!
//! `cargo run --release --example gen -- 100000 /tmp/big.ron`, then
//! `cargo run --release --example phases -- /tmp/big.ron`.

use std::path::PathBuf;
use std::time::Instant;

use roreg::domain::{Date, baseline, management_review, validate};
use roreg::storage::load;

fn main() {
    let path = PathBuf::from(std::env::args().nth(1).expect("usage: phases FILE"));
    let timed = |what: &str, start: Instant| {
        eprintln!(
            "{what:>12}: {:>7.1} ms",
            start.elapsed().as_secs_f64() * 1e3
        )
    };
    let start = Instant::now();
    let bytes = load::read_register_file(&path).expect("a readable file");
    timed("read", start);
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let start = Instant::now();
    std::hint::black_box(load::has_comments(text));
    timed("comments", start);
    let start = Instant::now();
    std::hint::black_box(roreg::storage::conflict::blocks(text));
    timed("conflicts", start);
    let start = Instant::now();
    let (register, _) = load::parse_bytes(&bytes).expect("a register");
    timed("parse", start);
    drop(bytes);
    let start = Instant::now();
    let problems = validate(&register);
    timed("validate", start);
    let start = Instant::now();
    let unprotected = baseline::unprotected(&register);
    timed("unprotected", start);
    let start = Instant::now();
    let today = Date::parse("2026-11-21").expect("a date");
    let standing = management_review::standing(&register, today);
    timed("standing", start);
    let start = Instant::now();
    drop(register);
    timed("drop", start);
    std::hint::black_box(&standing);
    eprintln!(
        "{} problems, {} unprotected",
        problems.len(),
        unprotected.is_empty()
    );
}
