//! A message posted with files, as Discord takes uploads (multipart), or as plain JSON when it
//! has none.

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use serenity::all::CreateMessage;

use super::{DiscordMessenger, answer};
use crate::service::messenger::SendError;
use crate::service::reply::Attachment;

impl DiscordMessenger {
    /// POSTs a message, with its files when it has any.
    pub(super) async fn post_message(
        &self,
        path: &str,
        create: &CreateMessage,
        files: Vec<Attachment>,
    ) -> Result<Value, SendError> {
        let body = serde_json::to_value(create)
            .map_err(|e| SendError::Failed(format!("cannot encode the message: {e}")))?;
        if files.is_empty() {
            self.post(path, &body).await
        } else {
            self.post_files(path, body, files).await
        }
    }

    /// POSTs a message with files, as Discord takes uploads: the message as `payload_json`
    /// listing each file under `attachments`, and each file as the part `files[n]`.
    async fn post_files(
        &self,
        path: &str,
        mut body: Value,
        files: Vec<Attachment>,
    ) -> Result<Value, SendError> {
        let listed: Vec<Value> = files
            .iter()
            .enumerate()
            .map(|(id, file)| json!({ "id": id, "filename": file.filename }))
            .collect();
        body["attachments"] = Value::Array(listed);
        let mut form = Form::new().text("payload_json", body.to_string());
        for (id, file) in files.into_iter().enumerate() {
            let part = Part::bytes(file.bytes)
                .file_name(file.filename)
                .mime_str(&file.content_type)
                .map_err(|e| SendError::Failed(format!("cannot attach a file: {e}")))?;
            form = form.part(format!("files[{id}]"), part);
        }
        answer(self.request(path).multipart(form)).await
    }
}
