use clap::Parser;
use factdesk::cli::{self, Cli};

/// Analysis allocates many small, short-lived values per article (see Cargo.toml).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = Cli::parse();
    if let Some(cmd) = args.command {
        std::process::exit(cli::run(cmd));
    }
    #[cfg(feature = "gui")]
    {
        if let Err(e) = factdesk::app::run(args.files) {
            eprintln!("factdesk: {e}");
            std::process::exit(1);
        }
    }
    #[cfg(not(feature = "gui"))]
    {
        let _ = args.files;
        eprintln!(
            "factdesk was built without the desktop app (feature \"gui\"); use a subcommand, see --help"
        );
        std::process::exit(2);
    }
}
