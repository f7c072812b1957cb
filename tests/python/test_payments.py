"""Before you pay (issue 6) through the Python bindings, on a real encrypted vault."""

import datetime
import json

import pytest

import vigil_core
import vigil_ffi
from vigil_core import (
    Locale,
    NewPayee,
    NumberSource,
    Outcome,
    PhoneSource,
    Relationship,
    RequestInput,
    Status,
    StepCode,
    StepInput,
)

T0 = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.timezone.utc)
T1 = datetime.datetime(2026, 11, 28, 9, 0, tzinfo=datetime.timezone.utc)
MUM_PHONE = "13800138000"


@pytest.fixture
def payments(tmp_path):
    kdf = vigil_core.KdfParams(memory_kib=1024, iterations=1, parallelism=1)
    created = vigil_ffi.create_vault(str(tmp_path / "vault"), "correct horse", kdf)
    return vigil_ffi.Payments(created.vault)


def add_mum(payments):
    payee = NewPayee(
        name="Mum",
        relationship=Relationship.FAMILY,
        phone="+86 138 0013 8000",
        phone_source=PhoneSource.IN_PERSON,
        account="6222020200001234",
        bank="ICBC",
    )
    return payments.add_payee(payee, T0)


def call(number, outcome):
    return StepInput(number=number, source=NumberSource.PAYEE_BOOK, outcome=outcome)


def test_call_back_on_the_book_number_clears_a_wechat_request(payments):
    mum = add_mum(payments)
    check = payments.check(RequestInput(channel="wechat", payee_id=mum, amount="800.00", currency="CNY"), T1, Locale.EN)
    assert check.status == Status.VERIFYING
    assert [s.code for s in check.required_steps] == [StepCode.CALL_BACK]
    assert "WeChat" in check.required_steps[0].reason
    later = T1 + datetime.timedelta(minutes=5)
    check = payments.record_step(check.id, "call_back", call("13900001111", Outcome.CONFIRMED), later, Locale.EN)
    assert check.status == Status.VERIFYING and not check.required_steps[0].done
    check = payments.record_step(check.id, "call_back", call(MUM_PHONE, Outcome.CONFIRMED), later, Locale.EN)
    assert check.status == Status.CLEARED
    assert payments.mark_sent(check.id, later, Locale.EN).status == Status.SENT
    assert payments.list_payees()[0].account_last4s == ["1234"]


def test_bad_input_raises_invalid_input_and_changes_nothing(payments):
    mum = add_mum(payments)
    check = payments.check(RequestInput(channel="sms", payee_id=mum, amount="100", currency="CNY"), T1, Locale.EN)
    for amount, currency in [("-5", "CNY"), ("1.234", "CNY"), ("abc", "CNY"), ("5", "XYZ")]:
        with pytest.raises(vigil_ffi.ApiError.InvalidInput):
            payments.check(RequestInput(channel="sms", payee_id=mum, amount=amount, currency=currency), T1, Locale.EN)
    with pytest.raises(vigil_ffi.ApiError.InvalidInput):
        payments.record_step(check.id, "teleport", StepInput(), T1, Locale.EN)
    with pytest.raises(vigil_ffi.ApiError.NotFound):
        payments.show("no-such-check", Locale.EN)
    assert payments.show(check.id, Locale.EN) == check
    assert len(payments.history(Locale.EN)) == 1


def test_red_flags_block_and_the_evidence_pack_is_returned_not_sent(payments):
    request = RequestInput(
        channel="voice_call",
        name="Officer Chen",
        relationship="stranger",
        amount="30000",
        currency="CNY",
        account="6217000011112222",
        text="你涉嫌洗钱，马上把钱转到安全账户",
    )
    check = payments.check(request, T1, Locale.ZH_CN)
    assert check.status == Status.BLOCKED
    safe = next(f for f in check.flags if f.code == vigil_core.FlagCode.SAFE_ACCOUNT)
    assert request.text[safe.span.start:safe.span.end] == "安全账户"
    assert "安全账户" in safe.detail
    with pytest.raises(vigil_ffi.ApiError.InvalidInput):
        payments.override_check(check.id, "ok", T1, Locale.EN)
    pack = payments.evidence_pack(check.id, T1, Locale.ZH_CN)
    assert "96110" in pack.text and "6217000011112222" in pack.text
    assert json.loads(pack.json)["timeline"][0]["event"] == "request"
    cleared = payments.override_check(check.id, "my own decision, I accept the risk", T1, Locale.EN)
    assert cleared.status == Status.CLEARED
    assert cleared.overrides[0].reason == "my own decision, I accept the risk"
    assert payments.stats().overridden == 1


def test_a_delayed_transfer_schedules_its_re_check(payments):
    mum = add_mum(payments)
    payments.set_threshold("1000", "CNY")
    check = payments.check(RequestInput(channel="in_person", payee_id=mum, amount="1000.01", currency="CNY"), T1, Locale.EN)
    assert [s.code for s in check.required_steps] == [StepCode.DELAYED_TRANSFER, StepCode.REVERIFY]
    payments.record_step(check.id, "delayed_transfer", StepInput(), T1, Locale.EN)
    payments.mark_sent(check.id, T1, Locale.EN)
    reminders = payments.due_reminders(T1, Locale.EN)
    assert [r.kind for r in reminders] == [vigil_core.ReminderKind.REVERIFY, vigil_core.ReminderKind.REVERIFY_LAST_CHANCE]
    assert reminders[0].due_at_unix == int((T1 + datetime.timedelta(hours=2)).timestamp())
    assert not reminders[0].is_due


def test_text_red_flags_without_a_vault():
    assert [f.code for f in vigil_ffi.payment_text_red_flags("Never share your verification code.")] == []
    codes = [f.code for f in vigil_ffi.payment_text_red_flags("send me the verification code now")]
    assert vigil_core.FlagCode.VERIFICATION_CODE in codes


def test_the_payee_book_is_editable_except_under_an_open_check(payments):
    mum = add_mum(payments)
    payments.rename_payee(mum, "Mother")
    with pytest.raises(vigil_ffi.ApiError.InvalidInput):
        payments.remove_payee_phone(mum, MUM_PHONE)
    payments.add_payee_phone(mum, "139 0013 9000", PhoneSource.CARD_BACK, T0)
    payments.remove_payee_phone(mum, MUM_PHONE)
    assert payments.list_payees()[0].name == "Mother"
    check = payments.check(RequestInput(channel="wechat", payee_id=mum, amount="10", currency="CNY"), T1, Locale.EN)
    with pytest.raises(vigil_ffi.ApiError.InvalidInput):
        payments.remove_payee(mum)
    payments.abandon(check.id, T1, Locale.EN)
    payments.remove_payee(mum)
    assert payments.list_payees() == []
    with pytest.raises(vigil_ffi.ApiError.NotFound):
        payments.rename_payee(mum, "x")
