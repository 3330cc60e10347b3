//! The `hoego` binary: everything is in the library.

fn main() -> std::process::ExitCode {
    hoego::app::cli::main()
}
