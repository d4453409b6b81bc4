//! `isrlu explore` end to end on 8-bit formats, and its refusals.

use std::process::Command;

fn isrlu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_isrlu"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn explore_finds_a_core_that_gen_takes_and_resumes_from_its_cache() {
    let dir = std::env::temp_dir().join(format!("isrlu-explore-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let args = [
        "explore",
        "--function",
        "isrlu",
        "--in",
        "8.4",
        "--out",
        "8.4",
        "--target",
        "correct",
        "--max-newton-steps",
        "0",
        "--max-table-bits",
        "6",
        "-o",
        d,
    ];
    let o = isrlu(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    let points: usize = text.split_whitespace().next().unwrap().parse().unwrap();
    assert!(points >= 5, "{text}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("points ("),
        "progress on stderr"
    );
    // best.toml is a configuration gen accepts, and it meets the target on every input.
    let best = dir.join("best.toml");
    let o = isrlu(&["accuracy", "--config", best.to_str().unwrap(), "--json"]);
    let acc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(acc["correctly_rounded_pct"], 100.0);
    let o = isrlu(&[
        "gen",
        "--config",
        best.to_str().unwrap(),
        "-o",
        dir.join("rtl").to_str().unwrap(),
    ]);
    assert!(o.status.success());
    // The front: no point of points.csv beats a front point in error, cost and latency.
    let rows: Vec<Vec<String>> = std::fs::read_to_string(dir.join("points.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), points);
    let num = |r: &Vec<String>, i: usize| r[i].parse::<f64>().unwrap();
    for f in rows.iter().filter(|r| r[15] == "true") {
        for r in &rows {
            let better = num(r, 7) <= num(f, 7)
                && num(r, 14) <= num(f, 14)
                && num(r, 9) <= num(f, 9)
                && (num(r, 7) < num(f, 7) || num(r, 14) < num(f, 14) || num(r, 9) < num(f, 9));
            assert!(!better, "front point {f:?} dominated by {r:?}");
        }
    }
    let front: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("front.json")).unwrap()).unwrap();
    assert_eq!(
        front.as_array().unwrap().len(),
        rows.iter().filter(|r| r[15] == "true").count()
    );
    // A second run finds every point in the cache.
    let o = isrlu(&args);
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        text.starts_with(&format!("{points} points ({points} from the cache)")),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn impossible_requests_are_refused_before_any_work() {
    let dir = std::env::temp_dir().join(format!("isrlu-explore-bad-{}", std::process::id()));
    let d = dir.to_str().unwrap();
    let refused = |args: &[&str], msg: &str| {
        let o = isrlu(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            format!("error: {msg}\n")
        );
    };
    refused(
        &[
            "explore",
            "--function",
            "isru",
            "--in",
            "16.12",
            "--out",
            "16.15",
            "--target",
            "ulp=0.1",
            "-o",
            d,
        ],
        "target ulp=0.1 is impossible: no rounding to the output format gets below 0.5 ulp",
    );
    refused(
        &[
            "explore",
            "--function",
            "isrlu",
            "--in",
            "16.12",
            "--out",
            "16.14",
            "-o",
            d,
        ],
        "output format 16.14 cannot hold isrlu(7.999755859375) = 7.999756 for the input format 16.12; widen the output or set saturate = true",
    );
    refused(
        &[
            "explore",
            "--function",
            "tanh",
            "--in",
            "16.12",
            "--out",
            "16.15",
            "-o",
            d,
        ],
        "unknown function 'tanh' (known: isru, isrlu)",
    );
    assert!(!dir.exists());
}
