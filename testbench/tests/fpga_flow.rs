//! The FPGA flows run for real on a small core: Yosys for the three families, and nextpnr-ice40
//! (reading the board PCF files) plus icetime on UP5K and HX8K.

mod common;

use common::*;
use isrlu_hw::constraints::board_top;
use isrlu_testbench::fpga::{Device, Family, place_and_route, synthesize};

#[test]
fn isrlu8_synthesizes_places_and_routes() {
    let core = preset_core("isrlu8");
    for family in Family::ALL {
        let area = synthesize(&core.verilog, "isrlu8", family, &work_dir("synth"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(area.luts > 0 && area.ffs > 0, "{area:?}");
        assert_eq!(
            area.luts
                + area.ffs
                + area.dsps
                + area.brams
                + area.carries
                + area.muxes
                + area
                    .cells
                    .iter()
                    .filter(|(c, _)| family.class(c) == "other")
                    .map(|(_, n)| n)
                    .sum::<u64>(),
            area.cells.values().sum::<u64>()
        );
    }
    let board = board_top(&core.config, "isrlu8");
    for device in [Device::Up5k, Device::Hx8k] {
        let dir = work_dir("pnr").join(device.name());
        let t = place_and_route(&core.verilog, &board, "isrlu8_board", device, &dir)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(t.fits, "{t:?}");
        let mhz = t.icetime_mhz.unwrap();
        assert!(mhz > 1.0 && mhz < 1000.0, "{t:?}");
        assert!(t.logic_cells.unwrap().0 > 0);
    }
}
