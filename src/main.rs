use std::process::ExitCode;

fn main() -> color_eyre::Result<ExitCode> {
    // Kept for the interface: a real panic there gets a full report.
    color_eyre::install()?;
    roreg::cli::run_from_args()
}
