package org.haven.core

import org.haven.core.model.CalcKey
import org.haven.core.model.HavenLocale
import org.haven.core.model.VaultState
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/** The library is called from several threads at once, as shells do (UI + background work). */
class ConcurrencyTest {
    private fun <T> onThreads(n: Int, body: (Int) -> T): List<T> {
        val pool = Executors.newFixedThreadPool(n)
        try {
            val start = CountDownLatch(1)
            val futures = (0 until n).map { i -> pool.submit(Callable { start.await(); body(i) }) }
            start.countDown()
            return futures.map { it.get(120, TimeUnit.SECONDS) }
        } finally {
            pool.shutdownNow()
        }
    }

    @Test
    fun `one session used from eight threads at once`(): Unit = TempVault().use { v ->
        v.setup().use { session ->
            val locales = listOf(HavenLocale.KK, HavenLocale.RU, HavenLocale.EN)
            onThreads(8) { t ->
                repeat(200) { i ->
                    session.setLocale(locales[(t + i) % 3])
                    assertTrue(session.locale() in locales)
                    assertTrue(session.isOpen())
                    assertEquals(VaultState.Unlocked, v.haven.state())
                }
            }
        }
    }

    @Test
    fun `calculators pressed on many threads stay independent`() {
        val results = onThreads(8) { t ->
            Calculator().use { calc ->
                repeat(500) { calc.type("C $t + 1 =") }
                calc.type("C $t × 2 =").display
            }
        }
        assertEquals((0 until 8).map { (it * 2).toString() }, results)
    }

    @Test
    fun `quick exit from one thread while others are using the session`(): Unit = TempVault().use { v ->
        val session = v.setup()
        val locked = AtomicInteger()
        val ok = AtomicInteger()
        val exited = CountDownLatch(1)
        onThreads(5) { t ->
            if (t == 0) {
                // Exit only once the others are really using the session (however slow the machine).
                val deadline = System.nanoTime() + 30_000_000_000L
                while (ok.get() < 4 && System.nanoTime() < deadline) Thread.sleep(1)
                v.haven.quickExit()
                exited.countDown()
            } else {
                // Keep calling until well after the exit; every call either works or says Locked.
                while (exited.count > 0) {
                    try {
                        session.setLocale(HavenLocale.RU)
                        session.locale()
                        ok.incrementAndGet()
                    } catch (e: HavenException.Locked) {
                        locked.incrementAndGet()
                    }
                }
                repeat(20) {
                    try {
                        session.locale()
                        throw AssertionError("a call after quick exit succeeded")
                    } catch (e: HavenException.Locked) {
                        locked.incrementAndGet()
                    }
                }
            }
        }
        assertFalse(session.isOpen())
        assertTrue(ok.get() > 0, "the session was used before the exit")
        assertTrue(locked.get() >= 4 * 20)
        session.close()
    }

    @Test
    fun `concurrent unlocks leave exactly one open session`(): Unit = TempVault().use { v ->
        v.setup().close()
        v.haven.lock()
        val sessions = onThreads(4) { v.haven.open(PIN) }
        assertEquals(1, sessions.count { it.isOpen() }, "each unlock closes the session before it")
        sessions.forEach { it.close() }
        assertEquals(VaultState.Unlocked, v.haven.state())
    }

    @Test
    fun `calculator unlock off the UI thread while the UI keeps pressing keys`(): Unit = TempVault().use { v ->
        v.setup().close()
        v.haven.lock()
        Calculator().use { calc ->
            assertTrue(calc.type("C $PIN =").unlockCandidate)
            val pressed = AtomicInteger()
            onThreads(2) { t ->
                if (t == 0) {
                    assertOpenedAndClose(v.haven.unlockWithCalculator(calc))
                } else {
                    repeat(1_000) { calc.press(CalcKey.Digit(3u)); pressed.incrementAndGet() }
                }
            }
            assertEquals(1_000, pressed.get())
        }
    }
}
