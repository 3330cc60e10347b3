//! Team letters in team recaps: once its day has come, an admin's letter to the team shows in
//! the team recap of the period that holds its day, after what happened (a sealed one never).
//! A reader sees it when they could read the channel it opened in: they wrote it, take part in
//! a schedule posting there, or the platform says they read it; a recap posted in a digest
//! channel shows the letters that opened there.

use crate::domain::period::Period;
use crate::domain::recap::{AuthorLines, Block, Line, Recap};
use crate::service::Service;
use crate::service::asker::Asker;
use crate::service::error::ServiceError;
use crate::service::i18n::t;
use crate::store::OpenedTeamLetter;

use super::long_day;

impl Service {
    /// The team's opened letters of `period` the asker may read, after what happened in it;
    /// with `posted_in`, only those opened in that channel.
    pub(in crate::service) async fn add_team_letters(
        &self,
        asker: &Asker,
        period: &Period,
        posted_in: Option<&str>,
        recap: &mut Recap,
    ) -> Result<(), ServiceError> {
        let now = self.clock.now();
        let reader = asker.member.id;
        let range = (period.from, period.to);
        let letters = self
            .store
            .opened_team_letters(asker.team.id, range, now, Some(reader));
        for opened in letters.await? {
            let shown = match posted_in {
                Some(channel) => opened.channel == channel,
                None => self.reads_letter_channel(asker, &opened).await,
            };
            if shown {
                recap.closing.push(team_letter_block(asker, opened));
            }
        }
        Ok(())
    }

    async fn reads_letter_channel(&self, asker: &Asker, opened: &OpenedTeamLetter) -> bool {
        if opened.author == asker.member.id || opened.reader_takes_part {
            return true;
        }
        let (team, user) = (&asker.team, asker.member.user_id.as_str());
        let now = self.clock.now();
        self.readers
            .can_read(team.platform, &team.external_id, &opened.channel, user, now)
            .await
    }
}

fn team_letter_block(asker: &Asker, opened: OpenedTeamLetter) -> Block {
    let lang = asker.lang();
    let letter = opened.letter;
    let written = long_day(lang, letter.written_on);
    let day = long_day(lang, letter.open_on);
    let args = [("written", written.as_str()), ("day", day.as_str())];
    Block {
        template: "capsule".into(),
        question_id: format!("capsule.{}", letter.id),
        heading: t(lang, "capsule.team_recap_heading", &args),
        list: false,
        authors: vec![AuthorLines {
            author: Some(opened.author_name),
            lines: vec![Line {
                text: letter.text,
                count: 1,
                first: letter.open_on,
                last: letter.open_on,
            }],
            more: 0,
        }],
    }
}
