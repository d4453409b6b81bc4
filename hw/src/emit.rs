//! Turns rust-hdl's `generate_verilog` output into one self-contained file: the top module
//! `top` becomes NAME, submodules `top$a$b` become `NAME_a_b`, nets `x$y` become `x_y` (`$` is
//! legal Verilog but special in Tcl/SDC constraint scripts). Only identifier tokens are
//! renamed (system names such as `$signed` are left alone), and a rename that would collide
//! with an existing name is an error.

use std::collections::{BTreeMap, BTreeSet};

fn is_id_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// `(is_identifier, text)` tokens; based literals (`16'hff`) and system names are not identifiers.
fn tokens(src: &str) -> Vec<(bool, String)> {
    let cs: Vec<char> = src.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < cs.len() {
        let start = i;
        if is_id_start(cs[i]) {
            while i < cs.len() && is_id_char(cs[i]) {
                i += 1;
            }
            out.push((true, cs[start..i].iter().collect()));
        } else if cs[i] == '$' || cs[i] == '\'' || cs[i].is_ascii_digit() {
            i += 1;
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '_') {
                i += 1;
            }
            out.push((false, cs[start..i].iter().collect()));
        } else {
            i += 1;
            out.push((false, cs[start].to_string()));
        }
    }
    out
}

pub fn emit(raw: &str, name: &str, header: &str) -> Result<String, String> {
    let toks = tokens(raw);
    let all: BTreeSet<&str> = toks.iter().filter(|t| t.0).map(|t| t.1.as_str()).collect();
    let ids: Vec<&String> = toks.iter().filter(|t| t.0).map(|t| &t.1).collect();
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for w in ids.windows(2) {
        if w[0] == "module" {
            let m = w[1].as_str();
            let new = match m.strip_prefix("top$") {
                _ if m == "top" => name.to_string(),
                Some(rest) => format!("{name}_{}", rest.replace('$', "_")),
                None => m.to_string(),
            };
            map.insert(m.to_string(), new);
        }
    }
    for id in &all {
        if id.contains('$') && !map.contains_key(*id) {
            map.insert(id.to_string(), id.replace('$', "_"));
        }
    }
    let mut seen = BTreeSet::new();
    for (old, new) in &map {
        if old != new && all.contains(new.as_str()) || !seen.insert(new.clone()) {
            return Err(format!(
                "renaming {old} to {new} would collide with another Verilog name"
            ));
        }
    }
    let mut out = String::with_capacity(raw.len() + 1024);
    out.push_str(header);
    out.push_str("`default_nettype none\n");
    for (is_id, t) in toks {
        match (is_id, map.get(&t)) {
            (true, Some(n)) => out.push_str(n),
            _ => out.push_str(&t),
        }
    }
    let mut tidy = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        let l = line.trim_end();
        blank = if l.is_empty() { blank + 1 } else { 0 };
        if blank <= 1 {
            tidy.push_str(l);
            tidy.push('\n');
        }
    }
    tidy.push_str("`default_nettype wire\n");
    // Verilator's DECLFILENAME wants each module in a file of its name: true of the top only,
    // the submodules live in the same file on purpose (one self-contained file).
    let end_top = format!("endmodule // {name}\n");
    Ok(tidy.replacen(
        &end_top,
        &format!("{end_top}/* verilator lint_off DECLFILENAME */\n"),
        1,
    ))
}
