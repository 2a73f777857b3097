"""Demo five-step matters (五事, R14, R15) and service desk requests (R13).

Shortfalls kept on purpose: some matters run past their promised date, some
requests stay open past their due date.
"""

from __future__ import annotations

from datetime import date, timedelta

from village_tui.demo.context import DemoContext, assign_ids
from village_tui.demo.texts import CROPS, MATTERS
from village_tui.domain.models import Matter, MatterStep, ServiceRequest

_REQUEST_WEIGHTS = {"婚育证件": 12, "户口迁移": 10, "医疗保险": 30, "农村低保": 8, "建房审批": 8, "涉农补贴": 25,
                    "党员组织关系接转": 3}


def make_matters(ctx: DemoContext, per_year: int) -> list[Matter]:
    """Matters spread over the data range; the newest are still in progress. Ordered by their first step."""
    rng = ctx.rng
    days = (ctx.until - ctx.start).days
    count = max(6, round(per_year * days / 365))
    starts = sorted(ctx.random_day(ctx.start, ctx.until - timedelta(days=5)) for _ in range(count - 2))
    starts += [ctx.until - timedelta(days=rng.randint(10, 40)) for _ in range(2)]  # surely unfinished
    matters = []
    for index, first in enumerate(sorted(starts)):
        title, category = rng.choice(MATTERS)
        group = rng.choice(ctx.settings.groups)
        matter = Matter(title=title.format(group=group, crop=rng.choice(CROPS)), category=category)
        matter.steps = [s for s in _steps(ctx, first, delayed=index % 5 == 2) if s.day <= ctx.until]
        if len(matter.steps) == 1 and rng.random() < 0.1:
            matter.cancelled, matter.cancel_reason = True, "干群议事中多数群众不赞成，暂缓实施"
        matters.append(matter)
    return matters


def _steps(ctx: DemoContext, first: date, delayed: bool) -> list[MatterStep]:
    rng = ctx.rng
    cadres = ctx.active(first)
    names = [c.name for c in cadres]
    villagers = rng.randint(18, 60)
    decide = first + timedelta(days=rng.randint(5, 20))
    promise = decide + timedelta(days=rng.randint(3, 10))
    promised = promise + timedelta(days=rng.randint(30, 120))
    watch = promised + timedelta(days=rng.randint(30, 120)) if delayed else promised - timedelta(days=rng.randint(0, 20))
    watch = max(watch, promise + timedelta(days=3))
    judge = watch + timedelta(days=rng.randint(5, 20))
    satisfaction = rng.choices(("满意", "基本满意", "不满意"), (70, 25, 5))[0]
    responsible = rng.choice(cadres)
    return [
        MatterStep("干群议事", first, participants=names + ["村民代表"], villagers=villagers,
                   content="入户和召开群众会征求意见，梳理群众最关心的问题", outcome="多数群众赞成，提交集体研究"),
        MatterStep("集体定事", decide, participants=names, villagers=rng.randint(20, 40),
                   content="村两委会提议、村民代表会议决议", outcome="表决通过",
                   votes_for=rng.randint(25, 40), votes_against=rng.randint(0, 3)),
        MatterStep("承诺干事", promise, participants=[responsible.name], responsible_id=responsible.id,
                   promised=promised, content="责任人向群众公开承诺办理时限和标准",
                   posted_from=promise, posted_to=promise + timedelta(days=7)),
        MatterStep("村民监事", watch, supervisors=["村务监督委员会", rng.choice(ctx.households).head],
                   findings="逾期完成，群众催办后加快进度" if delayed else "施工质量和资金使用符合要求"),
        MatterStep("考评亮事", judge, participants=names, villagers=rng.randint(15, 40),
                   evaluation="逾期完成" if delayed else "按期完成", satisfaction=satisfaction,
                   posted_from=judge, posted_to=judge + timedelta(days=7)),
    ]


def make_requests_year(ctx: DemoContext, year: int, per_month: int) -> list[ServiceRequest]:
    """Applications at the service desk in ``year``, as they stand on "today"."""
    rng = ctx.rng
    kinds, weights = list(_REQUEST_WEIGHTS), list(_REQUEST_WEIGHTS.values())
    due_days = ctx.settings.request_due_days
    requests = []
    for begin, end in ctx.months(year):
        for _ in range(max(1, round(per_month * ((end - begin).days + 1) / 30 * rng.uniform(0.7, 1.3)))):
            day = ctx.random_day(begin, end)
            kind = rng.choices(kinds, weights)[0]
            household = rng.choice(ctx.households)
            checklist = ctx.settings.request_checklists.get(kind, [])
            handler = rng.choice(ctx.available(day) or ctx.active(day))
            request = ServiceRequest(day=day, kind=kind, household_id=household.id, applicant=household.head,
                                     handler_id=handler.id, due=day + timedelta(days=due_days),
                                     documents={doc: True for doc in checklist})
            roll = rng.random()
            if roll < 0.02:
                request.status, request.note = "退回", "材料不全，已告知补齐后再来办理"
                request.documents[checklist[-1]] = False
                request.done_day = day + timedelta(days=rng.randint(0, 3))
            elif roll < 0.035 and ((ctx.until - day).days < 120 or rng.random() < 0.05):
                request.status, request.note = "办理中", "等待上级部门审批"  # stuck: overdue later
            else:
                done = day + timedelta(days=rng.randint(1, due_days + 8))
                if done <= ctx.until:
                    request.status, request.done_day = "已办结", done
                else:
                    request.status = "已受理" if (ctx.until - day).days < 3 else "办理中"
                    if rng.random() < 0.4:
                        request.documents[checklist[-1]] = False
            if request.done_day is not None and request.done_day > ctx.until:
                request.done_day = None
                request.status = "办理中"
            if request.done_day is not None:
                request.handler_id = ctx.in_office_handler(request.handler_id, request.done_day)
            requests.append(request)
    requests.sort(key=lambda r: r.day)
    assign_ids(requests, year)
    return requests
