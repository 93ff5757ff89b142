//! The four commands, each turning CLI arguments into calls of the library's stages.

use crate::cli::{BuildArgs, CheckArgs, ImportArgs, ServeArgs};

pub fn build(_args: BuildArgs) -> anyhow::Result<u8> {
    anyhow::bail!("build is being written")
}

pub fn serve(_args: ServeArgs) -> anyhow::Result<u8> {
    anyhow::bail!("serve is being written")
}

pub fn check(_args: CheckArgs) -> anyhow::Result<u8> {
    anyhow::bail!("check is being written")
}

/// `annals import`: scraped texts → reports under `content/` (see `crate::import`).
pub fn import(args: ImportArgs) -> anyhow::Result<u8> {
    let options = crate::import::ImportOptions {
        root: args.root,
        year: args.year,
        dry_run: args.dry_run,
        force: args.force,
    };
    crate::import::run(&args.files, &options)
}
