//! The exact reference against published values, the f64 formula and hand-derived midpoints.

use isrlu_sw::{Config, Exact, Format, preset};

fn config(function: &str, alpha: f64, input: &str, output: &str) -> Config {
    let mut c = preset("isru16").unwrap();
    c.function = toml::Value::String(function.into()).try_into().unwrap();
    c.alpha = isrlu_sw::Alpha::from_f64(alpha).unwrap();
    c.input = input.parse::<Format>().unwrap();
    c.output = output.parse::<Format>().unwrap();
    c.saturate = true;
    c
}

#[test]
fn published_values() {
    // Carlile et al. with a = 1: ISRLU(-0.5) = -0.4472136, ISRU(-1.5) = -0.8320503.
    let e = Exact::new(&preset("isrlu16").unwrap());
    assert!((e.value(-2048) - -0.4472136).abs() < 5e-8);
    // -0.4472136 * 4096 = -1831.787 -> -1832.
    assert_eq!(e.rounded(-2048), -1832);
    let e = Exact::new(&preset("isru16").unwrap());
    assert!((e.value(-6144) - -0.8320503).abs() < 5e-8);
    // -0.8320503 * 32768 = -27264.62 -> -27265.
    assert_eq!(e.rounded(-6144), -27265);
    // Derivative (1/sqrt(1 + x^2))^3 at x = -1.5: (1/sqrt(3.25))^3 = 1 / (3.25 * 1.8027756) = 0.1706770
    assert!((e.derivative(-6144) - 0.170_677_0).abs() < 1e-7);
}

#[test]
fn agrees_with_the_f64_formula_on_every_isru16_input() {
    let c = preset("isru16").unwrap();
    let e = Exact::new(&c);
    for x in c.input.min_code()..=c.input.max_code() {
        let v = x as f64 / 4096.0;
        let y = v / (1.0 + v * v).sqrt() * 32768.0;
        let q = e.rounded(x);
        assert!((q as f64 - y).abs() <= 0.5 + 1e-9, "x={x}");
        // Away from midpoints f64 decides too.
        if (y - y.floor() - 0.5).abs() > 1e-6 {
            assert_eq!(q, y.round() as i64, "x={x}");
        }
        let (lo, hi) = e.bracket(x);
        assert_eq!((lo, hi), (y.floor() as i64, y.ceil() as i64), "x={x}");
    }
}

#[test]
fn exact_tie_rounds_to_even() {
    // a = 3, x = 1: y = 1 / sqrt(4) = 1/2 exactly. With 0 output fraction bits that is the
    // midpoint between codes 0 and 1, so ties-to-even gives 0 (and -0 for x = -1).
    // (It is the only kind of exact tie: y = (2k+1) 2^-(G+1) with a dyadic needs 2k+1 = 1.)
    let c = config("isru", 3.0, "8.4", "4.0");
    let e = Exact::new(&c);
    assert_eq!(e.rounded(16), 0);
    assert_eq!(e.rounded(-16), 0);
    assert_eq!(e.bracket(16), (0, 1));
    // With one output fraction bit, 1/2 is the code 1, exactly.
    let c = config("isru", 3.0, "8.4", "4.1");
    let e = Exact::new(&c);
    assert_eq!(e.rounded(16), 1);
    assert_eq!(e.bracket(16), (1, 1));
}

#[test]
fn near_midpoint_decisions() {
    // a = 3 around x = 1: y'(1) = (1/sqrt(4))^3 = 1/8, so x = 1 +- 2^-12 gives
    // y = 1/2 +- 2^-15 (+ O(2^-24)): just above / below the 0|1 midpoint of a 4.0 output.
    let c = config("isru", 3.0, "16.12", "4.0");
    let e = Exact::new(&c);
    assert_eq!(e.rounded(4097), 1);
    assert_eq!(e.rounded(4095), 0);
    assert_eq!(e.rounded(-4097), -1);
    assert_eq!(e.rounded(-4095), 0);
    // a = 3/4, x = 2: y = 2 / sqrt(1 + 3) = 1, an exact code; one input step either side moves
    // y by about (1/8) 2^-12 ulp, so it still rounds to 1 but the bracket opens.
    let c = config("isru", 0.75, "16.12", "8.0");
    let e = Exact::new(&c);
    assert_eq!(e.rounded(8192), 1);
    assert_eq!(e.bracket(8192), (1, 1));
    assert_eq!(e.bracket(8193), (1, 2));
    assert_eq!(e.bracket(8191), (0, 1));
}

#[test]
fn isrlu_identity_branch_rounds_to_nearest_even() {
    // 8.4 -> 8.2: x = 6/16 = 0.375 = 1.5 ulps -> 2; x = 2/16 = 0.5 ulp -> 0; 10/16 = 2.5 -> 2.
    let c = config("isrlu", 1.0, "8.4", "8.2");
    let e = Exact::new(&c);
    assert_eq!(e.rounded(6), 2);
    assert_eq!(e.rounded(2), 0);
    assert_eq!(e.rounded(10), 2);
    assert_eq!(e.rounded(7), 2);
    assert_eq!(e.bracket(7), (1, 2));
    assert_eq!(e.bracket(8), (2, 2));
}
