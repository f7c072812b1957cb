import com.sun.net.httpserver.HttpServer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import org.vigil.core.AlertFilter
import org.vigil.core.AlertView
import org.vigil.core.DetailKind
import org.vigil.core.DisclosureChannel
import org.vigil.core.Family
import org.vigil.core.HolderCategory
import org.vigil.core.KdfParams
import org.vigil.core.Locale
import org.vigil.core.NewDetail
import org.vigil.core.NewDisclosure
import org.vigil.core.NewHolder
import org.vigil.core.PushOutcome
import org.vigil.core.QuietHours
import org.vigil.core.ReadState
import org.vigil.core.RelevanceProfile
import org.vigil.core.SmsVerdict
import org.vigil.core.SyncOptions
import org.vigil.ffi.Alerts
import org.vigil.ffi.ApiException
import org.vigil.ffi.Inventory
import org.vigil.ffi.SyncProgressListener
import org.vigil.ffi.alertsShouldNotify
import org.vigil.ffi.createVault
import java.net.InetSocketAddress
import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import java.time.temporal.ChronoUnit
import java.util.concurrent.CopyOnWriteArrayList

/** A publisher key pair made and used with the stock minisign tool. */
class MinisignPublisher(private val dir: Path) {
    init {
        run("minisign", "-G", "-W", "-p", dir.resolve("pub.key").toString(), "-s", dir.resolve("sec.key").toString())
    }

    val publicKey: String get() = Files.readAllLines(dir.resolve("pub.key"))[1]

    fun sign(name: String, data: ByteArray, seq: Int, expires: Instant = Instant.now().plus(1, ChronoUnit.DAYS)): String {
        val file = dir.resolve(name)
        Files.write(file, data)
        val comment = "seq=$seq expires=${expires.truncatedTo(ChronoUnit.SECONDS)}"
        run("minisign", "-S", "-s", dir.resolve("sec.key").toString(), "-m", file.toString(), "-t", comment)
        return Files.readString(dir.resolve("$name.minisig"))
    }

    private fun run(vararg command: String) {
        val process = ProcessBuilder(*command).redirectErrorStream(true).start()
        process.inputStream.readAllBytes()
        check(process.waitFor() == 0) { "${command[0]} ${command[1]} failed" }
    }
}

/** Records what the Rust side reports while syncing. */
class RecordingListener : SyncProgressListener {
    val calls = CopyOnWriteArrayList<Triple<String, ULong, ULong>>()
    override fun onProgress(url: String, receivedBytes: ULong, totalBytes: ULong) {
        calls.add(Triple(url, receivedBytes, totalBytes))
    }
}

class AlertsTest {
    companion object {
        const val SENDER = "alerts@police.example.cn"
        val FAST = KdfParams(1024u, 1u, 1u)
        val NONE = RelevanceProfile(listOf(), listOf(), listOf())
        val ACTIVE = AlertFilter(AlertView.ACTIVE, null, null, null, null)

        @JvmStatic
        @BeforeAll
        fun checkBindingsMatchLibrary() {
            org.vigil.core.uniffiEnsureInitialized()
            org.vigil.ffi.uniffiEnsureInitialized()
        }

        fun alertXml(id: String): ByteArray {
            val now = Instant.now().truncatedTo(ChronoUnit.SECONDS)
            val sent = now.minus(1, ChronoUnit.HOURS).toString().replace("Z", "+00:00")
            val expires = now.plus(3, ChronoUnit.DAYS).toString().replace("Z", "+00:00")
            return ("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>$id</identifier>" +
                "<sender>$SENDER</sender><sent>$sent</sent><status>Actual</status><msgType>Alert</msgType>" +
                "<scope>Public</scope><info><language>zh-CN</language><category>Security</category>" +
                "<event>冒充客服退款</event><urgency>Immediate</urgency><severity>Severe</severity>" +
                "<certainty>Observed</certainty><eventCode><valueName>x-antifraud</valueName><value>refund</value>" +
                "</eventCode><expires>$expires</expires><headline>警惕冒充快递客服退款</headline></info></alert>").toByteArray()
        }

        fun minisignAvailable(): Boolean =
            runCatching { ProcessBuilder("minisign", "-v").start().waitFor() == 0 }.getOrDefault(false)
    }

    private fun setUp(dir: Path): Pair<Alerts, MinisignPublisher> {
        assumeTrue(minisignAvailable(), "the minisign binary is not installed")
        val vault = createVault(dir.resolve("v").toString(), "kt passphrase", FAST).vault
        val alerts = Alerts(vault)
        val publisher = MinisignPublisher(dir)
        assertEquals(32, alerts.trust("Police", publisher.publicKey, listOf(SENDER)).length)
        return alerts to publisher
    }

    @Test
    fun aBreachAlertDrivesTheInventorysBreachImpact(@TempDir dir: Path) {
        assumeTrue(minisignAvailable(), "the minisign binary is not installed")
        val vault = createVault(dir.resolve("v").toString(), "kt passphrase", FAST).vault
        val alerts = Alerts(vault)
        val inventory = Inventory(vault)
        val publisher = MinisignPublisher(dir)
        alerts.trust("Police", publisher.publicKey, listOf(SENDER))
        val now = Instant.now()
        val phone = inventory.addDetail(NewDetail(DetailKind.PHONE, "13812345678", null, false), now).id
        val shop = inventory.addHolder(NewHolder("Example Shop", HolderCategory.ECOMMERCE, "shop.example.com", null, null, false), now)
        inventory.disclose(NewDisclosure(phone, shop, "2024-03-01", DisclosureChannel.APP_SIGNUP, null, true, null), now)

        val breach = String(alertXml("KT-B")).replace(
            "</info></alert>",
            "<parameter><valueName>x-breached-domain</valueName><value>example.com</value></parameter></info></alert>",
        ).toByteArray()
        alerts.importFeed(breach, publisher.sign("breach.xml", breach, 1), now)
        val impacts = inventory.applyBreachAlerts(now, Locale.EN)
        assertEquals(listOf(shop to 1u), impacts.map { it.holderId to it.newlyFlagged })
        assertEquals(DetailKind.PHONE, impacts[0].exposed[0].kind)
        assertTrue(inventory.applyBreachAlerts(now, Locale.EN).isEmpty())
    }

    @Test
    fun importListReadAndDefences(@TempDir dir: Path) {
        val (alerts, publisher) = setUp(dir)
        val now = Instant.now()
        val data = alertXml("KT-1")
        val report = alerts.importFeed(data, publisher.sign("feed.xml", data, 5), now)
        assertEquals(1u, report.accepted)

        val list = alerts.list(ACTIVE, Locale.ZH_CN, now, NONE)
        assertEquals(0uL, list.damaged)
        val listed = list.alerts
        assertEquals(listOf("KT-1"), listed.map { it.identifier })
        assertEquals(Family.REFUND, listed[0].family)
        assertEquals("警惕冒充快递客服退款", listed[0].headline)
        alerts.setState(listed[0].id, ReadState.READ)
        assertEquals(ReadState.READ, alerts.get(listed[0].id, Locale.EN, now, NONE).state)

        val old = alertXml("KT-0")
        val rollback = assertThrows<ApiException.Rejected> { alerts.importFeed(old, publisher.sign("old.xml", old, 4), now) }
        assertEquals("rollback", rollback.code)
        val forged = assertThrows<ApiException.Rejected> {
            alerts.importFeed(alertXml("KT-9"), publisher.sign("f.xml", data, 6), now)
        }
        assertEquals("signature_invalid", forged.code)
        val expired = alertXml("KT-2")
        val stale = assertThrows<ApiException.Rejected> {
            alerts.importFeed(expired, publisher.sign("e.xml", expired, 7, now.minus(1, ChronoUnit.MINUTES)), now)
        }
        assertEquals("feed_expired", stale.code)
        assertNull(alerts.feedStatus(now)[0].staleSince)
        assertTrue(alerts.feedStatus(now.plus(2, ChronoUnit.DAYS))[0].staleSince != null)
    }

    @Test
    fun smsPushAndNotifications(@TempDir dir: Path) {
        val (alerts, publisher) = setUp(dir)
        val now = Instant.now()
        val forged = alerts.ingestSms("12381", "【反诈中心】请添加民警微信号：police_110zz 配合调查", now, Locale.ZH_CN)
        assertEquals(SmsVerdict.FORGED, forged.verdict)
        assertTrue(forged.explanation.contains("伪造"))
        assertEquals(PushOutcome.SyncRequested(null), alerts.ingestPush("{\"v\":1,\"type\":\"sync\"}".toByteArray(), now))
        val unsigned = assertThrows<ApiException.Rejected> {
            alerts.ingestPush("{\"v\":1,\"type\":\"alert\",\"cap\":\"<alert/>\"}".toByteArray(), now)
        }
        assertEquals("unsigned", unsigned.code)

        val data = alertXml("KT-N")
        alerts.importFeed(data, publisher.sign("n.xml", data, 1), now)
        val alert = alerts.list(ACTIVE, Locale.EN, now, NONE).alerts.first { it.identifier == "KT-N" }
        assertTrue(alertsShouldNotify(alert, null, now, 480))
        assertFalse(alertsShouldNotify(alert, QuietHours(0u, 1440u), now, 480))
    }

    @Test
    fun syncFromLocalServerWithKotlinListener(@TempDir dir: Path) {
        val (alerts, publisher) = setUp(dir)
        val data = alertXml("KT-S")
        val signature = publisher.sign("served.xml", data, 1)
        val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        server.createContext("/") { exchange ->
            val body = if (exchange.requestURI.path.endsWith(".minisig")) signature.toByteArray() else data
            exchange.sendResponseHeaders(200, body.size.toLong())
            exchange.responseBody.use { it.write(body) }
        }
        server.start()
        try {
            val url = "http://127.0.0.1:${server.address.port}/feed.xml"
            val listener = RecordingListener()
            val options = SyncOptions(5000u, 2000u, 1048576u, 2u, 10u)
            val reports = alerts.sync(url, Instant.now(), options, listener)
            assertEquals(1u, reports[0].feedReport!!.accepted)
            assertEquals(Triple(url, data.size.toULong(), data.size.toULong()), listener.calls.last())
            val missing = assertThrows<ApiException.InvalidInput> { alerts.sync("http://example.invalid/x", Instant.now(), options, null) }
            assertTrue(missing.reason.contains("https"))
        } finally {
            server.stop(0)
        }
    }
}
