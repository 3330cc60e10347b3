//! Scenario 7: a panic in the scheduler or the sender no longer ends it silently. The panic is
//! counted in `/metrics`, `/readyz` answers 503, and the loop starts again and sends.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use hoego::app::background::Background;
use hoego::app::http::HttpServer;
use hoego::config::{SchedulerSettings, SenderSettings};
use hoego::service::clock::{Clock, ManualClock};
use hoego::store::Store;

use crate::both_backends;
use crate::http_endpoints::get;
use crate::support::world::{World, utc};

/// A clock that panics while armed: whatever asks it the time panics, as a bug would.
#[derive(Debug)]
struct Trap {
    clock: ManualClock,
    armed: Arc<AtomicBool>,
}

impl Clock for Trap {
    fn now(&self) -> DateTime<Utc> {
        assert!(
            !self.armed.load(Ordering::SeqCst),
            "the clock trap went off"
        );
        self.clock.now()
    }
}

/// Polls `check` every 100 ms for up to 20 s.
async fn eventually(what: &str, mut check: impl AsyncFnMut() -> bool) {
    for _ in 0..200 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("never: {what}");
}

async fn a_panicking_loop_is_counted_reported_and_started_again(store: Store) {
    let world = World::new(store.clone(), utc(2026, 12, 1, 0, 0));
    let armed = Arc::new(AtomicBool::new(false));
    let mut looped = world.service.clone();
    looped.clock = Arc::new(Trap {
        clock: world.clock.clone(),
        armed: armed.clone(),
    });
    let scheduler = SchedulerSettings {
        tick_interval: Duration::from_millis(200),
        grace_period: Duration::from_secs(3600),
        answer_window: Duration::from_secs(48 * 3600),
        reminder_at_percent: 0,
    };
    let sender = SenderSettings {
        rate_per_second: 0,
        max_attempts: 3,
        lease: Duration::from_secs(60),
    };
    let messenger = Arc::new(world.messenger.clone());
    let background = Background::spawn(&looped, messenger, &scheduler, &sender, None);
    let server = HttpServer::bind("127.0.0.1:0".parse().unwrap(), store)
        .await
        .unwrap();
    for (name, health) in background.health() {
        server.readiness().watch_loop(name, health);
    }
    let addr = server.local_addr().unwrap();
    let serving = tokio::spawn(server.serve(std::future::pending()));
    assert_eq!(get(addr, "/readyz").await.0, 200);

    armed.store(true, Ordering::SeqCst);
    let health = background.health();
    eventually("both loops panicked", async || {
        health.iter().all(|(_, h)| !h.is_up())
    })
    .await;
    // The counter is process-wide (another test may have counted too); it is there.
    let metrics = get(addr, "/metrics").await.1;
    assert!(
        metrics.contains("hoego_loop_panics_total{loop=\"scheduler\"}"),
        "{metrics}"
    );
    assert!(
        metrics.contains("hoego_loop_panics_total{loop=\"sender\"}"),
        "{metrics}"
    );
    let (status, body) = get(addr, "/readyz").await;
    assert_eq!(status, 503, "{body}");
    assert!(
        body.ends_with(" panicked lately and was restarted (see the log)\n"),
        "{body}"
    );
    armed.store(false, Ordering::SeqCst);

    let admin = world.actor("admin", true);
    let add = "schedule add weekly \"0 17 * * FRI\" tz Asia/Seoul";
    world.say(&admin, add).await.unwrap();
    world.say(&admin, "schedule run-now weekly").await.unwrap();
    eventually("the restarted sender sent the prompt", async || {
        !world.messenger.sent().is_empty()
    })
    .await;
    background.stop().await;
    serving.abort();
}
both_backends!(
    panicking_loop,
    super::a_panicking_loop_is_counted_reported_and_started_again
);
