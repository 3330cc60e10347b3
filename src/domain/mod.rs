//! The pure core: concepts parsed once at the edge, schedule arithmetic, templates and answers.
//! No I/O here: no sqlx, no tokio, no chat libraries.

pub mod anonymity;
pub mod answer;
pub mod capsule;
pub mod follow_up;
pub mod ids;
pub mod import;
pub mod lang;
pub mod mandalart;
pub mod memo;
pub mod milestone;
pub mod period;
pub mod recap;
pub mod schedule;
pub mod schedule_name;
pub mod shard_share;
pub mod state;
pub mod summary;
pub mod team;
pub mod template;
pub mod visibility;
pub mod zone;
