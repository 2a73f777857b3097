"""The five-step matters part of the service (五事, R14–R15)."""

from __future__ import annotations

import dataclasses

from village_tui.domain.errors import ValidationError
from village_tui.domain.matters import validate_step
from village_tui.domain.models import Matter, MatterStep
from village_tui.domain.record_validation import validate_reason
from village_tui.domain.validation import validate_required
from village_tui.service.core import Area

TITLE_MAX = 60


class MatterService(Area):
    """Matters decided through 干群议事 → 集体定事 → 承诺干事 → 村民监事 → 考评亮事."""

    def matters(self, include_cancelled: bool = False) -> list[Matter]:
        """Matters, newest first (cancelled ones only when asked)."""
        found = [m for m in self.records.all("matters") if include_cancelled or not m.cancelled]
        return sorted(found, key=lambda m: -(m.id or 0))

    def matter(self, matter_id: int) -> Matter:
        """One matter by id.

        Raises:
            NotFoundError: No such matter.
        """
        return self.records.get("matters", matter_id)

    def save_matter(self, title: str, category: str) -> Matter:
        """Open a new matter with no steps yet.

        Raises:
            ValidationError: Empty or too long title, or no category.
        """
        title = validate_required(title, "title", "事项名称", TITLE_MAX)
        category = validate_required(category, "category", "类别", 20)
        return self._ctx.insert(Matter(title=title, category=category))

    def rename_matter(self, matter_id: int, title: str, category: str) -> Matter:
        """Correct a matter's title or category."""
        matter = self.matter(matter_id)
        matter.title = validate_required(title, "title", "事项名称", TITLE_MAX)
        matter.category = validate_required(category, "category", "类别", 20)
        return self._ctx.update(matter)

    def record_step(self, matter_id: int, step: MatterStep) -> Matter:
        """Record the next step of a matter.

        Raises:
            ValidationError: The step skips one, is dated before the previous step or in the
                future, or lacks what the step records (Chinese message).
        """
        matter = self.matter(matter_id)
        clean = validate_step(matter, step, self._ctx.today)
        if clean.responsible_id is not None:
            if clean.responsible_id not in {c.id for c in self.records.peek("cadres")}:
                raise ValidationError("responsible_id", "责任干部不在干部名册中")
        matter.steps = [*matter.steps, clean]
        return self._ctx.update(matter, action=f"记录{clean.step}")

    def restore_matter(self, matter_id: int, reason: str) -> Matter:
        """Undo the voiding of a matter, as an audited 更正 with a reason.

        Raises:
            ValidationError: No reason, or the matter is not void.
        """
        matter = self.matter(matter_id)
        if not matter.cancelled:
            raise ValidationError("cancelled", "该事项没有作废，不需要恢复")
        why = validate_reason(reason, "更正原因")
        return self._ctx.update(dataclasses.replace(matter, cancelled=False, cancel_reason=""), why, action="更正")

    def cancel_matter(self, matter_id: int, reason: str) -> Matter:
        """Cancel a matter (never deleted); the reason is kept."""
        matter = self.matter(matter_id)
        if matter.cancelled:
            raise ValidationError("cancelled", "该事项已经作废")
        matter = dataclasses.replace(matter, cancelled=True, cancel_reason=validate_reason(reason, "作废原因"))
        return self._ctx.update(matter, action="作废")
