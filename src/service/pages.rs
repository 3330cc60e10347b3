//! A form asked in several pieces (Discord's modals hold five inputs): each page but the last is
//! kept in the database for [`PAGES_KEPT_FOR`], and the last one submits the whole form. When
//! the earlier pages are gone (expired, or never kept) nothing is saved and everything typed is
//! given back: a question that was not on the page is never taken for an empty answer.

use std::time::Duration;

use super::asker::Asker;
use super::error::ServiceError;
use super::forms::{round_labels, typed_text};
use super::grid_form::field_ids;
use super::i18n::t;
use super::ids::{ActionId, FormId, FormPage};
use super::interaction::{Outcome, PageSubmit};
use super::reply::{Action, Reply};
use super::rounds::RoundForm;
use super::submit::not_saved;
use super::{Actor, Service};
use crate::store::FormDraft;

/// How long a page waits for the next.
pub const PAGES_KEPT_FOR: Duration = Duration::from_secs(60 * 60);

impl Service {
    /// Keeps a page of a form, or with its last page checks and commits the whole form.
    pub(super) async fn submit_page(
        &self,
        actor: &Actor,
        asker: Result<Asker, ServiceError>,
        page: PageSubmit,
    ) -> Outcome {
        let asker = match asker {
            Ok(asker) => asker,
            Err(error) => {
                let lang = self.fallback_lang(actor.locale.as_deref());
                let labels = self.shown.labels(actor, page.form);
                return not_saved(&error, lang, &labels, &page.values);
            }
        };
        let round = match self.submitted_round(&asker, page.form).await {
            Ok(round) => round,
            Err(error) => {
                let labels = self.shown.labels(actor, page.form);
                return not_saved(&error, asker.lang(), &labels, &page.values);
            }
        };
        let fields = match self.earlier_grids(&round).await {
            Ok(earlier) => field_ids(&round.template.questions, &earlier),
            Err(error) => {
                let labels = round_labels(&asker, &round);
                return not_saved(&error, asker.lang(), &labels, &page.values);
            }
        };
        let pages = fields.len().div_ceil(page.per_page.max(1));
        let done = if page.page + 1 >= pages {
            self.last_page(&asker, &round, &fields, &page.values).await
        } else {
            self.keep_page(&asker, &round, &fields, &page, pages).await
        };
        done.unwrap_or_else(|error| {
            not_saved(
                &error,
                asker.lang(),
                &round_labels(&asker, &round),
                &page.values,
            )
        })
    }

    /// Adds a page to the kept ones: "answers 1 of 2 are kept" with a Continue button.
    async fn keep_page(
        &self,
        asker: &Asker,
        round: &RoundForm,
        fields: &[String],
        page: &PageSubmit,
        pages: usize,
    ) -> Result<Outcome, ServiceError> {
        let (mut answers, live) = self.kept_pages(round).await?;
        if !live {
            answers.clear();
        }
        // Only the form's own questions are kept: nothing else a client sends takes room.
        let asked = |id: &str| fields.iter().any(|field| field == id);
        let values: Vec<_> = page
            .values
            .iter()
            .filter(|(id, _)| asked(id))
            .cloned()
            .collect();
        merge(&mut answers, &values);
        self.keep(round, answers).await?;
        let (shown, total) = ((page.page + 1).to_string(), pages.to_string());
        let minutes = (PAGES_KEPT_FOR.as_secs() / 60).to_string();
        let args = [("page", shown), ("pages", total), ("minutes", minutes)];
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let text = asker.t("answer.page_kept", &args);
        let next = FormPage {
            form: page.form,
            page: Some(page.page + 1),
        };
        Ok(Outcome::Done(Reply {
            actions: vec![Action {
                id: ActionId::Continue(next),
                label: asker.t("button.continue", &[]),
                primary: true,
            }],
            ..asker.reply(text)
        }))
    }

    /// The last page: with every earlier page still kept, the whole form is checked and
    /// committed; a refused form keeps every page (the last one too) for the fix.
    async fn last_page(
        &self,
        asker: &Asker,
        round: &RoundForm,
        fields: &[String],
        values: &[(String, String)],
    ) -> Result<Outcome, ServiceError> {
        let (mut answers, live) = self.kept_pages(round).await?;
        merge(&mut answers, values);
        let whole = fields
            .iter()
            .all(|field| answers.iter().any(|(id, _)| id == field));
        if !live || !whole {
            self.store
                .drop_form_draft(round.delivery.delivery_id)
                .await?;
            return Ok(pages_lost(asker, round, &answers));
        }
        let outcome = self.commit(asker, round, &answers).await?;
        if let Outcome::Invalid(_) = outcome {
            self.keep(round, answers).await?;
        }
        Ok(outcome)
    }

    /// The kept pages of `round`'s form, and whether they are still kept (not expired).
    async fn kept_pages(
        &self,
        round: &RoundForm,
    ) -> Result<(Vec<(String, String)>, bool), ServiceError> {
        let draft = self.store.form_draft(round.delivery.delivery_id).await?;
        Ok(match draft {
            Some(draft) => {
                let live = draft.expires_at > self.clock.now();
                (draft.answers, live)
            }
            None => (Vec::new(), false),
        })
    }

    async fn keep(
        &self,
        round: &RoundForm,
        answers: Vec<(String, String)>,
    ) -> Result<(), ServiceError> {
        let now = self.clock.now();
        let kept_for = chrono::Duration::from_std(PAGES_KEPT_FOR).expect("an hour");
        let draft = FormDraft {
            answers,
            expires_at: now + kept_for,
        };
        let delivery = round.delivery.delivery_id;
        Ok(self.store.keep_form_draft(delivery, &draft, now).await?)
    }

    /// The form with the answers of its kept pages over `values` (the earlier answers), when
    /// the pages are still kept.
    pub(super) async fn with_kept_pages(
        &self,
        form: FormId,
        values: &mut std::collections::HashMap<String, String>,
    ) -> Result<(), ServiceError> {
        let FormId::Answer(delivery) = form else {
            return Ok(());
        };
        let Some(draft) = self.store.form_draft(delivery).await? else {
            return Ok(());
        };
        if draft.expires_at > self.clock.now() {
            values.extend(draft.answers);
        }
        Ok(())
    }
}

/// `page` added to `answers`, a field typed again replacing the earlier text.
fn merge(answers: &mut Vec<(String, String)>, page: &[(String, String)]) {
    answers.retain(|(id, _)| !page.iter().any(|(p, _)| p == id));
    answers.extend(page.iter().cloned());
}

/// Nothing saved, as the earlier pages are no longer kept: why, and everything typed.
fn pages_lost(asker: &Asker, round: &RoundForm, answers: &[(String, String)]) -> Outcome {
    let minutes = (PAGES_KEPT_FOR.as_secs() / 60).to_string();
    let lang = asker.lang();
    let mut reply = Reply::text(lang, asker.t("answer.pages_lost", &[("minutes", &minutes)]));
    let typed = typed_text(&round_labels(asker, round), answers);
    if !typed.is_empty() {
        reply.blocks.push(t(lang, "answer.given_back", &[]));
        reply.blocks.push(typed);
    }
    Outcome::Refused(reply)
}
