package org.haven.core

import org.haven.core.model.CalcKey
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import java.nio.file.Files
import java.nio.file.Paths

/**
 * FFI overhead, measured from Kotlin: a simple repeated-measure harness (warm-up, then several
 * timed rounds; the median round is reported). Runs only when asked:
 * `HAVEN_BENCH=1 bindings/kotlin/run-tests.sh`. The Rust side of the comparison is
 * `cargo bench -p haven-ffi --bench ffi`; docs/benchmarks-ffi.md has both and the ratio.
 */
@Tag("benchmark")
class FfiBenchmark {
    private val report = StringBuilder()

    /** Median nanoseconds per call of [body] over [rounds] rounds of [n] calls. */
    private fun measure(name: String, n: Int, rounds: Int = 7, body: () -> Unit): Double {
        repeat(n) { body() } // warm-up: JIT, caches
        val perCall = (1..rounds).map {
            val start = System.nanoTime()
            repeat(n) { body() }
            (System.nanoTime() - start).toDouble() / n
        }.sorted()
        val median = perCall[rounds / 2]
        val line = "%-40s median %10.1f ns/call (min %.1f, max %.1f; %d rounds × %d calls)"
            .format(name, median, perCall.first(), perCall.last(), rounds, n)
        println(line)
        report.appendLine(line)
        return median
    }

    @Test
    fun `trivial calls`(): Unit = TempVault().use { v ->
        val session = v.setup()
        Calculator().use { calc ->
            val keys = listOf(CalcKey.Digit(7u), CalcKey.Add, CalcKey.Digit(2u), CalcKey.Equals, CalcKey.Clear)
            var i = 0
            val press = measure("Calculator.press", 200_000) { calc.press(keys[i++ % keys.size]) }
            val isOpen = measure("Session.isOpen", 1_000_000) { session.isOpen() }
            val locale = measure("Session.locale (one SQL query)", 50_000) { session.locale() }
            assertTrue(press > 0 && isOpen > 0 && locale > 0)
        }
        session.close()
        val out = Paths.get(System.getProperty("user.dir"), "target", "ffi-benchmark.txt")
        Files.createDirectories(out.parent)
        Files.writeString(out, report.toString())
    }
}
