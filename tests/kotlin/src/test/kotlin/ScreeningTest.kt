import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.vigil.core.Family
import org.vigil.core.Locale
import org.vigil.core.PaymentProvider
import org.vigil.core.ProtectedTarget
import org.vigil.core.QrKind
import org.vigil.core.Risk
import org.vigil.ffi.ApiException
import org.vigil.ffi.builtInProtectedTargets
import org.vigil.ffi.checkMessage
import org.vigil.ffi.checkQr
import org.vigil.ffi.checkUrl
import org.vigil.ffi.checkUrlWithTargets
import org.vigil.ffi.checkWifi

class ScreeningTest {
    companion object {
        @JvmStatic
        @BeforeAll
        fun checkBindingsMatchLibrary() {
            org.vigil.core.uniffiEnsureInitialized()
            org.vigil.ffi.uniffiEnsureInitialized()
        }
    }

    @Test
    fun lookalikeLinkNamesItsTarget() {
        val v = checkUrl("https://www.ccb.com.secure-verify.top/", Locale.EN)
        assertEquals(Risk.HIGH, v.risk)
        assertEquals("secure-verify.top", v.registrableDomain)
        assertEquals("ccb.com", v.imitates)
        assertTrue(v.signals.any { it.code == "target_embedding" })
    }

    @Test
    fun officialLinkIsLowAndGarbageIsAnError() {
        val v = checkUrl("https://www.icbc.com.cn/", Locale.EN)
        assertEquals(Risk.LOW, v.risk)
        assertNull(v.imitates)
        assertThrows<ApiException.InvalidInput> { checkUrl("   ", Locale.EN) }
    }

    @Test
    fun extraTargetsAreProtected() {
        val extra = listOf(ProtectedTarget("northwindbank.co.uk", listOf("Northwind Bank")))
        assertEquals("northwindbank.co.uk", checkUrlWithTargets("https://northwindbank-login.com/", extra, Locale.EN).imitates)
        assertNull(checkUrl("https://northwindbank-login.com/", Locale.EN).imitates)
    }

    @Test
    fun codeRequestIsHighWithValidSpans() {
        val text = "我手机号填错了，你收到的验证码转发给我一下"
        val v = checkMessage(text, "+8613900000000", Locale.ZH_CN)
        assertEquals(Risk.HIGH, v.risk)
        assertTrue(Family.OTP_THEFT in v.families)
        val length = text.codePointCount(0, text.length).toUInt()
        for (s in v.signals) {
            assertTrue(s.detail.any { Character.UnicodeScript.of(it.code) == Character.UnicodeScript.HAN })
            s.span?.let { assertTrue(it.start < it.end && it.end <= length) }
        }
    }

    @Test
    fun genuineCodeTextIsLow() {
        val v = checkMessage("【工商银行】验证码123456，请勿告诉他人。", "95588", Locale.EN)
        assertEquals(Risk.LOW, v.risk)
        assertTrue(v.families.isEmpty())
    }

    @Test
    fun qrKinds() {
        val wifi = checkQr("WIFI:S:Free-Airport;T:nopass;;", Locale.EN)
        assertEquals(QrKind.Wifi, wifi.kind)
        assertEquals("Free-Airport", wifi.wifi?.ssid)
        assertEquals(Risk.MEDIUM, wifi.risk)
        assertEquals(QrKind.Payment(PaymentProvider.WECHAT), checkQr("wxp://f2f0abcdef", Locale.EN).kind)
        assertEquals("icbc.com.cn", checkQr("https://icbc.com.cn-login.xyz/", Locale.EN).url?.imitates)
    }

    @Test
    fun wifiAndBuiltInTargets() {
        assertEquals(Risk.LOW, checkWifi("Home", "WPA2-PSK", false, Locale.EN).risk)
        assertEquals(Risk.MEDIUM, checkWifi("Cafe", null, false, Locale.EN).risk)
        val domains = builtInProtectedTargets().map { it.domain }.toSet()
        assertTrue(domains.containsAll(listOf("icbc.com.cn", "alipay.com", "10086.cn")))
    }
}
