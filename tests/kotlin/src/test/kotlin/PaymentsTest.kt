import java.nio.file.Path
import java.time.Duration
import java.time.Instant
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import org.vigil.core.FlagCode
import org.vigil.core.KdfParams
import org.vigil.core.Locale
import org.vigil.core.NewPayee
import org.vigil.core.NumberSource
import org.vigil.core.Outcome
import org.vigil.core.PhoneSource
import org.vigil.core.Relationship
import org.vigil.core.ReminderKind
import org.vigil.core.RequestInput
import org.vigil.core.Status
import org.vigil.core.StepCode
import org.vigil.core.StepInput
import org.vigil.ffi.ApiException
import org.vigil.ffi.Payments
import org.vigil.ffi.createVault
import org.vigil.ffi.paymentTextRedFlags

/** Before you pay (issue 6) through the Kotlin bindings, on a real encrypted vault. */
class PaymentsTest {
    companion object {
        @JvmStatic
        @BeforeAll
        fun checkBindingsMatchLibrary() {
            org.vigil.core.uniffiEnsureInitialized()
            org.vigil.ffi.uniffiEnsureInitialized()
        }

        val T0: Instant = Instant.parse("2026-11-01T09:00:00Z")
        val T1: Instant = Instant.parse("2026-11-28T09:00:00Z")
        const val MUM_PHONE = "13800138000"
    }

    @TempDir
    lateinit var dir: Path

    private fun payments(): Payments {
        val kdf = KdfParams(memoryKib = 1024u, iterations = 1u, parallelism = 1u)
        return Payments(createVault(dir.resolve("vault").toString(), "correct horse", kdf).vault)
    }

    private fun Payments.addMum(): String = addPayee(
        NewPayee(
            name = "Mum",
            relationship = Relationship.FAMILY,
            phone = "+86 138 0013 8000",
            phoneSource = PhoneSource.IN_PERSON,
            account = "6222020200001234",
            bank = "ICBC",
        ),
        T0,
    )

    private fun call(number: String, outcome: Outcome) =
        StepInput(number = number, source = NumberSource.PAYEE_BOOK, outcome = outcome)

    @Test
    fun callBackOnTheBookNumberClearsAWechatRequest() {
        val payments = payments()
        val mum = payments.addMum()
        var check = payments.check(RequestInput(channel = "wechat", payeeId = mum, amount = "800.00", currency = "CNY"), T1, Locale.EN)
        assertEquals(Status.VERIFYING, check.status)
        assertEquals(listOf(StepCode.CALL_BACK), check.requiredSteps.map { it.code })
        val later = T1.plus(Duration.ofMinutes(5))
        check = payments.recordStep(check.id, "call_back", call("13900001111", Outcome.CONFIRMED), later, Locale.EN)
        assertEquals(Status.VERIFYING, check.status, "a number not from the book does not count")
        check = payments.recordStep(check.id, "call_back", call(MUM_PHONE, Outcome.CONFIRMED), later, Locale.EN)
        assertEquals(Status.CLEARED, check.status)
        assertEquals(Status.SENT, payments.markSent(check.id, later, Locale.EN).status)
    }

    @Test
    fun thePayeeBookIsEditableExceptUnderAnOpenCheck() {
        val payments = payments()
        val mum = payments.addMum()
        payments.renamePayee(mum, "Mother")
        assertThrows<ApiException.InvalidInput> { payments.removePayeePhone(mum, MUM_PHONE) }
        payments.addPayeePhone(mum, "139 0013 9000", PhoneSource.CARD_BACK, T0)
        payments.removePayeePhone(mum, MUM_PHONE)
        assertEquals("Mother", payments.listPayees()[0].name)
        val check = payments.check(RequestInput(channel = "wechat", payeeId = mum, amount = "10", currency = "CNY"), T1, Locale.EN)
        assertThrows<ApiException.InvalidInput> { payments.removePayee(mum) }
        payments.abandon(check.id, T1, Locale.EN)
        payments.removePayee(mum)
        assertEquals(0, payments.listPayees().size)
        assertThrows<ApiException.NotFound> { payments.renamePayee(mum, "x") }
    }

    @Test
    fun badInputIsInvalidInputAndChangesNothing() {
        val payments = payments()
        val mum = payments.addMum()
        val check = payments.check(RequestInput(channel = "sms", payeeId = mum, amount = "100", currency = "CNY"), T1, Locale.EN)
        for ((amount, currency) in listOf("-5" to "CNY", "1.234" to "CNY", "abc" to "CNY", "5" to "XYZ")) {
            assertThrows<ApiException.InvalidInput> {
                payments.check(RequestInput(channel = "sms", payeeId = mum, amount = amount, currency = currency), T1, Locale.EN)
            }
        }
        assertThrows<ApiException.InvalidInput> { payments.recordStep(check.id, "teleport", StepInput(), T1, Locale.EN) }
        assertThrows<ApiException.NotFound> { payments.show("no-such-check", Locale.EN) }
        assertEquals(check, payments.show(check.id, Locale.EN))
        assertEquals(1, payments.history(Locale.EN).size)
    }

    @Test
    fun redFlagsBlockUntilATypedOverride() {
        val payments = payments()
        val text = "你涉嫌洗钱，马上把钱转到安全账户"
        val request = RequestInput(
            channel = "voice_call", name = "Officer Chen", relationship = "stranger", amount = "30000",
            currency = "CNY", account = "6217000011112222", text = text,
        )
        val check = payments.check(request, T1, Locale.ZH_CN)
        assertEquals(Status.BLOCKED, check.status)
        val safe = check.flags.first { it.code == FlagCode.SAFE_ACCOUNT }
        val span = safe.span!!
        val codePoints = text.codePoints().toArray()
        assertEquals("安全账户", String(codePoints, span.start.toInt(), (span.end - span.start).toInt()))
        assertThrows<ApiException.InvalidInput> { payments.overrideCheck(check.id, "ok", T1, Locale.EN) }
        val pack = payments.evidencePack(check.id, T1, Locale.ZH_CN)
        assertTrue(pack.text.contains("96110") && pack.text.contains("6217000011112222"))
        val cleared = payments.overrideCheck(check.id, "my own decision, I accept the risk", T1, Locale.EN)
        assertEquals(Status.CLEARED, cleared.status)
        assertEquals("my own decision, I accept the risk", cleared.overrides.single().reason)
    }

    @Test
    fun aDelayedTransferSchedulesItsReCheck() {
        val payments = payments()
        val mum = payments.addMum()
        payments.setThreshold("1000", "CNY")
        val check = payments.check(RequestInput(channel = "in_person", payeeId = mum, amount = "1000.01", currency = "CNY"), T1, Locale.EN)
        assertEquals(listOf(StepCode.DELAYED_TRANSFER, StepCode.REVERIFY), check.requiredSteps.map { it.code })
        payments.recordStep(check.id, "delayed_transfer", StepInput(), T1, Locale.EN)
        payments.markSent(check.id, T1, Locale.EN)
        val reminders = payments.dueReminders(T1, Locale.EN)
        assertEquals(listOf(ReminderKind.REVERIFY, ReminderKind.REVERIFY_LAST_CHANCE), reminders.map { it.kind })
        assertEquals(T1.plus(Duration.ofHours(2)).epochSecond, reminders[0].dueAtUnix)
        assertFalse(reminders[0].isDue)
    }

    @Test
    fun textRedFlagsNeedNoVault() {
        assertTrue(paymentTextRedFlags("Never share your verification code.").isEmpty())
        assertTrue(paymentTextRedFlags("send me the verification code now").any { it.code == FlagCode.VERIFICATION_CODE })
    }
}
