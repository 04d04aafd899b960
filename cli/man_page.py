"""Writes caseledger(1), the man page, from the program's own help.

    python3 cli/man_page.py PROGRAM OUTPUT

An OUTPUT ending in .gz is written compressed.

The page is made at build time from `caseledger --help`, each command's `--help` and
`--version`, so it says what the program built beside it says, and cannot drift from it.
help2man does the same for one --help text but not for a program with commands, and would
be one more build dependency: this turns the help into roff the same way, for every
command.

The help texts are Boost.Program_options' format: paragraphs at the margin, "Heading:"
lines, and items indented two spaces (an option or a command, its description after a run
of spaces, wrapped lines indented further).
"""

import gzip
import re
import subprocess
import sys


def run(program, *args):
    return subprocess.run(
        [program, *args], check=True, capture_output=True, encoding="utf-8"
    ).stdout


def escape(text):
    """Text as roff reads it literally: a backslash as \\e, a hyphen as \\- (which man
    renders as the ASCII hyphen-minus, so that options can be searched for and copied)."""
    return text.replace("\\", "\\e").replace("-", "\\-")


def text_line(text):
    """A line of running text; one starting with a dot or quote would be a request."""
    line = escape(text)
    return "\\&" + line if line[:1] in (".", "'") else line


def term(text):
    """An item's term: options and the command bold, argument names italic."""
    words = []
    for index, word in enumerate(text.split(" ")):
        if word.startswith("-") or (index == 0 and re.fullmatch(r"[a-z]+", word)):
            words.append("\\fB" + escape(word) + "\\fR")
        elif word == "arg" or re.fullmatch(r"[A-Z][A-Z.…]*", word):
            words.append("\\fI" + escape(word) + "\\fR")
        else:
            words.append(escape(word))
    return " ".join(words)


def render(help_text):
    """The roff of one help text: paragraphs filled, headings bold, items as .TP."""
    out = []
    state = None  # None between blocks, "paragraph" or "item" inside one
    for line in help_text.splitlines():
        if not line.strip():
            state = None
        elif re.fullmatch(r"\S.*:", line):
            out += [".PP", "\\fB" + escape(line) + "\\fR"]
            state = None
        elif item := re.fullmatch(r"  (\S.*?)(?: {2,}(.*))?", line):
            out += [".TP", term(item.group(1))]
            if item.group(2):
                out.append(text_line(item.group(2)))
            state = "item"
        elif state is None:
            out += [".PP", text_line(line.strip())]
            state = "paragraph"
        else:  # a wrapped line of the paragraph or of the item's description
            out.append(text_line(line.strip()))
    return out


def synopsis(usage):
    """A help text's Usage paragraph as a SYNOPSIS entry: one line, the program bold."""
    line = " ".join(usage.removeprefix("Usage: ").split())
    return "\\fBcaseledger\\fR " + escape(line.removeprefix("caseledger "))


def main(program, output):
    version = run(program, "--version").strip()
    usage, _, rest = run(program, "--help").partition("\n")
    summary, _, rest = rest.strip("\n").partition("\n")
    commands = re.findall(r"^  ([a-z]+) ", rest.partition("Commands:\n")[2].split("\n\n")[0], re.M)
    if not commands:
        sys.exit(f"man_page.py: no commands in {program} --help")
    # Each command's help: its Usage paragraph goes to the SYNOPSIS, the rest to COMMANDS.
    helps = [run(program, command, "--help").partition("\n\n") for command in commands]

    page = [
        f'.TH CASELEDGER 1 "" "{escape(version)}" "User Commands"',
        # Options and file names are not to be hyphenated or stretched.
        ".nh",
        ".ad l",
        ".SH NAME",
        "caseledger \\- " + escape(summary[0].lower() + summary[1:].rstrip(".")),
        ".SH SYNOPSIS",
        synopsis(usage),
    ]
    for command_usage, _, _ in helps:
        page += [".br", synopsis(command_usage)]
    page += [".SH DESCRIPTION", *render(rest), ".SH COMMANDS"]
    for command, (_, _, command_help) in zip(commands, helps):
        page += [f".SS {command}", *render(command_help)]
    page += [
        ".SH SEE ALSO",
        "The docs/ folder of the caseledger source: the ledger format, the metrics, the "
        "JSON report, the workbook, the errors and the limits.",
    ]
    text = ("\n".join(page) + "\n").encode("utf-8")
    if output.endswith(".gz"):
        # Compressed as Debian installs man pages (gzip -9n: no name, no time stamp, so
        # that the same help gives the same bytes).
        with open(output, "wb") as raw, gzip.GzipFile(
            filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0
        ) as file:
            file.write(text)
    else:
        with open(output, "wb") as file:
            file.write(text)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: man_page.py PROGRAM OUTPUT")
    main(sys.argv[1], sys.argv[2])
