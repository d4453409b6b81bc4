//! Pins the emitted Verilog of a small configuration, so that any change to it shows up in
//! review. After an intended change: `UPDATE_SNAPSHOTS=1 cargo test --release -p isrlu-testbench --test snapshot`.

#[test]
fn isrlu8_verilog_is_unchanged() {
    let config = isrlu_sw::preset("isrlu8").unwrap();
    let verilog = isrlu_hw::generate(&config, "isrlu8").unwrap().verilog;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/isrlu8.v");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &verilog).unwrap();
    }
    let pinned =
        std::fs::read_to_string(&path).expect("snapshot exists (UPDATE_SNAPSHOTS=1 writes it)");
    assert!(
        pinned == verilog,
        "emitted Verilog differs from {}; review and update the snapshot",
        path.display()
    );
}
