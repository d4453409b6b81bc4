//! The cycle-accurate simulator of the generated pipeline (issue: simulator). Empty until then.
