#[allow(dead_code)]
#[path = "../benches/storage.rs"]
mod storage_bench;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let n: usize = a[2].parse().unwrap();
    let r = storage_bench::synthetic::register(n);
    roreg::storage::save::create(std::path::Path::new(&a[1]), &r).unwrap();
}
