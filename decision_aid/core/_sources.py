"""Where packs come from: the built-in ones, $DECISION_AID_RULES overlays, `--rules` ones.

The built-in packs are found in $DECISION_AID_HOME, the installed package, or a checkout.

Authors edit `rules/`, `content/` and `docs/ABOUT.md` at the top of the repository. A wheel
carries copies of them inside the package (`decision_aid/_data/`, mapped in by the build
backend), found here through `importlib.resources`, so an installed decision-aid runs from
any folder. An editable install or a source checkout has no `_data/` and reads the
repository's own folders. `DECISION_AID_HOME=DIR` overrides both with a folder laid out like
the repository (`DIR/rules`, `DIR/content`, `DIR/docs/ABOUT.md`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from decision_aid.core._files import real_path

ENV_HOME = "DECISION_AID_HOME"
_PACKAGED = "_data"


BUILTIN_LAYER = "built-in"
ENV_RULES = "DECISION_AID_RULES"


def overlay_dirs_from_env(environ: dict[str, str] | None = None) -> list[Path]:
    value = (environ if environ is not None else os.environ).get(ENV_RULES, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


@dataclass(frozen=True, slots=True)
class Layer:
    name: str
    paths: tuple[Path, ...]

    @classmethod
    def builtin(cls, *paths: Path) -> Layer:
        """A layer read as the built-in one (its rules are `built-in` in results and lint)."""
        return cls(BUILTIN_LAYER, paths)


def default_layers(overlays: Sequence[Path] = (), *, builtin: bool = True,
                   environ: dict[str, str] | None = None) -> list[Layer]:
    """Built-in rules and content, then $DECISION_AID_RULES, then `overlays`, in that order."""
    layers = []
    if builtin:
        packs = builtin_packs()
        layers.append(Layer(BUILTIN_LAYER, (packs.content, packs.rules)))
    seen = {real_path(p) for layer in layers for p in layer.paths}
    for path in [*overlay_dirs_from_env(environ), *overlays]:
        if real_path(path) in seen:
            continue
        seen.add(real_path(path))
        layers.append(Layer(path.name or str(path), (path,)))
    return layers


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
