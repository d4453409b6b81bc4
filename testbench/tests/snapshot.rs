//! Pins the emitted Verilog of a small configuration and the generated constraints, so that any
//! change to them shows up in review. After an intended change:
//! `UPDATE_SNAPSHOTS=1 cargo test --release -p isrlu-testbench --test snapshot`.

use isrlu_hw::constraints;

fn pinned(file: &str, text: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(file);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    let pinned =
        std::fs::read_to_string(&path).expect("snapshot exists (UPDATE_SNAPSHOTS=1 writes it)");
    assert!(
        pinned == text,
        "{file} differs from {}; review and update the snapshot",
        path.display()
    );
}

#[test]
fn isrlu8_verilog_is_unchanged() {
    let config = isrlu_sw::preset("isrlu8").unwrap();
    pinned(
        "isrlu8.v",
        &isrlu_hw::generate(&config, "isrlu8").unwrap().verilog,
    );
}

#[test]
fn constraints_are_unchanged() {
    let config = isrlu_sw::preset("isru16").unwrap();
    pinned("isru16.xdc", &constraints::xdc(&config, "isru16"));
    pinned("isru16.sdc", &constraints::sdc(&config, "isru16"));
    pinned("isru16_board.v", &constraints::board_top(&config, "isru16"));
    let fast = config.with_overrides(&["clock_mhz=250".into()]).unwrap();
    pinned("isru16_250mhz.xdc", &constraints::xdc(&fast, "isru16"));
}
