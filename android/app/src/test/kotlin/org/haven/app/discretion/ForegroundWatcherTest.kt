package org.haven.app.discretion

import android.app.Activity
import android.content.Intent
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowLooper
import java.util.concurrent.TimeUnit

/**
 * The lock-on-leave rules, with a counter in place of the core. The same rules are exercised with
 * the real core in the vault screen tests.
 */
@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35])
class ForegroundWatcherTest {
    class PlainScreen : Activity()
    class SecretScreen : Activity(), VaultScreen

    private var locks = 0
    private val app = RuntimeEnvironment.getApplication()
    private val watcher = ForegroundWatcher(lock = { locks++ }, tripGraceMillis = 60_000).also { it.install(app) }

    @Test
    fun `going to the background locks and closes vault screens`() {
        val calculator = Robolectric.buildActivity(PlainScreen::class.java).setup()
        val vault = Robolectric.buildActivity(SecretScreen::class.java).setup()
        calculator.pause().stop()
        assertEquals("another screen is still visible", 0, locks)
        vault.pause().stop()
        assertEquals(1, locks)
        assertTrue(vault.get().isFinishing)
        assertFalse(calculator.get().isFinishing)
    }

    @Test
    fun `moving between the app's own screens does not lock`() {
        val first = Robolectric.buildActivity(SecretScreen::class.java).setup()
        val second = Robolectric.buildActivity(SecretScreen::class.java).create().start()
        first.pause().stop()
        second.resume()
        assertEquals(0, locks)
    }

    @Test
    fun `a rotation does not lock`() {
        val screen = Robolectric.buildActivity(SecretScreen::class.java).setup()
        screen.recreate()
        assertEquals(0, locks)
    }

    @Test
    fun `screen off locks at once, even during a picker trip`() {
        val screen = Robolectric.buildActivity(SecretScreen::class.java).setup()
        watcher.expectReturn()
        app.sendBroadcast(Intent(Intent.ACTION_SCREEN_OFF))
        ShadowLooper.idleMainLooper()
        assertEquals(1, locks)
        assertTrue(screen.get().isFinishing)
    }

    @Test
    fun `a picker trip locks only if she does not come back in time`() {
        val screen = Robolectric.buildActivity(SecretScreen::class.java).setup()
        watcher.expectReturn()
        screen.pause().stop()
        assertEquals(0, locks)
        ShadowLooper.idleMainLooper(59, TimeUnit.SECONDS)
        assertEquals(0, locks)
        ShadowLooper.idleMainLooper(2, TimeUnit.SECONDS)
        assertEquals(1, locks)
    }

    @Test
    fun `coming back from a picker in time keeps the vault open, and the next leave locks`() {
        val screen = Robolectric.buildActivity(SecretScreen::class.java).setup()
        watcher.expectReturn()
        screen.pause().stop()
        ShadowLooper.idleMainLooper(10, TimeUnit.SECONDS)
        screen.restart().resume()
        ShadowLooper.idleMainLooper(5, TimeUnit.MINUTES)
        assertEquals(0, locks)
        screen.pause().stop()
        assertEquals(1, locks)
    }

    @Test
    fun `secure window sets FLAG_SECURE`() {
        val screen = Robolectric.buildActivity(PlainScreen::class.java).create().get()
        assertFalse(SecureWindow.isProtected(screen))
        SecureWindow.protect(screen)
        assertTrue(SecureWindow.isProtected(screen))
    }

}
