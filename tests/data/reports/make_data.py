"""Writes the report texts of this folder (their invisible bytes are easier to read here than in the files).

Both texts are invented for the tests; no real news is quoted. Run: ``python make_data.py``.
The expected paragraphs are written by hand in ``*.expected.json``, not computed.
"""

from pathlib import Path

HERE = Path(__file__).parent

# Wire copy as it arrives: a BOM, CRLF line ends, a dateline, runs of blank lines, lines of spaces, a tab,
# NBSP and ideographic space between paragraphs, trailing spaces, an editing line and a credit line.
WIRE = [
    "\ufeffKESTREL BAY, March 14 (Meridian Wire) -- The foreign ministers of Arvania and Lodoria met on Thursday"
    " in the port city of Kestrel Bay, their first talks in person since the border accord lapsed last year.",
    "",
    "",
    "Arvanian Foreign Minister Tessa Morrow and her Lodorian counterpart, Ilya Veskin, discussed fishing rights"
    " in the Straits of Hale,",
    "the reopening of two consulates and a joint study of the river dams, officials from both sides said.   ",
    "   ",
    "\t",
    '"We have agreed to keep talking, which is more than we managed in March," Morrow told reporters after'
    " the meeting.",
    "\u00a0",
    " \u3000 ",
    "Veskin said the two sides would set up a working group on the straits, to report by the end of June.",
    "",
    "",
    "",
    "No agreement was reached on the dams.\t",
    "",
    "(Reporting by A. N. Writer; Editing by P. Editor)",
    "",
    "Based on Meridian Wire report",
    "",
    "",
]

# Text that tries to steer a terminal: OSC 52 (write the clipboard), clear screen, BiDi override and isolates,
# Textual action markup, a C1 CSI, a zero-width space and a bell.
HOSTILE = [
    "HALEPORT, June 2 (Meridian Wire) -- Officials met.",
    "",
    "Clipboard grab: \x1b]52;c;ZWNobyBwd25lZA==\x07 done.",
    "Screen wipe: \x1b[2J\x1b[H after.",
    "",
    "Reversed: \u202egnp.exe\u202c and isolate \u2066x\u2069.",
    "",
    "[@click=app.quit]Close[/] and [bold red]markup[/bold red] stay text.",
    "",
    "C1 CSI \x9b31m and zero width \u200b here; bell \x07.",
    "",
    "Based on Meridian Wire report",
]

if __name__ == "__main__":
    (HERE / "wire.txt").write_bytes("\r\n".join(WIRE).encode("utf-8"))
    (HERE / "hostile.txt").write_bytes(("\n".join(HOSTILE) + "\n").encode("utf-8"))
