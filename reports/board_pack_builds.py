"""Board packs ready before anyone asks: built in the background after every change, served as built.

A change to the figures (metrics recomputed after an import or a figures save) or to the plan (every
change to it is recorded in a history table) queues one background job, a few seconds later
(BOARD_PACK_BUILD_DELAY), unless one is already waiting: a burst of changes gives one build. The job
builds every scope's pack for the latest year and keeps each with the data version it was built from.
A download serves the kept pack while its version is current; while a newer build is pending it serves
the last one, and the dashboard says so; with neither (another year, or a new day) it builds the pack
there and then, and keeps it.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from jobs.models import Job
from jobs.services import job_queue, job_running
from reports.board_pack import board_pack, board_pack_pdf, board_pack_workbook
from reports.choice import Choice
from reports.models import BuiltBoardPack
from reports.page_cache import data_version_digest
from workforce.scopes import all_scopes
from workforce.selectors.results import available_years


def board_pack_build(*, choice: Choice) -> BuiltBoardPack:
    """Build the chosen scope and year's pack (PDF and workbook) and keep it; return it."""
    version = data_version_digest()  # read first: a change during the build leaves the pack stale, never mislabelled
    started = time.perf_counter()
    pack = board_pack(choice)
    pdf, workbook = board_pack_pdf(pack), board_pack_workbook(pack)
    built, _ = BuiltBoardPack.objects.update_or_create(
        scope_key=choice.scope.key,
        year=choice.year,
        defaults={
            "data_version": version,
            "pdf": pdf,
            "workbook": workbook,
            "built_at": timezone.now(),
            "build_seconds": time.perf_counter() - started,
        },
    )
    return built


def board_packs_build(*, progress: Callable[[float], None] | None = None) -> int:
    """Build the pack of every scope (the ICS, each place, each organisation) for the latest year; return how many."""
    years = available_years()
    year = years[-1] if years else None
    scopes = all_scopes()
    for done, scope in enumerate(scopes, start=1):
        board_pack_build(choice=Choice(scope, year, years))
        if progress is not None:
            progress(100 * done / len(scopes))
    return len(scopes)


@task()
def board_packs_task(*, job_id: int) -> None:
    with job_running(job_id) as run:
        started = time.perf_counter()
        count = board_packs_build(progress=run.progress)
        run.outcome = f"{count} board packs built in {time.perf_counter() - started:.1f} s."


def board_packs_queue(*, delay_seconds: float = 0) -> Job:
    return job_queue(kind=Job.Kind.BOARD_PACKS, label="Board packs", task=board_packs_task, delay_seconds=delay_seconds)


def board_packs_rebuild_soon() -> None:
    """Queue a build of every pack once the current transaction commits, unless one is waiting already."""
    if settings.BOARD_PACK_BUILD_DELAY <= 0:
        return
    # A load of the plan records thousands of changes in one transaction: one callback is enough.
    if not any(callback is _queue_unless_waiting for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(_queue_unless_waiting)


def _queue_unless_waiting() -> None:
    if not Job.objects.filter(kind=Job.Kind.BOARD_PACKS).waiting().exists():
        board_packs_queue(delay_seconds=settings.BOARD_PACK_BUILD_DELAY)


def board_packs_pending() -> Job | None:
    """The board pack build queued or running, if there is one."""
    return Job.objects.filter(kind=Job.Kind.BOARD_PACKS).unfinished().order_by("queued_at").first()


@dataclass(frozen=True)
class BoardPackDownload:
    built: BuiltBoardPack
    current: bool  # False: built before the latest change, while a newer build is pending


def board_pack_download(*, choice: Choice) -> BoardPackDownload:
    """The pack to serve for this scope and year: the kept one if current or if a newer one is pending, else a
    new build."""
    built = BuiltBoardPack.objects.filter(scope_key=choice.scope.key, year=choice.year).first()
    if built is not None and built.data_version == data_version_digest():
        return BoardPackDownload(built, current=True)
    rebuilt_by_the_pending_job = choice.year == (choice.years[-1] if choice.years else None)
    if built is not None and rebuilt_by_the_pending_job and board_packs_pending() is not None:
        return BoardPackDownload(built, current=False)
    return BoardPackDownload(board_pack_build(choice=choice), current=True)


def board_pack_status(choice: Choice) -> dict:
    """What the dashboard says beside the board pack links: the pending build, and which pack a download gives."""
    pending = board_packs_pending()
    built = BuiltBoardPack.objects.filter(scope_key=choice.scope.key, year=choice.year).only("built_at").first()
    return {"job": pending, "built_at": built.built_at if built else None}
