"""WEB_PROCESSES > 1: HTTP mode served by several worker processes on one listening socket.

One process runs one Python interpreter, so one GIL: its requests share one core. To use
more cores on one machine the parent (`reflectiebot run`):

1. migrates the database and asks Slack's auth.test in a short-lived child process (so the
   parent itself never opens an engine or a Slack client, and a failure every worker would
   meet, such as Slack unreachable or a refused bot token, is said once),
2. binds HOST:PORT (a port in use is one line and exit 1, as without workers),
3. forks WEB_PROCESSES workers while it has no database engine, Slack client, scheduler or
   thread of its own; each worker builds its own app (auth.test, its own engine, its own
   planner) and serves waitress on the inherited socket; the kernel hands each new
   connection to one of them. The planner lease (storage/lease.py) lets exactly one plan,
   the others stand by, as with several `run` processes.
4. watches: SIGTERM or SIGINT is passed on to every worker, which stops as a single process
   does (bot/runner.py); the parent waits for them (bounded) and exits 0. It restarts
   nothing (systemd does, Restart=on-failure): when a worker ends unexpectedly, the parent
   stops the others and exits 1 with one line.

SQLite with several writing processes: every write begins with BEGIN IMMEDIATE and waits up
to the busy timeout (storage/engine.py, 2 s) for another process's write instead of failing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from typing import NoReturn

from bot.app import build_web_client
from bot.cli.common import EXIT_FAILED, EXIT_OK, migrated_engine
from bot.lifecycle import DRAIN_SECONDS, REFUSED_SECONDS, Shutdown
from bot.logs import print_error, quiet_slack_sdk
from bot.settings import Settings
from storage.engine import create_db_engine

log = logging.getLogger(__name__)

BACKLOG = 1024  # waitress's own default
# After the stop signal: the workers' own drain (and the time their late listeners get to tell
# their users), plus time to exit. Below the 10 s `docker stop` allows.
STOP_WAIT_SECONDS = DRAIN_SECONDS + REFUSED_SECONDS + 1.5
POLL_SECONDS = 0.2

ReportFailure = Callable[[BaseException, Settings | None], int | None]


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port, as waitress would open it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except BaseException:
        sock.close()
        raise
    return sock


def run_workers(
    settings: Settings,
    shutdown: Shutdown,
    *,
    with_scheduler: bool,
    report_failure: ReportFailure,
) -> int:
    """Migrate, bind, fork the workers, and watch them until a stop signal or a failure."""
    code = _in_child(lambda: _prepare(settings), settings, report_failure)
    if code != EXIT_OK:
        return code  # the child said why, in one line
    sock = bind_socket(settings.host, settings.port)
    if threading.active_count() != 1:  # pragma: no cover - a bug: a thread would not survive
        raise RuntimeError("a thread exists before the workers are forked")
    workers: list[int] = []
    try:
        for _ in range(settings.web_processes):
            workers.append(
                _fork(lambda: _serve(settings, sock, with_scheduler), settings, report_failure)
            )
        sock.close()  # the workers hold it now; once they have all stopped, it is closed
        shutdown.serving()
        log.info(
            "Reflectiebot listens over HTTP on %s:%s with %d worker processes (%s)",
            settings.host, settings.port, len(workers), ", ".join(map(str, workers)),
        )  # fmt: skip
        ended = _watch(workers, shutdown)
    finally:
        sock.close()
        stopped = _stop(workers)
    if ended is not None:
        pid, status = ended
        print_error(
            f"werkproces {pid} stopte onverwacht ({_describe(status)}); de andere "
            "werkprocessen zijn gestopt. Zie de regels hierboven; systemd start de bot opnieuw.",
            settings.log_format,
        )
        return EXIT_FAILED
    if not stopped:
        print_error(
            f"niet alle werkprocessen stopten binnen {STOP_WAIT_SECONDS:.0f} s; "
            "de laatste zijn afgebroken.",
            settings.log_format,
        )
        return EXIT_FAILED
    log.info("stopped")
    return EXIT_OK


def _prepare(settings: Settings) -> int:
    """Migrate, and check the bot token as each worker's Bolt app will when it starts."""
    migrated_engine(settings).dispose()
    with quiet_slack_sdk():  # one line for a failure (bot/errors.py), as without workers
        build_web_client(settings).auth_test()
    return EXIT_OK


def _serve(settings: Settings, sock: socket.socket, with_scheduler: bool) -> int:
    from bot.runner import run_service

    engine = create_db_engine(settings.database_url)  # the parent's child migrated it
    return run_service(
        settings, engine, Shutdown().install(), with_scheduler=with_scheduler, listen_socket=sock
    )


def _fork(work: Callable[[], int], settings: Settings, report_failure: ReportFailure) -> int:
    """Run `work` in a forked child; its pid. The child never returns into the parent's code."""
    pid = os.fork()
    if pid == 0:
        _child(work, settings, report_failure)
    return pid


def _child(work: Callable[[], int], settings: Settings, report_failure: ReportFailure) -> NoReturn:
    code = EXIT_FAILED
    try:
        try:
            code = work()
        except (Exception, KeyboardInterrupt) as error:
            known = report_failure(error, settings)
            if known is None:
                log.exception("worker process failed")
            code = EXIT_FAILED if known is None else known
    except BaseException as error:  # a stop signal in the gap before the child's own handlers
        known = report_failure(error, settings)
        code = EXIT_FAILED if known is None else known
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _in_child(work: Callable[[], int], settings: Settings, report_failure: ReportFailure) -> int:
    """Run `work` in a forked child and wait for it; its exit code."""
    pid = _fork(work, settings, report_failure)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else EXIT_FAILED


def _watch(workers: list[int], shutdown: Shutdown) -> tuple[int, int] | None:
    """Until a stop signal (None) or until a worker ends by itself: (its pid, its status)."""
    while not shutdown.requested:
        for pid in workers:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                workers.remove(pid)
                return pid, status
        shutdown.wait(POLL_SECONDS)
    return None


def _stop(workers: list[int]) -> bool:
    """SIGTERM to every worker still running; wait for them; SIGKILL what is left after the
    bound. True when all ended by themselves with exit code 0."""
    for pid in workers:
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_WAIT_SECONDS
    clean = True
    left = list(workers)
    while left:
        for pid in list(left):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                left.remove(pid)
                clean = clean and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        if left and time.monotonic() >= deadline:
            for pid in left:
                _signal(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            return False
        if left:
            time.sleep(0.05)
    return clean


def _signal(pid: int, number: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended already
        os.kill(pid, number)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signaal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exitcode {os.waitstatus_to_exitcode(status)}"
