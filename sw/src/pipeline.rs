//! The pipeline's structure, shared by the hardware generator and the cycle simulator: the
//! operations in datapath order, where the registers sit, and which values each register holds.
//!
//! Register 0 holds the input code. Segment `j` is the combinational logic between register
//! `j` and register `j + 1`; a register follows every operation whose stage is listed in
//! `Config::registers` (every Newton step when `newton` is listed), and the output register
//! always follows the last operation. A value is held by register `j` when it was produced
//! before it and is read after it. Every operation's arithmetic is the golden model's
//! ([`Datapath`]); [`Plan::apply`] is the one place that maps an operation to it.

use crate::golden::{Datapath, magnitude, square};
use crate::{Config, Function, Rounding, Stage};

/// A value flowing down the pipeline. Its bits are unsigned, `Plan::width` wide; `X` and `Code`
/// are two's complement codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Value {
    /// The input code.
    X,
    /// `x < 0` (ISRU only; ISRLU keeps `X` for its bypass).
    Neg,
    /// `|x|`.
    U,
    /// `u^2`.
    S,
    /// `T`: `t = 1 + alpha x^2 = T 2^-Et`.
    T,
    /// Normalised mantissa `m`.
    M,
    /// Exponent `e`.
    E,
    /// The 1/sqrt iterate after `i` Newton steps (`Y(0)` is the seed).
    Y(u32),
    /// The seed's cube from the table (with Newton steps).
    C,
    /// `z`, in half output ulps.
    Z,
    /// Output magnitude code.
    Q,
    /// The output code.
    Code,
}

impl Value {
    const SLOTS: usize = 15;

    fn slot(self) -> usize {
        match self {
            Value::X => 0,
            Value::Neg => 1,
            Value::U => 2,
            Value::S => 3,
            Value::T => 4,
            Value::M => 5,
            Value::E => 6,
            Value::Y(i) => 7 + i as usize,
            Value::Z => 11,
            Value::Q => 12,
            Value::Code => 13,
            Value::C => 14,
        }
    }

    /// A short name, used for Verilog nets and VCD signals.
    pub fn name(self) -> String {
        match self {
            Value::X => "x".into(),
            Value::Neg => "neg".into(),
            Value::U => "u".into(),
            Value::S => "s".into(),
            Value::T => "t".into(),
            Value::M => "m".into(),
            Value::E => "e".into(),
            Value::Y(i) => format!("y{i}"),
            Value::Z => "z".into(),
            Value::Q => "q".into(),
            Value::Code => "code".into(),
            Value::C => "c0".into(),
        }
    }
}

/// One combinational operation of the datapath.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    Magnitude,
    Square,
    Scale,
    Normalise,
    Seed,
    /// Newton step `i` (1-based): `Y(i)` from `Y(i - 1)`.
    Newton(u32),
    Multiply,
    Round,
    Output,
}

impl Op {
    /// The stage whose listing in `Config::registers` puts a register after this operation.
    pub fn stage(self) -> Option<Stage> {
        match self {
            Op::Magnitude | Op::Output => None,
            Op::Square => Some(Stage::Square),
            Op::Scale => Some(Stage::Scale),
            Op::Normalise => Some(Stage::Normalise),
            Op::Seed => Some(Stage::Seed),
            Op::Newton(_) => Some(Stage::Newton),
            Op::Multiply => Some(Stage::Multiply),
            Op::Round => Some(Stage::Round),
        }
    }
}

/// Values a bundle can hold: one register's contents, indexed by [`Value`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bundle([u128; Value::SLOTS]);

impl Bundle {
    pub fn get(&self, v: Value) -> u128 {
        self.0[v.slot()]
    }

    pub fn set(&mut self, v: Value, bits: u128) {
        self.0[v.slot()] = bits;
    }
}

#[derive(Clone, Debug)]
pub struct Plan {
    pub datapath: Datapath,
    /// `segments[j]`: the operations between register `j` and register `j + 1`.
    pub segments: Vec<Vec<Op>>,
    /// `live[j]`: the values register `j` holds.
    pub live: Vec<Vec<Value>>,
}

impl Plan {
    pub fn new(config: &Config) -> Self {
        let datapath = Datapath::new(config);
        let mut ops = vec![
            Op::Magnitude,
            Op::Square,
            Op::Scale,
            Op::Normalise,
            Op::Seed,
        ];
        ops.extend((1..=config.newton_steps).map(Op::Newton));
        ops.extend([Op::Multiply, Op::Round, Op::Output]);
        let mut segments = vec![Vec::new()];
        for op in ops {
            segments.last_mut().expect("one segment").push(op);
            let registered = op.stage().is_some_and(|s| config.registers.contains(&s));
            if registered || op == Op::Output {
                segments.push(Vec::new());
            }
        }
        segments.pop();
        let mut plan = Plan {
            datapath,
            segments,
            live: Vec::new(),
        };
        plan.live = (0..=plan.segments.len())
            .map(|j| {
                let mut held: Vec<Value> = plan.produced_before(j);
                held.retain(|v| {
                    j == plan.segments.len() && *v == Value::Code || plan.read_from(j).contains(v)
                });
                held
            })
            .collect();
        plan
    }

    /// Registers from input to output: the latency in clock cycles from an input transfer to
    /// the earliest output transfer of that sample.
    pub fn registers(&self) -> usize {
        self.live.len()
    }

    fn produced_before(&self, register: usize) -> Vec<Value> {
        let mut v = vec![Value::X];
        for seg in &self.segments[..register] {
            for op in seg {
                v.extend(self.outputs(*op));
            }
        }
        v
    }

    fn read_from(&self, register: usize) -> Vec<Value> {
        self.segments[register.min(self.segments.len())..]
            .iter()
            .flatten()
            .flat_map(|op| self.inputs(*op))
            .collect()
    }

    fn last_iterate(&self) -> Value {
        Value::Y(self.datapath.newton_steps)
    }

    pub fn inputs(&self, op: Op) -> Vec<Value> {
        let dp = &self.datapath;
        match op {
            Op::Magnitude => vec![Value::X],
            Op::Square => vec![Value::U],
            Op::Scale => vec![Value::S],
            Op::Normalise => vec![Value::T],
            Op::Seed => vec![Value::M],
            Op::Newton(1) if dp.has_cubes() => vec![Value::M, Value::Y(0), Value::C],
            Op::Newton(i) => vec![Value::M, Value::Y(i - 1)],
            Op::Multiply => vec![Value::U, self.last_iterate(), Value::E],
            Op::Round if dp.rounding == Rounding::Nearest => vec![Value::Z, Value::S],
            Op::Round => vec![Value::Z],
            Op::Output if dp.function == Function::Isrlu => vec![Value::X, Value::Q],
            Op::Output => vec![Value::Neg, Value::Q],
        }
    }

    pub fn outputs(&self, op: Op) -> Vec<Value> {
        match op {
            Op::Magnitude if self.datapath.function == Function::Isru => vec![Value::Neg, Value::U],
            Op::Magnitude => vec![Value::U],
            Op::Square => vec![Value::S],
            Op::Scale => vec![Value::T],
            Op::Normalise => vec![Value::M, Value::E],
            Op::Seed if self.datapath.has_cubes() => vec![Value::Y(0), Value::C],
            Op::Seed => vec![Value::Y(0)],
            Op::Newton(i) => vec![Value::Y(i)],
            Op::Multiply => vec![Value::Z],
            Op::Round => vec![Value::Q],
            Op::Output => vec![Value::Code],
        }
    }

    /// Bits of a value.
    pub fn width(&self, v: Value) -> u32 {
        let dp = &self.datapath;
        let w = &dp.widths;
        match v {
            Value::X => dp.input.bits,
            Value::Neg => 1,
            Value::U => w.magnitude,
            Value::S => w.square,
            Value::T => w.t,
            Value::M => w.mantissa,
            Value::E => w.exponent,
            Value::Y(_) => w.iterate,
            Value::C => dp.p + crate::golden::CUBE_GUARD_BITS,
            Value::Z => w.half_ulps,
            Value::Q => w.candidate,
            Value::Code => dp.output.bits,
        }
    }

    /// Runs one operation on a bundle, with the golden model's arithmetic.
    pub fn apply(&self, op: Op, b: &mut Bundle) {
        let dp = &self.datapath;
        let x = dp.input.wrap(b.get(Value::X) as i64);
        match op {
            Op::Magnitude => {
                let (neg, u) = magnitude(x);
                b.set(Value::Neg, neg.into());
                b.set(Value::U, u.into());
            }
            Op::Square => b.set(Value::S, square(b.get(Value::U) as u64).into()),
            Op::Scale => b.set(Value::T, dp.scale(b.get(Value::S) as u64)),
            Op::Normalise => {
                let (m, e) = dp.normalise(b.get(Value::T));
                b.set(Value::M, m.into());
                b.set(Value::E, e.into());
            }
            Op::Seed => {
                let index = dp.seed_index(b.get(Value::M) as u64);
                b.set(Value::Y(0), dp.seed(index).into());
                if dp.has_cubes() {
                    b.set(Value::C, dp.seed_cube(index).into());
                }
            }
            Op::Newton(1) if dp.has_cubes() => {
                let (m, y0) = (b.get(Value::M) as u64, b.get(Value::Y(0)) as u64);
                b.set(
                    Value::Y(1),
                    dp.first_newton(m, y0, b.get(Value::C) as u64).into(),
                );
            }
            Op::Newton(i) => {
                let y = dp.newton(b.get(Value::M) as u64, b.get(Value::Y(i - 1)) as u64);
                b.set(Value::Y(i), y.into());
            }
            Op::Multiply => {
                let (u, e) = (b.get(Value::U) as u64, b.get(Value::E) as u32);
                let y = b.get(self.last_iterate()) as u64;
                b.set(Value::Z, dp.multiply(u, y, e));
            }
            Op::Round => {
                let s = b.get(Value::S) as u64;
                b.set(Value::Q, dp.round(b.get(Value::Z), s, dp.scale(s)).into());
            }
            Op::Output => {
                let negative = match dp.function {
                    Function::Isrlu => x < 0,
                    Function::Isru => b.get(Value::Neg) == 1,
                };
                let code = dp.output(x, negative, b.get(Value::Q) as u64);
                b.set(Value::Code, code as u128 & mask(dp.output.bits));
            }
        }
    }

    /// Segment `j`: the next register's contents from register `j`'s (values not held are 0).
    pub fn segment(&self, j: usize, from: &Bundle) -> Bundle {
        let mut b = *from;
        for op in &self.segments[j] {
            self.apply(*op, &mut b);
        }
        let mut held = Bundle::default();
        for v in &self.live[j + 1] {
            held.set(*v, b.get(*v));
        }
        held
    }

    /// The input register's contents for input code `x`.
    pub fn input(&self, x: i64) -> Bundle {
        let mut b = Bundle::default();
        b.set(Value::X, x as u128 & mask(self.datapath.input.bits));
        b
    }

    /// The signed output code held by an output-register bundle.
    pub fn output_code(&self, b: &Bundle) -> i64 {
        self.datapath.output.wrap(b.get(Value::Code) as i64)
    }
}

pub fn mask(bits: u32) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset;

    #[test]
    fn default_isrlu16_has_eight_registers() {
        let plan = Plan::new(&preset("isrlu16").unwrap());
        assert_eq!(plan.registers(), 8);
        assert_eq!(plan.live[0], vec![Value::X]);
        assert_eq!(plan.live[7], vec![Value::Code]);
        // After the square: x (for the bypass), u, s; scale runs with normalise.
        assert_eq!(plan.live[1], vec![Value::X, Value::U, Value::S]);
        assert_eq!(plan.segments[1], vec![Op::Scale, Op::Normalise]);
        assert_eq!(
            plan.live[2],
            vec![Value::X, Value::U, Value::S, Value::M, Value::E]
        );
    }

    #[test]
    fn no_stage_registers_means_input_and_output_only() {
        let mut c = preset("isru16").unwrap();
        c.registers.clear();
        let plan = Plan::new(&c);
        assert_eq!(plan.registers(), 2);
        assert_eq!(plan.segments.len(), 1);
    }
}
