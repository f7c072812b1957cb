"""Exposure inventory through the FFI: add, ask who has what, trace a leak, breach, letters, import."""

import datetime

import pytest

import vigil_ffi
from vigil_core import (
    BreachSource,
    DeletionLaw,
    DetailKind,
    DisclosureChannel,
    HolderCategory,
    InventoryImportFormat,
    KdfParams,
    Locale,
    NewDetail,
    NewDisclosure,
    NewHolder,
    QuotedDetail,
)

NOW = datetime.datetime(2025, 6, 1, 10, 0, tzinfo=datetime.timezone.utc)
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, parallelism=1)


@pytest.fixture
def inventory(tmp_path):
    created = vigil_ffi.create_vault(str(tmp_path / "vault"), "python test passphrase", FAST_KDF)
    return created.vault, vigil_ffi.Inventory(created.vault)


def detail(kind, value, unchecked=False):
    return NewDetail(kind=kind, value=value, label=None, unchecked=unchecked)


def holder(name, category, website=None):
    return NewHolder(name=name, category=category, website=website, phone=None, notes=None, own_device=False)


def disclosure(detail_id, holder_id):
    return NewDisclosure(
        detail_id=detail_id,
        holder_id=holder_id,
        date="2024-03-01",
        channel=DisclosureChannel.PAPER_COPY,
        purpose="account opening",
        necessary=True,
        evidence=None,
    )


def seed(inv):
    id_number = inv.add_detail(detail(DetailKind.ID_NUMBER, "11010519491231002X"), NOW).id
    phone = inv.add_detail(detail(DetailKind.PHONE, "+86 138 1234 5678"), NOW).id
    bank = inv.add_holder(holder("ICBC", HolderCategory.BANK, "https://www.icbc.com.cn"), NOW)
    courier = inv.add_holder(holder("SF", HolderCategory.COURIER), NOW)
    for d, h in [(id_number, bank), (phone, bank), (phone, courier)]:
        inv.disclose(disclosure(d, h), NOW)
    return id_number, phone, bank, courier


def test_who_has_and_they_knew(inventory):
    _, inv = inventory
    id_number, phone, bank, courier = seed(inv)
    assert [h.holder_name for h in inv.who_has_detail(phone)] == ["ICBC", "SF"]
    assert inv.who_has_detail(phone)[0].masked == "+86 138****5678"
    assert [h.holder_id for h in inv.who_has_kind(DetailKind.ID_NUMBER)] == [bank]
    trace = inv.they_knew(
        [QuotedDetail.KIND(kind=DetailKind.ID_NUMBER), QuotedDetail.VALUE(kind=DetailKind.PHONE, value="13812345678")],
        "caller claimed to be police",
        NOW,
    )
    assert [c.holder_id for c in trace.candidates] == [bank, courier]
    assert trace.candidates[0].complete and trace.candidates[1].missing == [DetailKind.ID_NUMBER]


def test_invalid_input_names_the_rule_and_unchecked_keeps_a_foreign_id(inventory):
    _, inv = inventory
    with pytest.raises(vigil_ffi.ApiError.InvalidInput) as err:
        inv.add_detail(detail(DetailKind.ID_NUMBER, "110105194912310021"), NOW)
    assert "check digit" in str(err.value) and "110105194912310021" not in str(err.value)
    with pytest.raises(vigil_ffi.ApiError.NotFound):
        inv.who_has_detail("no-such-id")
    kept = inv.add_detail(detail(DetailKind.ID_NUMBER, "X1234567", unchecked=True), NOW)
    assert kept.created and not inv.details()[0].checked


def test_score_patterns_breach_and_letter(inventory):
    _, inv = inventory
    _, _, bank, courier = seed(inv)
    before = inv.exposure(Locale.EN).overall
    impact = inv.mark_breached(courier, BreachSource.MANUAL, NOW, Locale.ZH_CN)
    assert impact.newly_flagged == 1 and impact.next_steps[0].kind == DetailKind.PHONE
    assert inv.exposure(Locale.EN).overall > before
    letter = inv.request_deletion(bank, DeletionLaw.GDPR, NOW)
    assert letter.language == Locale.EN and "Article 17" in letter.body and letter.due == "2025-07-01"
    late = inv.deletion_reminders(datetime.datetime(2025, 7, 10, tzinfo=datetime.timezone.utc), Locale.EN)
    assert [r.holder_id for r in late] == [bank]
    assert [t.domain for t in inv.protected_targets()] == ["icbc.com.cn"]


def test_import_is_all_or_nothing(inventory):
    _, inv = inventory
    bad = "record,ref,kind,value\ndetail,a,phone,13900001111\ndetail,b,bank_card,1234567812345678\n"
    with pytest.raises(vigil_ffi.ApiError.InvalidInput) as err:
        inv.import_text(bad, InventoryImportFormat.CSV, NOW)
    assert "line 3" in str(err.value)
    assert inv.details() == []
    report = inv.import_text('[{"record": "detail", "kind": "email", "value": "a@example.com"}]', InventoryImportFormat.JSON, NOW)
    assert report.details_created == 1


def test_locked_vault_refuses_to_answer_from_memory(inventory):
    vault, inv = inventory
    seed(inv)
    vault.lock()
    with pytest.raises(vigil_ffi.ApiError.Locked):
        inv.details()
