import org.junit.platform.engine.TestExecutionResult
import org.junit.platform.engine.support.descriptor.MethodSource
import org.junit.platform.launcher.TestExecutionListener
import org.junit.platform.launcher.TestIdentifier

/** Prints one line per finished test (registered through META-INF/services), so the CI log shows
 *  what ran and not only Surefire's counts. */
class TestResultPrinter : TestExecutionListener {
    override fun executionFinished(test: TestIdentifier, result: TestExecutionResult) {
        if (!test.isTest) return
        val testClass = (test.source.orElse(null) as? MethodSource)?.className ?: "?"
        val outcome = when (result.status) {
            TestExecutionResult.Status.SUCCESSFUL -> "PASSED"
            TestExecutionResult.Status.ABORTED -> "ABORTED"
            TestExecutionResult.Status.FAILED -> "FAILED"
        }
        println("[kotlin] $outcome $testClass > ${test.displayName}")
    }

    override fun executionSkipped(test: TestIdentifier, reason: String) {
        println("[kotlin] SKIPPED ${test.displayName}: $reason")
    }
}
