//! The datapath's Verilog body, built at run time from the pipeline plan with the exact width of
//! every net. Each operation mirrors its golden-model stage function bit for bit:
//!
//! | operation | Verilog                                                                     |
//! |-----------|-----------------------------------------------------------------------------|
//! | magnitude | `u = x[W-1] ? -x : x` (`Wi` bits)                                            |
//! | square    | `s = u * u` (`2Wi-1` bits)                                                   |
//! | scale     | `t = 2^Et + sum of (s << (i + ps))` over the set bits `i` of odd alpha `A`   |
//! | normalise | `e` from the highest set bit of `t` (priority chain), `m = ((t << lp) >> 2e)[base +: P+2]` |
//! | seed      | a `case` ROM addressed by `{m[P+1], mantissa bits}`, widened to `P` fraction bits |
//! | newton    | first step `y1 = (3*y0 - (m*c0)[2P+3+2:P+2]) >> 1` with the table's cube `c0`; later steps `y2 = (y*y)[2P:P]`, `my2 = (m*y2)[2P+1:P]`, `h = 3*2^P - my2`, `y' = (y*h)[2P+1:P+1]` |
//! | multiply  | `z = ((u*y) >> (F+P-G-1)) >> e` (half ulps)                                  |
//! | round     | faithful `(z+1) >> 1`; nearest `c = z >> 1` plus the exact midpoint test `s << Ls` vs `(w*w*t) << Rs` |
//! | output    | sign, ISRLU bypass (round to nearest even), saturate or wrap to `Wo` bits    |
//!
//! Every operand of an operator is zero-extended to the result width, so no tool sees an
//! implicit width change. Bits a slice drops (provably zero, or below the kept precision) are
//! collected into one `unused_bits` net, the idiom Verilator's `-Wall` accepts for intentional
//! non-use.

use std::collections::HashSet;

use isrlu_sw::pipeline::{Op, Plan, Value};
use isrlu_sw::{Function, Rounding};

/// Ports the body refers to (declared by rust-hdl from the block's fields): `clk`, `din`,
/// `dout`, and the enables `en$k` (`k` counted from the output register).
pub fn datapath_body(plan: &Plan) -> String {
    let mut b = Body {
        plan,
        text: String::new(),
        unused: Vec::new(),
        local: HashSet::new(),
        seg: 0,
    };
    b.emit();
    b.text
}

struct Body<'a> {
    plan: &'a Plan,
    text: String,
    unused: Vec<String>,
    /// Values produced so far in the current segment.
    local: HashSet<Value>,
    seg: usize,
}

fn lit(width: u32, value: u128) -> String {
    format!("{width}'h{value:x}")
}

fn range(width: u32) -> String {
    if width == 1 {
        String::new()
    } else {
        format!("[{}:0] ", width - 1)
    }
}

/// `expr` (of `from` bits) zero-extended to `to` bits.
fn zext(expr: &str, from: u32, to: u32) -> String {
    assert!(to >= from, "zext {expr} from {from} to {to}");
    if to == from {
        expr.to_string()
    } else {
        format!("{{{}, {expr}}}", lit(to - from, 0))
    }
}

/// `expr` followed by `n` zero bits.
fn shl(expr: &str, n: u32) -> String {
    if n == 0 {
        expr.to_string()
    } else {
        format!("{{{expr}, {}}}", lit(n, 0))
    }
}

impl Body<'_> {
    fn line(&mut self, s: impl AsRef<str>) {
        self.text.push_str(s.as_ref());
        self.text.push('\n');
    }

    fn w(&self, v: Value) -> u32 {
        self.plan.width(v)
    }

    /// The net carrying `v` in the current segment.
    fn name(&self, v: Value) -> String {
        if self.local.contains(&v) {
            format!("s{}_{}", self.seg, v.name())
        } else {
            format!("r{}_{}", self.seg, v.name())
        }
    }

    /// A helper net of the current segment.
    fn tmp(&self, what: &str) -> String {
        format!("s{}_{what}", self.seg)
    }

    fn wire(&mut self, name: &str, width: u32, expr: &str) {
        self.line(format!("wire {}{name} = {expr};", range(width)));
    }

    /// Declares the segment's net for `v`.
    fn produce(&mut self, v: Value, expr: &str) {
        self.local.insert(v);
        let (name, width) = (self.name(v), self.w(v));
        self.wire(&name, width, expr);
    }

    /// Bits `[lo, lo + width)` of `name` (`src` bits wide), zero-extended where `src` ends;
    /// the bits left out are recorded as unused.
    fn take(&mut self, name: &str, src: u32, lo: u32, width: u32) -> String {
        if lo > 0 {
            self.unused.push(format!("{name}[{}:0]", lo.min(src) - 1));
        }
        if lo >= src {
            return lit(width, 0);
        }
        let hi = (lo + width).min(src);
        if hi < src {
            self.unused.push(format!("{name}[{}:{hi}]", src - 1));
        }
        let slice = if hi - lo == src {
            name.to_string()
        } else {
            format!("{name}[{}:{lo}]", hi - 1)
        };
        zext(&slice, hi - lo, width)
    }

    /// `a * b`, both zero-extended to the `width`-bit product.
    fn product(&mut self, name: &str, a: (&str, u32), b: (&str, u32), width: u32) {
        let expr = format!("{} * {}", zext(a.0, a.1, width), zext(b.0, b.1, width));
        self.wire(name, width, &expr);
    }

    fn emit(&mut self) {
        let plan = self.plan;
        let n = plan.registers();
        let dp = &plan.datapath;
        self.line(format!(
            "// {} {} -> {}: {} registers, seed table {}x{} bit, {} Newton step(s), {} internal fraction bits, {} rounding",
            dp.function,
            dp.input,
            dp.output,
            n,
            dp.table.len(),
            dp.table.value_bits,
            dp.newton_steps,
            dp.p,
            dp.rounding
        ));
        for (j, live) in plan.live.iter().enumerate() {
            for v in live {
                self.line(format!("reg {}r{j}_{};", range(self.w(*v)), v.name()));
            }
        }
        for j in 0..plan.segments.len() {
            self.seg = j;
            self.local.clear();
            self.line(format!("// segment {j}: {:?}", plan.segments[j]));
            for op in plan.segments[j].clone() {
                self.op(op);
            }
            let loads: Vec<(String, String)> = plan.live[j + 1]
                .iter()
                .map(|v| (format!("r{}_{}", j + 1, v.name()), self.name(*v)))
                .collect();
            self.register(j + 1, &loads);
        }
        self.register(0, &[("r0_x".into(), "din".into())]);
        self.line(format!("always @(*) dout = r{}_code;", n - 1));
        if !self.unused.is_empty() {
            self.line(
                "// Bits dropped on purpose (zero by construction, or below the kept precision).",
            );
            let list = self.unused.join(", ");
            self.line(format!("wire unused_bits = &{{1'b0, {list}, 1'b0}};"));
        }
    }

    fn register(&mut self, j: usize, loads: &[(String, String)]) {
        let k = self.plan.registers() - 1 - j;
        self.line(format!("always @(posedge clk) if (en${k}) begin"));
        for (reg, src) in loads {
            self.line(format!("    {reg} <= {src};"));
        }
        self.line("end");
    }

    fn op(&mut self, op: Op) {
        let dp = &self.plan.datapath;
        let p = dp.p;
        match op {
            Op::Magnitude => {
                let (x, wi) = (self.name(Value::X), self.w(Value::X));
                if dp.function == Function::Isru {
                    self.produce(Value::Neg, &format!("{x}[{}]", wi - 1));
                }
                self.produce(
                    Value::U,
                    &format!("{x}[{}] ? (~{x} + {}) : {x}", wi - 1, lit(wi, 1)),
                );
            }
            Op::Square => {
                let (u, wu, ws) = (self.name(Value::U), self.w(Value::U), self.w(Value::S));
                let sq = format!("{} * {}", zext(&u, wu, ws), zext(&u, wu, ws));
                self.produce(Value::S, &sq);
            }
            Op::Scale => {
                let expr = self.scale_expr(&self.name(Value::S));
                self.produce(Value::T, &expr);
            }
            Op::Normalise => self.normalise(),
            Op::Seed => self.seed(),
            Op::Newton(1) if dp.has_cubes() => self.first_newton(),
            Op::Newton(i) => self.newton(i),
            Op::Multiply => {
                let (u, wu) = (self.name(Value::U), self.w(Value::U));
                let y = Value::Y(dp.newton_steps);
                let (y, wy) = (self.name(y), self.w(y));
                let wp = wu + wy;
                let mp = self.tmp("uy");
                self.product(&mp, (&u, wu), (&y, wy), wp);
                let c0 = dp.input.frac + p - dp.output.frac - 1;
                let wz0 = wp - c0;
                let zz = self.take(&mp, wp, c0, wz0);
                let zsh = self.tmp("uy_shifted");
                self.wire(&zsh, wz0, &format!("{zz} >> {}", self.name(Value::E)));
                let z = self.take(&zsh, wz0, 0, self.w(Value::Z));
                self.produce(Value::Z, &z);
            }
            Op::Round => self.round(),
            Op::Output => self.output(),
        }
    }

    /// `T = 2^Et + (A s << ps)` as shifts and adds, `A` odd.
    fn scale_expr(&self, s: &str) -> String {
        let dp = &self.plan.datapath;
        let (ws, wt) = (self.w(Value::S), self.w(Value::T));
        let mut terms = vec![lit(wt, 1u128 << dp.t_frac)];
        for i in 0..64 {
            if dp.alpha_odd >> i & 1 == 1 {
                let shift = i + dp.product_shift;
                let term = zext(s, ws, wt);
                terms.push(if shift == 0 {
                    term
                } else {
                    format!("({term} << {shift})")
                });
            }
        }
        terms.join(" + ")
    }

    fn normalise(&mut self) {
        let dp = &self.plan.datapath;
        let (t, wt, we) = (self.name(Value::T), self.w(Value::T), self.w(Value::E));
        let (p, et) = (dp.p, dp.t_frac);
        // e = floor((msb(t) - Et) / 2): the largest k with a set bit at or above Et + 2k.
        let e_max = (wt - 1 - et) / 2;
        let mut e = lit(we, 0);
        for k in 1..=e_max {
            e = format!(
                "(|{t}[{}:{}]) ? {} : {e}",
                wt - 1,
                et + 2 * k,
                lit(we, k.into())
            );
        }
        self.produce(Value::E, &e);
        let lpad = p.saturating_sub(et);
        let base = et.saturating_sub(p);
        let wx = (wt + lpad).max(base + p + 2);
        let tx = zext(&shl(&t, lpad), wt + lpad, wx);
        let sh = self.tmp("t_shifted");
        self.wire(
            &sh,
            wx,
            &format!("{tx} >> {{{}, 1'b0}}", self.name(Value::E)),
        );
        let m = self.take(&sh, wx, base, p + 2);
        self.produce(Value::M, &m);
    }

    fn seed(&mut self) {
        let dp = &self.plan.datapath;
        let (m, p) = (self.name(Value::M), dp.p);
        let table = &dp.table;
        let k = table.address_bits;
        let index = if k == 1 {
            format!("{m}[{}]", p + 1)
        } else {
            format!(
                "{{{m}[{}], {m}[{}] ? {m}[{}:{}] : {m}[{}:{}]}}",
                p + 1,
                p + 1,
                p,
                p + 2 - k,
                p - 1,
                p + 1 - k
            )
        };
        let idx = self.tmp("seed_index");
        self.wire(&idx, k, &index);
        if dp.newton_steps == 0 && p + 1 > k {
            // Without Newton steps only the address bits of m are read.
            self.unused.push(m.clone());
        }
        let v = table.value_bits;
        let rom = self.tmp("seed_rom");
        let cube_rom = self.tmp("cube_rom");
        let wc = self.w(Value::C);
        let with_cube = dp.has_cubes();
        self.line(format!("reg {}{rom};", range(v)));
        if with_cube {
            self.line(format!("reg {}{cube_rom};", range(wc)));
        }
        self.line("always @(*) begin");
        self.line(format!("    case ({idx})"));
        for (i, value) in table.values.iter().enumerate() {
            let cube = if with_cube {
                format!(" {cube_rom} = {};", lit(wc, u128::from(table.cubes[i])))
            } else {
                String::new()
            };
            self.line(format!(
                "    {}: begin {rom} = {};{cube} end",
                lit(k, i as u128),
                lit(v, u128::from(*value))
            ));
        }
        let cube = if with_cube {
            format!(" {cube_rom} = {};", lit(wc, 0))
        } else {
            String::new()
        };
        self.line(format!(
            "    default: begin {rom} = {};{cube} end",
            lit(v, 0)
        ));
        self.line("    endcase");
        self.line("end");
        let y0 = zext(&shl(&rom, p - v), p, p + 1);
        self.produce(Value::Y(0), &y0);
        if with_cube {
            self.produce(Value::C, &cube_rom);
        }
    }

    /// The first step from the table's cube: `y1 = (3 y0 - (m c0 >> (P+2))) >> 1`.
    fn first_newton(&mut self) {
        let p = self.plan.datapath.p;
        let (m, y0, c0) = (
            self.name(Value::M),
            self.name(Value::Y(0)),
            self.name(Value::C),
        );
        let (wm, wc) = (self.w(Value::M), self.w(Value::C));
        let (mc, mc2, three, diff) = (
            self.tmp("n1_mc"),
            self.tmp("n1_mc2"),
            self.tmp("n1_three_y0"),
            self.tmp("n1_diff"),
        );
        self.product(&mc, (&m, wm), (&c0, wc), wm + wc);
        // m c0 < 3/2 (the seed's relative error is small): P+2 bits above the dropped fraction.
        let e = self.take(&mc, wm + wc, wc, p + 2);
        self.wire(&mc2, p + 2, &e);
        self.wire(
            &three,
            p + 2,
            &format!(
                "{} + {}",
                zext(&shl(&y0, 1), p + 2, p + 2),
                zext(&y0, p + 1, p + 2)
            ),
        );
        self.wire(&diff, p + 2, &format!("{three} - {mc2}"));
        let y1 = self.take(&diff, p + 2, 1, p + 1);
        self.produce(Value::Y(1), &y1);
    }

    fn newton(&mut self, i: u32) {
        let p = self.plan.datapath.p;
        let (m, y) = (self.name(Value::M), self.name(Value::Y(i - 1)));
        let tag = |s: &str| self.tmp(&format!("n{i}_{s}"));
        let (yy, y2, my, my2, h, yh) = (
            tag("yy"),
            tag("y2"),
            tag("my"),
            tag("my2"),
            tag("h"),
            tag("yh"),
        );
        // y^2 <= 2^2P (y <= 1): P+1 bits after dropping P fraction bits.
        self.product(&yy, (&y, p + 1), (&y, p + 1), 2 * p + 2);
        let e = self.take(&yy, 2 * p + 2, p, p + 1);
        self.wire(&y2, p + 1, &e);
        // m y^2 < 4: P+2 bits.
        self.product(&my, (&m, p + 2), (&y2, p + 1), 2 * p + 3);
        let e = self.take(&my, 2 * p + 3, p, p + 2);
        self.wire(&my2, p + 2, &e);
        self.wire(&h, p + 2, &format!("{} - {my2}", lit(p + 2, 3u128 << p)));
        // y (3 - m y^2) / 2 <= 1/sqrt(m) <= 1: P+1 bits.
        self.product(&yh, (&y, p + 1), (&h, p + 2), 2 * p + 3);
        let e = self.take(&yh, 2 * p + 3, p + 1, p + 1);
        self.produce(Value::Y(i), &e);
    }

    fn round(&mut self) {
        let dp = &self.plan.datapath;
        let (z, wz, wq) = (self.name(Value::Z), self.w(Value::Z), self.w(Value::Q));
        match dp.rounding {
            Rounding::Faithful => {
                let zr = self.tmp("z_plus_half");
                self.wire(
                    &zr,
                    wz + 1,
                    &format!("{} + {}", zext(&z, wz, wz + 1), lit(wz + 1, 1)),
                );
                let q = self.take(&zr, wz + 1, 1, wq);
                self.produce(Value::Q, &q);
            }
            Rounding::Nearest => {
                let (ls, rs) = (dp.test_lhs_shift, dp.test_rhs_shift);
                let (s, ws, wt) = (self.name(Value::S), self.w(Value::S), self.w(Value::T));
                let c = self.tmp("c");
                let e = self.take(&z, wz, 1, wz - 1);
                self.wire(&c, wz - 1, &e);
                // w = 2c + 1 < 2^wz.
                let w = self.tmp("w");
                self.wire(&w, wz, &format!("{{{c}, 1'b1}}"));
                let (w2, tr, w2t) = (self.tmp("w2"), self.tmp("t_again"), self.tmp("w2t"));
                self.product(&w2, (&w, wz), (&w, wz), 2 * wz);
                let texpr = self.scale_expr(&s);
                self.wire(&tr, wt, &texpr);
                self.product(&w2t, (&w2, 2 * wz), (&tr, wt), 2 * wz + wt);
                let wl = ws + ls;
                let wr = 2 * wz + wt + rs;
                let wcmp = wl.max(wr);
                let lhs = zext(&shl(&s, ls), wl, wcmp);
                let rhs = zext(&shl(&w2t, rs), wr, wcmp);
                let (gt, eq) = (self.tmp("above_mid"), self.tmp("at_mid"));
                self.wire(&gt, 1, &format!("{lhs} > {rhs}"));
                self.wire(&eq, 1, &format!("{lhs} == {rhs}"));
                let up = format!("{gt} | ({eq} & {c}[0])");
                let q = format!(
                    "{} + {}",
                    zext(&c, wz - 1, wq),
                    zext(&format!("({up})"), 1, wq)
                );
                self.produce(Value::Q, &q);
            }
        }
    }

    fn output(&mut self) {
        let dp = &self.plan.datapath;
        let (q, wq) = (self.name(Value::Q), self.w(Value::Q));
        let wo = dp.output.bits;
        // Both branches as a (wr)-bit two's complement number r.
        let (neg, positive, wpos) = match dp.function {
            Function::Isru => (self.name(Value::Neg), q.clone(), wq),
            Function::Isrlu => {
                let (x, wi) = (self.name(Value::X), dp.input.bits);
                let (bp, wb) = self.bypass(&x, wi);
                (format!("{x}[{}]", wi - 1), bp, wb)
            }
        };
        let wr = wpos.max(wq) + 1;
        let r = self.tmp("signed");
        let expr = format!(
            "{neg} ? ({} - {}) : {}",
            lit(wr, 0),
            zext(&q, wq, wr),
            zext(&positive, wpos, wr)
        );
        self.wire(&r, wr, &expr);
        let code = if wr <= wo {
            if wr == wo {
                r.clone()
            } else {
                format!("{{{{{}{{{r}[{}]}}}}, {r}}}", wo - wr, wr - 1)
            }
        } else if dp.saturate {
            let (hi, sign) = (
                format!("{r}[{}:{}]", wr - 2, wo - 1),
                format!("{r}[{}]", wr - 1),
            );
            self.unused.push(format!("{r}[{}:{}]", wr - 1, wo));
            let max = lit(wo, (1u128 << (wo - 1)) - 1);
            let min = lit(wo, 1u128 << (wo - 1));
            format!(
                "(!{sign} && (|{hi})) ? {max} : ({sign} && !(&{hi})) ? {min} : {r}[{}:0]",
                wo - 1
            )
        } else {
            self.take(&r, wr, 0, wo)
        };
        self.produce(Value::Code, &code);
    }

    /// ISRLU's identity branch for `x >= 0`: `x 2^(G-F)` rounded to nearest, ties to even.
    fn bypass(&mut self, x: &str, wi: u32) -> (String, u32) {
        let dp = &self.plan.datapath;
        let (f, g) = (dp.input.frac, dp.output.frac);
        let xn = format!("{x}[{}:0]", wi - 2);
        let wn = wi - 1;
        if g >= f {
            return (shl(&xn, g - f), wn + g - f);
        }
        let d = f - g;
        if d > wn {
            // 0 <= x < 2^(Wi-1) <= 2^(d-1): below half an output ulp.
            return (lit(1, 0), 1);
        }
        let wf = (wn - d).max(1);
        let floor = if d == wn {
            lit(1, 0)
        } else {
            format!("{x}[{}:{d}]", wi - 2)
        };
        let rem = format!("{x}[{}:0]", d - 1);
        let half = lit(d, 1u128 << (d - 1));
        let lsb = if d == wn {
            "1'b0".to_string()
        } else {
            format!("{x}[{d}]")
        };
        let up = format!("({rem} > {half}) | (({rem} == {half}) & {lsb})");
        let bp = self.tmp("bypass");
        self.wire(
            &bp,
            wf + 1,
            &format!(
                "{} + {}",
                zext(&floor, wf, wf + 1),
                zext(&format!("({up})"), 1, wf + 1)
            ),
        );
        (bp, wf + 1)
    }
}
