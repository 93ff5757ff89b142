//! `annals new --edit`: open the new report in the user's editor and wait for it to close.
//!
//! The editor command is taken as the user's shell would take it (`code --wait`, `vim -c 'set
//! tw=0'`): on Unix it runs through `sh -c` with the file as its last argument, as git runs
//! `$EDITOR`; elsewhere it is split at white space.

use std::io;
use std::path::Path;
use std::process::{Command, ExitStatus};

/// Why the editor did not open or did not finish well.
#[derive(Debug)]
pub enum EditorError {
    /// Neither `$VISUAL` nor `$EDITOR` names an editor.
    NoEditor,
    /// The editor could not be started.
    Start(String, io::Error),
    /// The editor exited with a failure status.
    Failed(String, ExitStatus),
}

impl std::fmt::Display for EditorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditorError::NoEditor => write!(f, "no editor is set"),
            EditorError::Start(editor, e) => write!(f, "cannot start the editor `{editor}`: {e}"),
            EditorError::Failed(editor, status) => {
                write!(f, "the editor `{editor}` failed ({status})")
            }
        }
    }
}

/// The editor the user chose: `$VISUAL`, else `$EDITOR` (given as their values).
pub fn chosen_editor(visual: Option<String>, editor: Option<String>) -> Option<String> {
    [visual, editor]
        .into_iter()
        .flatten()
        .find(|value| !value.trim().is_empty())
}

/// Runs `editor` on `path` and waits for it.
pub fn open_in_editor(editor: Option<&str>, path: &Path) -> Result<(), EditorError> {
    let editor = editor.ok_or(EditorError::NoEditor)?;
    let status = editor_command(editor, path)
        .status()
        .map_err(|e| EditorError::Start(editor.to_string(), e))?;
    if status.success() {
        Ok(())
    } else {
        Err(EditorError::Failed(editor.to_string(), status))
    }
}

#[cfg(unix)]
fn editor_command(editor: &str, path: &Path) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(path);
    command
}

#[cfg(not(unix))]
fn editor_command(editor: &str, path: &Path) -> Command {
    let mut words = editor.split_whitespace();
    let mut command = Command::new(words.next().unwrap_or(editor));
    command.args(words).arg(path);
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_wins_and_blank_values_do_not_count() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(chosen_editor(some("code -w"), some("vi")), some("code -w"));
        assert_eq!(chosen_editor(some(" "), some("vi")), some("vi"));
        assert_eq!(chosen_editor(None, None), None);
    }

    #[cfg(unix)]
    #[test]
    fn the_editor_gets_the_path_and_its_failure_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a b.md");
        std::fs::write(&file, "").unwrap();
        open_in_editor(Some("printf edited >"), &file).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "edited");
        assert!(matches!(
            open_in_editor(Some("false"), &file),
            Err(EditorError::Failed(..))
        ));
        assert!(matches!(
            open_in_editor(None, &file),
            Err(EditorError::NoEditor)
        ));
    }
}
