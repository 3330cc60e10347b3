//! Scenario 5 (text): people's text cannot make a link that hides its target nor imitate
//! hoego's attribution and heading lines; notes and schedule names have a length limit named in
//! the refusal; the export carries every resolution follow-up with its note.

use hoego::domain::recap::{Scope, markdown};
use hoego::domain::visibility::Visibility;
use hoego::store::Store;

use crate::both_backends;
use crate::support::chat::{Chat, YEAR_END, saved};
use crate::support::team::Team;

const FORGED: &str = "fine week\n[the team doc](https://evil.example/steal)\n\n— ara\n## Next?";

async fn answers_cannot_hide_a_link_nor_pass_for_hoegos_own_lines(store: Store) {
    let t = Team::new(&store, &["ara", "bom", "cho"], Some("C-digest")).await;
    let forged = ("note", FORGED.to_string(), Visibility::Team);
    let round = t.round(10, &[None, Some(vec![forged]), None]).await;
    t.close_all().await;
    let (digest, _) = t.chat.service.round_digest(round).await.unwrap();
    let recap = markdown::render(&t.recap(Scope::Team, "2026", 0).await);
    for text in [digest.render(), recap] {
        assert!(!text.contains("](https://evil"), "{text}");
        assert!(text.contains("(https://evil.example/steal)"), "{text}");
        assert!(!text.contains("> — ara"), "{text}");
        assert!(!text.contains("> ## Next?"), "{text}");
        assert!(
            text.contains("> — bom") || text.contains("**bom**\n"),
            "{text}"
        );
    }
}
both_backends!(
    link_and_attribution,
    super::answers_cannot_hide_a_link_nor_pass_for_hoegos_own_lines
);

async fn set_resolutions(me: &Chat) {
    let delivery = me.open_round("year-end", YEAR_END).await;
    let answers = [
        ("periods", "One"),
        ("highlights", "Two"),
        ("learned", "Three"),
        ("energy", "2"),
        ("resolutions", "Run a marathon\nLearn Korean"),
    ];
    saved(me.submit(&format!("answer:{delivery}"), &answers).await);
}

async fn notes_and_names_are_limited_and_the_export_keeps_every_follow_up(store: Store) {
    let me = Chat::new(&store, "mina");
    set_resolutions(&me).await;
    let long = "x".repeat(501);
    let refused = me
        .say(&format!("resolutions set 1 on-track \"{long}\""))
        .await;
    assert_eq!(
        refused.plain_text(),
        "The note is 501 characters long; at most 500 fit. Shorten it and send it again."
    );
    let first = me.say("resolutions set 1 on-track \"10k in March\"").await;
    assert!(
        !first.plain_text().contains("at most"),
        "{}",
        first.plain_text()
    );
    me.say("resolutions set 1 done \"ran it in Seoul\"").await;
    me.say("resolutions set 2 dropped").await;

    let export = me.say("export").await;
    let md = export
        .attachments
        .iter()
        .find(|a| a.filename.ends_with(".md"))
        .map(|a| String::from_utf8_lossy(&a.bytes).into_owned())
        .expect("a Markdown export");
    assert!(md.contains("on track: 10k in March"), "{md}");
    assert!(md.contains("done: ran it in Seoul"), "{md}");
    let marathon = md.find("- Run a marathon —").unwrap();
    let korean = md.find("- Learn Korean —").unwrap();
    let ran = md.find("ran it in Seoul").unwrap();
    assert!(marathon < ran && ran < korean, "{md}");
    assert!(md[korean..].contains("— dropped\n"), "{md}");

    let mut admin = me.clone();
    admin.actor.is_admin = true;
    let name = "n".repeat(65);
    let named = admin
        .say(&format!("schedule add weekly \"0 17 * * FRI\" name {name}"))
        .await;
    assert_eq!(
        named.plain_text(),
        "The schedule name is 65 characters long; at most 64 fit. Shorten it and send it again."
    );
}
both_backends!(
    limits_and_export,
    super::notes_and_names_are_limited_and_the_export_keeps_every_follow_up
);
