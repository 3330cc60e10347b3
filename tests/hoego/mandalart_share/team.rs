//! The team's own Mandalart, on both backends: an admin writes it in the member grid's stages
//! (five fields a form on a five-input platform, each part saved, Continue for the next),
//! anyone in the team sees it (a heat map once checked) and its year's team recap shows it;
//! members are refused writing and checking with an example of what they can do.

use hoego::domain::recap::chart::mandalart::{HEAT_SIZE, SIZE};
use hoego::service::reply::Reply;
use hoego::store::Store;

use super::{at, picture_size};
use crate::both_backends;
use crate::capsule::all_text;
use crate::support::chat::{Chat, invalid, saved};

/// The ids of a reply's form fields.
fn fields(reply: &Reply) -> Vec<String> {
    let form = reply
        .form
        .as_ref()
        .unwrap_or_else(|| panic!("a form: {reply:?}"));
    form.fields.iter().map(|f| f.id.clone()).collect()
}

/// The form id of a reply's form.
fn form_id(reply: &Reply) -> String {
    reply.form.as_ref().expect("a form").id.to_string()
}

async fn an_admin_writes_the_team_mandalart_in_stages_and_every_member_sees_it(store: Store) {
    let mut admin = Chat::new(&store, "mina");
    admin.clock.set(at());
    admin.actor.is_admin = true;
    let mut joon = admin.other("joon");
    joon.actor.is_admin = false;

    let before = joon.say("mandalart team").await.plain_text();
    let opened = admin.say("mandalart team write").await;
    let goals = [
        ("team.centre", "Ship it"),
        ("team.goals", "Launch\nHire\nLearn\nRest\nPlay\nHelp"),
    ];
    let first = saved(admin.submit(form_id(&opened), &goals).await);
    let next = first.actions.first().expect("a Continue button").id;
    let second = admin.press(next).await;
    let actions = [
        ("team.1", "Beta\nRelease"),
        ("team.2", "Post the job"),
        ("team.3", "x".repeat(41).leak() as &str),
    ];
    let refused = invalid(admin.submit(form_id(&second), &actions).await);
    let actions = [actions[0], actions[1], ("team.3", "Read")];
    let part = saved(admin.submit(form_id(&second), &actions).await);
    let third = admin.press(part.actions[0].id).await;
    let shown = joon.say("mandalart team 2027").await;
    let member_write = joon.say("mandalart team write").await.plain_text();
    let member_check = joon.say("mandalart team check 1.1 done").await.plain_text();
    let checked = admin
        .say("mandalart team check 1.1 done")
        .await
        .plain_text();
    let empty = admin
        .say("mandalart team check 2.5 done")
        .await
        .plain_text();
    let heat = joon.say("mandalart team").await;
    let recap = joon.say("recap 2027 team").await;

    assert_eq!(
        before,
        "The team has no Mandalart for 2027 yet. An admin writes it with \
         `/hoego mandalart team write 2027`"
    );
    assert_eq!(fields(&opened), ["team.centre", "team.goals"]);
    assert!(
        first.plain_text().starts_with(
            "Saved the team's Mandalart for 2027: 7 of 73 cells written. Press Continue"
        ),
        "{}",
        first.plain_text()
    );
    assert_eq!(
        fields(&second),
        ["team.1", "team.2", "team.3", "team.4", "team.5"]
    );
    assert_eq!(
        second.form.as_ref().unwrap().fields[0].label,
        "Sub-goal 1, “Launch”: up to eight actions, one per line."
    );
    let long = refused.fields.iter().find(|f| f.id == "team.3").unwrap();
    assert!(
        long.error.as_deref().unwrap_or_default().contains("41"),
        "{long:?}"
    );
    assert_eq!(fields(&third), ["team.6"]);
    let text = shown.plain_text();
    assert!(
        text.starts_with("**The team's Mandalart for 2027** · 11 of 73 cells written."),
        "{text}"
    );
    assert!(text.contains("| Beta |"), "{text}");
    assert_eq!(picture_size(&shown, ".png"), SIZE);
    assert_eq!(
        member_write,
        "Only admins of Core write the team's Mandalart and mark its actions. Everyone in the \
         team sees it with `/hoego mandalart team`"
    );
    assert_eq!(member_check, member_write);
    assert_eq!(
        checked,
        "Action 1.1 of the team's Mandalart for 2027, “Beta”: done.\n\
         “Launch”: 1 of 2 actions done, 0 partly done, 0 not yet."
    );
    assert_eq!(
        empty,
        "Action 2.5 of the team's Mandalart for 2027 is an empty cell: check an action it has, \
         such as `/hoego mandalart team check 1.1 done`"
    );
    assert_eq!(picture_size(&heat, ".png"), HEAT_SIZE);
    let body = all_text(&recap);
    assert!(
        body.contains(
            "## The team's Mandalart for 2027\n\n**Ship it**\n\n\
             - **Launch** — 1 of 2 actions done, 0 partly done\n"
        ),
        "{body}"
    );
    assert_eq!(picture_size(&recap, "plan-team-2027.png"), HEAT_SIZE);
}
both_backends!(
    an_admin_writes_the_team_mandalart_in_stages_and_every_member_sees_it,
    super::an_admin_writes_the_team_mandalart_in_stages_and_every_member_sees_it
);

async fn a_member_is_refused_in_korean_and_nothing_is_written(store: Store) {
    let joon = Chat::new(&store, "joon");
    joon.clock.set(at());
    joon.say("settings lang ko").await;

    let refused = joon.say("mandalart team write 2027").await.plain_text();
    let submitted = joon
        .submit("team-grid:2027:0", &[("team.centre", "몰래 쓴 목표")])
        .await;
    let shown = joon.say("mandalart team 2027").await.plain_text();

    assert_eq!(
        refused,
        "팀 만다라트는 Core의 관리자만 쓰고 실천할 일을 표시할 수 있어요. 팀 멤버 누구나 \
         `/hoego mandalart team`으로 볼 수 있어요."
    );
    assert!(
        submitted.reply().plain_text().contains("관리자만"),
        "{submitted:?}"
    );
    assert!(
        shown.starts_with("팀의 2027년 만다라트가 아직 없어요."),
        "{shown}"
    );
}
both_backends!(
    a_member_is_refused_in_korean_and_nothing_is_written,
    super::a_member_is_refused_in_korean_and_nothing_is_written
);
