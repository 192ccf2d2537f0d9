use std::process::ExitCode;

use clap::Parser;

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    roreg::cli::run(roreg::cli::Cli::parse())
}
