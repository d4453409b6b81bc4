//! The emitted Verilog drops into other tools unedited: Verilator `--lint-only -Wall` prints no
//! warning, Icarus compiles it as Verilog-2005, Yosys's `check -assert` passes with no latch,
//! module names carry no `$`, and no `initial` block is needed.

mod common;

use std::process::Command;

use common::*;
use isrlu_testbench::tools::{find, run};

fn quality(core: &Core) {
    let dir = work_dir("lint").join(&core.name);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{}.v", core.name));
    std::fs::write(&file, &core.verilog).unwrap();
    let name = core.name.as_str();
    assert!(!core.verilog.contains("initial"), "{name}: initial block");
    for line in core
        .verilog
        .lines()
        .filter(|l| l.trim_start().starts_with("module "))
    {
        assert!(!line.contains('$'), "{name}: {line}");
    }
    find("verilator").unwrap();
    let out = run(Command::new("verilator")
        .args(["--lint-only", "-Wall", "--top-module", name])
        .arg(&file))
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    let warnings =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        warnings.trim().is_empty(),
        "{name}: verilator -Wall:\n{warnings}"
    );
    find("iverilog").unwrap();
    run(Command::new("iverilog")
        .args(["-g2005", "-o", "/dev/null"])
        .arg(&file))
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    find("yosys").unwrap();
    let script = format!(
        "read_verilog {}; hierarchy -check -top {name}; proc; check -assert; select -assert-none t:$dlatch t:$adlatch",
        file.display()
    );
    run(Command::new("yosys").args(["-q", "-p", &script]))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
}

#[test]
fn presets_are_lint_clean() {
    for name in ["isrlu16", "isru16", "isrlu8", "isru24"] {
        quality(&preset_core(name));
    }
}

#[test]
fn variants_are_lint_clean() {
    for (name, config) in variants() {
        quality(&core(config, name));
    }
}
