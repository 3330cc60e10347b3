//! What a hostile member or guild tries, each numbered scenario of the threat read (issue 13)
//! reproduced: huge and overflowing periods, recap floods, text that no parser may panic on.

mod anonymity;
mod drafts;
mod fairness;
mod forgetting;
mod periods;
mod props;
mod quotas;
mod races;
mod roles;
mod scoping;
mod secrets;
mod supervision;
mod text;
