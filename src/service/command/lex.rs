//! Splits command text into tokens: words separated by whitespace, where a double-quoted part
//! (straight `"…"` or curly `“…”`, as Slack and macOS type them) stays one token.

use super::CommandError;

/// One word of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    /// The word without its quotes.
    pub text: String,
    /// Whether any part of it was quoted.
    pub quoted: bool,
    /// The byte offset of the token's first character in the input.
    pub start: usize,
}

impl Token {
    /// The word in lower case, for matching keywords; quoted words never match a keyword.
    pub fn key(&self) -> String {
        if self.quoted {
            String::new()
        } else {
            self.text.to_lowercase()
        }
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}')
}

/// Splits `input` into tokens, or reports a quote that is never closed.
pub(super) fn tokenize(input: &str) -> Result<Vec<Token>, CommandError> {
    let mut tokens = Vec::new();
    let mut current: Option<Token> = None;
    let mut in_quotes = false;
    for (at, c) in input.char_indices() {
        if is_quote(c) {
            in_quotes = !in_quotes;
            let token = current.get_or_insert_with(|| new_token(at));
            token.quoted = true;
        } else if c.is_whitespace() && !in_quotes {
            tokens.extend(current.take());
        } else {
            current.get_or_insert_with(|| new_token(at)).text.push(c);
        }
    }
    if in_quotes {
        return Err(CommandError::UnclosedQuote);
    }
    tokens.extend(current);
    Ok(tokens)
}

fn new_token(start: usize) -> Token {
    Token {
        text: String::new(),
        quoted: false,
        start,
    }
}

/// A cursor over the tokens of one command.
pub(super) struct Args<'a> {
    input: &'a str,
    tokens: Vec<Token>,
    pos: usize,
}

impl<'a> Args<'a> {
    /// Tokenizes `input`.
    pub fn new(input: &'a str) -> Result<Self, CommandError> {
        Ok(Args {
            input,
            tokens: tokenize(input)?,
            pos: 0,
        })
    }

    /// The next token, without consuming it.
    pub fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    /// Consumes and returns the next token.
    pub fn next_token(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += usize::from(token.is_some());
        token
    }

    /// Whether every token has been consumed.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    /// Consumes the rest of the input and returns it: a single token's text, or the raw text
    /// from the next token to the end (so spacing inside a note is kept).
    pub fn rest(&mut self) -> Option<String> {
        let first = self.tokens.get(self.pos)?;
        let rest = if self.pos + 1 == self.tokens.len() {
            first.text.clone()
        } else {
            self.input[first.start..].trim_end().to_string()
        };
        self.pos = self.tokens.len();
        Some(rest)
    }

    /// Consumes the next token, which the command requires.
    pub fn required(
        &mut self,
        topic: &'static str,
        argument: &'static str,
    ) -> Result<Token, CommandError> {
        self.next_token()
            .ok_or(CommandError::MissingArgument { topic, argument })
    }

    /// Consumes the value of `option`; the value must not be another of the command's
    /// `options` (in `settings tz lang ko`, `tz` has no value).
    pub fn value(
        &mut self,
        topic: &'static str,
        option: &'static str,
        options: &[&str],
    ) -> Result<String, CommandError> {
        match self.peek() {
            Some(token) if !options.contains(&token.key().as_str()) => {
                Ok(self.next_token().map(|t| t.text).unwrap_or_default())
            }
            _ => Err(CommandError::MissingValue { topic, option }),
        }
    }

    /// Fails with [`CommandError::UnexpectedArgument`] if a token is left.
    pub fn finish(&mut self, topic: &'static str) -> Result<(), CommandError> {
        match self.next_token() {
            None => Ok(()),
            Some(token) => Err(CommandError::UnexpectedArgument {
                topic,
                word: token.text,
            }),
        }
    }
}
