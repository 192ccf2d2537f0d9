//! Where the memory of a large register goes: live and peak heap bytes
//! (counted by the allocator) after loading it, after the interface's
//! state is built on it, and during a save.
//!
//! `cargo run --release --example gen -- 100000 /tmp/big.ron`, then
//! `cargo run --release --example mem -- /tmp/big.ron`. The save writes a
//! copy beside the file (`FILE.mem-save.ron`), never the file itself.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use roreg::domain::Timestamp;
use roreg::tui::app::App;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let live = LIVE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
            PEAK.fetch_max(live, Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Live bytes now, and the most since the last call; starts a new peak.
fn step(what: &str, items: usize, since: Instant) {
    let (live, peak) = (LIVE.load(Relaxed), PEAK.swap(LIVE.load(Relaxed), Relaxed));
    let per = |bytes: usize| bytes as f64 / items.max(1) as f64 / 1024.0;
    println!(
        "{what:<34} live {:>7.1} MB ({:>5.2} KB/item)  peak {:>7.1} MB ({:>5.2} KB/item)  {:>6.2} s",
        live as f64 / 1e6,
        per(live),
        peak as f64 / 1e6,
        per(peak),
        since.elapsed().as_secs_f64()
    );
}

fn main() {
    let path = PathBuf::from(std::env::args().nth(1).expect("usage: mem FILE"));
    let start = Instant::now();
    let loaded = roreg::storage::load(&path).expect("the register loads");
    let items = loaded.register.items.len();
    step("loaded (Register)", items, start);

    let start = Instant::now();
    let copy = loaded.register.clone();
    step("one more copy of the Register", items, start);
    drop(copy);
    PEAK.store(LIVE.load(Relaxed), Relaxed);

    let start = Instant::now();
    let now = Timestamp::parse("2026-11-21T09:00:00Z").expect("a timestamp");
    let today = now.date();
    let mut app = App::new(loaded.register, path.clone(), today, now, None);
    step("App::new (register, state, unsent)", items, start);

    let start = Instant::now();
    app.base = app.register.clone();
    step("  + base (as the run loop keeps)", items, start);

    let start = Instant::now();
    let _ = std::mem::take(&mut app.save.unsent);
    step("  - the first unsent copy (sent)", items, start);

    let start = Instant::now();
    let mut target = path.into_os_string();
    target.push(".mem-save.ron");
    let target = PathBuf::from(target);
    let _ = std::fs::remove_file(&target);
    roreg::storage::save(&target, &app.register, None).expect("saves");
    step("save (serialise, read back, write)", items, start);
    let _ = std::fs::remove_file(&target);
}
