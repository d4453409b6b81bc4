//! `isrlu report` end to end on the small isrlu8 core: report.json parses, its figures agree
//! with what the tools wrote in the work directory, and missing tools are reported, not fatal.

use std::process::Command;

fn isrlu(args: &[&str], path: Option<&str>) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_isrlu"));
    cmd.args(args);
    if let Some(p) = path {
        cmd.env("PATH", p);
    }
    cmd.output().unwrap()
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("isrlu-report-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn report_json_agrees_with_the_tools() {
    let dir = temp_dir("full");
    let o = isrlu(
        &["report", "--preset", "isrlu8", "-o", dir.to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(r["module"], "isrlu8");
    assert_eq!(r["accuracy"]["inputs"], 256);
    assert_eq!(r["accuracy"]["correctly_rounded_pct"], 100.0);
    assert_eq!(r["cross_check"]["status"], "ok");
    assert_eq!(
        r["cross_check"]["value"]["verilator_equals_simulator"],
        true
    );
    assert_eq!(r["back_to_back"]["latency_min"], 7);
    assert_eq!(r["back_to_back"]["throughput"], 1.0);
    assert!(r["missing"].as_array().unwrap().is_empty());
    // Area: the counts Yosys wrote with `stat -json` in the work directory.
    for (i, family) in ["ice40", "xilinx7", "ecp5"].iter().enumerate() {
        let entry = &r["area"][i];
        assert_eq!(entry["family"], *family);
        let stat = std::fs::read_to_string(
            dir.join(format!("work/synth-{family}/isrlu8.{family}.stat.json")),
        )
        .unwrap();
        let stat: serde_json::Value = serde_json::from_str(&stat).unwrap();
        assert_eq!(
            entry["area"]["value"]["cells"], stat["design"]["num_cells_by_type"],
            "{family}"
        );
    }
    // Timing: the last Max frequency line nextpnr printed, and icetime's total path delay.
    let log = std::fs::read_to_string(dir.join("work/up5k/up5k.nextpnr.log")).unwrap();
    let last = log
        .lines()
        .rfind(|l| l.contains("Max frequency for clock"))
        .unwrap();
    let mhz: f64 = last
        .split("': ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(r["timing"][0]["device"], "up5k");
    assert_eq!(
        r["timing"][0]["timing"]["value"]["nextpnr_mhz"].as_f64(),
        Some(mhz)
    );
    assert!(
        r["timing"][0]["timing"]["value"]["icetime_mhz"]
            .as_f64()
            .unwrap()
            > 1.0
    );
    // Baselines: the plain table is exact; the 1024-entry table holds every 8-bit input too.
    assert_eq!(r["baselines"][0]["kind"], "plain_table");
    assert_eq!(r["baselines"][0]["correctly_rounded_pct"], 100.0);
    for f in [
        "report.md",
        "errors.svg",
        "histogram.svg",
        "errors.png",
        "histogram.png",
        "isrlu8.v",
        "isrlu8.xdc",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_tools_are_reported_and_the_rest_is_written() {
    let dir = temp_dir("missing");
    let d = dir.to_str().unwrap();
    let o = isrlu(
        &["report", "--preset", "isrlu8", "-o", d],
        Some("/nonexistent"),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "missing: verilator not found on PATH: install it with `apt-get install -y verilator`"
        ),
        "{err}"
    );
    assert!(err.contains("missing: yosys not found on PATH"), "{err}");
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(r["cross_check"]["status"], "missing");
    assert_eq!(r["area"][0]["area"]["status"], "missing");
    assert_eq!(r["timing"][0]["timing"]["status"], "missing");
    assert_eq!(r["accuracy"]["correctly_rounded_pct"], 100.0);
    assert!(
        std::fs::read_to_string(dir.join("report.md"))
            .unwrap()
            .contains("**Missing tools**")
    );
    let o = isrlu(
        &["report", "--preset", "isrlu8", "--strict", "-o", d],
        Some("/nonexistent"),
    );
    assert_eq!(o.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}
