//! The golden model against the exact reference, exhaustively, plus the functions' properties.

use isrlu_sw::golden::Datapath;
use isrlu_sw::metrics::{Inputs, accuracy};
use isrlu_sw::{Config, Exact, Function, Rounding, preset};

fn every_input(c: &Config) -> impl Iterator<Item = i64> {
    c.input.min_code()..=c.input.max_code()
}

fn exhaustively_correct(name: &str) {
    let c = preset(name).unwrap();
    let model = Datapath::new(&c);
    let exact = Exact::new(&c);
    let wrong: Vec<i64> = every_input(&c)
        .filter(|&x| model.eval(x) != exact.rounded(x))
        .collect();
    assert!(
        wrong.is_empty(),
        "{name}: {} inputs misrounded, first {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(5)]
    );
}

#[test]
fn isrlu16_correctly_rounded_everywhere() {
    exhaustively_correct("isrlu16");
}

#[test]
fn isru16_correctly_rounded_everywhere() {
    exhaustively_correct("isru16");
}

#[test]
fn isrlu8_correctly_rounded_everywhere() {
    exhaustively_correct("isrlu8");
}

#[test]
fn isru24_correctly_rounded_everywhere() {
    let c = preset("isru24").unwrap();
    let model = Datapath::new(&c);
    let a = accuracy(&c, Inputs::All, |x| model.eval(x));
    assert_eq!(a.inputs, 1 << 24);
    assert_eq!(a.correctly_rounded, 1 << 24, "worst: {:?}", a.worst.first());
}

#[test]
fn isru16_faithful_is_faithful_everywhere() {
    let mut c = preset("isru16").unwrap();
    c.rounding = Rounding::Faithful;
    c.table_value_bits -= 1;
    let model = Datapath::new(&c);
    let a = accuracy(&c, Inputs::All, |x| model.eval(x));
    assert_eq!(a.faithful, a.inputs);
    assert!(a.max_err_ulp < 1.0);
    // Not correctly rounded everywhere: the exact test is what faithful mode saves.
    assert!(a.correctly_rounded < a.inputs);
}

#[test]
fn isrlu_is_the_identity_for_non_negative_inputs() {
    for name in ["isrlu16", "isrlu8"] {
        let c = preset(name).unwrap();
        assert_eq!(c.input, c.output);
        let model = Datapath::new(&c);
        for x in 0..=c.input.max_code() {
            assert_eq!(model.eval(x), x, "{name} x={x}");
        }
    }
}

#[test]
fn isru_is_odd() {
    for name in ["isru16", "isru24"] {
        let c = preset(name).unwrap();
        let model = Datapath::new(&c);
        for x in (1..=c.input.max_code()).step_by(7) {
            assert_eq!(model.eval(-x), -model.eval(x), "{name} x={x}");
        }
    }
}

#[test]
fn monotonic_and_bounded_by_one_over_sqrt_alpha() {
    for name in ["isrlu16", "isru16", "isrlu8", "isru24"] {
        let c = preset(name).unwrap();
        let model = Datapath::new(&c);
        // 1/sqrt(a) = 1 for every preset: the bound in output codes is 2^G.
        let bound = 1i64 << c.output.frac;
        let mut previous = i64::MIN;
        for x in every_input(&c) {
            let q = model.eval(x);
            assert!(q >= previous, "{name}: not monotonic at x={x}");
            previous = q;
            let isru_branch = c.function == Function::Isru || x < 0;
            if isru_branch {
                assert!(q.abs() <= bound, "{name}: |{q}| above 1/sqrt(a) at x={x}");
            }
        }
    }
}

#[test]
fn most_negative_input() {
    // x = -8 (code -32768 in 16.12): y = -8 / sqrt(65) = -0.992277876...
    // 16.12: * 4096 = -4064.37 -> -4064; 16.15: * 32768 = -32515.0 (-32514.96) -> -32515.
    let c = preset("isrlu16").unwrap();
    assert_eq!(Datapath::new(&c).eval(-32768), -4064);
    let c = preset("isru16").unwrap();
    assert_eq!(Datapath::new(&c).eval(-32768), -32515);
}

#[test]
fn intermediates_fit_their_documented_widths() {
    for name in ["isrlu16", "isru16", "isrlu8"] {
        let c = preset(name).unwrap();
        let d = Datapath::new(&c);
        let w = d.widths;
        let fits = |v: u128, bits: u32| bits >= 128 || v >> bits == 0;
        for x in every_input(&c) {
            let (_, u) = isrlu_sw::golden::magnitude(x);
            assert!(fits(u.into(), w.magnitude));
            let s = isrlu_sw::golden::square(u);
            assert!(fits(s.into(), w.square));
            let t = d.scale(s);
            assert!(fits(t, w.t));
            let (m, e) = d.normalise(t);
            assert!(
                fits(m.into(), w.mantissa) && m >> c.internal_frac_bits >= 1,
                "{name} x={x}"
            );
            assert!(fits(e.into(), w.exponent));
            let index = d.seed_index(m);
            let mut y = d.seed(index);
            for step in 0..c.newton_steps {
                assert!(fits(y.into(), w.iterate));
                y = if step == 0 && d.has_cubes() {
                    d.first_newton(m, y, d.seed_cube(index))
                } else {
                    d.newton(m, y)
                };
            }
            assert!(fits(y.into(), w.iterate));
            let z = d.multiply(u, y, e);
            assert!(fits(z, w.half_ulps));
            let q = d.round(z, s, t);
            assert!(fits(q.into(), w.candidate));
        }
    }
}

#[test]
fn the_pipeline_plan_computes_the_golden_model() {
    use isrlu_sw::pipeline::Plan;
    for name in ["isrlu16", "isru16", "isrlu8"] {
        for registers in [vec![], isrlu_sw::Stage::ALL.to_vec()] {
            let mut c = preset(name).unwrap();
            c.registers = registers;
            let plan = Plan::new(&c);
            let model = Datapath::new(&c);
            for x in every_input(&c) {
                let mut b = plan.input(x);
                for j in 0..plan.segments.len() {
                    b = plan.segment(j, &b);
                }
                assert_eq!(plan.output_code(&b), model.eval(x), "{name} x={x}");
            }
        }
    }
}
