"""Run decision-aid in a child process under resource limits and measure what it used.

Bounds are generous (CI machines are slow and shared) and coarse: a CPU-time limit set
with `setrlimit` (the kernel stops a child that passes it), the child's peak resident
memory, and a wall-clock watchdog that only catches a hang (a FIFO opened for reading
blocks without using any CPU). No test times anything finely.

The peak memory is the child's own `VmHWM`, which it writes as it exits: `wait4`'s
`ru_maxrss` on Linux also counts the memory of the forking parent (pytest) before exec.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

CPU_SECONDS = 10
"""CPU time a child may use (issue 13: no input takes more than a few seconds)."""
MAX_RSS_MB = 200
"""Peak resident memory a child may reach (issue 13: no input takes more than 200 MB)."""
HANG_SECONDS = 60
REPORT_ENV = "DECISION_AID_HOSTILE_REPORT"
"""When set, each checked child appends `test id, exit code, peak MB, CPU s` to that file."""
ADDRESS_SPACE = 2 << 30  # a runaway child fails here instead of exhausting the machine


@dataclass(frozen=True)
class Child:
    code: int
    stdout: str
    stderr: str
    rss_mb: float
    cpu_s: float
    hung: bool

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


LIMITS = f"""
import atexit, os, resource
resource.setrlimit(resource.RLIMIT_CPU, ({CPU_SECONDS}, {CPU_SECONDS + 1}))
resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE}, {ADDRESS_SPACE}))
def _peak(path=os.environ.pop("HOSTILE_PEAK_FILE", "")):
    with open("/proc/self/status") as status, open(path, "w") as out:
        out.write(next(l for l in status if l.startswith("VmHWM:")).split()[1])
atexit.register(_peak)
"""
COMMAND_LINE = "import runpy; runpy.run_module('decision_aid', run_name='__main__')"


def run_child(args: Sequence[str], *, env: Mapping[str, str], cwd: Path, stdin: bytes = b"",
              code: str = COMMAND_LINE) -> Child:
    """`decision-aid ARGS` (or the Python `code` with ARGS in sys.argv) in a child process
    that sets its own limits first; never raises."""
    fd, peak_file = tempfile.mkstemp(prefix="peak-")
    os.close(fd)
    proc = subprocess.Popen([sys.executable, "-c", LIMITS + code, *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**env, "HOSTILE_PEAK_FILE": peak_file},
                            cwd=cwd)
    chunks: dict[str, bytes] = {}

    def drain(name: str, stream: object) -> None:
        chunks[name] = stream.read()  # type: ignore[attr-defined]

    def feed() -> None:
        assert proc.stdin is not None
        try:
            proc.stdin.write(stdin)
            proc.stdin.close()
        except BrokenPipeError:
            pass

    threads = [threading.Thread(target=drain, args=("out", proc.stdout)),
               threading.Thread(target=drain, args=("err", proc.stderr)),
               threading.Thread(target=feed)]
    for thread in threads:
        thread.start()
    hung = threading.Event()
    watchdog = threading.Timer(HANG_SECONDS, lambda: (hung.set(), proc.kill()))
    watchdog.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        watchdog.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    for thread in threads:
        thread.join()
    for stream in (proc.stdout, proc.stderr):
        assert stream is not None
        stream.close()
    peak = Path(peak_file)
    peak_kb = peak.read_text() or str(usage.ru_maxrss)  # empty if it never reached exit
    peak.unlink()
    return Child(proc.returncode, chunks.get("out", b"").decode("utf-8", "replace"),
                 chunks.get("err", b"").decode("utf-8", "replace"), int(peak_kb) / 1024,
                 usage.ru_utime + usage.ru_stime, hung.is_set())


def assert_bounded(child: Child, *, code: int, line: str | None = None) -> None:
    """The child finished within the bounds, without a traceback, with this exit code and
    (when given) one output line matching the regular expression `line`."""
    report = os.environ.get(REPORT_ENV)
    if report:
        test = os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0]
        with Path(report).open("a", encoding="utf-8") as out:
            out.write(f"{test}\t{child.code}\t{child.rss_mb:.0f}\t{child.cpu_s:.2f}\n")
    assert not child.hung, f"hung for {HANG_SECONDS} s"
    assert child.code != -signal.SIGXCPU and child.code != -signal.SIGKILL, \
        f"stopped at the {CPU_SECONDS} s CPU limit"
    assert "Traceback" not in child.output, child.stderr[-2000:]
    assert child.rss_mb < MAX_RSS_MB, f"peak memory {child.rss_mb:.0f} MB"
    assert child.code == code, (child.code, child.output[-2000:])
    if line is not None:
        found = [ln for ln in child.output.splitlines() if re.search(line, ln)]
        assert found, (line, child.output[-2000:])
        assert all(len(ln) < 400 for ln in found), "a message quotes too much of the input"
