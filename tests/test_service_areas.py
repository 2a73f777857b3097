"""The service is one class per area, each built with the shared context and the siblings it declares.

No area inherits another; the village facade builds them once, shares one context and one store,
and forwards its old method names to the area that answers them.
"""

from __future__ import annotations

import inspect
from datetime import date

from village_tui.domain.models import Cadre, Household, VillageSettings
from village_tui.service import VillageService
from village_tui.service.core import Area, ServiceContext
from village_tui.service.forward import forward



def _service() -> VillageService:
    service = VillageService.in_memory(today=date(2026, 11, 27))
    service.save_settings(VillageSettings(name="桃源村", groups=["1组"]))
    service.save_cadre(Cadre(name="王建国", role="书记", term_start=date(2021, 1, 1)))
    service.save_household(Household(code="0001", head="赵春生", group="1组"))
    return service


def test_no_area_inherits_another():
    service = _service()
    classes = [type(area) for area in vars(service.areas).values()]
    assert len(classes) == 9
    for cls in classes:
        assert cls.__mro__[1] is Area, f"{cls.__name__} inherits {cls.__mro__[1].__name__}"
        assert not any(issubclass(cls, other) for other in classes if other is not cls)


def test_each_area_is_given_the_one_context_and_the_very_siblings_it_declares():
    service = _service()
    areas = vars(service.areas)
    by_class = {type(area): area for area in areas.values()}
    for name, area in areas.items():
        assert area._ctx is service.context and area.records is service.records, name
        parameters = list(inspect.signature(type(area).__init__, eval_str=True).parameters.values())[1:]
        assert parameters[0].annotation is ServiceContext, name
        for parameter in parameters[1:]:
            sibling = by_class[parameter.annotation]  # every other parameter is an area
            assert getattr(area, f"_{parameter.name}") is sibling, f"{name}.{parameter.name}"


def test_the_operator_signed_in_through_the_registry_is_the_one_every_area_stamps():
    service = _service()
    service.sign_in(1)
    assert service.operator is not None and service.operator.name == "王建国"
    saved = service.areas.matters.save_matter("修村道", "基础设施")
    [entry] = [e for e in service.records.audit.entries(service.today.strftime("%Y-%m"))
               if e.kind == "matters" and e.record_id == str(saved.id)]
    assert entry.operator == "王建国"


def test_every_old_name_on_the_facade_is_answered_by_its_area(monkeypatch):
    service = _service()
    forwards = {name: value for name, value in vars(VillageService).items() if isinstance(value, forward)}
    assert len(forwards) > 100
    for name, value in forwards.items():
        area = getattr(service.areas, value.area)
        assert getattr(service, name) == getattr(area, name), name
    monkeypatch.setattr(service.areas.registry, "household", lambda household_id: f"第{household_id}户")
    assert service.household(1) == "第1户"  # looked up on the area at every call


def test_the_first_run_setup_gives_the_village_its_signing_key(tmp_path):
    """初次设置: the settings go through the opened folder's own set-up, which names the folder's signing key."""
    service = VillageService.open(tmp_path / "新村")
    try:
        service.set_up(VillageSettings(name="新村", township="桃源镇", county="田县", groups=["1组"]),
                       [Cadre(name="王建国", role="书记", term_start=date(2021, 1, 1))])
        (entry,) = service.records.audit.for_record("settings", "1")
        assert entry.after["signing_key"] == service.settings().signing_key != ""
        assert [cadre.name for cadre in service.cadres()] == ["王建国"]
    finally:
        service.close()
    assert (tmp_path / "新村" / "signing-key.txt").is_file()
