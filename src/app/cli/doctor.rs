//! `hoego doctor [--format text|json]`: prints the report [`doctor::examine`] makes; a failed
//! check makes the exit code 1.

use super::args::{DoctorArgs, DoctorFormat};
use crate::app::{Failure, doctor};
use crate::config::Settings;

/// Examines the deployment and prints the report.
pub async fn doctor(settings: &Settings, args: &DoctorArgs) -> Result<(), Failure> {
    let report = doctor::examine(settings).await;
    match args.format {
        DoctorFormat::Text => print!("{}", report.text()),
        DoctorFormat::Json => print!("{}", report.json()),
    }
    if report.ok {
        return Ok(());
    }
    let noun = if report.failed == 1 {
        "check"
    } else {
        "checks"
    };
    Err(Failure::Runtime(anyhow::anyhow!(
        "{} {noun} failed; each FAIL line says what to do",
        report.failed
    )))
}
