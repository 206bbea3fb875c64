package org.haven.core

import org.haven.core.model.CalcKey
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import java.nio.file.Files
import java.nio.file.Paths

/**
 * FFI overhead, measured from Kotlin: a simple repeated-measure harness (a warm-up round, then
 * several timed rounds; see [measure] for what is reported). Runs only when asked:
 * `HAVEN_BENCH=1 bindings/kotlin/run-tests.sh`. The Rust side of the comparison is
 * `cargo bench -p haven-ffi --bench ffi`; docs/benchmarks-ffi.md has both and the ratio.
 */
@Tag("benchmark")
class FfiBenchmarkTest {
    private val report = StringBuilder()

    private val threads = java.lang.management.ManagementFactory.getThreadMXBean()

    /**
     * Per-call cost of [body] over [rounds] rounds of [n] calls, after a warm-up round: the
     * fastest round's wall time (the least disturbed by other work on this shared machine),
     * the median round's wall time, and the median round's CPU time of this thread (excludes
     * waiting for a CPU, but also the JVM's GC and JNA's cleaner threads).
     */
    private fun measure(name: String, n: Int, rounds: Int = 15, body: () -> Unit): Double {
        repeat(n) { body() } // warm-up: JIT, caches
        val wall = DoubleArray(rounds)
        val cpu = DoubleArray(rounds)
        for (r in 0 until rounds) {
            val c0 = threads.currentThreadCpuTime
            val t0 = System.nanoTime()
            repeat(n) { body() }
            wall[r] = (System.nanoTime() - t0).toDouble() / n
            cpu[r] = (threads.currentThreadCpuTime - c0).toDouble() / n
        }
        wall.sort()
        cpu.sort()
        val line = "%-32s min %9.0f ns  median %9.0f ns  median CPU %9.0f ns  (%d rounds × %d calls)"
            .format(name, wall.first(), wall[rounds / 2], cpu[rounds / 2], rounds, n)
        println(line)
        report.appendLine(line)
        return wall.first()
    }

    @Test
    fun `trivial calls`(): Unit = TempVault().use { v ->
        val session = v.setup()
        Calculator().use { calc ->
            val keys = listOf(CalcKey.Digit(7u), CalcKey.Add, CalcKey.Digit(2u), CalcKey.Equals, CalcKey.Clear)
            var i = 0
            val press = measure("Calculator.press", 5_000) { calc.press(keys[i++ % keys.size]) }
            val isOpen = measure("Session.isOpen", 10_000) { session.isOpen() }
            val locale = measure("Session.locale (one SQL query)", 2_000) { session.locale() }
            // As-you-type search over the bundled pack (the same query as the Rust bench).
            val query = org.haven.core.model.DirectoryQuery(text = "пол")
            val search = measure("Session.searchDirectory", 1_000) { session.searchDirectory(query) }
            assertTrue(press > 0 && isOpen > 0 && locale > 0 && search > 0)
        }
        session.close()
        // The machine is shared: the load while measuring goes with the figures.
        report.appendLine("load average (1, 5, 15 min): " + Files.readString(Paths.get("/proc/loadavg")).trim())
        val out = Paths.get(System.getProperty("user.dir"), "target", "ffi-benchmark.txt")
        Files.createDirectories(out.parent)
        Files.writeString(out, report.toString())
    }
}
