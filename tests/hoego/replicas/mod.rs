//! Several replicas of hoego: what holds when two or three run side by side on one database.

mod once;
mod start;
