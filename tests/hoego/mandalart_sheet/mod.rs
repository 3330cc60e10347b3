//! The Mandalart sheet beside the member's own year recap, on both backends: in the recap of
//! 2027 the plan for 2027 as a heat map of its checks and the plan for 2028 (written at the end
//! of 2027) as the plain sheet, both attached and placed in the Markdown under their sections,
//! in English and Korean; in no team recap, public recap or other member's recap. The export:
//! [`export`].

mod export;

use chrono::{DateTime, TimeZone, Utc};

use hoego::domain::mandalart::layout::action_at;
use hoego::domain::recap::chart::mandalart::{DONE, HEAT_SIZE, PARTIAL, SIZE, UNCHECKED, cell_box};
use hoego::service::reply::Reply;

use crate::console::mina;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::{Chat, saved};
use crate::support::db::TestDb;

const MANDALART: &str = include_str!("../../../config/templates/mandalart.toml");
const QUARTERLY: &str = include_str!("../../../config/templates/quarterly.toml");

fn utc(y: i32, mo: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, 1, 0, 0).unwrap()
}

/// Mina with a Mandalart for 2027 (written 28 Dec 2026: "Health" with three actions, the first
/// done and the second partly, rated 4/5 in the first quarter; "Money" without actions) and one
/// for 2028 (written 27 Dec 2027: "Write" with one action, "Travel").
pub async fn planned(db: &TestDb, korean: bool) -> Chat {
    let mut chat = mina(db);
    if korean {
        chat.actor.locale = Some("ko".into());
    }
    chat.clock.set(utc(2026, 12, 28));
    let form = format!("answer:{}", chat.open_round("mandalart", MANDALART).await);
    let goals = [
        ("plan.centre", "A calm year"),
        ("plan.goals", "Health\nMoney"),
    ];
    saved(chat.submit(&form, &goals).await);
    let actions = [("plan.1", "Walk daily\nSleep by 11\nSwim")];
    saved(chat.submit(&form, &actions).await);
    chat.say("mandalart check 1.1 done").await;
    chat.say("mandalart check 1.2 partial").await;
    chat.clock.set(utc(2027, 3, 26));
    let quarter = format!("answer:{}", chat.open_round("quarterly", QUARTERLY).await);
    let answers = [
        ("what-changed", "New team"),
        ("proud-of", "The release"),
        ("change-next", "Sleep more"),
        ("energy", "4"),
        ("mandalart-goal-1", "4"),
    ];
    saved(chat.submit(&quarter, &answers).await);
    chat.clock.set(utc(2027, 12, 27));
    let next = format!("answer:{}", chat.open_round("mandalart", MANDALART).await);
    let goals = [
        ("plan.centre", "A brave year"),
        ("plan.goals", "Write\nTravel"),
    ];
    saved(chat.submit(&next, &goals).await);
    saved(chat.submit(&next, &[("plan.1", "Blog weekly")]).await);
    chat
}

/// The attachment named `name`, decoded: width, height, RGB pixels.
pub fn png_named(reply: &Reply, name: &str) -> (u32, u32, Vec<u8>) {
    let Some(file) = reply.attachments.iter().find(|a| a.filename == name) else {
        let names: Vec<&str> = reply
            .attachments
            .iter()
            .map(|a| a.filename.as_str())
            .collect();
        panic!("no {name} among {names:?}");
    };
    assert_eq!(file.content_type, "image/png");
    let decoder = png::Decoder::new(std::io::Cursor::new(file.bytes.clone()));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    (info.width, info.height, pixels)
}

/// The colour just inside the top-left corner of action `goal`.`action` (both from 1).
pub fn fill_of(pixels: &[u8], width: u32, goal: usize, action: usize) -> [u8; 3] {
    let (row, col) = action_at(goal - 1, action - 1);
    let ((x, y), _) = cell_box(row, col);
    let at = (((y + 3) as u32 * width + (x + 3) as u32) * 3) as usize;
    [pixels[at], pixels[at + 1], pixels[at + 2]]
}

pub fn rgb(colour: plotters::prelude::RGBColor) -> [u8; 3] {
    [colour.0, colour.1, colour.2]
}

/// Messages of 800 characters, so that this short year's recap goes as a file with its
/// pictures embedded, as a year of answers does.
fn short_messages(chat: &mut Chat) {
    chat.actor.limits.message_len = 800;
}

/// The recap's whole Markdown: the attached file.
fn recap_file(reply: &Reply) -> String {
    let file = reply
        .attachments
        .iter()
        .find(|a| a.content_type.starts_with("text/markdown"))
        .unwrap_or_else(|| panic!("the Markdown is attached: {}", reply.plain_text()));
    String::from_utf8(file.bytes.clone()).unwrap()
}

/// Everything a reply says and the names of what it attaches.
fn everything(reply: &Reply) -> String {
    let mut text = reply.plain_text();
    for file in &reply.attachments {
        text.push('\n');
        text.push_str(&file.filename);
        if !file.content_type.starts_with("image/") {
            text.push('\n');
            text.push_str(&String::from_utf8_lossy(&file.bytes));
        }
    }
    text
}

async fn the_year_recap_shows_the_years_plan_as_a_heat_map_and_the_next_as_a_sheet(
    backend: Backend,
) {
    let db = TestDb::new(backend).await.unwrap();
    let mut chat = planned(&db, false).await;
    short_messages(&mut chat);

    let own = chat.say("recap 2027").await;

    let (w, h, pixels) = png_named(&own, "hoego-recap-2027-mandalart-2027.png");
    assert_eq!((w, h), HEAT_SIZE, "the plan for 2027 as a heat map");
    assert_eq!(fill_of(&pixels, w, 1, 1), rgb(DONE));
    assert_eq!(fill_of(&pixels, w, 1, 2), rgb(PARTIAL));
    assert_eq!(fill_of(&pixels, w, 1, 3), rgb(UNCHECKED));
    let (w, h, pixels) = png_named(&own, "hoego-recap-2027-mandalart-2028.png");
    assert_eq!((w, h), SIZE, "the plan for 2028 as the plain sheet");
    assert_eq!(fill_of(&pixels, w, 1, 1), rgb(UNCHECKED));
    let text = recap_file(&own);
    assert!(
        text.contains(
            "## How the Mandalart for 2027 went\n\n\
             ![The Mandalart for 2027 (“A calm year”) as a 9×9 grid coloured by how each action \
             went: 1 of 3 written actions done, 1 partly done, 0 not yet, the rest not checked.]\
             (hoego-recap-2027-mandalart-2027.png)\n\n**A calm year**\n\n\
             - **Health** — 1 of 3 actions done, 1 partly done · last rated 4/5\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "## Plan for 2028\n\n\
             ![The Mandalart for 2028 (“A brave year”) as a 9×9 grid: 4 of 73 cells written.]\
             (hoego-recap-2027-mandalart-2028.png)\n\n**A brave year**\n\n\
             Your Mandalart for the year ahead, 4 of 73 cells written:\n\n\
             |   |   |   |   |   |   |   |   |   |\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("| Blog weekly |   |   |   |   |   |   |   |   |\n")
            || text.contains("|   |   |   | Blog weekly |"),
        "the table holds the action: {text}"
    );
    db.finish().await;
}

async fn the_korean_year_recap_names_both_sheets_in_korean(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let mut chat = planned(&db, true).await;
    short_messages(&mut chat);

    let own = chat.say("recap 2027").await;

    assert_eq!(
        png_named(&own, "hoego-recap-2027-mandalart-2027.png").1,
        HEAT_SIZE.1
    );
    assert_eq!(
        png_named(&own, "hoego-recap-2027-mandalart-2028.png").1,
        SIZE.1
    );
    let text = recap_file(&own);
    assert!(
        text.contains(
            "## 2027년 만다라트는 어떻게 됐을까\n\n\
             ![2027년 만다라트(“A calm year”) 그림이에요. 실천할 일마다 어떻게 됐는지 색으로 \
             칠했어요. 적은 실천할 일 3개 중 완료 1개, 일부 완료 1개, 아직 0개이고 나머지는 확인 \
             전이에요.](hoego-recap-2027-mandalart-2027.png)\n\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "## 2028년 계획\n\n\
             ![2028년 만다라트(“A brave year”)를 9×9 칸에 그린 그림이에요. 73칸 중 4칸을 채웠어요.]\
             (hoego-recap-2027-mandalart-2028.png)\n\n**A brave year**\n\n\
             다가오는 해를 위해 쓴 만다라트예요. 73칸 중 4칸을 채웠어요.\n"
        ),
        "{text}"
    );
    db.finish().await;
}

async fn no_team_public_or_other_recap_shows_a_sheet(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let chat = planned(&db, false).await;

    let team = chat.say("recap 2027 team").await;
    let public = chat.say("recap 2027 public").await;
    let other = chat.other("joon").say("recap 2027").await;
    let quarter = chat.say("recap 2027-Q4").await;

    for (name, reply) in [
        ("team", team),
        ("public", public),
        ("joon", other),
        ("Q4", quarter),
    ] {
        let all = everything(&reply);
        for word in ["mandalart-", "Mandalart", "A brave year", "A calm year"] {
            assert!(!all.contains(word), "{name} shows {word}: {all}");
        }
    }
    db.finish().await;
}

on_each_backend!(
    the_year_recap_shows_the_years_plan_as_a_heat_map_and_the_next_as_a_sheet,
    the_korean_year_recap_names_both_sheets_in_korean,
    no_team_public_or_other_recap_shows_a_sheet,
);
