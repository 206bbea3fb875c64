package org.haven.app.settings

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowLooper
import java.util.concurrent.TimeUnit

@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35])
class WipeCountdownTest {
    private val ticks = mutableListOf<Int>()
    private var finished = 0
    private val countdown = WipeCountdown(seconds = 5, onTick = { ticks += it }, onFinished = { finished++ })

    @Test
    fun `counts down then finishes once`() {
        countdown.start()
        ShadowLooper.idleMainLooper(4, TimeUnit.SECONDS)
        assertEquals(listOf(5, 4, 3, 2, 1), ticks)
        assertEquals(0, finished)
        ShadowLooper.idleMainLooper(1, TimeUnit.SECONDS)
        assertEquals(1, finished)
        assertFalse(countdown.isRunning)
        ShadowLooper.idleMainLooper(10, TimeUnit.SECONDS)
        assertEquals(1, finished)
    }

    @Test
    fun `cancel before the end means no wipe`() {
        countdown.start()
        ShadowLooper.idleMainLooper(3, TimeUnit.SECONDS)
        assertTrue(countdown.isRunning)
        countdown.cancel()
        ShadowLooper.idleMainLooper(30, TimeUnit.SECONDS)
        assertEquals(0, finished)
        assertEquals(listOf(5, 4, 3, 2), ticks)
        assertFalse(countdown.isRunning)
    }

    @Test
    fun `can start again after a cancel`() {
        countdown.start()
        countdown.cancel()
        countdown.start()
        ShadowLooper.idleMainLooper(5, TimeUnit.SECONDS)
        assertEquals(1, finished)
    }
}
