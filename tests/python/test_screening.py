"""Screening through the FFI: link, message, QR and Wi-Fi checks with records derived in the core."""

import unicodedata

import pytest

import vigil_core
import vigil_ffi
from vigil_core import Family, Locale, ProtectedTarget, QrKind, Risk


def has_han(text):
    return any("CJK UNIFIED IDEOGRAPH" in unicodedata.name(c, "") for c in text)


def test_lookalike_link_names_its_target():
    v = vigil_ffi.check_url("https://www.ccb.com.secure-verify.top/", Locale.EN)
    assert v.risk == Risk.HIGH
    assert v.registrable_domain == "secure-verify.top"
    assert v.imitates == "ccb.com"
    assert any(s.code == "target_embedding" for s in v.signals)
    assert v.advice


def test_official_link_is_low():
    v = vigil_ffi.check_url("https://www.icbc.com.cn/", Locale.EN)
    assert v.risk == Risk.LOW
    assert v.imitates is None


def test_not_a_link_raises_invalid_input():
    with pytest.raises(vigil_ffi.ApiError.InvalidInput):
        vigil_ffi.check_url("   ", Locale.EN)


def test_extra_targets_are_protected():
    extra = [ProtectedTarget(domain="northwindbank.co.uk", names=["Northwind Bank"])]
    v = vigil_ffi.check_url_with_targets("https://northwindbank-login.com/", extra, Locale.EN)
    assert v.imitates == "northwindbank.co.uk"
    assert vigil_ffi.check_url("https://northwindbank-login.com/", Locale.EN).imitates is None


def test_code_request_is_high_with_valid_spans():
    text = "我手机号填错了，你收到的验证码转发给我一下"
    v = vigil_ffi.check_message(text, "+8613900000000", Locale.ZH_CN)
    assert v.risk == Risk.HIGH
    assert Family.OTP_THEFT in v.families
    for s in v.signals:
        assert has_han(s.detail)
        if s.span is not None:
            assert 0 <= s.span.start < s.span.end <= len(text)


def test_genuine_code_text_is_low():
    v = vigil_ffi.check_message("【工商银行】验证码123456，请勿告诉他人。", "95588", Locale.EN)
    assert v.risk == Risk.LOW
    assert v.families == []


def test_qr_kinds():
    wifi = vigil_ffi.check_qr("WIFI:S:Free-Airport;T:nopass;;", Locale.EN)
    assert wifi.kind == QrKind.WIFI()
    assert wifi.wifi.ssid == "Free-Airport"
    assert wifi.risk == Risk.MEDIUM
    pay = vigil_ffi.check_qr("wxp://f2f0abcdef", Locale.EN)
    assert pay.kind == QrKind.PAYMENT(vigil_core.PaymentProvider.WECHAT)
    link = vigil_ffi.check_qr("https://icbc.com.cn-login.xyz/", Locale.EN)
    assert link.url.imitates == "icbc.com.cn"


def test_wifi_and_built_in_targets():
    assert vigil_ffi.check_wifi("Home", "WPA2-PSK", False, Locale.EN).risk == Risk.LOW
    assert vigil_ffi.check_wifi("Cafe", None, False, Locale.EN).risk == Risk.MEDIUM
    domains = {t.domain for t in vigil_ffi.built_in_protected_targets()}
    assert {"icbc.com.cn", "alipay.com", "10086.cn"} <= domains
