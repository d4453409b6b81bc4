//! The tool-output parsers on saved real outputs (Yosys 0.23 `stat -json`, nextpnr-ice40 0.4,
//! icetime 2023-02; the isrlu16 preset). Expected figures are read off the saved files.

use isrlu_testbench::fpga::{Area, Family, parse_icetime, parse_nextpnr, parse_stat_json};

fn data(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
    .unwrap()
}

#[test]
fn yosys_stat_json_for_each_family() {
    let ice40 = Area::from_cells(
        Family::Ice40,
        parse_stat_json(&data("yosys_stat_ice40_isrlu16.json")).unwrap(),
    );
    assert_eq!(
        (
            ice40.luts,
            ice40.ffs,
            ice40.dsps,
            ice40.brams,
            ice40.carries
        ),
        (449, 402 + 10, 10, 0, 168)
    );
    let x = Area::from_cells(
        Family::Xilinx7,
        parse_stat_json(&data("yosys_stat_xilinx_isrlu16.json")).unwrap(),
    );
    assert_eq!(
        (x.luts, x.ffs, x.dsps, x.brams, x.carries),
        (71 + 25 + 14 + 20 + 73, 365, 10, 0, 34)
    );
    let e = Area::from_cells(
        Family::Ecp5,
        parse_stat_json(&data("yosys_stat_ecp5_isrlu16.json")).unwrap(),
    );
    assert_eq!(
        (e.luts, e.ffs, e.dsps, e.carries, e.muxes),
        (305, 443, 10, 119, 94 + 48)
    );
    assert!(parse_stat_json("{}").is_err());
}

#[test]
fn nextpnr_log_that_fits() {
    let (mhz, lc, dsp, error) = parse_nextpnr(&data("nextpnr_hx8k_isrlu16_board.log"));
    // The last of its "Max frequency" lines (after routing): 20.40 MHz.
    assert_eq!(mhz, Some(20.40));
    assert_eq!(lc, Some((5593, 7680)));
    assert_eq!(dsp, None);
    assert_eq!(error, None);
}

#[test]
fn nextpnr_log_that_does_not_fit() {
    let (mhz, _, dsp, error) = parse_nextpnr(&data("nextpnr_up5k_isrlu16_board_nofit.log"));
    assert_eq!(mhz, None);
    assert_eq!(dsp, Some((10, 8)));
    assert!(error.unwrap().starts_with("Unable to place cell"));
}

#[test]
fn icetime_report() {
    assert_eq!(
        parse_icetime(&data("icetime_hx8k_isrlu16_board.txt")),
        Some(20.55)
    );
    assert_eq!(parse_icetime("nothing"), None);
}
