"""`run_interview`: pick plain or rich mode, run the interview, turn its end into an exit code.

Exit codes follow the project's contract: 0 finished (also: Ctrl-D, the usual way to leave
an interactive prompt), 2 bad input (also: the --save file could not be written), 3 input
ended before an answer (plain mode on a pipe or file), 130 interrupted (Ctrl-C). Leaving
never shows a traceback. This module imports no face library, so importing
`decision_aid.terminal` stays cheap.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from decision_aid.exit_codes import ExitCode

if TYPE_CHECKING:
    from decision_aid.core import KnowledgeBase, Wording
    from decision_aid.terminal.face import Face



def wants_plain(*, plain: bool, stdin: TextIO, stdout: TextIO,
                environ: Mapping[str, str] | None = None) -> bool:
    """Plain lines unless both ends are terminals and nothing asks for plain output.

    NO_COLOR counts when set and not empty, as no-color.org defines it.
    """
    env = os.environ if environ is None else environ
    if plain or env.get("NO_COLOR") or env.get("TERM", "") == "dumb":
        return True
    return not (_isatty(stdin) and _isatty(stdout))


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def run_interview(kb: KnowledgeBase, *, topic: str | None, plain: bool, save: Path | None,
                  jurisdiction: str | None, stdin: TextIO, stdout: TextIO,
                  force: bool = False) -> int:
    """Run one interview on these streams and return the process exit code.

    `save` is written at each result; a file there before the interview wrote it is kept
    unless `force`.
    """
    from decision_aid.core import require_format

    if save is not None:
        try:
            require_format(save)
        except ValueError as err:
            return _fail(str(err))
    if not kb.topics:
        return _fail("no topics are loaded (add a rules directory with --rules DIR)")
    if topic is not None:
        from decision_aid.core import SessionError, start

        try:
            start(kb, topic)
        except SessionError as err:
            return _fail(f"error: {err}")

    if wants_plain(plain=plain, stdin=stdin, stdout=stdout):
        return run_with_face(kb, _plain_face(kb, stdin, stdout), topic=topic, save=save,
                             jurisdiction=jurisdiction, plain=True, force=force,
                             typed=_isatty(stdin))
    with ExitStack() as stack:
        own = stdin is sys.stdin and stdout is sys.stdout
        if not own:
            from prompt_toolkit.application import create_app_session
            from prompt_toolkit.input import create_input
            from prompt_toolkit.output import create_output

            stack.enter_context(create_app_session(input=create_input(stdin),
                                                   output=create_output(stdout)))
        face = _tty_face(stdout, own=own, wording=kb.wording)
        return run_with_face(kb, face, topic=topic, save=save, jurisdiction=jurisdiction,
                             plain=False, force=force)


def run_with_face(kb: KnowledgeBase, face: Face, *, topic: str | None, save: Path | None,
                  jurisdiction: str | None, plain: bool, force: bool = False,
                  typed: bool = True) -> int:
    """The interview on any face, with interrupts and ends of input turned into codes.

    `typed`: a person types the input, so its end (Ctrl-D) means "I am done"; the end of a
    piped script before the interview finished is an unanswered question instead.
    """
    from decision_aid.core import SessionError
    from decision_aid.terminal.interview import Interview

    interview = Interview(kb, face, jurisdiction=jurisdiction, save=save, force=force)
    try:
        interview.run(topic)
        if interview.save_failed:
            return _fail(kb.wording("save.not_saved", path=save), ExitCode.BAD_INPUT)
        return ExitCode.OK
    except KeyboardInterrupt:
        # The plain face ends its own prompt line; the rich one leaves the cursor on it.
        return _fail(("" if plain else "\n") + kb.wording("interview.interrupted"),
                     ExitCode.INTERRUPTED)
    except EOFError:
        if plain and not typed:
            return _fail(kb.wording("interview.input_ended"), ExitCode.NEEDS_ANSWER)
        return _fail(("" if plain else "\n") + kb.wording("interview.left"), ExitCode.OK)
    except SessionError as err:
        return _fail(f"error: {err}", ExitCode.CHECKS_FAILED)


def _plain_face(kb: KnowledgeBase, stdin: TextIO, stdout: TextIO) -> Face:
    from decision_aid.terminal.plain import PlainFace

    return PlainFace(stdin, stdout, kb.wording)


def _tty_face(stdout: TextIO, *, own: bool, wording: Wording) -> Face:
    from decision_aid.terminal.tty import TtyFace, input_reader, prefetch, toolkit_reader

    prefetch()
    return TtyFace(stdout, input_reader if own else toolkit_reader, wording=wording)


def _fail(message: str, code: int = ExitCode.BAD_INPUT) -> int:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
    return code
