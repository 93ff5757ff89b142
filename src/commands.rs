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

pub fn import(_args: ImportArgs) -> anyhow::Result<u8> {
    anyhow::bail!("import is being written")
}
