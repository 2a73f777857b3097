"""Fetch the dependency wheels of every target from the lock, with as few pip runs as pip's own checks allow.

Each pip run costs one to two seconds of CPU, half a second of it starting pip, most
of the rest reading the registry's page of every project it is given (cryptography's
lists some 4,000 files). So the targets of one Python are resolved together first,
then apart only where they differ:

1. One ``pip download --only-binary=:all: --python-version V --require-hashes``
   with every platform of that Python (``--platform`` once each), on the pins in
   force there, dependencies resolved. pip ranks a wheel by its tags, the
   platforms inside each interpreter/ABI rank, so where it picks a pure-Python
   wheel no listed platform has a binary one of that version, and a binary wheel
   it picks is what it would pick for each platform the wheel names.
2. For each other platform, one ``pip download --no-deps`` of only the pins that
   came back binary: pip picks that platform's wheel (or the pure-Python one, a
   fallback) and refuses the target when none fits.

Platforms of one Python whose pins differ (a marker on the platform) and any
group pip could not resolve together are resolved one target at a time, each
with its dependencies; so is a Python with a single platform asked for. The
program's own wheel builds alongside, PARALLEL pip processes at a time in all.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from village_tui.bundle.lock import pins_for, read_lock
from village_tui.bundle.wheels import (PLATFORMS, BundleError, Log, TargetResult, Wheel, WheelSet, all_targets,
                                       build_own_wheel, pip_run, pip_tail)

PARALLEL = 3  # pip processes at once: each waits on the network and the registry part of the time
_MOVING = threading.Lock()


@dataclass
class _Group:
    """Targets of one Python that share one pin set: resolved together first."""

    python: str
    platforms: list[str]
    requirements: dict[str, str]  # pin name -> its requirements line


def _pin_lines(lock: Path, platform: str, python: str) -> dict[str, str]:
    """The lock's pins in force on one target as requirements lines (markers dropped, hashes kept), by name."""
    return {pin.name: f"{pin.name}=={pin.version} " + " ".join(f"--hash={h}" for h in pin.hashes)
            for pin in pins_for(read_lock(lock), platform, python).values()}


def _groups(lock: Path, chosen: list[tuple[str, str]]) -> list[_Group]:
    groups: list[_Group] = []
    for platform, python in chosen:
        lines = _pin_lines(lock, platform, python)
        same = next((g for g in groups if g.python == python and g.requirements == lines), None)
        if same is None:
            groups.append(_Group(python, [platform], lines))
        else:
            same.platforms.append(platform)
    for group in groups:  # 64-bit Windows first: it has the most binary wheels, so stage 1 serves it whole
        group.platforms.sort(key=list(PLATFORMS).index)
    return groups


def _download(requirements: dict[str, str], platforms: list[str], python: str, dest: Path,
              deps: bool) -> tuple[dict[str, Wheel], str | None]:
    """pip download of ``requirements`` for ``platforms`` × ``python`` into ``dest`` (wheels already there kept).

    Returns:
        The wheel pip chose for each project by name, and pip's last lines when it failed (else None).
    """
    with tempfile.TemporaryDirectory(prefix="village-tui-dl-", dir=dest) as tmp:
        listing, into = Path(tmp) / "requirements.txt", Path(tmp) / "wheels"
        listing.write_text("".join(line + "\n" for line in requirements.values()), encoding="utf-8")
        args = ["download", "--disable-pip-version-check", "--dest", str(into), "--only-binary=:all:",
                "--python-version", python, "--require-hashes", "-r", str(listing)]
        for platform in platforms:
            args += ["--platform", platform]
        done = pip_run(args + ([] if deps else ["--no-deps"]))
        if done.returncode != 0:
            return {}, pip_tail(done)
        chosen: dict[str, Wheel] = {}
        with _MOVING:  # pip runs side by side; one wheel may arrive for several targets
            for path in sorted(into.glob("*.whl")):
                target = dest / path.name
                if not target.exists():
                    shutil.move(str(path), target)
                wheel = Wheel.of(target)
                chosen[wheel.name] = wheel
        return chosen, None


def _names_platform(wheel: Wheel, platform: str) -> bool:
    """Whether a binary wheel's platform tags name ``platform`` itself (pip then ranks it first there too)."""
    return platform in wheel.tags[2].split(".")


class _Fetch:
    """The pip runs of one bundle, PARALLEL at a time; a group's second stage starts as soon as its first ends."""

    def __init__(self, dest: Path, log: Log, total: int, progress: Callable[[int, int], None] | None) -> None:
        self.dest, self.log, self.total, self.progress = dest, log, total, progress
        self.results: dict[tuple[str, str], TargetResult] = {}

    def finish(self, result: TargetResult) -> None:
        with _MOVING:
            self.results[(result.platform, result.python)] = result
            if self.progress is not None:
                self.progress(len(self.results), self.total)

    def alone(self, group: _Group, platform: str) -> None:
        """One target with its dependencies resolved, on its own."""
        self.log(f"正在下载 {PLATFORMS[platform]} Python {group.python} 的依赖包（pip download）...")
        wheels, error = _download(group.requirements, [platform], group.python, self.dest, deps=True)
        self.finish(TargetResult(platform, group.python, wheels, error))

    def together(self, group: _Group) -> tuple[list[str], dict[str, Wheel] | None]:
        """Stage 1 of a group: the platforms still to fetch, and the pure-Python wheels (None: stage 1 failed)."""
        names = "、".join(PLATFORMS[p] for p in group.platforms)
        self.log(f"正在下载 Python {group.python} 的依赖包（{names}，pip download）...")
        wheels, error = _download(group.requirements, group.platforms, group.python, self.dest, deps=True)
        if error is not None:
            return group.platforms, None
        binary = [wheel for wheel in wheels.values() if not wheel.pure]
        rest = []
        for platform in group.platforms:
            if all(_names_platform(wheel, platform) for wheel in binary):
                self.finish(TargetResult(platform, group.python, dict(wheels)))
            else:
                rest.append(platform)
        return rest, {name: wheel for name, wheel in wheels.items() if wheel.pure}

    def binary_part(self, group: _Group, platform: str, pure: dict[str, Wheel]) -> None:
        """Stage 2: the projects stage 1 got binary wheels of, picked by pip for one more platform."""
        self.log(f"正在下载 {PLATFORMS[platform]} Python {group.python} 的二进制程序包（pip download）...")
        wanted = {name: line for name, line in group.requirements.items() if name not in pure}
        wheels, error = _download(wanted, [platform], group.python, self.dest, deps=False)
        self.finish(TargetResult(platform, group.python, {**pure, **wheels} if error is None else {}, error))

    def run(self, groups: list[_Group], first: Callable[[], Wheel]) -> Wheel:
        """Resolve every group, stage 2 runs (or single runs where stage 1 failed) queued as stage 1 ends.

        ``first`` (the program's own wheel) runs alongside; what it returns is returned. When it or a pip
        run raises, runs not yet started are dropped and the error is raised once the running ones end.
        """
        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            own = pool.submit(first)
            pending: dict[Future, _Group | None] = {own: None}
            for group in groups:
                if len(group.platforms) == 1:
                    pending[pool.submit(self.alone, group, group.platforms[0])] = None
                else:
                    pending[pool.submit(self.together, group)] = group
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    stage_one = pending.pop(future)
                    error = future.exception()
                    if error is not None:
                        for waiting in pending:
                            waiting.cancel()
                        raise error
                    if stage_one is None:
                        continue
                    rest, pure = future.result()
                    for platform in rest:
                        pending[pool.submit(self.alone, stage_one, platform) if pure is None
                                else pool.submit(self.binary_part, stage_one, platform, pure)] = None
            return own.result()


def collect_wheels(source: Path, lock: Path, dest: Path, log: Log, targets: list[tuple[str, str]] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> WheelSet:
    """Fill ``dest`` with the program's wheel and, per target, the wheels pip picks from the lock.

    Args:
        source: The program's source folder.
        lock: ``requirements.lock``.
        dest: The bundle's wheel folder (created when missing; earlier wheels of the program are removed).
        log: Called with a Chinese line for what is going on.
        targets: ``(platform, python)`` pairs; default every platform × Python version served.
        progress: Called with (targets done, targets in all) after each target.

    Raises:
        BundleError: The program's wheel cannot be built, or no target resolves at all.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("village_tui-*.whl"):
        old.unlink()
    result = WheelSet()
    chosen = targets or all_targets()
    fetch = _Fetch(dest, log, len(chosen), progress)
    result.own = fetch.run(_groups(lock, chosen), lambda: build_own_wheel(source, dest, log))
    result.targets = [fetch.results[target] for target in chosen]  # in the order of ``chosen``
    if all(t.error for t in result.targets):
        raise BundleError(f"下载依赖包失败（需要能连接软件源的网络）：\n{result.targets[0].error}")
    result.wheels = {path.name: Wheel.of(path) for path in sorted(dest.glob("*.whl"))}
    return result
