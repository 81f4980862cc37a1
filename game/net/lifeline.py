"""A served game ends with its server (issue 36): a `treaty serve` killed outright (SIGKILL,
a terminal closed hard) must not leave a class's games, or its fork server, running with
no one to reach them.

Each of them calls `end_with(pid)` with the server's process id (given to each game in
`SERVER_PID`): where the server is its parent, Linux's `prctl(PR_SET_PDEATHSIG)` ends it
the moment the server does; everywhere (a forked game, whose parent is the fork server; a
game started through a shell) a thread also looks every second for the server.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from pathlib import Path

SERVER_PID = "TREATY_SERVER_PID"
"""The serving process's id, in each visitor's game's environment."""
EVERY_SECONDS = 1.0
PR_SET_PDEATHSIG = 1


def end_with_parent() -> None:
    """Have the kernel end this process (SIGTERM) when its parent ends, where it can
    (Linux); nothing elsewhere."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)


def alive(pid: int) -> bool:
    """Whether `pid` runs (a process that has ended but is not yet reaped has not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError, IndexError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    return True


def end_with(pid: int) -> None:
    """End this process when `pid` is gone: at once (Linux) when `pid` is its parent, and
    within a second or so everywhere."""
    if pid == os.getppid():
        end_with_parent()
    if not alive(pid):  # it ended before anyone watched it
        os._exit(1)

    def watch() -> None:
        while alive(pid):
            time.sleep(EVERY_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)
        os._exit(1)  # a game that did not end on SIGTERM

    threading.Thread(target=watch, name="lifeline", daemon=True).start()


def end_with_server() -> None:
    """In a visitor's game: end with the server named in `SERVER_PID`, if any. A forked
    game's parent is the fork server, whose end is not the server's: the game watches the
    server itself."""
    given = os.environ.get(SERVER_PID, "")
    if given.isdigit() and int(given) > 1:
        end_with(int(given))
