//! Finding the external tools (Verilator, Icarus, Yosys, nextpnr, icetime) on PATH.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The path of `tool`, or an error naming the Debian package that provides it.
pub fn find(tool: &str) -> Result<PathBuf, String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            let package = match tool {
                "iverilog" | "vvp" => "iverilog",
                "nextpnr-ice40" => "nextpnr-ice40",
                "icetime" | "icepack" => "fpga-icestorm",
                other => other,
            };
            format!("{tool} not found on PATH: install it with `apt-get install -y {package}`")
        })
}

/// Runs a command; an error carries its stderr.
pub fn run(cmd: &mut Command) -> Result<Output, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    if !out.status.success() {
        return Err(format!(
            "{:?} failed ({}):\n{}{}",
            cmd.get_program(),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(out)
}
