//! Use cases: each platform turns its input into a platform-neutral command and renders the
//! reply it gets back, so behaviour is written once, here.
