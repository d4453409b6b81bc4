//! Area from Yosys and maximum clock frequency from nextpnr-ice40 and icetime, with parsers for
//! their outputs (tested on saved outputs of Yosys 0.23, nextpnr-ice40 0.4, icestorm 2023-02).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde::Serialize;

use crate::tools::{find, run};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// iCE40 UP5K: `synth_ice40 -dsp`.
    Ice40,
    /// Xilinx 7-series: `synth_xilinx`.
    Xilinx7,
    /// Lattice ECP5: `synth_ecp5`.
    Ecp5,
}

impl Family {
    pub const ALL: [Family; 3] = [Family::Ice40, Family::Xilinx7, Family::Ecp5];

    pub fn parse(name: &str) -> Result<Family, String> {
        match name {
            "ice40" => Ok(Family::Ice40),
            "xilinx7" => Ok(Family::Xilinx7),
            "ecp5" => Ok(Family::Ecp5),
            _ => Err(format!(
                "unknown FPGA family '{name}' (known: ice40, xilinx7, ecp5)"
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Family::Ice40 => "ice40",
            Family::Xilinx7 => "xilinx7",
            Family::Ecp5 => "ecp5",
        }
    }

    fn synth(self, top: &str) -> String {
        match self {
            Family::Ice40 => format!("synth_ice40 -dsp -top {top}"),
            Family::Xilinx7 => format!("synth_xilinx -flatten -top {top}"),
            Family::Ecp5 => format!("synth_ecp5 -top {top}"),
        }
    }

    /// The cell class of a mapped cell type: lut, ff, dsp, bram, carry, mux or other.
    pub fn class(self, cell: &str) -> &'static str {
        match (self, cell) {
            (Family::Ice40, "SB_LUT4") => "lut",
            (Family::Ice40, c) if c.starts_with("SB_DFF") => "ff",
            (Family::Ice40, "SB_MAC16") => "dsp",
            (Family::Ice40, c) if c.starts_with("SB_RAM") || c == "SB_SPRAM256KA" => "bram",
            (Family::Ice40, "SB_CARRY") => "carry",
            (Family::Xilinx7, c) if c.starts_with("LUT") => "lut",
            (Family::Xilinx7, "FDRE" | "FDSE" | "FDCE" | "FDPE") => "ff",
            (Family::Xilinx7, "DSP48E1") => "dsp",
            (Family::Xilinx7, "RAMB18E1" | "RAMB36E1") => "bram",
            (Family::Xilinx7, "CARRY4") => "carry",
            (Family::Xilinx7, "MUXF7" | "MUXF8") => "mux",
            (Family::Ecp5, "LUT4") => "lut",
            (Family::Ecp5, "TRELLIS_FF") => "ff",
            (Family::Ecp5, "MULT18X18D" | "ALU54B") => "dsp",
            (Family::Ecp5, "DP16KD" | "PDPW16KD") => "bram",
            (Family::Ecp5, "CCU2C") => "carry",
            (Family::Ecp5, "PFUMX" | "L6MUX21") => "mux",
            _ => "other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Area {
    pub family: Family,
    pub luts: u64,
    pub ffs: u64,
    pub dsps: u64,
    pub brams: u64,
    pub carries: u64,
    pub muxes: u64,
    /// Every mapped cell type with its count, as Yosys's `stat` printed it.
    pub cells: BTreeMap<String, u64>,
}

impl Area {
    pub fn from_cells(family: Family, cells: BTreeMap<String, u64>) -> Area {
        let sum = |class: &str| {
            cells
                .iter()
                .filter(|(c, _)| family.class(c) == class)
                .map(|(_, n)| n)
                .sum()
        };
        Area {
            family,
            luts: sum("lut"),
            ffs: sum("ff"),
            dsps: sum("dsp"),
            brams: sum("bram"),
            carries: sum("carry"),
            muxes: sum("mux"),
            cells,
        }
    }
}

/// The cell counts of the whole design from `stat -json` output.
pub fn parse_stat_json(text: &str) -> Result<BTreeMap<String, u64>, String> {
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("yosys stat -json: {e}"))?;
    let cells = v["design"]["num_cells_by_type"]
        .as_object()
        .ok_or("yosys stat -json: no design.num_cells_by_type")?;
    cells
        .iter()
        .map(|(k, n)| {
            n.as_u64()
                .map(|n| (k.clone(), n))
                .ok_or_else(|| format!("yosys stat -json: count of {k}"))
        })
        .collect()
}

/// Synthesizes module `top` of `verilog` for `family` in `dir`.
pub fn synthesize(verilog: &str, top: &str, family: Family, dir: &Path) -> Result<Area, String> {
    find("yosys")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(dir.join(format!("{top}.v")), verilog).map_err(|e| e.to_string())?;
    let stat = format!("{top}.{}.stat.json", family.name());
    let script = format!(
        "read_verilog {top}.v; {}; tee -q -o {stat} stat -json",
        family.synth(top)
    );
    run(Command::new("yosys")
        .current_dir(dir)
        .args(["-q", "-p", &script]))?;
    let text = std::fs::read_to_string(dir.join(&stat)).map_err(|e| e.to_string())?;
    Ok(Area::from_cells(family, parse_stat_json(&text)?))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Device {
    /// iCE40 UP5K (SG48, iCEBreaker pins), with its 8 SB_MAC16.
    Up5k,
    /// iCE40 HX8K (CT256, breakout board pins): no DSP, multipliers in logic.
    Hx8k,
}

impl Device {
    pub fn name(self) -> &'static str {
        match self {
            Device::Up5k => "up5k",
            Device::Hx8k => "hx8k",
        }
    }

    fn package(self) -> &'static str {
        match self {
            Device::Up5k => "sg48",
            Device::Hx8k => "ct256",
        }
    }

    fn pcf(self) -> &'static str {
        match self {
            Device::Up5k => include_str!("../../constraints/icebreaker_up5k.pcf"),
            Device::Hx8k => include_str!("../../constraints/ice40hx8k_breakout.pcf"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timing {
    pub device: Device,
    pub fits: bool,
    /// nextpnr's own figure (it does not time paths through SB_MAC16).
    pub nextpnr_mhz: Option<f64>,
    /// icetime's figure on the routed design (it does time DSP paths).
    pub icetime_mhz: Option<f64>,
    pub logic_cells: Option<(u64, u64)>,
    pub dsps: Option<(u64, u64)>,
    /// Why it did not fit, from nextpnr.
    pub error: Option<String>,
}

/// Place and route is abandoned after this long.
pub const PNR_SECONDS: u64 = 300;

/// `(used, available)` of a `Device utilisation` line of nextpnr, e.g. `ICESTORM_LC: 818/ 5280`.
fn utilisation(log: &str, bel: &str) -> Option<(u64, u64)> {
    let line = log.lines().find(|l| l.contains(&format!("{bel}:")))?;
    let (used, rest) = line.split_once(&format!("{bel}:"))?.1.split_once('/')?;
    Some((
        used.trim().parse().ok()?,
        rest.split_whitespace().next()?.parse().ok()?,
    ))
}

/// `(MHz, logic cells, DSPs, error)` of a nextpnr log.
pub type NextpnrLog = (
    Option<f64>,
    Option<(u64, u64)>,
    Option<(u64, u64)>,
    Option<String>,
);

/// The last `Max frequency for clock ...: F MHz` of a nextpnr log, its utilisation and error.
pub fn parse_nextpnr(log: &str) -> NextpnrLog {
    let mhz = log
        .lines()
        .filter_map(|l| {
            l.split_once("Max frequency for clock")?
                .1
                .split_once("': ")?
                .1
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .next_back();
    let error = log
        .lines()
        .find(|l| l.starts_with("ERROR:"))
        .map(|l| l.trim_start_matches("ERROR:").trim().to_string());
    (
        mhz,
        utilisation(log, "ICESTORM_LC"),
        utilisation(log, "ICESTORM_DSP"),
        error,
    )
}

/// The frequency of icetime's `Total path delay: D ns (F MHz)` line.
pub fn parse_icetime(text: &str) -> Option<f64> {
    let line = text.lines().find(|l| l.starts_with("Total path delay:"))?;
    line.split_once('(')?
        .1
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Synthesizes the board wrapper `board_top` (in `board`) around the core, places and routes it
/// on `device`, and times it with icetime.
pub fn place_and_route(
    core: &str,
    board: &str,
    board_top: &str,
    device: Device,
    dir: &Path,
) -> Result<Timing, String> {
    for tool in ["yosys", "nextpnr-ice40", "icetime"] {
        find(tool)?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let d = device.name();
    std::fs::write(dir.join("core.v"), core).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("board.v"), board).map_err(|e| e.to_string())?;
    std::fs::write(dir.join(format!("{d}.pcf")), device.pcf()).map_err(|e| e.to_string())?;
    let dsp = if device == Device::Up5k { " -dsp" } else { "" };
    let script =
        format!("read_verilog core.v board.v; synth_ice40{dsp} -top {board_top} -json {d}.json");
    run(Command::new("yosys")
        .current_dir(dir)
        .args(["-q", "-p", &script]))?;
    let log_path = dir.join(format!("{d}.nextpnr.log"));
    let log_file = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
    let mut child = Command::new("nextpnr-ice40")
        .current_dir(dir)
        .args([
            &format!("--{d}"),
            "--package",
            device.package(),
            "--json",
            &format!("{d}.json"),
        ])
        .args([
            "--pcf",
            &format!("{d}.pcf"),
            "--asc",
            &format!("{d}.asc"),
            "--freq",
            "12",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(log_file)
        .spawn()
        .map_err(|e| format!("cannot run nextpnr-ice40: {e}"))?;
    // The router can wander for a long time on an unlucky placement: give up after a bound.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(PNR_SECONDS);
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break Some(status);
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let log = std::fs::read_to_string(&log_path).map_err(|e| e.to_string())?;
    let (nextpnr_mhz, logic_cells, dsps, mut error) = parse_nextpnr(&log);
    if status.is_none() {
        error = Some(format!(
            "nextpnr-ice40 did not finish within {PNR_SECONDS} s"
        ));
    }
    if !status.is_some_and(|s| s.success()) {
        return Ok(Timing {
            device,
            fits: false,
            nextpnr_mhz: None,
            icetime_mhz: None,
            logic_cells,
            dsps,
            error,
        });
    }
    let t = run(Command::new("icetime").current_dir(dir).args([
        "-d",
        d,
        "-P",
        device.package(),
        "-p",
        &format!("{d}.pcf"),
        "-t",
        &format!("{d}.asc"),
    ]))?;
    let text = String::from_utf8_lossy(&t.stdout).to_string();
    Ok(Timing {
        device,
        fits: true,
        nextpnr_mhz,
        icetime_mhz: parse_icetime(&text),
        logic_cells,
        dsps,
        error: None,
    })
}
