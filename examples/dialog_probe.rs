//! Prints how long a native save dialog takes to answer here (diagnostics for no-portal setups).
fn main() {
    let t0 = std::time::Instant::now();
    let r = rfd::FileDialog::new().set_title("probe").save_file();
    println!("answer {:?} after {:?}", r, t0.elapsed());
}
