"""The teacher's settings: for now, the content folder the game includes every time, so
that `--content DIR` need not be typed. Kept as JSON in the user config folder
(platformdirs), or in `TREATY_CONFIG_DIR`."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

SETTINGS_NAME = "settings.json"


def config_dir() -> Path:
    """`TREATY_CONFIG_DIR`, or the user config folder of this system (platformdirs)."""
    given = os.environ.get("TREATY_CONFIG_DIR")
    if given:
        return Path(given)
    from platformdirs import user_config_dir

    return Path(user_config_dir("treaty-talks", appauthor=False))


@dataclass
class Settings:
    content: str | None = None
    """The teacher's content folder, included with the bundled content everywhere."""
    problem: str | None = None
    """Why the settings file could not be read, when it could not (defaults are used)."""


def settings_path() -> Path:
    return config_dir() / SETTINGS_NAME


def load_settings() -> Settings:
    """The settings; a missing file means the defaults, an unreadable one too (and says so)."""
    path = settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        return Settings(problem=f"{path}: the settings cannot be read ({exc}); using none")
    content = data.get("content") if isinstance(data, dict) else None
    return Settings(content=content if isinstance(content, str) and content else None)


def save_settings(settings: Settings) -> Path:
    """Write the settings (OSError when the folder cannot be written)."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"content": settings.content}
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    temporary.replace(path)  # never a half-written settings file
    return path


def content_folders(given: list[str], settings: Settings | None = None) -> list[str]:
    """The folders given on the command line, then the remembered one (once)."""
    settings = settings if settings is not None else load_settings()
    folders = list(given)
    remembered = settings.content
    if remembered and all(Path(f).resolve() != Path(remembered).resolve() for f in folders):
        folders.append(remembered)
    return folders
