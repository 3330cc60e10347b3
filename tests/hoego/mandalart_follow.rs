//! Following a Mandalart through, on both backends: `mandalart check 3.5 done` marks an action
//! (refused with an example that works when there is no grid, the cell is out of range or
//! empty, or the status is unknown), the table and the picture become a heat map of the
//! statuses, and the member's own recap of the plan's year has a line per sub-goal.

use chrono::{DateTime, TimeZone, Utc};

use hoego::domain::mandalart::layout::action_at;
use hoego::domain::recap::chart::mandalart::{
    DONE, HEAT_SIZE, NOT_YET, PARTIAL, SIZE, UNCHECKED, cell_box,
};
use hoego::service::reply::Reply;

use crate::console::mina;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::{Chat, saved};
use crate::support::db::TestDb;

const MANDALART: &str = include_str!("../../config/templates/mandalart.toml");

/// Monday 2026-12-28 10:00 in Seoul: a round then plans 2027.
fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 28, 1, 0, 0).unwrap()
}

/// Mina (console) with a Mandalart for 2027: "Health" with three actions, "Money" with none.
async fn planned(db: &TestDb, korean: bool) -> Chat {
    let mut chat = mina(db);
    chat.clock.set(at());
    if korean {
        chat.actor.locale = Some("ko".into());
    }
    let form = format!("answer:{}", chat.open_round("mandalart", MANDALART).await);
    let goals = [
        ("plan.centre", "A calm year"),
        ("plan.goals", "Health\nMoney"),
    ];
    saved(chat.submit(&form, &goals).await);
    let actions = [("plan.1", "Walk daily\nSleep by 11\nSwim")];
    saved(chat.submit(&form, &actions).await);
    chat
}

/// The attached picture, decoded: width, height, RGB pixels.
fn picture(reply: &Reply) -> (u32, u32, Vec<u8>) {
    let png = reply
        .attachments
        .iter()
        .find(|a| a.content_type == "image/png")
        .expect("the picture is attached");
    let decoder = png::Decoder::new(std::io::Cursor::new(png.bytes.clone()));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    (info.width, info.height, pixels)
}

/// The colour just inside the top-left corner of action `goal`.`action` (both from 1).
fn fill_of(pixels: &[u8], width: u32, goal: usize, action: usize) -> [u8; 3] {
    let (row, col) = action_at(goal - 1, action - 1);
    let ((x, y), _) = cell_box(row, col);
    let at = (((y + 3) as u32 * width + (x + 3) as u32) * 3) as usize;
    [pixels[at], pixels[at + 1], pixels[at + 2]]
}

fn rgb(colour: plotters::prelude::RGBColor) -> [u8; 3] {
    [colour.0, colour.1, colour.2]
}

async fn checked_actions_show_in_the_reply_the_table_and_the_heat_map(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let chat = planned(&db, false).await;
    let before = chat.say("mandalart").await;

    let done = chat.say("mandalart check 1.1 done").await;
    chat.say("mandalart check 1.2 partial").await;
    let changed = chat.say("mandalart check 1.2 not-yet").await;
    chat.say("mandalart check 1.3 Partial").await;
    let shown = chat.say("mandalart 2027").await;

    assert_eq!(picture(&before).0, SIZE.0);
    assert_eq!(picture(&before).1, SIZE.1, "no legend before any check");
    assert_eq!(
        done.plain_text(),
        "Action 1.1 of your Mandalart for 2027, “Walk daily”: done.\n\
         “Health”: 1 of 3 actions done, 0 partly done, 0 not yet. `mandalart` shows the heat map."
    );
    assert!(
        changed
            .plain_text()
            .contains("“Health”: 1 of 3 actions done, 0 partly done, 1 not yet."),
        "the second check replaces the first: {}",
        changed.plain_text()
    );
    let text = shown.plain_text();
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(
        rows[2],
        "| ✅ Walk daily | ⏳ Sleep by 11 | 🔸 Swim |   |   |   |   |   |   |"
    );
    assert!(
        text.contains("✅ done · 🔸 partly done · ⏳ not yet · no mark: not checked"),
        "{text}"
    );
    let (w, h, pixels) = picture(&shown);
    assert_eq!((w, h), HEAT_SIZE);
    assert_eq!(fill_of(&pixels, w, 1, 1), rgb(DONE));
    assert_eq!(fill_of(&pixels, w, 1, 2), rgb(NOT_YET));
    assert_eq!(fill_of(&pixels, w, 1, 3), rgb(PARTIAL));
    assert_eq!(fill_of(&pixels, w, 1, 4), rgb(UNCHECKED));
    db.finish().await;
}

async fn a_check_that_cannot_be_done_is_refused_with_an_example_and_changes_nothing(
    backend: Backend,
) {
    let db = TestDb::new(backend).await.unwrap();
    let nobody = mina(&db).other("joon");
    let no_grid = nobody.say("mandalart check 3.5 done").await;
    let chat = planned(&db, false).await;

    let out_of_range = chat.say("mandalart check 3.9 done").await;
    let empty = chat.say("mandalart check 1.5 done").await;
    let money = chat.say("mandalart check 2.1 done").await;
    let unknown = chat.say("mandalart check 1.1 finished").await;
    let missing = chat.say("mandalart check 1.1").await;
    let other_year = chat.say("mandalart 2031 check 1.1 done").await;
    let shown = chat.say("mandalart").await;

    assert_eq!(
        no_grid.plain_text(),
        "You have no Mandalart to check yet. Once you have answered a round that asks for one, \
         mark its actions like this: `mandalart check 3.5 done`"
    );
    assert_eq!(
        out_of_range.plain_text(),
        "`3.9` is not an action of a Mandalart: write the sub-goal's number and the action's \
         number, each from 1 to 8, with a dot between (3.5 is action 5 of sub-goal 3).\n\
         Example: `mandalart check 3.5 done`"
    );
    assert_eq!(
        empty.plain_text(),
        "Action 1.5 of your Mandalart for 2027 is an empty cell: check an action you wrote, \
         such as `mandalart check 1.1 done`"
    );
    assert!(
        money.plain_text().contains("Action 2.1"),
        "{}",
        money.plain_text()
    );
    assert_eq!(
        unknown.plain_text(),
        "`finished` is not a valid `status`: use one of done, partial, not-yet.\n\
         Example: `mandalart check 3.5 done`"
    );
    assert!(
        missing
            .plain_text()
            .starts_with("`mandalart check` is missing `done|partial|not-yet`."),
        "{}",
        missing.plain_text()
    );
    assert_eq!(
        other_year.plain_text(),
        "You have no Mandalart for 2031. `mandalart` shows your latest."
    );
    assert_eq!(picture(&shown).1, SIZE.1, "nothing was checked");
    assert!(!shown.plain_text().contains('✅'));
    db.finish().await;
}

async fn a_check_answers_in_korean(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let chat = planned(&db, true).await;

    let done = chat.say("mandalart check 1.1 done").await;
    let empty = chat.say("mandalart check 1.8 partial").await;
    let shown = chat.say("mandalart").await;

    assert_eq!(
        done.plain_text(),
        "2027년 만다라트의 실천할 일 1.1 ‘Walk daily’: 완료\n\
         세부 목표 ‘Health’: 실천할 일 3개 중 완료 1개, 일부 완료 0개, 아직 0개. \
         `mandalart`로 히트맵을 볼 수 있어요."
    );
    assert_eq!(
        empty.plain_text(),
        "2027년 만다라트의 1.8 칸은 비어 있어요. 적어 둔 실천할 일을 표시해 주세요. \
         예: `mandalart check 1.1 done`"
    );
    assert!(
        shown
            .plain_text()
            .contains("✅ 완료 · 🔸 일부 완료 · ⏳ 아직 · 표시 없음: 확인 전"),
        "{}",
        shown.plain_text()
    );
    db.finish().await;
}

async fn the_own_recap_of_the_plans_year_has_a_line_per_sub_goal(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let chat = planned(&db, false).await;
    chat.say("mandalart check 1.1 done").await;
    chat.say("mandalart check 1.2 partial").await;
    chat.say("mandalart check 1.3 done").await;
    chat.clock
        .set(Utc.with_ymd_and_hms(2027, 12, 27, 1, 0, 0).unwrap());

    let own = chat.say("recap 2027").await;
    let earlier = chat.say("recap 2026").await;
    let quarter = chat.say("recap 2027-Q4").await;
    let team = chat.say("recap 2027 team").await;
    let other = chat.other("joon").say("recap 2027").await;

    let text = recap_text(&own);
    assert!(
        text.contains(
            "## How the Mandalart for 2027 went\n\n**A calm year**\n\n\
             - **Health** — 2 of 3 actions done, 1 partly done\n\
             - **Money** — no actions written\n"
        ),
        "{text}"
    );
    assert!(
        recap_text(&earlier).contains("## Plan for 2027\n"),
        "the plan written in 2026 is shown as next year's: {}",
        recap_text(&earlier)
    );
    assert!(!recap_text(&earlier).contains("How the Mandalart"));
    for (name, reply) in [("quarter", quarter), ("team", team), ("joon", other)] {
        assert!(
            !recap_text(&reply).contains("Mandalart"),
            "{name}: {}",
            recap_text(&reply)
        );
    }
    db.finish().await;
}

/// A recap's whole Markdown: the message, or the attached file when it was too long.
fn recap_text(reply: &Reply) -> String {
    let attached = reply
        .attachments
        .iter()
        .find(|a| a.content_type.starts_with("text/markdown"));
    match attached {
        Some(file) => String::from_utf8(file.bytes.clone()).unwrap(),
        None => reply.plain_text(),
    }
}

on_each_backend!(
    checked_actions_show_in_the_reply_the_table_and_the_heat_map,
    a_check_that_cannot_be_done_is_refused_with_an_example_and_changes_nothing,
    a_check_answers_in_korean,
    the_own_recap_of_the_plans_year_has_a_line_per_sub_goal,
);
