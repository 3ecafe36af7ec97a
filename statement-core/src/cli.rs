//! The `statements` command line, for any layout set.
//!
//! A crate that declares its own layouts gets the whole command line in a few lines:
//!
//! ```no_run
//! use statement_core::{Filing, LayoutSet, Money, Statement, Usd, Duration, check::FilingRules, read};
//! #[derive(Statement)]
//! struct Income {
//!     #[line(label = "Revenue")]
//!     revenue: Money<Usd, Duration>,
//! }
//! #[derive(Filing)]
//! struct MyFiling {
//!     income: Income,
//! }
//! struct MyFilings;
//! impl LayoutSet for MyFilings {
//!     const NAME: &'static str = "My company";
//!     fn rules(filing: &read::Filing) -> FilingRules { MyFiling::rules(filing) }
//! }
//! fn main() -> std::process::ExitCode {
//!     statement_core::cli::main::<MyFilings>()
//! }
//! ```
//!
//! The `statements` binary of this workspace is `statement_core::cli::main::<Kingsoft>()`.
//!
//! ```text
//! statements check [OPTIONS] [FILE|DIR|-]...
//! ```
//!
//! Files are checked in parallel on every core; their reports are written in the order given,
//! each as soon as it and the ones before it are done, so memory stays flat in the number of
//! filings. A file that cannot be read is reported on standard error (exit status 2) and the
//! others are still checked. See [`EXIT_CODES`].
//!
//! Tests and other programs call [`run`], which takes the arguments and the three standard
//! streams and returns the exit status.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::LayoutSet;
use crate::report::{self, HtmlSummary};

/// Every file was read and checked (failed checks included, unless `--strict`).
pub const EXIT_OK: u8 = 0;
/// Under `--strict`, a check failed.
pub const EXIT_CHECK_FAILED: u8 = 1;
/// Bad usage, or a file that could not be read (the others are still checked and reported).
pub const EXIT_USAGE_OR_UNREADABLE: u8 = 2;
/// Under `--strict`, a file in which no table was recognised (no statement bound).
pub const EXIT_NOTHING_RECOGNISED: u8 = 3;

/// The exit status, as `--help` prints it.
pub const EXIT_CODES: &str = "\
Exit status:
  0  every file was read and checked (failed checks included, unless --strict)
  1  --strict: a check failed
  2  bad usage, or a file could not be read (the others are still checked and reported)
  3  --strict: a file in which no table was recognised (no statement bound)
When several apply, the status is the first of 2, 3, 1.";

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "statements",
    version,
    propagate_version = true,
    subcommand_required = true,
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands. A new one is a variant here and an arm in [`run_with`].
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check that each filing's tables add up: subtotals, ties between statements, periods,
    /// currency translations, ratios. Failed checks are explained where the text allows.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Scaffold layouts from a filing: one `#[derive(Statement)]` struct per table, totals
    /// inferred from its figures, the relations between tables; with --crate, a Cargo project
    /// that checks the filing with them.
    Scaffold(ScaffoldArgs),
}

/// The arguments of `statements scaffold`.
#[derive(Clone, Debug, Args)]
pub struct ScaffoldArgs {
    /// The filing to scaffold layouts from.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Write a complete Cargo project to DIR (the layouts, a command line for them, the filing)
    /// instead of printing the layouts.
    #[arg(long = "crate", value_name = "DIR")]
    pub crate_dir: Option<PathBuf>,
    /// The path of statement-core the project depends on (default: the copy this tool was
    /// built from).
    #[arg(long, value_name = "PATH", requires = "crate_dir")]
    pub core_path: Option<PathBuf>,
}

/// The arguments of `statements check`.
#[derive(Clone, Debug, Args)]
pub struct CheckArgs {
    /// Filing text files; directories (every file in them, sorted, hidden ones skipped); `-`
    /// for standard input. None: the layout set's bundled filings.
    #[arg(value_name = "FILE|DIR|-")]
    pub inputs: Vec<PathBuf>,
    /// Report format: human (terse; see --verbose), json (one document), jsonl (one object per
    /// filing, written as each finishes), csv (one row per check), html (one self-contained
    /// page).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when a check failed, 3 when a file had no recognised table.
    #[arg(long)]
    pub strict: bool,
    /// Write no report to standard output and no progress (errors still go to standard error;
    /// the exit status tells; -o FILE is still written).
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Human report: list the numbers bound to no line item and the reader's damage too.
    #[arg(short, long)]
    pub verbose: bool,
}

/// The report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Terse text for people.
    Human,
    /// One JSON document: `{"filings": [...]}`.
    Json,
    /// JSON Lines: one object per filing, in input order.
    Jsonl,
    /// CSV: one row per check.
    Csv,
    /// One self-contained HTML page, every figure marked in the filing's text.
    Html,
}

/// What the process is attached to: colour and progress only on a terminal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Terminal {
    /// Colour the report on standard output.
    pub stdout_colour: bool,
    /// Colour messages on standard error.
    pub stderr_colour: bool,
    /// Show a progress bar on standard error for long runs.
    pub progress: bool,
}

impl Terminal {
    /// No terminal: no colour, no progress (what [`run`] assumes).
    pub const NONE: Terminal = Terminal {
        stdout_colour: false,
        stderr_colour: false,
        progress: false,
    };

    /// This process's terminal: colour where the stream is a terminal and `NO_COLOR` is unset
    /// (`CLICOLOR_FORCE` forces it), progress where standard error is a terminal.
    pub fn detect() -> Terminal {
        use std::io::IsTerminal;
        let colour = |c: anstream::ColorChoice| c != anstream::ColorChoice::Never;
        Terminal {
            stdout_colour: colour(anstream::AutoStream::choice(&io::stdout())),
            stderr_colour: colour(anstream::AutoStream::choice(&io::stderr())),
            progress: io::stderr().is_terminal(),
        }
    }
}

/// The command line of layout set `S`, for a binary's `main`: reads the process's arguments
/// and standard streams and returns its exit status.
pub fn main<S: LayoutSet>() -> ExitCode {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    // Standard error is locked per message, never for the whole run: a thread checking a filing
    // that panics must be able to say so (the panic hook writes there) rather than wait forever.
    let code = run_with::<S>(
        std::env::args_os(),
        &mut stdin.lock(),
        &mut out,
        &mut io::stderr(),
        Terminal::detect(),
    );
    // A reader that stopped early (`| head`) is not an error.
    let _ = out.flush();
    ExitCode::from(code)
}

/// Runs the command line of layout set `S` on `args` (the program's name first) with the given
/// standard streams, as if none were a terminal, and returns the exit status.
///
/// ```
/// use statement_core::{cli, kingsoft::Kingsoft};
/// let (mut out, mut err) = (Vec::new(), Vec::new());
/// let text = statement_core::kingsoft::H1_2023.text.as_bytes();
/// let code = cli::run::<Kingsoft>(["statements", "check", "--strict", "-"], &mut &text[..], &mut out, &mut err);
/// assert_eq!(code, cli::EXIT_CHECK_FAILED);
/// assert!(String::from_utf8(out).unwrap().starts_with("<stdin>\n"));
/// ```
pub fn run<S: LayoutSet>(
    args: impl IntoIterator<Item = impl Into<OsString>>,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    run_with::<S>(args, stdin, stdout, stderr, Terminal::NONE)
}

/// [`run`], with colour and progress as `terminal` says.
pub fn run_with<S: LayoutSet>(
    args: impl IntoIterator<Item = impl Into<OsString>>,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    terminal: Terminal,
) -> u8 {
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let name = args
        .first()
        .and_then(|a| Path::new(a).file_stem())
        .map_or_else(|| "statements".to_string(), |s| s.to_string_lossy().into_owned());
    let command = Cli::command()
        .name(name.clone())
        .bin_name(name.clone())
        .about(format!(
            "Check financial statement filings against the {} layouts.",
            S::NAME
        ))
        .color(if terminal.stderr_colour {
            clap::ColorChoice::Always
        } else {
            clap::ColorChoice::Never
        });
    let parsed = command
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let text = if terminal.stderr_colour {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let stream: &mut dyn Write = if e.use_stderr() { stderr } else { stdout };
            let _ = stream.write_all(text.as_bytes());
            let _ = stream.flush();
            return u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE_OR_UNREADABLE);
        }
    };
    let mut ctx = Ctx {
        name: &name,
        stdin,
        stdout,
        stderr,
        terminal,
    };
    match cli.command {
        Command::Check(a) => check::<S>(&a, &mut ctx),
        Command::Scaffold(a) => scaffold(&a, &mut ctx),
    }
}

/// The streams and names a subcommand works with.
struct Ctx<'a> {
    name: &'a str,
    stdin: &'a mut dyn Read,
    stdout: &'a mut dyn Write,
    stderr: &'a mut dyn Write,
    terminal: Terminal,
}

/// Messages on standard error, prefixed with the program's name.
struct Diag<'a> {
    name: &'a str,
    stderr: &'a mut dyn Write,
    colour: bool,
}

impl Diag<'_> {
    fn error(&mut self, message: &str) {
        let prefix = format!("{}:", self.name);
        let prefix = if self.colour {
            let style = anstyle::Style::new()
                .fg_color(Some(anstyle::AnsiColor::Red.into()))
                .bold();
            format!("{}{prefix}{}", style.render(), style.render_reset())
        } else {
            prefix
        };
        let _ = writeln!(self.stderr, "{prefix} {message}");
        let _ = self.stderr.flush();
    }
}

/// One filing to check.
enum Input {
    /// A bundled filing (index into the layout set's bundled filings).
    Bundled(usize),
    /// Standard input (read before the run).
    Stdin,
    /// A file.
    File(PathBuf),
    /// A directory entry that could not be listed.
    Unlistable(PathBuf, String),
}

/// What one filing gave.
struct Outcome {
    /// The report's part for this filing.
    report: Vec<u8>,
    /// Messages for standard error.
    errors: Vec<String>,
    /// The filing could not be read.
    unreadable: bool,
    /// A check failed.
    failed: bool,
    /// No table recognised.
    nothing_recognised: bool,
    /// For the HTML summary.
    summary: Option<HtmlSummary>,
    /// For the JSON document's `errors`.
    file_error: Option<report::FileError>,
}

/// The files of a directory, sorted, hidden entries skipped, sub-directories walked.
fn walk(dir: &Path, out: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.push(Input::Unlistable(dir.to_path_buf(), e.to_string()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for e in entries {
        match e {
            Ok(e) => {
                if !e.file_name().to_string_lossy().starts_with('.') {
                    paths.push(e.path());
                }
            }
            Err(e) => out.push(Input::Unlistable(dir.to_path_buf(), e.to_string())),
        }
    }
    paths.sort();
    for p in paths {
        // Directories are walked, but not through symbolic links (no cycles).
        let is_dir = std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir());
        if is_dir {
            walk(&p, out);
        } else {
            out.push(Input::File(p));
        }
    }
}

const STDIN_NAME: &str = "<stdin>";

/// `statements scaffold`: the layouts on standard output, or a Cargo project in `--crate DIR`.
fn scaffold(a: &ScaffoldArgs, ctx: &mut Ctx) -> u8 {
    let bytes = match std::fs::read(&a.file) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(ctx.stderr, "{}: {e}", a.file.display());
            return EXIT_USAGE_OR_UNREADABLE;
        }
    };
    let s = match crate::scaffold::scaffold_text(&a.file.to_string_lossy(), &bytes) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(ctx.stderr, "{e}");
            return EXIT_USAGE_OR_UNREADABLE;
        }
    };
    let Some(dir) = &a.crate_dir else {
        let _ = ctx.stdout.write_all(s.rust().as_bytes());
        return EXIT_OK;
    };
    let core = a
        .core_path
        .clone()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    if let Err(e) = s.write_crate(dir, &core, &bytes) {
        let _ = writeln!(ctx.stderr, "{}: {e}", dir.display());
        return EXIT_USAGE_OR_UNREADABLE;
    }
    let (totals, lines) = s.formula_count();
    let _ = writeln!(
        ctx.stdout,
        "{}: {} layouts, {lines} lines, {totals} totals inferred; check the filing with them: cd {} && cargo run -- check",
        dir.display(),
        s.layouts.len(),
        dir.display()
    );
    EXIT_OK
}

fn check<S: LayoutSet>(a: &CheckArgs, ctx: &mut Ctx) -> u8 {
    let terminal = ctx.terminal;
    let mut diag = Diag {
        name: ctx.name,
        stderr: &mut *ctx.stderr,
        colour: terminal.stderr_colour,
    };
    // The inputs, in order.
    let bundled = if a.inputs.is_empty() {
        S::bundled()
    } else {
        Vec::new()
    };
    let mut inputs: Vec<Input> = Vec::new();
    if a.inputs.is_empty() {
        if bundled.is_empty() {
            diag.error(&format!(
                "no FILE given, and the {} layouts bundle no filing",
                S::NAME
            ));
            return EXIT_USAGE_OR_UNREADABLE;
        }
        inputs.extend((0..bundled.len()).map(Input::Bundled));
    }
    let mut stdin_bytes: Option<Result<Vec<u8>, String>> = None;
    for p in &a.inputs {
        if p.as_os_str() == "-" {
            if stdin_bytes.is_none() {
                let mut buf = Vec::new();
                stdin_bytes = Some(
                    ctx.stdin
                        .read_to_end(&mut buf)
                        .map(|_| buf)
                        .map_err(|e| e.to_string()),
                );
            }
            inputs.push(Input::Stdin);
        } else if p.is_dir() {
            let before = inputs.len();
            walk(p, &mut inputs);
            if inputs.len() == before {
                diag.error(&format!("{}: no file in this directory", p.display()));
                return EXIT_USAGE_OR_UNREADABLE;
            }
        } else {
            inputs.push(Input::File(p.clone()));
        }
    }

    // Where the report goes.
    let mut file = match &a.output {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Some(io::BufWriter::new(f)),
            Err(e) => {
                diag.error(&format!("{}: cannot write the report: {e}", p.display()));
                return EXIT_USAGE_OR_UNREADABLE;
            }
        },
        None => None,
    };
    let mut sink_buf = io::sink();
    let to_stdout = file.is_none();
    let out: &mut dyn Write = match file.as_mut() {
        Some(f) => f,
        None if a.quiet => &mut sink_buf,
        None => &mut *ctx.stdout,
    };
    let colour = to_stdout && terminal.stdout_colour;
    let options = report::HumanOptions {
        verbose: a.verbose,
        colour,
    };

    let job = Job {
        format: a.format,
        options,
        bundled: &bundled,
        stdin: stdin_bytes.as_ref(),
    };
    let mut state = Totals::default();
    let progress = terminal.progress && !a.quiet;
    let mut spool: Option<Spool> = None;
    let mut summaries: Vec<HtmlSummary> = Vec::new();
    let mut file_errors: Vec<report::FileError> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let mut first = true;

    let written = (|| -> io::Result<()> {
        match a.format {
            Format::Csv => out.write_all(report::csv_header().as_bytes())?,
            Format::Json => out.write_all(b"{\n  \"filings\": [")?,
            Format::Html => spool = Some(Spool::new()?),
            Format::Human | Format::Jsonl => {}
        }
        let bar = progress.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(inputs.len() as u64),
                indicatif::ProgressDrawTarget::hidden(),
            );
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} filings, {elapsed} (ETA {eta})")
            {
                bar.set_style(style);
            }
            bar
        });
        let started = Instant::now();
        let mut shown = false;
        in_order(
            inputs.len(),
            |i| process::<S>(i, &inputs[i], &job),
            |_, o: Outcome| {
                state.add(&o);
                if let Some(bar) = &bar {
                    // Only long runs show progress.
                    if !shown && started.elapsed() > Duration::from_millis(300) {
                        shown = true;
                        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                    }
                    bar.inc(1);
                }
                let mut write = |out: &mut dyn Write, spool: &mut Option<Spool>| -> io::Result<()> {
                    match a.format {
                        Format::Html => {
                            if let Some(s) = spool.as_mut() {
                                s.file.write_all(&o.report)?;
                            }
                        }
                        Format::Json => {
                            if !o.report.is_empty() {
                                out.write_all(if first { b"\n" } else { b",\n" })?;
                                out.write_all(&o.report)?;
                                first = false;
                            }
                        }
                        _ => {
                            out.write_all(&o.report)?;
                            out.flush()?;
                        }
                    }
                    Ok(())
                };
                let r = match &bar {
                    Some(bar) if shown => bar.suspend(|| write(out, &mut spool)),
                    _ => write(out, &mut spool),
                };
                errors.extend(o.errors);
                for e in std::mem::take(&mut errors) {
                    match &bar {
                        Some(bar) if shown => bar.suspend(|| diag.error(&e)),
                        _ => diag.error(&e),
                    }
                }
                summaries.extend(o.summary);
                file_errors.extend(o.file_error);
                r
            },
        )?;
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        match a.format {
            Format::Json => {
                out.write_all(if first { b"]" } else { b"\n  ]" })?;
                if !file_errors.is_empty() {
                    let e = serde_json::to_string_pretty(&file_errors).map_err(io::Error::other)?;
                    out.write_all(b",\n  \"errors\": ")?;
                    out.write_all(e.replace('\n', "\n  ").as_bytes())?;
                }
                out.write_all(b"\n}\n")?;
            }
            Format::Html => {
                let title = format!(
                    "{}: {} filing{} checked",
                    S::NAME,
                    inputs.len(),
                    if inputs.len() == 1 { "" } else { "s" }
                );
                out.write_all(report::html_page_start(&title, &summaries).as_bytes())?;
                if let Some(s) = spool.take() {
                    s.copy_to(out)?;
                }
                out.write_all(report::html_page_end().as_bytes())?;
            }
            _ => {}
        }
        out.flush()
    })();
    if let Err(e) = written {
        // A reader that stops early (`| head`) is not an error.
        if e.kind() != io::ErrorKind::BrokenPipe || !to_stdout {
            let place = a
                .output
                .as_ref()
                .map_or_else(|| "standard output".to_string(), |p| p.display().to_string());
            diag.error(&format!("cannot write the report to {place}: {e}"));
            return EXIT_USAGE_OR_UNREADABLE;
        }
    }
    if a.strict && state.nothing_recognised > 0 {
        diag.error(&format!(
            "{} file{} in which no table was recognised by the {} layouts (--strict)",
            state.nothing_recognised,
            if state.nothing_recognised == 1 { "" } else { "s" },
            S::NAME
        ));
    }
    state.status(a.strict)
}

/// Counts over the run.
#[derive(Default)]
struct Totals {
    unreadable: usize,
    failed: usize,
    nothing_recognised: usize,
}

impl Totals {
    fn add(&mut self, o: &Outcome) {
        self.unreadable += usize::from(o.unreadable);
        self.failed += usize::from(o.failed);
        self.nothing_recognised += usize::from(o.nothing_recognised);
    }

    fn status(&self, strict: bool) -> u8 {
        if self.unreadable > 0 {
            EXIT_USAGE_OR_UNREADABLE
        } else if strict && self.nothing_recognised > 0 {
            EXIT_NOTHING_RECOGNISED
        } else if strict && self.failed > 0 {
            EXIT_CHECK_FAILED
        } else {
            EXIT_OK
        }
    }
}

/// What every filing of a run shares.
struct Job<'a> {
    format: Format,
    options: report::HumanOptions,
    bundled: &'a [(String, Vec<u8>)],
    stdin: Option<&'a Result<Vec<u8>, String>>,
}

/// Reads, checks, explains and renders one filing.
fn process<S: LayoutSet>(index: usize, input: &Input, job: &Job) -> Outcome {
    let index_name;
    let (name, bytes): (&str, std::borrow::Cow<[u8]>) = match input {
        Input::Bundled(i) => {
            let (n, b) = &job.bundled[*i];
            (n.as_str(), b.as_slice().into())
        }
        Input::Stdin => match job.stdin {
            Some(Ok(b)) => (STDIN_NAME, b.as_slice().into()),
            Some(Err(e)) => {
                return unreadable(index, job, STDIN_NAME, format!("{STDIN_NAME}: cannot read: {e}"));
            }
            None => return unreadable(index, job, STDIN_NAME, format!("{STDIN_NAME}: not read")),
        },
        Input::File(p) => {
            index_name = p.display().to_string();
            match std::fs::read(p) {
                Ok(b) => (index_name.as_str(), b.into()),
                Err(e) => {
                    return unreadable(index, job, &index_name, format!("{index_name}: cannot read: {e}"));
                }
            }
        }
        Input::Unlistable(p, e) => {
            let n = p.display().to_string();
            return unreadable(index, job, &n, format!("{n}: cannot list: {e}"));
        }
    };
    let filing = match crate::read::read(name, &bytes) {
        Ok(f) => f,
        Err(e) => return unreadable(index, job, name, e.to_string()),
    };
    let rules = S::rules(&filing);
    let r = crate::check::check_filing(&filing, &rules);
    let why = crate::explain::explain_filing(&filing, &rules, &r);
    let mut summary = None;
    let report = match job.format {
        Format::Human => (report::human_with(&r, &why, job.options) + "\n").into_bytes(),
        Format::Json => serde_json::to_string_pretty(&report::filing(&r, &why))
            .map(|s| {
                let mut t = String::from("    ");
                t.push_str(&s.replace('\n', "\n    "));
                t.into_bytes()
            })
            .unwrap_or_default(),
        Format::Jsonl => serde_json::to_string(&report::filing(&r, &why))
            .map(|s| (s + "\n").into_bytes())
            .unwrap_or_default(),
        Format::Csv => {
            let mut v = Vec::new();
            let _ = report::write_csv(&r, &mut v);
            v
        }
        Format::Html => {
            let text = std::str::from_utf8(&bytes).unwrap_or_default();
            let (s, sum) = report::html_filing_section(
                index,
                &report::HtmlFiling {
                    filing: &filing,
                    text: text.trim_start_matches('\u{feff}'),
                    report: &r,
                    explanations: &why,
                },
            );
            summary = Some(sum);
            s.into_bytes()
        }
    };
    Outcome {
        report,
        errors: Vec::new(),
        unreadable: false,
        failed: r.failures().next().is_some(),
        nothing_recognised: r.statements == 0,
        summary,
        file_error: None,
    }
}

fn unreadable(index: usize, job: &Job, name: &str, message: String) -> Outcome {
    let mut summary = None;
    let report = match job.format {
        Format::Jsonl => serde_json::to_string(&report::FileError {
            source: name.to_string(),
            error: message.clone(),
        })
        .map(|s| (s + "\n").into_bytes())
        .unwrap_or_default(),
        Format::Html => {
            let (s, sum) = report::html_error_section(index, name, &message);
            summary = Some(sum);
            s.into_bytes()
        }
        _ => Vec::new(),
    };
    Outcome {
        report,
        errors: vec![message.clone()],
        unreadable: true,
        failed: false,
        nothing_recognised: false,
        summary,
        file_error: Some(report::FileError {
            source: name.to_string(),
            error: message,
        }),
    }
}

/// Runs `work` on `0..n` in parallel on rayon's pool and hands each result to `sink` in index
/// order, as soon as it and those before it are done. At most a few results per thread wait
/// for their turn, so memory stays flat in `n`. Stops at the first error of `sink`.
fn in_order<T: Send>(
    n: usize,
    work: impl Fn(usize) -> T + Sync,
    mut sink: impl FnMut(usize, T) -> io::Result<()>,
) -> io::Result<()> {
    let window = rayon::current_num_threads().max(1) * 4;
    let written = Mutex::new(0usize);
    let turn = Condvar::new();
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    let mut result = Ok(());
    std::thread::scope(|scope| {
        scope.spawn(|| {
            (0..n).par_bridge().for_each_with(tx, |tx, i| {
                {
                    let mut w = written.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *w + window && !stop.load(Ordering::Relaxed) {
                        w = turn.wait(w).unwrap_or_else(|e| e.into_inner());
                    }
                }
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let _ = tx.send((i, work(i)));
            });
        });
        let mut pending: BTreeMap<usize, T> = BTreeMap::new();
        let mut next = 0;
        for (i, t) in rx {
            if result.is_err() {
                continue;
            }
            pending.insert(i, t);
            while let Some(t) = pending.remove(&next) {
                if let Err(e) = sink(next, t) {
                    result = Err(e);
                    stop.store(true, Ordering::Relaxed);
                    pending.clear();
                    break;
                }
                next += 1;
            }
            *written.lock().unwrap_or_else(|e| e.into_inner()) = next;
            turn.notify_all();
        }
    });
    result
}

/// The HTML sections, kept in a temporary file until the summary at the top of the page is
/// known.
struct Spool {
    path: PathBuf,
    file: io::BufWriter<std::fs::File>,
}

impl Spool {
    fn new() -> io::Result<Spool> {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "statements-{}-{}.html.part",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let file = io::BufWriter::new(
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .open(&path)?,
        );
        Ok(Spool { path, file })
    }

    fn copy_to(mut self, out: &mut dyn Write) -> io::Result<()> {
        use std::io::Seek;
        self.file.flush()?;
        let f = self.file.get_mut();
        f.seek(io::SeekFrom::Start(0))?;
        let mut reader = io::BufReader::new(&*f);
        io::copy(&mut reader, out)?;
        Ok(())
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
