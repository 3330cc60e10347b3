//! What the fixture year's people write, in English and Korean: pools per period that the
//! generator draws from (with repeats), and the quarterly and year-end answers.

/// One period of the member's year: its mood around `base`, and what they tend to write.
pub struct Pools {
    /// The usual mood (1–5) in this period.
    pub base: f64,
    /// How the mood drifts per week within the period.
    pub drift: f64,
    pub went_well: [&'static [&'static str]; 2],
    pub was_hard: [&'static [&'static str]; 2],
    pub focus: [&'static [&'static str]; 2],
}

/// The member's four periods: job search, first job, the move, after the reorganisation.
pub const MEMBER: [Pools; 4] = [
    Pools {
        base: 2.2,
        drift: 0.0,
        went_well: [
            &[
                "Morning runs",
                "Finished a take-home assignment",
                "Got a second interview",
                "Rewrote my CV",
                "Coffee chat with a former colleague",
                "Read two chapters of the Rust book",
            ],
            &[
                "아침 달리기",
                "과제 전형을 끝냈다",
                "2차 면접에 붙었다",
                "이력서를 새로 썼다",
                "전 동료와 커피챗",
                "러스트 책 두 장을 읽었다",
            ],
        ],
        was_hard: [
            &[
                "No replies to my applications",
                "Waiting for answers",
                "Doubting myself",
                "Money worries",
                "Turned down after the final round",
            ],
            &[
                "지원한 곳에서 답이 없었다",
                "결과를 기다리는 시간",
                "자꾸 나를 의심하게 됐다",
                "돈 걱정",
                "최종 면접에서 떨어졌다",
            ],
        ],
        focus: [
            &[
                "Apply to three companies",
                "Practise system design",
                "Keep running",
            ],
            &["세 곳에 지원하기", "시스템 설계 연습", "달리기 계속하기"],
        ],
    },
    Pools {
        base: 3.9,
        drift: 0.0,
        went_well: [
            &[
                "Pairing with my mentor",
                "My first pull request was merged",
                "Learned the deploy pipeline",
                "Lunch with the team",
                "Morning runs",
                "Fixed a flaky test",
            ],
            &[
                "멘토와 페어 프로그래밍",
                "첫 PR이 머지됐다",
                "배포 파이프라인을 익혔다",
                "팀 점심",
                "아침 달리기",
                "불안정한 테스트를 고쳤다",
            ],
        ],
        was_hard: [
            &[
                "So many new names",
                "The long commute",
                "Feeling like an impostor",
                "The on-call handover",
            ],
            &[
                "외울 이름이 너무 많다",
                "긴 출퇴근길",
                "내가 여기 있어도 되나 싶었다",
                "온콜 인수인계",
            ],
        ],
        focus: [
            &[
                "Read the onboarding docs",
                "Ask more questions",
                "Ship the settings page",
            ],
            &["온보딩 문서 읽기", "질문 더 많이 하기", "설정 페이지 배포"],
        ],
    },
    Pools {
        base: 4.3,
        drift: 0.0,
        went_well: [
            &[
                "Walking to work",
                "Led the search redesign",
                "Morning runs",
                "A summer trip to Jeju",
                "The demo went smoothly",
            ],
            &[
                "걸어서 출근",
                "검색 개편을 이끌었다",
                "아침 달리기",
                "제주 여름 여행",
                "데모가 순조로웠다",
            ],
        ],
        was_hard: [
            &["Unpacking boxes", "Too many meetings", "The heat"],
            &["이삿짐 정리", "회의가 너무 많다", "더위"],
        ],
        focus: [
            &[
                "Finish the search redesign",
                "Unpack the last boxes",
                "Plan the Jeju trip",
            ],
            &["검색 개편 마무리", "남은 짐 풀기", "제주 여행 계획"],
        ],
    },
    Pools {
        base: 2.4,
        drift: 0.07,
        went_well: [
            &[
                "Met my new team",
                "Kept the morning runs",
                "Wrote the migration plan",
                "Mentored the new intern",
                "The year-end party",
            ],
            &[
                "새 팀원들을 만났다",
                "아침 달리기를 지켰다",
                "마이그레이션 계획을 썼다",
                "새 인턴을 멘토링했다",
                "송년회",
            ],
        ],
        was_hard: [
            &[
                "Priorities changed again",
                "Handing over my old project",
                "Unclear ownership",
                "Too many meetings",
            ],
            &[
                "우선순위가 또 바뀌었다",
                "하던 프로젝트를 넘겼다",
                "누가 맡는지 불분명하다",
                "회의가 너무 많다",
            ],
        ],
        focus: [
            &[
                "Meet everyone one-on-one",
                "Draft the migration plan",
                "Keep running",
            ],
            &[
                "모두와 1:1 하기",
                "마이그레이션 계획 초안",
                "달리기 계속하기",
            ],
        ],
    },
];

/// The team's other members, before and after the reorganisation.
pub const TEAM: [Pools; 2] = [
    Pools {
        base: 3.6,
        drift: 0.0,
        went_well: [
            &[
                "Shipped the search beta",
                "A good retro",
                "Pairing sessions",
                "Closed a dozen bugs",
            ],
            &[
                "검색 베타 출시",
                "좋은 회고",
                "페어 프로그래밍",
                "버그 열두 개를 닫았다",
            ],
        ],
        was_hard: [
            &[
                "Flaky CI",
                "Too many meetings",
                "Unclear priorities",
                "On-call week",
            ],
            &[
                "CI가 자꾸 깨졌다",
                "회의가 너무 많다",
                "우선순위가 불분명하다",
                "온콜 주간",
            ],
        ],
        focus: [
            &["Fix CI", "Review pull requests"],
            &["CI 고치기", "PR 리뷰"],
        ],
    },
    Pools {
        base: 3.0,
        drift: 0.03,
        went_well: [
            &[
                "New team rituals",
                "The migration dry run worked",
                "Onboarded two people",
                "A calm on-call week",
            ],
            &[
                "새 팀의 루틴이 자리 잡았다",
                "마이그레이션 리허설 성공",
                "두 명 온보딩",
                "조용한 온콜 주간",
            ],
        ],
        was_hard: [
            &[
                "Unclear ownership",
                "Too many meetings",
                "Context switching",
            ],
            &[
                "누가 맡는지 불분명하다",
                "회의가 너무 많다",
                "잦은 컨텍스트 전환",
            ],
        ],
        focus: [
            &["Write the runbook", "Pair with the new people"],
            &["런북 쓰기", "새 팀원과 페어"],
        ],
    },
];

/// The member's quarterly answers, one per quarter: what changed, proudest of, hardest and
/// what helped, what to change next (a list).
pub const QUARTERS: [[[&str; 4]; 2]; 4] = [
    [
        [
            "Decided to leave freelancing and look for a team",
            "Not giving up after the first rejections",
            "The waiting; running helped",
            "Apply more widely\nRest on Sundays",
        ],
        [
            "프리랜서를 그만두고 팀에 들어가기로 했다",
            "처음 떨어졌을 때 포기하지 않은 것",
            "기다리는 시간. 달리기가 도움이 됐다",
            "더 넓게 지원하기\n일요일에는 쉬기",
        ],
    ],
    [
        [
            "Started my first full-time job in April",
            "Shipping in my second week",
            "The commute; audiobooks helped",
            "Move closer to the office",
        ],
        [
            "4월에 첫 정규직을 시작했다",
            "둘째 주에 배포한 것",
            "출퇴근길. 오디오북이 도움이 됐다",
            "회사 근처로 이사하기",
        ],
    ],
    [
        [
            "Moved closer to the office, then the reorganisation was announced",
            "Leading the search redesign",
            "Not knowing where I would land; my mentor helped",
            "Say no to some meetings",
        ],
        [
            "회사 근처로 이사했고, 그 뒤 조직 개편이 발표됐다",
            "검색 개편을 이끈 것",
            "어디로 가게 될지 모르던 시간. 멘토가 도움이 됐다",
            "회의 몇 개는 거절하기",
        ],
    ],
    [
        [
            "A new team, a new manager, new priorities",
            "The migration plan the team adopted",
            "Starting over; the one-on-ones helped",
            "Protect the mornings",
        ],
        [
            "새 팀, 새 매니저, 새 우선순위",
            "팀이 채택한 마이그레이션 계획",
            "처음부터 다시 시작하는 것. 1:1이 도움이 됐다",
            "아침 시간 지키기",
        ],
    ],
];

/// The member's year-end answers: periods (list), highlights (list), learned, what was hard,
/// resolutions (list).
pub const YEAR_END: [[&str; 5]; 2] = [
    [
        "Jan–Mar: the job search\nApril: the first job\nSummer: the move and the search redesign\nAfter the September reorg: a new team",
        "My first merged pull request\nLeading the search redesign\nRunning every morning, all year",
        "Asking early is cheaper than guessing. A routine carries you through the weeks when nothing else does.",
        "The three months of waiting, and starting over after the reorganisation.",
        "Run a half marathon\nWrite a blog post every month\nSay no to meetings without an agenda",
    ],
    [
        "1~3월: 구직\n4월: 첫 직장\n여름: 이사와 검색 개편\n9월 조직 개편 이후: 새 팀",
        "처음 머지된 PR\n검색 개편을 이끈 일\n일 년 내내 아침 달리기",
        "일찍 묻는 게 짐작하는 것보다 싸다. 아무것도 잘 안 풀리는 주에도 루틴은 나를 버티게 해 준다.",
        "석 달 동안의 기다림, 그리고 조직 개편 뒤에 처음부터 다시 시작한 일.",
        "하프 마라톤 완주\n매달 블로그 글 한 편 쓰기\n안건 없는 회의는 거절하기",
    ],
];

/// Last year's resolutions: text, then follow-ups (month, day, status, note), then the status
/// they ended in.
pub type Arc = (
    &'static str,
    &'static [(u32, u32, &'static str, &'static str)],
    &'static str,
);

pub const LAST_YEAR: [[Arc; 3]; 2] = [
    [
        (
            "Find a job where I can grow",
            &[
                (3, 27, "on_track", "three interviews"),
                (6, 26, "done", "started in April"),
            ],
            "done",
        ),
        (
            "Run 10 km",
            &[
                (3, 27, "on_track", "5 km now"),
                (9, 25, "changed", "a half marathon next year instead"),
            ],
            "changed",
        ),
        (
            "Read 20 books",
            &[(6, 26, "dropped", "too much at once")],
            "dropped",
        ),
    ],
    [
        (
            "성장할 수 있는 회사 찾기",
            &[
                (3, 27, "on_track", "면접 세 번"),
                (6, 26, "done", "4월에 입사"),
            ],
            "done",
        ),
        (
            "10km 달리기",
            &[
                (3, 27, "on_track", "지금은 5km"),
                (9, 25, "changed", "대신 내년에 하프 마라톤"),
            ],
            "changed",
        ),
        (
            "책 20권 읽기",
            &[(6, 26, "dropped", "한꺼번에 너무 많았다")],
            "dropped",
        ),
    ],
];

/// The three milestones: (month, day, text) for the member's first job (private), their move
/// (shared with the team), and the team's reorganisation.
pub const MILESTONES: [[(u32, u32, &str); 3]; 2] = [
    [
        (4, 6, "First day at the new job"),
        (7, 13, "Moved closer to the office"),
        (9, 14, "The reorganisation"),
    ],
    [
        (4, 6, "새 직장 첫 출근"),
        (7, 13, "회사 근처로 이사"),
        (9, 14, "조직 개편"),
    ],
];

/// The members' names.
pub const NAMES: [[&str; 3]; 2] = [["Mina", "Joon", "Ara"], ["미나", "준", "아라"]];
