"""Safety alerts across FFI: feeds signed by the real minisign tool, defences, SMS, push, sync."""

import datetime
import functools
import http.server
import shutil
import subprocess
import threading

import pytest

import vigil_ffi
from vigil_core import (
    AlertFilter,
    AlertView,
    CapSeverity,
    DetailKind,
    DisclosureChannel,
    Door,
    Family,
    HolderCategory,
    KdfParams,
    Locale,
    NewDetail,
    NewDisclosure,
    NewHolder,
    PushOutcome,
    QuietHours,
    ReadState,
    RelevanceProfile,
    SmsVerdict,
    SyncOptions,
)
from vigil_ffi import Alerts, ApiError, SyncProgressListener

FAST = KdfParams(memory_kib=1024, iterations=1, parallelism=1)
SENDER = "alerts@police.example.cn"
NOW = datetime.datetime.now(datetime.timezone.utc)

pytestmark = pytest.mark.skipif(shutil.which("minisign") is None, reason="the minisign binary is not installed")


def alert_xml(identifier, status="Actual", severity="Severe"):
    sent = (NOW - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    expires = (NOW + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    return f"""<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>{identifier}</identifier>
<sender>{SENDER}</sender><sent>{sent}</sent><status>{status}</status><msgType>Alert</msgType><scope>Public</scope>
<info><language>zh-CN</language><category>Security</category><event>冒充客服退款</event><urgency>Immediate</urgency>
<severity>{severity}</severity><certainty>Observed</certainty><eventCode><valueName>x-antifraud</valueName><value>refund</value></eventCode>
<expires>{expires}</expires><headline>警惕冒充快递客服退款</headline></info>
<info><language>en-US</language><category>Security</category><event>Refund scam</event><urgency>Immediate</urgency>
<severity>{severity}</severity><certainty>Observed</certainty><eventCode><valueName>x-antifraud</valueName><value>refund</value></eventCode>
<expires>{expires}</expires><headline>Beware fake courier refunds</headline></info></alert>""".encode()


class Publisher:
    """A publisher's key pair made and used with the stock minisign tool."""

    def __init__(self, directory):
        self.dir = directory
        self.pub, self.key = directory / "pub.key", directory / "sec.key"
        subprocess.run(["minisign", "-G", "-W", "-p", self.pub, "-s", self.key], check=True, capture_output=True)

    @property
    def public_key(self):
        return self.pub.read_text().splitlines()[1]

    def sign(self, name, data, seq, expires=None):
        expires = expires or (NOW + datetime.timedelta(days=1))
        path = self.dir / name
        path.write_bytes(data)
        comment = f"seq={seq} expires={expires.strftime('%Y-%m-%dT%H:%M:%SZ')}"
        subprocess.run(["minisign", "-S", "-s", self.key, "-m", path, "-t", comment], check=True, capture_output=True)
        return path, (self.dir / f"{name}.minisig").read_text()


@pytest.fixture
def env(tmp_path):
    created = vigil_ffi.create_vault(str(tmp_path / "vault"), "py passphrase", FAST)
    alerts = Alerts(created.vault)
    publisher = Publisher(tmp_path)
    publisher_id = alerts.trust("Police", publisher.public_key, [SENDER])
    return alerts, publisher, publisher_id


def everything(view=AlertView.ACTIVE, **kwargs):
    return AlertFilter(view=view, category=None, min_severity=kwargs.get("min_severity"), family=kwargs.get("family"), text=kwargs.get("text"))


def test_import_list_and_read_state(env):
    alerts, publisher, publisher_id = env
    assert len(publisher_id) == 32
    _, sig = publisher.sign("feed.xml", alert_xml("PY-1"), 1)
    report = alerts.import_feed(alert_xml("PY-1"), sig, NOW)
    assert (report.accepted, report.duplicates, report.rejected) == (1, 0, [])

    result = alerts.list(everything(), Locale.ZH_CN, NOW, RelevanceProfile(holders=[], domains=[], families_met=[]))
    assert result.damaged == 0
    listed = result.alerts
    assert [a.identifier for a in listed] == ["PY-1"]
    alert = listed[0]
    assert alert.headline == "警惕冒充快递客服退款"
    assert (alert.family, alert.severity, alert.door, alert.verified) == (Family.REFUND, CapSeverity.SEVERE, Door.FEED, True)
    english = alerts.get(alert.id, Locale.EN, NOW, RelevanceProfile(holders=[], domains=[], families_met=[]))
    assert english.headline == "Beware fake courier refunds"

    alerts.set_state(alert.id, ReadState.ARCHIVED)
    assert alerts.list(everything(), Locale.EN, NOW, RelevanceProfile(holders=[], domains=[], families_met=[])).alerts == []
    with pytest.raises(ApiError.InvalidInput):
        alerts.set_state(alert.id, ReadState.UNREAD)
    with pytest.raises(ApiError.NotFound):
        alerts.set_state("missing", ReadState.READ)


def test_each_defence_has_its_code(env):
    alerts, publisher, _ = env
    data = alert_xml("PY-2")
    _, sig = publisher.sign("feed.xml", data, 5)
    alerts.import_feed(data, sig, NOW)

    _, old = publisher.sign("old.xml", alert_xml("PY-0"), 4)
    with pytest.raises(ApiError.Rejected) as rollback:
        alerts.import_feed(alert_xml("PY-0"), old, NOW)
    assert rollback.value.code == "rollback"

    with pytest.raises(ApiError.Rejected) as tampered:
        alerts.import_feed(data.replace(b"PY-2", b"PY-9"), sig, NOW)
    assert tampered.value.code == "signature_invalid"

    with pytest.raises(ApiError.Rejected) as comment:
        alerts.import_feed(data, sig.replace("seq=5", "seq=6"), NOW)
    assert comment.value.code == "trusted_comment_tampered"

    _, expired = publisher.sign("exp.xml", alert_xml("PY-3"), 6, expires=NOW - datetime.timedelta(minutes=1))
    with pytest.raises(ApiError.Rejected) as stale:
        alerts.import_feed(alert_xml("PY-3"), expired, NOW)
    assert stale.value.code == "feed_expired"

    foreign = alert_xml("PY-4").replace(SENDER.encode(), b"someone@else.example")
    _, sig = publisher.sign("foreign.xml", foreign, 7)
    with pytest.raises(ApiError.Rejected) as scope:
        alerts.import_feed(foreign, sig, NOW)
    assert scope.value.code == "out_of_scope"

    status = alerts.feed_status(NOW)
    assert status[0].last_seq == 5 and status[0].stale_since is None
    later = NOW + datetime.timedelta(days=2)
    assert alerts.feed_status(later)[0].stale_since is not None


def test_sms_and_push_doors(env):
    alerts, publisher, _ = env
    forged = alerts.ingest_sms("12381", "【反诈中心】请加QQ 123456789 领取补偿", NOW, Locale.ZH_CN)
    assert forged.verdict == SmsVerdict.FORGED and forged.alert_id is None
    genuine = alerts.ingest_sms("95588", "【工商银行】详见 https://m.icbc.com.cn/x", NOW, Locale.EN)
    assert genuine.verdict == SmsVerdict.PLAUSIBLE and genuine.alert_id

    hint = alerts.ingest_push(b'{"v":1,"type":"sync"}', NOW)
    assert hint == PushOutcome.SYNC_REQUESTED(url=None)
    with pytest.raises(ApiError.Rejected) as unsigned:
        alerts.ingest_push(b'{"v":1,"type":"alert","cap":"<alert/>"}', NOW)
    assert unsigned.value.code == "unsigned"
    with pytest.raises(ApiError.Rejected) as big:
        alerts.ingest_push(b" " * 5000, NOW)
    assert big.value.code == "too_large"


class Recorder(SyncProgressListener):
    def __init__(self):
        self.calls = []

    def on_progress(self, url, received_bytes, total_bytes):
        self.calls.append((url, received_bytes, total_bytes))


def test_sync_from_a_local_server_reports_progress(env, tmp_path):
    alerts, publisher, _ = env
    served = tmp_path / "www"
    served.mkdir()
    data = alert_xml("PY-S")
    _, sig = publisher.sign("feed.xml", data, 1)
    (served / "feed.xml").write_bytes(data)
    (served / "feed.xml.minisig").write_text(sig)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
        recorder = Recorder()
        options = SyncOptions(timeout_ms=5000, connect_timeout_ms=2000, max_bytes=1 << 20, attempts=2, backoff_ms=10)
        reports = alerts.sync(url, NOW, options, recorder)
        assert reports[0].feed_report.accepted == 1 and reports[0].attempts == 1
        assert recorder.calls and recorder.calls[-1] == (url, len(data), len(data))
        again = alerts.sync(None, NOW, options, None)
        # Python's server sends no ETag: the same bytes under the same seq are "unchanged".
        assert again[0].error is None and again[0].feed_report.unchanged
    finally:
        server.shutdown()


def test_should_notify_respects_quiet_hours(env):
    alerts, publisher, _ = env
    data = alert_xml("PY-N", severity="Severe")
    _, sig = publisher.sign("n.xml", data, 1)
    alerts.import_feed(data, sig, NOW)
    alert = alerts.list(everything(), Locale.EN, NOW, RelevanceProfile(holders=[], domains=[], families_met=[])).alerts[0]
    all_day = QuietHours(start_minute=0, end_minute=24 * 60)
    assert vigil_ffi.alerts_should_notify(alert, None, NOW, 480)
    assert not vigil_ffi.alerts_should_notify(alert, all_day, NOW, 480)
    with pytest.raises(ApiError.InvalidInput):
        vigil_ffi.alerts_should_notify(alert, None, NOW, 100000)


def test_a_breach_alert_drives_the_inventorys_breach_impact(tmp_path):
    created = vigil_ffi.create_vault(str(tmp_path / "vault"), "py passphrase", FAST)
    alerts, inventory = Alerts(created.vault), vigil_ffi.Inventory(created.vault)
    publisher = Publisher(tmp_path)
    alerts.trust("Police", publisher.public_key, [SENDER])
    phone = inventory.add_detail(NewDetail(kind=DetailKind.PHONE, value="13812345678", label=None, unchecked=False), NOW).id
    shop = inventory.add_holder(
        NewHolder(name="Example Shop", category=HolderCategory.ECOMMERCE, website="shop.example.com", phone=None, notes=None, own_device=False),
        NOW,
    )
    inventory.disclose(
        NewDisclosure(detail_id=phone, holder_id=shop, date="2024-03-01", channel=DisclosureChannel.APP_SIGNUP, purpose=None, necessary=True, evidence=None),
        NOW,
    )
    breach = alert_xml("PY-B").replace(
        b"</info></alert>",
        b"<parameter><valueName>x-breached-domain</valueName><value>example.com</value></parameter></info></alert>",
    )
    _, sig = publisher.sign("breach.xml", breach, 1)
    alerts.import_feed(breach, sig, NOW)

    impacts = inventory.apply_breach_alerts(NOW, Locale.ZH_CN)
    assert [(i.holder_id, i.newly_flagged) for i in impacts] == [(shop, 1)]
    assert impacts[0].exposed[0].kind == DetailKind.PHONE
    assert inventory.apply_breach_alerts(NOW, Locale.ZH_CN) == []
