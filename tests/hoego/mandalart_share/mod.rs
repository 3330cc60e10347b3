//! Who sees a member's Mandalart, on both backends: private unless its template or its author
//! shares it; a shared grid shows to the teammates who may read its round (`mandalart 2027
//! joon`) and in the team's recap of the year it plans; a private one in no team view, team
//! recap, digest or summary request, and the team export (the operator's backup) carries it
//! marked private. A grid is never anonymous.

mod team;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use hoego::domain::ids::RoundId;
use hoego::domain::lang::Lang;
use hoego::domain::period::Period;
use hoego::domain::recap::chart::mandalart::SIZE;
use hoego::domain::recap::{Recap, RecapRequest, Scope};
use hoego::domain::zone::ZoneName;
use hoego::service::recap::RecapOrder;
use hoego::service::reply::Reply;
use hoego::store::Store;

use crate::both_backends;
use crate::capsule::all_text;
use crate::summary::fake::FakeModel;
use crate::support::chat::{Chat, saved};

/// A year-end form with a Mandalart (no visibility given: private) and a text question.
pub const PLANS: &str = r#"
id = "plans"
looks_back_on = "year"
[name]
en = "Plans"
ko = "계획"
[description]
en = "Plans for {next_year}."
ko = "{next_year}년 계획."
[[questions]]
id = "plan"
kind = "mandalart"
[questions.text]
en = "Plan {next_year}"
ko = "{next_year}년 계획"
[[questions]]
id = "why"
[questions.text]
en = "Why these plans?"
ko = "왜 이 계획인가요?"
"#;

const PRIVATE: &str = "PRIVATE-9Z";

/// Monday 2026-12-28 10:00 in Seoul: the round plans 2027.
pub fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 28, 1, 0, 0).unwrap()
}

/// Mina and Joon answer one `plans` round (Sora is in the team, not in the round): Mina's grid
/// stays private, Joon shares his. Summaries go to `model`.
struct Planned {
    mina: Chat,
    joon: Chat,
    sora: Chat,
    round: RoundId,
}

async fn planned(store: &Store, model: &FakeModel) -> Planned {
    let mut mina = Chat::new(store, "mina");
    mina.service.summaries = model.summaries();
    mina.clock.set(at());
    let joon = mina.other("joon");
    let sora = mina.other("sora");
    sora.me().await;
    let mine = mina.open_round("plans", PLANS).await;
    let his = joon.join_round_of(mine).await;
    let form = format!("answer:{mine}");
    let goals = [
        ("plan.centre", "PRIVATE-9Z a calm year"),
        ("plan.goals", "Health\nMoney"),
        ("why", "Because mina"),
    ];
    saved(mina.submit(&form, &goals).await);
    let actions = [goals[0], goals[1], ("plan.1", "Walk daily\nSwim"), goals[2]];
    saved(mina.submit(&form, &actions).await);
    let goals = [
        ("plan.centre", "SHARED-4K ship it"),
        ("plan.goals", "Launch\nHire"),
        ("why", "Because joon"),
    ];
    saved(joon.submit(format!("answer:{his}"), &goals).await);
    let shared = joon.say("visibility plan team").await.plain_text();
    assert_eq!(
        shared,
        "1 of your answers in plans is now shared with the team."
    );
    let round = store.delivery_round(mine).await.unwrap().unwrap().round_id;
    Planned {
        mina,
        joon,
        sora,
        round,
    }
}

/// The team's recap of `period` as the operator's command line compiles it (no reader: every
/// round).
async fn operator_recap(chat: &Chat, period: &str) -> Recap {
    let today = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
    let team = chat.service.identify(&chat.actor).await.unwrap().0;
    let order = RecapOrder {
        team,
        member: None,
        scope: Scope::Team,
        period: Period::parse(period, today).unwrap(),
        zone: ZoneName::parse("Asia/Seoul").unwrap(),
        lang: Lang::En,
        shared_only: false,
        digest_channel: None,
        today,
        max_lines: RecapRequest::MAX_LINES,
    };
    chat.service.compile_recap(&order).await.unwrap()
}

/// The names of a reply's attached pictures.
fn pictures(reply: &Reply) -> Vec<String> {
    (reply.attachments.iter())
        .filter(|a| a.content_type == "image/png")
        .map(|a| a.filename.clone())
        .collect()
}

/// Width and height of the attached picture named `suffix`.
fn picture_size(reply: &Reply, suffix: &str) -> (u32, u32) {
    let png = (reply.attachments.iter())
        .find(|a| a.filename.ends_with(suffix))
        .unwrap_or_else(|| panic!("no {suffix}: {:?}", pictures(reply)));
    let decoder = png::Decoder::new(std::io::Cursor::new(png.bytes.clone()));
    let info = decoder.read_info().expect("a PNG");
    (info.info().width, info.info().height)
}

async fn a_private_grid_is_in_no_team_view_and_the_team_export_keeps_it_private(store: Store) {
    let model = FakeModel::start().await;
    let p = planned(&store, &model).await;
    let mut admin = p.mina.clone();
    admin.actor.is_admin = true;
    let on = admin.say("settings summary on").await.plain_text();
    assert!(on.contains("fake-model"), "{on}");
    let mut views = Vec::new();
    for reader in [&p.joon, &p.sora] {
        for line in [
            "mandalart 2027 mina",
            "mandalart mina",
            "recap 2027 team",
            "recap 2026 team",
            "recap 2026 team summary",
        ] {
            views.push(all_text(&reader.say(line).await));
        }
    }
    views.push(operator_recap(&p.mina, "2027").await.to_json());
    views.push(operator_recap(&p.mina, "2026").await.to_json());
    let end = Utc.with_ymd_and_hms(2027, 1, 10, 0, 0, 0).unwrap();
    store.close_ended_rounds(end).await.unwrap();
    let digest = p.mina.service.round_digest(p.round).await.unwrap().0;
    views.push(digest.render());
    views.extend(model.seen().into_iter().map(|seen| seen.raw));
    let team = p.mina.me().await.0;
    let export = p.mina.service.team_export(team, Lang::En).await.unwrap();
    let refused = p.joon.say("mandalart 2027 mina").await.plain_text();
    let joons_recap = p.mina.say("recap 2027 team").await;

    assert!(model.requests() > 0, "a summary was asked for");
    for view in &views {
        assert!(!view.contains(PRIVATE), "a private grid shows:\n{view}");
    }
    assert!(views[2].contains("SHARED-4K ship it"), "{}", views[2]);
    assert_eq!(
        refused,
        "mina has not shared a Mandalart for 2027 with the team.\n\
         There is no other member's Mandalart you can see yet: you see those shared with the \
         team in rounds you take part in."
    );
    assert_eq!(
        pictures(&joons_recap).len(),
        1,
        "{:?}",
        pictures(&joons_recap)
    );
    let json: serde_json::Value = serde_json::from_str(&export.json).unwrap();
    let kept = answers_holding(&json, PRIVATE);
    assert_eq!(
        kept.len(),
        2,
        "the grid and its first stage: {}",
        export.json
    );
    assert!(
        kept.iter().all(|a| a["visibility"] == "private"),
        "{kept:?}"
    );
}
both_backends!(
    a_private_grid_is_in_no_team_view_and_the_team_export_keeps_it_private,
    super::a_private_grid_is_in_no_team_view_and_the_team_export_keeps_it_private
);

/// Every answer object of an export whose value holds `text`.
fn answers_holding<'a>(json: &'a serde_json::Value, text: &str) -> Vec<&'a serde_json::Value> {
    let mut found = Vec::new();
    let mut stack = vec![json];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::Object(map) => {
                let holds = map
                    .get("value")
                    .and_then(|v| v.as_str())
                    .is_some_and(|v| v.contains(text));
                if holds && map.contains_key("visibility") {
                    found.push(value);
                }
                stack.extend(map.values());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    found
}

async fn a_shared_grid_shows_to_teammates_of_its_round_and_in_the_team_year_recap(store: Store) {
    let model = FakeModel::start().await;
    let p = planned(&store, &model).await;

    let shown = p.mina.say("mandalart 2027 joon").await;
    let mention = p.mina.say("mandalart <@U-joon>").await;
    let outsider = p.sora.say("mandalart joon").await.plain_text();
    let recap = p.mina.say("recap 2027 team").await;
    let outsiders_recap = all_text(&p.sora.say("recap 2027 team").await);
    let other_year = all_text(&p.mina.say("recap 2026 team").await);
    let unknown = p.mina.say("mandalart 2027 nobody").await.plain_text();
    p.mina.say("settings lang ko").await;
    let in_korean = p.mina.say("mandalart 2027 joon").await;

    let text = shown.plain_text();
    assert!(
        text.starts_with(
            "**joon's Mandalart for 2027**, shared with the team · 3 of 73 cells written."
        ),
        "{text}"
    );
    assert!(text.contains("| **SHARED-4K ship it** |"), "{text}");
    assert_eq!(picture_size(&shown, ".png"), SIZE);
    assert_eq!(mention.plain_text(), text);
    assert_eq!(
        outsider,
        "joon has not shared a Mandalart with the team.\n\
         There is no other member's Mandalart you can see yet: you see those shared with the \
         team in rounds you take part in."
    );
    let body = all_text(&recap);
    assert!(
        body.contains(
            "## Mandalarts for 2027 shared with the team\n\n\
             ### joon\n\n\
             SHARED-4K ship it · Launch · Hire (3 of 73 cells)\n"
        ),
        "{body}"
    );
    assert_eq!(picture_size(&recap, "plan-1-2027.png"), SIZE);
    assert!(!outsiders_recap.contains("SHARED-4K"), "{outsiders_recap}");
    assert!(
        !other_year.contains("shared with the team\n"),
        "{other_year}"
    );
    assert!(
        in_korean
            .plain_text()
            .starts_with("**joon 님이 팀에 공개한 2027년 만다라트** · 73칸 중 3칸을 채웠어요."),
        "{}",
        in_korean.plain_text()
    );
    assert_eq!(
        unknown,
        "hoego knows nobody called nobody in this team.\n\
         Shared with the team: joon. For example: `/hoego mandalart @joon`"
    );
}
both_backends!(
    a_shared_grid_shows_to_teammates_of_its_round_and_in_the_team_year_recap,
    super::a_shared_grid_shows_to_teammates_of_its_round_and_in_the_team_year_recap
);

async fn a_grid_is_never_made_anonymous(store: Store) {
    let model = FakeModel::start().await;
    let p = planned(&store, &model).await;

    let alone = p.joon.say("visibility plan anonymous").await.plain_text();
    let all = p.joon.say("visibility all anonymous").await.plain_text();
    let still = p.mina.say("mandalart 2027 joon").await.plain_text();

    assert_eq!(
        alone,
        "A Mandalart cannot be anonymous: a plan gives its author away. It stays as it was; \
         to share it with your name: `/hoego visibility plan team`"
    );
    assert_eq!(
        all,
        "1 of your answers in plans is now anonymous (the team sees them without your name).\n\
         Your Mandalart stays as it was: a plan gives its author away, so it cannot be \
         anonymous. To share it with your name: `/hoego visibility plan team`"
    );
    assert!(
        still.starts_with("**joon's Mandalart for 2027**"),
        "{still}"
    );
}
both_backends!(
    a_grid_is_never_made_anonymous,
    super::a_grid_is_never_made_anonymous
);
