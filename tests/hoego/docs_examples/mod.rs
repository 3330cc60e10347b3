//! `docs/examples/`: the fixture year's member and team recaps in English and Korean (and the
//! Mandalart and summary examples, [`summary`]), rendered
//! as `hoego recap --charts` writes them (the Markdown embedding its chart PNGs), pinned like the
//! goldens so the examples the README shows stay what hoego makes. Regenerate them with
//! `HOEGO_ACCEPT_GOLDEN=1 cargo test --test hoego docs_examples`, then look at them.

mod summary;

use std::path::{Path, PathBuf};

use hoego::domain::lang::Lang;
use hoego::domain::recap::{Scope, chart, markdown};

use crate::support::year::Year;

/// The fixture year's seed, as the recap goldens use it.
const SEED: u64 = 2026;

/// Compares `actual` with the file at `path` (or writes it, when accepting outside CI).
pub(crate) fn assert_pinned(path: &Path, actual: &[u8]) {
    let accept = std::env::var("HOEGO_ACCEPT_GOLDEN").is_ok_and(|v| v == "1");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    if std::fs::read(path).ok().as_deref() == Some(actual) {
        return;
    }
    if accept && !ci {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        eprintln!("wrote {}: look at it before committing", path.display());
        return;
    }
    panic!(
        "{} is not what hoego renders now; regenerate docs/examples with \
         `HOEGO_ACCEPT_GOLDEN=1 cargo test --test hoego docs_examples` and read them",
        path.display()
    );
}

#[test]
fn the_examples_in_docs_are_the_fixture_year_as_hoego_renders_it() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
    let mut written = Vec::new();
    for lang in Lang::ALL {
        let year = Year::generate(lang, SEED);
        for (scope, who) in [(Scope::Me, "member"), (Scope::Team, "team")] {
            let mut recap = year.recap(scope);
            if scope == Scope::Me {
                // The member planned 2026 as a Mandalart and followed it through, and wrote the
                // one for 2027 at the year's end (as the service adds them to their own recap).
                (recap.plan, recap.next_plan) = plans(lang);
            }
            let stem = format!("{who}-year.{}", lang.code());
            let charts = chart::charts(&recap).expect("the charts draw");
            let file = |c: &chart::Chart| format!("charts/{stem}-{}", c.file);
            let document = chart::embed(&markdown::render(&recap), &charts, file);
            assert_pinned(&dir.join(format!("{stem}.md")), document.as_bytes());
            for each in &charts {
                assert_pinned(&dir.join(file(each)), &each.png);
                written.push(file(each));
            }
            assert!(!charts.is_empty(), "{stem} has a mood chart");
        }
    }
    let mut on_disk: Vec<String> = std::fs::read_dir(dir.join("charts"))
        .unwrap()
        .map(|e| format!("charts/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    on_disk.sort();
    written.sort();
    assert_eq!(
        on_disk, written,
        "no stale chart is left in docs/examples/charts"
    );
}

/// An English and a Korean Mandalart, as `mandalart` shows them: the picture and the table.
#[test]
fn the_mandalart_examples_in_docs_are_what_hoego_draws() {
    use hoego::domain::mandalart::{Grid, Part};
    use hoego::domain::recap::chart::mandalart::sheet;
    use hoego::service::i18n::t;

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
    for (lang, parts) in [(Lang::En, MANDALART_EN), (Lang::Ko, MANDALART_KO)] {
        let mut grid = Grid::default();
        grid.set(Part::Centre, parts[0]).unwrap();
        grid.set(Part::Goals, parts[1]).unwrap();
        for (n, actions) in parts[2..].iter().enumerate() {
            grid.set(Part::Actions(n), actions).unwrap();
        }
        let title = t(lang, "mandalart.picture_title", &[("year", "2027")]);
        let stem = format!("mandalart.{}", lang.code());
        let png = sheet(&grid, &title, true).expect("the sheet draws");
        let document = format!("# {title}\n\n![{title}]({stem}.png)\n\n{}", grid.markdown());
        assert_pinned(&dir.join(format!("{stem}.png")), &png);
        assert_pinned(&dir.join(format!("{stem}.md")), document.as_bytes());
    }
}

/// The same grids followed through, as `mandalart` shows them once actions are checked and
/// sub-goals rated in quarterly rounds: the heat map with its legend and ratings, and the table
/// with each status's mark and each rating.
#[test]
fn the_checked_mandalart_examples_in_docs_are_what_hoego_draws() {
    use hoego::domain::mandalart::{Grid, Part};
    use hoego::domain::recap::chart::mandalart::{Heat, heat_map};
    use hoego::service::i18n::t;

    let marks = checked_marks();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
    for (lang, parts) in [(Lang::En, MANDALART_EN), (Lang::Ko, MANDALART_KO)] {
        let mut grid = Grid::default();
        grid.set(Part::Centre, parts[0]).unwrap();
        grid.set(Part::Goals, parts[1]).unwrap();
        for (n, actions) in parts[2..].iter().enumerate() {
            grid.set(Part::Actions(n), actions).unwrap();
        }
        let title = t(lang, "mandalart.picture_title", &[("year", "2027")]);
        let legend = ["done", "partial", "not-yet", "unchecked"]
            .map(|s| t(lang, &format!("mandalart.status.{s}"), &[]));
        let heat = Heat {
            marks: &marks,
            legend,
        };
        let stem = format!("mandalart-checked.{}", lang.code());
        let png = heat_map(&grid, &heat, &title, true).expect("the heat map draws");
        let document = format!(
            "# {title}\n\n![{title}]({stem}.png)\n\n{}\n{}\n",
            grid.markdown_with(&marks),
            t(lang, "mandalart.marks_legend", &[])
        );
        assert_pinned(&dir.join(format!("{stem}.png")), &png);
        assert_pinned(&dir.join(format!("{stem}.md")), document.as_bytes());
    }
}

/// The checked example's statuses and ratings: a pattern of done, partly done, not yet and
/// unchecked over the 64 actions, and a rating for seven sub-goals.
fn checked_marks() -> hoego::domain::mandalart::follow::Marks {
    use hoego::domain::mandalart::follow::{ActionStatus, Marks};

    let mut marks = Marks::default();
    for goal in 0..8 {
        for action in 0..8 {
            marks.statuses[goal][action] = match (goal * 3 + action) % 5 {
                0 | 1 => Some(ActionStatus::Done),
                2 => Some(ActionStatus::Partial),
                3 => Some(ActionStatus::NotYet),
                _ => None,
            };
        }
    }
    marks.ratings = [
        Some(4),
        Some(3),
        Some(5),
        Some(2),
        Some(4),
        None,
        Some(3),
        Some(5),
    ];
    marks
}

/// The example grid of `lang` (its centre replaced when `centre` is given).
fn example_grid(lang: Lang, centre: Option<&str>) -> hoego::domain::mandalart::Grid {
    use hoego::domain::mandalart::{Grid, Part};

    let parts = match lang {
        Lang::En => MANDALART_EN,
        Lang::Ko => MANDALART_KO,
    };
    let mut grid = Grid::default();
    grid.set(Part::Centre, centre.unwrap_or(parts[0])).unwrap();
    grid.set(Part::Goals, parts[1]).unwrap();
    for (n, actions) in parts[2..].iter().enumerate() {
        grid.set(Part::Actions(n), actions).unwrap();
    }
    grid
}

/// The member's Mandalart for 2026 followed through (the checked example under another centre)
/// and the one for 2027 (the plain example), as the member's own year recap holds them.
fn plans(
    lang: Lang,
) -> (
    Option<hoego::domain::recap::PlanProgress>,
    Option<hoego::domain::recap::NextPlan>,
) {
    use hoego::domain::recap::{NextPlan, PlanProgress, PlanSheet};

    let centre = match lang {
        Lang::En => "A calm, curious 2026",
        Lang::Ko => "차분하고 궁금한 게 많은 2026년",
    };
    let (grid, marks) = (example_grid(lang, Some(centre)), checked_marks());
    let plan = PlanProgress {
        year: 2026,
        centre: grid.centre.clone(),
        goals: grid.progress(&marks),
        sheet: PlanSheet { grid, marks },
    };
    let grid = example_grid(lang, None);
    let next = NextPlan {
        year: 2027,
        centre: grid.centre.clone(),
        goals: grid.goals.iter().map(|g| g.title.clone()).collect(),
        sheet: PlanSheet {
            grid,
            marks: Default::default(),
        },
    };
    (Some(plan), Some(next))
}

/// The centre, the sub-goals, then each sub-goal's actions (one per line; a blank line is an
/// empty cell).
const MANDALART_EN: [&str; 10] = [
    "A healthy, steady 2027",
    "Health\nMoney\nWork\nLearning\nFamily\nFriends\nHome\nRest",
    "Walk 30 minutes a day\nSleep by 11:30\nNo snacks after dinner\nSwim on Saturdays\n\
     Check-up in March\nCook at home 4 days a week\nStretch every morning\nRun a 10k in October",
    "Save 20% of every salary\nA budget for each month\nCancel unused subscriptions\n\
     Six months of savings\nNo loans for gadgets\nLearn about index funds\n\
     Write down every expense\nGive 1% to a cause",
    "Ship the search rewrite\nOne talk at a meetup\nWrite design docs first\n\
     Mentor a new colleague\nLeave by 7 pm\nAsk for feedback each quarter\n\
     Learn the billing system\nTake all my holidays",
    "Read 20 books\nKorean class on Tuesdays\nFinish the Rust book\nOne online course\n\
     Notes on every book\nVisit two museums\nListen to podcasts on the bus\n",
    "Call my parents every Sunday\nA trip with my sister\nDinner with family monthly\n\
     Remember every birthday\nPhotos in an album\nVisit grandma in spring\n\
     Cook for my parents\nA family hike in autumn",
    "Meet one friend a week\nHost a dinner each season\nWrite letters at year end\n\
     Join a running club\nReply within a day\nA weekend away with friends\n\
     Make one new friend\nSay yes to invitations",
    "Clear the desk every Friday\nPlants on the balcony\nFix the leaking tap\n\
     Give away unused clothes\nA proper reading lamp\nClean the fridge monthly\n\
     Frame three photos\nA shelf for the hallway",
    "A day without screens each week\nTwo real holidays\nA nap on Sundays\n\
     Phone off after 10 pm\nA hobby with no goal\nWalks without headphones\n\
     Journal on Sunday nights\nSay no to extra projects",
];

const MANDALART_KO: [&str; 10] = [
    "건강하고 단단한 2027년",
    "건강\n돈 관리\n일\n배움\n가족\n친구\n집\n쉼",
    "매일 30분 걷기\n밤 11시 반 전에 자기\n저녁 먹고 간식 끊기\n토요일마다 수영\n\
     3월에 건강검진 받기\n일주일에 네 번 집밥\n아침마다 스트레칭\n10월에 10km 달리기",
    "월급의 20% 저축하기\n달마다 예산 세우기\n안 쓰는 구독 해지하기\n비상금 6개월 치 모으기\n\
     전자기기 할부 안 하기\n인덱스 펀드 공부하기\n지출 빠짐없이 적기\n수입의 1% 기부하기",
    "검색 개편 마무리하기\n밋업에서 발표 한 번\n설계 문서 먼저 쓰기\n새 동료 멘토링하기\n\
     저녁 7시에는 퇴근\n분기마다 피드백 받기\n결제 시스템 익히기\n휴가 다 쓰기",
    "책 20권 읽기\n화요일 영어 회화 수업\n러스트 책 끝까지 읽기\n온라인 강의 하나 완강\n\
     읽은 책마다 메모 남기기\n전시회 두 번 가기\n출퇴근길에 팟캐스트 듣기\n",
    "일요일마다 부모님께 전화\n동생이랑 여행 가기\n한 달에 한 번 가족 외식\n가족 생일 챙기기\n\
     사진 앨범 만들기\n봄에 할머니 댁 가기\n부모님께 요리해 드리기\n가을에 가족 등산",
    "일주일에 친구 한 명 만나기\n계절마다 집들이 겸 저녁\n연말에 손편지 쓰기\n러닝 크루 들어가기\n\
     연락은 하루 안에 답하기\n친구들과 1박 2일 여행\n새 친구 한 명 사귀기\n초대받으면 가 보기",
    "금요일마다 책상 정리\n베란다에 화분 들이기\n새는 수도꼭지 고치기\n안 입는 옷 나누기\n\
     책 읽을 스탠드 사기\n한 달에 한 번 냉장고 정리\n사진 세 장 액자에 넣기\n현관에 선반 달기",
    "일주일에 하루는 화면 끄기\n제대로 된 휴가 두 번\n일요일 낮잠\n밤 10시 이후 휴대폰 끄기\n\
     목표 없는 취미 하나\n이어폰 없이 산책\n일요일 밤 일기 쓰기\n추가 업무는 거절하기",
];
