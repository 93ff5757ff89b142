//! The questions `annals init` asks on a terminal: the archive's title and its language.
//!
//! The questions read from any `BufRead` and write to any `Write`, so the command hands them the
//! terminal and unit tests hand them strings. An empty answer takes the default shown in
//! brackets; the end of input takes the defaults of the questions left.

use super::templates::Language;
use std::io::{self, BufRead, Write};

/// What the user answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteAnswers {
    pub title: String,
    pub language: Language,
}

/// Asks for the title (default `default_title`) and the language (default `default_language`).
pub fn ask_site(
    input: &mut impl BufRead,
    output: &mut impl Write,
    default_title: &str,
    default_language: Language,
) -> io::Result<SiteAnswers> {
    let title = ask(input, output, "Title of the archive", default_title)?
        .unwrap_or_else(|| default_title.to_string());
    let choices: Vec<&str> = Language::ALL.iter().map(|l| l.tag()).collect();
    let question = format!("Language ({})", choices.join(", "));
    let language = loop {
        match ask(input, output, &question, default_language.tag())? {
            None => break default_language,
            Some(answer) => match Language::from_tag(&answer) {
                Some(language) => break language,
                None => writeln!(
                    output,
                    "  `{answer}` is not one of {}; type one of them, or press Enter for {}",
                    choices.join(", "),
                    default_language.tag()
                )?,
            },
        }
    };
    Ok(SiteAnswers { title, language })
}

/// One question; `None` for an empty answer or the end of input.
fn ask(
    input: &mut impl BufRead,
    output: &mut impl Write,
    question: &str,
    default: &str,
) -> io::Result<Option<String>> {
    write!(output, "{question} [{default}]: ")?;
    output.flush()?;
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        writeln!(output)?;
        return Ok(None);
    }
    let answer = line.trim();
    Ok((!answer.is_empty()).then(|| answer.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(typed: &str) -> (SiteAnswers, String) {
        let mut shown = Vec::new();
        let answers = ask_site(
            &mut typed.as_bytes(),
            &mut shown,
            "my-archive",
            Language::En,
        )
        .unwrap();
        (answers, String::from_utf8(shown).unwrap())
    }

    #[test]
    fn answers_are_taken_and_empty_ones_take_the_default() {
        let (got, shown) = answers("臨江市新聞檔案\nzh-hant\n");
        assert_eq!(got.title, "臨江市新聞檔案");
        assert_eq!(got.language, Language::ZhHant);
        assert_eq!(
            shown,
            "Title of the archive [my-archive]: Language (zh-Hant, zh-Hans, en) [en]: "
        );
        let (got, _) = answers("\n\n");
        assert_eq!(
            (got.title.as_str(), got.language),
            ("my-archive", Language::En)
        );
    }

    #[test]
    fn a_wrong_language_is_asked_again_and_end_of_input_takes_defaults() {
        let (got, shown) = answers("t\nfrench\nzh-Hans\n");
        assert_eq!(got.language, Language::ZhHans);
        assert!(
            shown.contains("`french` is not one of zh-Hant, zh-Hans, en"),
            "{shown}"
        );
        let (got, _) = answers("");
        assert_eq!(
            (got.title.as_str(), got.language),
            ("my-archive", Language::En)
        );
    }
}
