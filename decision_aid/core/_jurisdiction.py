"""The jurisdiction a user asks for (`--jurisdiction`, $DECISION_AID_JURISDICTION), checked
once for every command and face that takes it.

It only orders the sources (the asked-for jurisdiction's first), so a typo would otherwise
pass unnoticed: every face refuses a name no source uses, with the same one line.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping

from decision_aid.core._errors import UnknownJurisdiction
from decision_aid.core._model import KnowledgeBase

ENV_JURISDICTION = "DECISION_AID_JURISDICTION"
OPTION = "--jurisdiction"


def jurisdiction_setting(option: str | None, environ: Mapping[str, str] | None = None
                         ) -> tuple[str | None, str]:
    """The jurisdiction asked for: the option, or else the variable; with which one said it
    (for messages). An empty or blank value is no jurisdiction."""
    if option is not None and option.strip():
        return option.strip(), OPTION
    value = (os.environ if environ is None else environ).get(ENV_JURISDICTION, "").strip()
    return value or None, ENV_JURISDICTION


def check_jurisdiction(kb: KnowledgeBase, value: str | None, *, where: str = OPTION
                       ) -> str | None:
    """`value` as the sources spell it (any case is taken), or None for none.

    Raises:
        UnknownJurisdiction: no source names it; the message says where it came from,
        the closest known one and all of them.
    """
    if value is None:
        return None
    known = kb.jurisdictions()
    by_fold = {k.casefold(): k for k in known}
    if value.casefold() in by_fold:
        return by_fold[value.casefold()]
    close = difflib.get_close_matches(value.casefold(), list(by_fold), n=1, cutoff=0.6)
    suggestion = by_fold[close[0]] if close else None
    raise UnknownJurisdiction(value, where=where, known=known, suggestion=suggestion)
