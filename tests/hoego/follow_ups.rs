//! Resolutions followed through the next year: a quarterly round of the next year asks about
//! each open resolution in its form; the answers set the status, keep a note, and tell the arc.

use chrono::{TimeZone, Utc};
use hoego::store::Store;

use crate::both_backends;
use crate::support::chat::{Chat, YEAR_END, invalid, saved};

const QUARTERLY: &str = include_str!("../../config/templates/quarterly.toml");

async fn set_resolutions(me: &Chat) {
    let delivery = me.open_round("year-end", YEAR_END).await;
    let answers = [
        ("periods", "One"),
        ("highlights", "Two"),
        ("learned", "Three"),
        ("energy", "2"),
        ("resolutions", "Run a marathon\nLearn Korean\nRead 20 books"),
    ];
    saved(me.submit(&format!("answer:{delivery}"), &answers).await);
}

fn quarter_answers<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut answers = vec![
        ("what-changed", "New team"),
        ("proud-of", "The release"),
        ("change-next", "Sleep more"),
        ("energy", "4"),
    ];
    answers.extend_from_slice(extra);
    answers
}

async fn next_years_quarterly_round_follows_up_each_open_resolution(store: Store) {
    let me = Chat::new(&store, "mina");
    set_resolutions(&me).await;
    let same_year = me.open_round("quarterly", QUARTERLY).await;
    let same_year_form = me.press(&format!("answer:{same_year}")).await.form.unwrap();
    me.clock
        .set(Utc.with_ymd_and_hms(2027, 3, 26, 9, 0, 0).unwrap());
    let items = store.resolution_items(me.me().await.1.id).await.unwrap();
    let ids: Vec<String> = items
        .iter()
        .map(|i| format!("resolution-{}", i.id))
        .collect();
    let delivery = me.open_round("quarterly", QUARTERLY).await;

    let form = me.press(&format!("answer:{delivery}")).await.form.unwrap();
    let form_id = format!("answer:{delivery}");
    let refused = invalid(
        me.submit(&form_id, &quarter_answers(&[(&ids[0], "going fine")]))
            .await,
    );
    let follow_ups = [
        (ids[0].as_str(), "on track: 10k in March"),
        (ids[1].as_str(), "dropped: no time"),
    ];
    saved(me.submit(&form_id, &quarter_answers(&follow_ups)).await);
    let listed = me.say("resolutions").await.plain_text();
    let again = me.press(&format!("edit:{delivery}")).await.form.unwrap();
    let recap = me.say("recap 2027-Q1").await.plain_text();

    assert!(
        same_year_form
            .fields
            .iter()
            .all(|f| !f.id.starts_with("resolution-"))
    );
    let labels: Vec<&str> = form.fields.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels.len(), 8, "{labels:?}");
    assert!(labels[5].starts_with("Your resolution “Run a marathon”: on track, changed"));
    assert!(!form.fields[5].required);
    let error = refused
        .fields
        .iter()
        .find(|f| f.id == ids[0])
        .unwrap()
        .error
        .clone();
    assert!(
        error
            .unwrap()
            .contains("start with on track, changed, done or dropped")
    );
    assert_eq!(
        listed,
        "Your resolutions:\n1. Run a marathon — on track (10k in March)\n2. Learn Korean — dropped (no time)\n3. Read 20 books — not followed up yet"
    );
    let value = |id: &str| {
        again
            .fields
            .iter()
            .find(|f| f.id == id)
            .unwrap()
            .value
            .clone()
    };
    assert_eq!(value(&ids[0]).as_deref(), Some("on track: 10k in March"));
    assert!(recap.contains("- **Run a marathon** (set Dec 4, 2026)\n  - Mar 26: on track — 10k in March\n  - Where it stands: on track\n- **Learn Korean** (set Dec 4, 2026)\n  - Mar 26: dropped — no time\n  - Where it stands: dropped"), "{recap}");
}
both_backends!(
    next_years_quarterly_round_follows_up_each_open_resolution,
    super::next_years_quarterly_round_follows_up_each_open_resolution
);

async fn a_done_or_dropped_resolution_is_not_asked_again(store: Store) {
    let me = Chat::new(&store, "mina");
    set_resolutions(&me).await;
    me.say("resolutions set 1 done").await;
    me.say("resolutions set 2 dropped").await;
    me.clock
        .set(Utc.with_ymd_and_hms(2027, 6, 25, 9, 0, 0).unwrap());
    let delivery = me.open_round("quarterly", QUARTERLY).await;

    let form = me.press(&format!("answer:{delivery}")).await.form.unwrap();

    let asked: Vec<&str> = form
        .fields
        .iter()
        .filter(|f| f.id.starts_with("resolution-"))
        .map(|f| f.label.as_str())
        .collect();
    assert_eq!(asked.len(), 1);
    assert!(asked[0].contains("Read 20 books"));
}
both_backends!(
    a_done_or_dropped_resolution_is_not_asked_again,
    super::a_done_or_dropped_resolution_is_not_asked_again
);
