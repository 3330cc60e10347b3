//! Several replicas of hoego: what holds when two or three run side by side on one database.

mod once;
mod shards;
mod shards_load;
mod start;
