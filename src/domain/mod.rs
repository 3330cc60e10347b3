//! The pure core: concepts parsed once at the edge, schedule arithmetic, recap building.
//! No I/O here: no sqlx, no tokio, no chat libraries.

pub mod ids;
pub mod lang;
pub mod state;
pub mod team;
pub mod visibility;
pub mod zone;
