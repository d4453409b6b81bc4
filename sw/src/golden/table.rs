//! The seed table for `1/sqrt(m)`, `m` in `[1, 4)`, computed here once and exported to the
//! hardware.
//!
//! Address `i` has `k = table_address_bits` bits: the top bit is the parity `p` of the
//! exponent (`p = 0`: `m` in `[1, 2)`, `p = 1`: `m` in `[2, 4)`), the low `k - 1` bits `j` are
//! the mantissa bits below the leading one. Entry `i` covers `[lo, hi)` with
//! `lo = 2^p * (1 + j / 2^(k-1))`, `hi = 2^p * (1 + (j + 1) / 2^(k-1))` and holds
//! `2 / (sqrt(lo) + sqrt(hi))`, the seed whose relative error is equal and opposite at both ends
//! (the smallest worst case), rounded to nearest as an unsigned `V`-bit fraction
//! (`V = table_value_bits`, value `code * 2^-V` in `[0.5, 1)`; the top bit is always 1).
//! `f64` is exact enough here: `sqrt` is correctly rounded and `V <= 32`.
//!
//! With Newton steps, each entry also holds the cube of its (rounded) seed, rounded to nearest
//! at `P` fraction bits, computed exactly in integers: the first step is then
//! `y1 = (3 y0 - m y0^3) / 2`, one product instead of three.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedTable {
    pub address_bits: u32,
    pub value_bits: u32,
    pub values: Vec<u64>,
    /// Fraction bits of the cubes (`P`), when the table has them.
    pub cube_bits: Option<u32>,
    /// `round(values[i]^3 2^(P - 3V))`: the seeds' cubes at `P` fraction bits.
    pub cubes: Vec<u64>,
}

impl SeedTable {
    pub fn new(address_bits: u32, value_bits: u32, cube_bits: Option<u32>) -> Self {
        let half = 1u64 << (address_bits - 1);
        let max = (1u64 << value_bits) - 1;
        let values = (0..2 * half)
            .map(|i| {
                let (parity, j) = (i / half, i % half);
                let scale = (1u64 << parity) as f64;
                let lo = scale * (1.0 + j as f64 / half as f64);
                let hi = scale * (1.0 + (j + 1) as f64 / half as f64);
                let seed = 2.0 / (lo.sqrt() + hi.sqrt());
                ((seed * (1u64 << value_bits) as f64).round() as u64).min(max)
            })
            .collect::<Vec<u64>>();
        let cubes = match cube_bits {
            None => Vec::new(),
            Some(p) => values
                .iter()
                .map(|&v| {
                    let cube = u128::from(v).pow(3);
                    let shift = 3 * value_bits as i32 - p as i32;
                    if shift > 0 {
                        ((cube + (1u128 << (shift - 1))) >> shift) as u64
                    } else {
                        (cube << -shift) as u64
                    }
                })
                .collect(),
        };
        SeedTable {
            address_bits,
            value_bits,
            values,
            cube_bits,
            cubes,
        }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Total storage in bits (seeds and cubes).
    pub fn bits(&self) -> u64 {
        self.values.len() as u64 * u64::from(self.value_bits + self.cube_bits.unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_entry_table_by_hand() {
        // k = 1: [1,2) -> 2/(1+sqrt 2) = 0.828427..., [2,4) -> 2/(sqrt 2 + 2) = 0.585786...
        // at 8 bits: 212.07 -> 212, 149.96 -> 150.
        // Cubes at 10 bits: (212/256)^3 * 1024 = 581.6 -> 582; (150/256)^3 * 1024 = 206.0 -> 206.
        let t = SeedTable::new(1, 8, Some(10));
        assert_eq!(t.values, vec![212, 150]);
        assert_eq!(t.cubes, vec![582, 206]);
    }

    #[test]
    fn seeds_lie_in_half_open_unit_half() {
        let t = SeedTable::new(9, 10, None);
        assert_eq!(t.len(), 512);
        assert!(t.values.iter().all(|&v| (512..1024).contains(&v)));
        // Decreasing within each parity half, as 1/sqrt is.
        assert!(t.values[..256].windows(2).all(|w| w[0] >= w[1]));
        assert!(t.values[256..].windows(2).all(|w| w[0] >= w[1]));
    }
}
