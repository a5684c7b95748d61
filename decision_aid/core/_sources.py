"""Where the built-in packs are: $DECISION_AID_HOME, the installed package, or a checkout.

Authors edit `rules/`, `content/` and `docs/ABOUT.md` at the top of the repository. A wheel
carries copies of them inside the package (`decision_aid/_data/`, mapped in by the build
backend), found here through `importlib.resources`, so an installed decision-aid runs from
any folder. An editable install or a source checkout has no `_data/` and reads the
repository's own folders. `DECISION_AID_HOME=DIR` overrides both with a folder laid out like
the repository (`DIR/rules`, `DIR/content`, `DIR/docs/ABOUT.md`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

ENV_HOME = "DECISION_AID_HOME"
_PACKAGED = "_data"


@dataclass(frozen=True, slots=True)
class BuiltinPacks:
    """The built-in rules and content folders, the ABOUT page, and where they were found."""

    rules: Path
    content: Path
    about: Path
    origin: str
    """`environment` ($DECISION_AID_HOME), `package` (an installed wheel) or `checkout`."""

    @property
    def cases(self) -> Path:
        """The trainer cases shipped with the content."""
        return self.content / "cases"


def builtin_packs(environ: Mapping[str, str] | None = None) -> BuiltinPacks:
    """Find the built-in packs (cheap: no file is read)."""
    env = os.environ if environ is None else environ
    home = env.get(ENV_HOME)
    if home:
        root = Path(home)
        return BuiltinPacks(root / "rules", root / "content", root / "docs" / "ABOUT.md",
                            "environment")
    return _product()


def base_wording_file() -> Path:
    """The product's interface wording, the base that every layer's `wording:` replaces.

    Not moved by $DECISION_AID_HOME: a home with a wording file of its own replaces entries
    like any overlay, and one without keeps the product's words.
    """
    return _product().content / "wording.yaml"


def _product() -> BuiltinPacks:
    """The packs that came with this copy of decision-aid: packaged, else the checkout's."""
    packaged = _packaged_data()
    if packaged is not None:
        return BuiltinPacks(packaged / "rules", packaged / "content", packaged / "ABOUT.md",
                            "package")
    checkout = Path(__file__).resolve().parents[2]
    return BuiltinPacks(checkout / "rules", checkout / "content",
                        checkout / "docs" / "ABOUT.md", "checkout")


def _packaged_data() -> Path | None:
    """`decision_aid/_data` of an installed wheel, when the package lives in real files.

    A zipped install would give a Traversable that is not a path; the loader reads real
    files, so such an install falls back to the checkout layout (and reports it missing).
    """
    data = resources.files("decision_aid").joinpath(_PACKAGED)
    if isinstance(data, Path) and data.is_dir():
        return data
    return None
