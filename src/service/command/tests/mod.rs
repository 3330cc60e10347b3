//! Tests of the command grammar, its errors and the help texts.

mod errors;
mod help;
mod milestones;
mod parsing;
