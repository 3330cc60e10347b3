//! `docs/examples/summary.{en,ko}.md`: what `recap 2026 summary` sends for the fixture year's
//! member recap (the request as the endpoint receives it) and what the reader is shown for a
//! reply. The reply is written by hand for the example, not by a model, and goes through the
//! same check a model's reply goes through; the documents are pinned like the other examples
//! (`HOEGO_ACCEPT_GOLDEN=1 cargo test --test hoego docs_examples`).

use std::path::PathBuf;

use hoego::domain::lang::Lang;
use hoego::domain::recap::Scope;
use hoego::domain::summary::{SummaryInput, check, select};
use hoego::service::summary::{Writer, numerals, request_body, section};
use serde_json::Value;

use super::assert_pinned;
use crate::support::year::Year;

/// The fixture year's seed, as the recap examples use it.
const SEED: u64 = 2026;
/// A local Ollama server, as the README suggests.
const ENDPOINT: &str = "http://127.0.0.1:11434/v1";
const MODEL: &str = "llama3.1:8b";
/// `summary.max_request_chars`, as `config/default.toml` sets it.
const BUDGET: usize = 12_000;

#[test]
fn the_summary_examples_in_docs_pass_the_check_a_model_reply_goes_through() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
    for (lang, reply) in [(Lang::En, REPLY_EN), (Lang::Ko, REPLY_KO)] {
        let recap = Year::generate(lang, SEED).recap(Scope::Me);
        let input = select(&recap, BUDGET);
        assert_eq!(input.left_out, 0, "the whole recap fits the default budget");
        let checked = check(&input, reply, &numerals(lang))
            .unwrap_or_else(|e| panic!("the {lang:?} example reply fails the check: {e:?}"));
        assert_eq!(
            checked.dropped.total(),
            0,
            "every sentence of the {lang:?} example is kept: {:?}",
            checked.dropped
        );
        let writer = Writer {
            model: MODEL,
            endpoint: ENDPOINT,
        };
        let shown = section(&input, &checked, &writer);
        let document = document(lang, &input, reply, &shown);
        let path = dir.join(format!("summary.{}.md", lang.code()));
        assert_pinned(&path, document.as_bytes());
    }
}

/// The example: what it is, the request (the user message decoded for reading), the reply and
/// the section as the reader sees it above the recap.
fn document(lang: Lang, input: &SummaryInput, reply: &str, shown: &str) -> String {
    let mut body = request_body(MODEL, input);
    let items = body["messages"][1]["content"].take();
    body["messages"][1]["content"] = Value::String(words(lang).placeholder.into());
    let items: Value = serde_json::from_str(items.as_str().unwrap()).unwrap();
    let pretty = |value: &Value| serde_json::to_string_pretty(value).unwrap();
    let reply: Value = serde_json::from_str(reply).unwrap();
    let w = words(lang);
    let code = lang.code();
    format!(
        "# {title}\n\n{intro}\n\n{hand}\n\n## {sent}\n\n`POST {ENDPOINT}/chat/completions`\n\n\
         ```json\n{body}\n```\n\n{user}\n\n```json\n{items}\n```\n\n## {answered}\n\n\
         ```json\n{reply}\n```\n\n## {seen}\n\n{shown_intro}\n\n---\n\n{shown}---\n\n{follows} \
         [member-year.{code}.md](member-year.{code}.md).\n",
        title = w.title,
        intro = w.intro,
        hand = w.hand,
        sent = w.sent,
        body = pretty(&body),
        user = w.user,
        items = one_item_a_line(&items),
        answered = w.answered,
        reply = pretty(&reply),
        seen = w.seen,
        shown_intro = w.shown_intro,
        follows = w.follows,
    )
}

/// The user message as indented JSON with each item on a line of its own (the items in full
/// would be hundreds of lines).
fn one_item_a_line(message: &Value) -> String {
    let compact = |value: &Value| serde_json::to_string(value).unwrap();
    let items: Vec<String> = message["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| format!("    {}", compact(item)))
        .collect();
    format!(
        "{{\n  \"title\": {},\n  \"periods\": {},\n  \"items\": [\n{}\n  ]\n}}",
        compact(&message["title"]),
        compact(&message["periods"]),
        items.join(",\n")
    )
}

/// The example's own words (documentation, not what hoego says).
struct Words {
    title: &'static str,
    intro: &'static str,
    hand: &'static str,
    sent: &'static str,
    placeholder: &'static str,
    user: &'static str,
    answered: &'static str,
    seen: &'static str,
    shown_intro: &'static str,
    follows: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            title: "A summary above a recap: what is sent, what comes back, what is shown",
            intro: "Mina asks for her own year with `recap 2026 summary` (Discord: \
                    `/hoego recap period:2026 summary:True`). Her team turned summaries on, and \
                    the operator configured a local Ollama server (`summary.base_url = \
                    \"http://127.0.0.1:11434/v1\"`, `summary.model = \"llama3.1:8b\"`). This is the \
                    fixture year of the other examples; the recap itself is \
                    [member-year.en.md](member-year.en.md).",
            hand: "**The reply below was written by hand for this example, not by a model.** \
                   hoego checks it the way it checks a model's reply (every sentence cites items \
                   that were sent, a period's sentences cite that period or the whole year, no \
                   number that its cited items do not hold), and a test runs that check on it, so \
                   the section at the end is exactly what hoego would show for this reply.",
            sent: "1. The request",
            placeholder: "(the items below, sent as one JSON string)",
            user: "The user message, decoded here for reading: the post's title, its periods and \
                   every condensed line of Mina's recap with a short id. Only what Mina may read \
                   in that recap is in it; in a team recap another member's private answers \
                   never are, and anonymous lines go without their authors.",
            answered: "2. The reply (illustrative)",
            seen: "3. What Mina sees above her recap",
            shown_intro: "The numbers in brackets lead to the sources, quoted with their question \
                          and period.",
            follows: "Below it comes the recap itself:",
        },
        Lang::Ko => Words {
            title: "회고 위에 붙는 요약: 보내는 내용, 돌아온 답, 보이는 모습",
            intro: "미나 님이 `recap 2026 summary`로 자기 한 해를 요청해요(디스코드에서는 \
                    `/hoego recap period:2026 summary:True`). 팀에서 요약을 켜 두었고, 운영자가 \
                    로컬 Ollama 서버를 설정해 두었어요(`summary.base_url = \
                    \"http://127.0.0.1:11434/v1\"`, `summary.model = \"llama3.1:8b\"`). 다른 예시와 \
                    같은 가상의 한 해이고, 회고 자체는 [member-year.ko.md](member-year.ko.md)에 \
                    있어요.",
            hand: "**아래 답은 모델이 아니라 이 예시를 위해 사람이 직접 쓴 것이에요.** hoego는 \
                   모델의 답을 확인할 때와 똑같이 이 답을 확인하고(모든 문장이 보낸 항목을 \
                   근거로 달았는지, 시기별 문장이 그 시기나 한 해 전체의 항목만 달았는지, 근거 \
                   항목에 없는 숫자를 쓰지 않았는지), 테스트가 이 확인을 매번 돌려요. 그래서 \
                   마지막 절은 이 답을 받았을 때 hoego가 실제로 보여 주는 모습 그대로예요.",
            sent: "1. 보내는 요청",
            placeholder: "(아래 항목들을 JSON 문자열 하나로 보내요)",
            user: "사용자 메시지를 읽기 쉽게 풀어 쓴 것이에요. 글의 제목과 시기, 그리고 미나 님의 \
                   회고에 실린 줄을 하나씩 짧은 id와 함께 담았어요. 미나 님이 그 회고에서 읽을 수 \
                   있는 것만 들어가요. 팀 회고라면 다른 사람의 비공개 답변은 절대 들어가지 않고, \
                   익명 답변은 작성자 없이 들어가요.",
            answered: "2. 돌아온 답(예시)",
            seen: "3. 미나 님이 회고 위에서 보는 요약",
            shown_intro: "대괄호 안의 번호는 출처를 가리키고, 출처는 질문과 시기와 함께 인용돼요.",
            follows: "그 아래로 회고 본문이 이어져요:",
        },
    }
}

const REPLY_EN: &str = r#"{
  "span": [
    {"text": "It was a year of beginnings: a long job search gave way to a first job in April, and the September reorganisation meant starting again with a new team.", "cites": ["a1", "a2", "a4"]},
    {"text": "The morning runs carried through all of it, and the lesson it leaves is to ask early rather than guess.", "cites": ["a7", "a71"]},
    {"text": "For next year the wishes are a half marathon, a blog post every month and no more meetings without an agenda.", "cites": ["a73", "a74", "a75"]}
  ],
  "periods": [
    {"period": 1, "sentences": [
      {"text": "The first months were mostly waiting: applications went unanswered week after week, and a final round ended in a rejection.", "cites": ["a13", "a14"]},
      {"text": "Running helped through the waiting, and not giving up after the first rejections led to the decision to leave freelancing and look for a team.", "cites": ["a22", "a21", "a20"]}
    ]},
    {"period": 2, "sentences": [
      {"text": "The new job came with too many new names and a long commute, eased by pairing with a mentor and by audiobooks on the way.", "cites": ["a30", "a31", "a25", "a39"]},
      {"text": "Shipping in the second week was the proudest moment, and the period ended with the wish to move closer to the office.", "cites": ["a38", "a40"]}
    ]},
    {"period": 3, "sentences": [
      {"text": "After the move, walking to work replaced the commute, and the summer went into leading the search redesign, with a trip to Jeju.", "cites": ["a41", "a42", "a44"]},
      {"text": "Meetings began to crowd the weeks.", "cites": ["a45"]}
    ]},
    {"period": 4, "sentences": [
      {"text": "The reorganisation brought a new team, a new manager and new priorities, with unclear ownership and priorities that kept changing.", "cites": ["a63", "a57", "a58"]},
      {"text": "The one-on-ones and a mentor helped with starting over, and the migration plan the team adopted became the proudest work of the autumn.", "cites": ["a67", "a68", "a65"]}
    ]}
  ]
}"#;

const REPLY_KO: &str = r#"{
  "span": [
    {"text": "긴 구직 끝에 4월에 첫 직장에 들어갔고, 9월 조직 개편 뒤에는 새 팀에서 다시 시작한 한 해였어요.", "cites": ["a1", "a2", "a4"]},
    {"text": "그 모든 시기를 버티게 해 준 건 일 년 내내 이어 간 아침 달리기였고, 남은 교훈은 짐작하기 전에 일찍 묻자는 거예요.", "cites": ["a7", "a71"]},
    {"text": "내년에는 하프 마라톤을 완주하고, 매달 블로그 글을 쓰고, 안건 없는 회의는 거절하려고 해요.", "cites": ["a73", "a74", "a75"]}
  ],
  "periods": [
    {"period": 1, "sentences": [
      {"text": "지원한 곳에서 답이 오지 않는 주가 이어졌고, 최종 면접에서 떨어지기도 했어요.", "cites": ["a13", "a14"]},
      {"text": "기다리는 시간은 달리기로 버텼고, 처음 떨어졌을 때 포기하지 않은 끝에 프리랜서를 그만두고 팀에 들어가기로 마음먹었어요.", "cites": ["a22", "a21", "a20"]}
    ]},
    {"period": 2, "sentences": [
      {"text": "첫 직장에서는 외울 이름이 너무 많았고 출퇴근길도 길었지만, 멘토와의 페어 프로그래밍과 오디오북이 힘이 됐어요.", "cites": ["a30", "a31", "a25", "a39"]},
      {"text": "둘째 주에 배포한 일이 가장 뿌듯했고, 이 시기 끝에는 회사 근처로 이사하기로 했어요.", "cites": ["a38", "a40"]}
    ]},
    {"period": 3, "sentences": [
      {"text": "이사한 뒤로는 걸어서 출근했고, 검색 개편을 이끄는 사이 제주로 여름 여행도 다녀왔어요.", "cites": ["a41", "a42", "a44"]},
      {"text": "다만 회의가 점점 늘어 한 주를 채우기 시작했어요.", "cites": ["a45"]}
    ]},
    {"period": 4, "sentences": [
      {"text": "조직 개편으로 새 팀, 새 매니저, 새 우선순위를 맞았고, 누가 맡는지 불분명한 채 우선순위가 또 바뀌었어요.", "cites": ["a63", "a57", "a58"]},
      {"text": "처음부터 다시 시작하는 시간은 1:1과 멘토 덕분에 견뎠고, 팀이 채택한 마이그레이션 계획이 이 시기에 가장 뿌듯한 일로 남았어요.", "cites": ["a67", "a68", "a65"]}
    ]}
  ]
}"#;
