//! What a platform's messages and forms can hold. Each adapter states its own [`Limits`] (the
//! numbers live with the adapter, nowhere else) and passes them with every interaction and
//! every message sent, so the service shapes replies for the platform that shows them.

/// What one platform's messages and forms hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most characters a reply shows as text: a longer recap or digest is sent as a summary
    /// with the whole text attached as a Markdown file.
    pub message_len: usize,
    /// The most characters in one block of text (a Slack section): a summary is cut into blocks
    /// no longer than this.
    pub block_len: usize,
    /// The most inputs one form shows at once (Discord's modals); a longer form is asked in
    /// pages.
    pub form_inputs: usize,
    /// The most characters one input takes.
    pub input_len: usize,
}
