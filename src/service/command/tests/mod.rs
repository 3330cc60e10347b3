//! Tests of the command grammar, its errors and the help texts.

mod errors;
mod help;
mod mandalarts;
mod milestones;
mod parsing;
