//! `mandalart …` lines and what they parse to: my grid, a check, a teammate's shared grid;
//! mistakes and their examples.

use crate::domain::lang::Lang;
use crate::service::command::*;

fn shared(year: Option<i32>, member: UserRef) -> Command {
    Command::SharedMandalart { year, member }
}

#[test]
fn mandalart_lines_parse_to_their_commands() {
    let cases = [
        ("mandalart", Command::Mandalart { year: None }),
        ("mandalart 2027", Command::Mandalart { year: Some(2027) }),
        (
            "mandalart 2027 @mina",
            shared(Some(2027), UserRef::Name("mina".into())),
        ),
        (
            "mandalart mina 2027",
            shared(Some(2027), UserRef::Name("mina".into())),
        ),
        (
            "mandalart <@U0123ABCD|mina>",
            shared(
                None,
                UserRef::Person {
                    id: "U0123ABCD".into(),
                    name: "mina".into(),
                },
            ),
        ),
        (
            "mandalart <@!81234>",
            shared(None, UserRef::Id("81234".into())),
        ),
        (
            "mandalart \"@Mina Kim\"",
            shared(None, UserRef::Name("Mina Kim".into())),
        ),
    ];
    for (line, expected) in cases {
        assert_eq!(parse(line), Ok(expected), "{line}");
    }
}

#[test]
fn a_misspelt_check_is_not_taken_for_a_member() {
    let message = |line: &str| parse(line).unwrap_err().message(Lang::En);
    let misspelt = message("mandalart chek 1.1 done");
    assert!(misspelt.contains("mandalart check"), "{misspelt}");
    let extra = message("mandalart mina 2027 check");
    assert!(extra.contains("check"), "{extra}");
}
