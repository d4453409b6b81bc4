//! The VCD parses back with the `vcd` crate and shows the run's port values; the batch mode's
//! outputs equal the golden model's for every input.

use std::collections::HashMap;

use isrlu_sim::stimulus::Stimulus;
use isrlu_sim::{Simulator, batch, vcd_out};
use isrlu_sw::pipeline::Plan;
use isrlu_sw::{Datapath, preset};

#[test]
fn vcd_shows_the_same_port_values_as_the_run() {
    let config = preset("isru16").unwrap();
    let plan = Plan::new(&config);
    let codes: Vec<i64> = (0..300).map(|i| i * 211 - 30000).collect();
    let stim = Stimulus::random(codes, 0.2, 0.3, 3, 16).with_reset(200, 2);
    let mut bytes = Vec::new();
    let trace = vcd_out::run_with_vcd(
        &mut Simulator::new(plan.clone()),
        &stim,
        &mut bytes,
        "isru16",
    )
    .unwrap();
    assert_eq!(
        trace,
        Simulator::new(plan.clone()).run(&stim),
        "recording changes nothing"
    );

    let mut parser = vcd::Parser::new(&bytes[..]);
    let header = parser.parse_header().unwrap();
    let id = |path: &[&str]| {
        header
            .find_var(path)
            .unwrap_or_else(|| panic!("no {path:?}"))
            .code
    };
    let (ready, valid, data) = (
        id(&["isru16", "s_axis_tready"]),
        id(&["isru16", "m_axis_tvalid"]),
        id(&["isru16", "m_axis_tdata"]),
    );
    // Every register of the plan is there, under the datapath's scope, as in the Verilog.
    for (j, live) in plan.live.iter().enumerate() {
        for v in live {
            id(&["isru16", "dp", &format!("r{j}_{}", v.name())]);
        }
    }
    id(&["isru16", "valid_0", "q"]);
    let mut now: HashMap<vcd::IdCode, u64> = HashMap::new();
    let mut time = 0u64;
    let mut sampled = Vec::new();
    for command in parser {
        match command.unwrap() {
            vcd::Command::Timestamp(t) => {
                if time.is_multiple_of(10) && t > time {
                    sampled.push((
                        now.get(&ready).copied(),
                        now.get(&valid).copied(),
                        now.get(&data).copied(),
                    ));
                }
                time = t;
            }
            vcd::Command::ChangeScalar(i, v) => {
                now.insert(i, u64::from(v == vcd::Value::V1));
            }
            vcd::Command::ChangeVector(i, v) => {
                let bits = v
                    .iter()
                    .fold(0u64, |acc, b| acc << 1 | u64::from(b == vcd::Value::V1));
                now.insert(i, bits);
            }
            _ => {}
        }
    }
    assert_eq!(sampled.len(), trace.len());
    for (c, (s, t)) in sampled.iter().zip(&trace).enumerate() {
        assert_eq!(
            *s,
            (
                Some(t.s_ready as u64),
                Some(t.m_valid as u64),
                Some(t.m_data)
            ),
            "cycle {c}"
        );
    }
}

#[test]
fn batch_mode_matches_the_golden_model_on_every_input() {
    for name in ["isrlu16", "isru16"] {
        let config = preset(name).unwrap();
        let golden = Datapath::new(&config);
        let codes: Vec<i64> = (config.input.min_code()..=config.input.max_code()).collect();
        let run = batch::run(&Plan::new(&config), &codes, 16, 0.2, 0.3, 9);
        assert_eq!(run.streams, 16);
        assert_eq!(run.outputs.len(), codes.len());
        for (x, q) in codes.iter().zip(&run.outputs) {
            assert_eq!(*q, golden.eval(*x), "{name} x={x}");
        }
    }
}
