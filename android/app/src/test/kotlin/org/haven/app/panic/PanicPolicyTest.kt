package org.haven.app.panic

import org.haven.app.settings.ShellPrefs
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config

@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35])
class PanicPolicyTest {
    private val prefs = ShellPrefs(RuntimeEnvironment.getApplication())
    /** Installed apps and their signing certificates, as the package manager would tell. */
    private val installed = mutableMapOf(
        "info.guardianproject.ripple" to "aa11",
        "com.example.trigger" to "bb22",
        "com.example.other" to "cc33",
    )
    private val policy = PanicPolicy(prefs) { installed[it] }

    @Test
    fun `trigger without a connected app is ignored`() {
        assertEquals(PanicResponse.IGNORE, policy.respond(PanicKit.ACTION_TRIGGER, "info.guardianproject.ripple"))
    }

    @Test
    fun `trigger with unknown sender is ignored`() {
        prefs.panicTrigger = "info.guardianproject.ripple"
        assertEquals(PanicResponse.IGNORE, policy.respond(PanicKit.ACTION_TRIGGER, null))
        assertEquals(PanicResponse.IGNORE, policy.respond(PanicKit.ACTION_TRIGGER, ""))
    }

    @Test
    fun `connect is only a request until accepted in the vault`() {
        assertEquals(PanicResponse.CONNECT_REQUESTED, policy.respond(PanicKit.ACTION_CONNECT, "com.example.trigger"))
        assertEquals("com.example.trigger", prefs.panicConnectRequest)
        assertEquals(PanicResponse.IGNORE, policy.respond(PanicKit.ACTION_TRIGGER, "com.example.trigger"))

        policy.acceptRequest(wipe = false)
        assertNull(prefs.panicConnectRequest)
        assertEquals(PanicResponse.LOCK, policy.respond(PanicKit.ACTION_TRIGGER, "com.example.trigger"))
        assertEquals(PanicResponse.IGNORE, policy.respond(PanicKit.ACTION_TRIGGER, "com.example.other"))
    }

    @Test
    fun `wipe only when she opted in`() {
        policy.respond(PanicKit.ACTION_CONNECT, "com.example.trigger")
        policy.acceptRequest(wipe = true)
        assertEquals(PanicResponse.LOCK_AND_WIPE, policy.respond(PanicKit.ACTION_TRIGGER, "com.example.trigger"))
    }

    @Test
    fun `rejected request connects nothing`() {
        policy.respond(PanicKit.ACTION_CONNECT, "com.example.trigger")
        policy.rejectRequest()
        assertNull(prefs.panicTrigger)
        assertEquals(PanicResponse.IGNORE, policy.respond(PanicKit.ACTION_TRIGGER, "com.example.trigger"))
    }

    @Test
    fun `disconnect only from the connected app`() {
        policy.respond(PanicKit.ACTION_CONNECT, "com.example.trigger")
        policy.acceptRequest(wipe = true)
        assertEquals(PanicResponse.IGNORE, policy.respond(PanicKit.ACTION_DISCONNECT, "com.example.other"))
        assertEquals("com.example.trigger", prefs.panicTrigger)
        assertEquals(PanicResponse.DISCONNECTED, policy.respond(PanicKit.ACTION_DISCONNECT, "com.example.trigger"))
        assertNull(prefs.panicTrigger)
        assertEquals(false, prefs.panicWipes)
    }

    @Test
    fun `other actions are ignored`() {
        prefs.panicTrigger = "com.example.trigger"
        assertEquals(PanicResponse.IGNORE, policy.respond("android.intent.action.VIEW", "com.example.trigger"))
    }

    @Test
    fun `a trigger is pinned to the signing certificate recorded when the app connected`() {
        policy.respond(PanicKit.ACTION_CONNECT, "com.example.trigger")
        policy.acceptRequest(wipe = true)
        assertEquals("bb22", prefs.panicTriggerCert)
        assertEquals(PanicResponse.LOCK_AND_WIPE, policy.respond(PanicKit.ACTION_TRIGGER, "com.example.trigger"))
        // Uninstalled, and another app installed under the same package name with another key.
        installed["com.example.trigger"] = "ee55"
        assertEquals(PanicResponse.IGNORE, policy.respond(PanicKit.ACTION_TRIGGER, "com.example.trigger"))
        assertEquals(PanicResponse.IGNORE, policy.respond(PanicKit.ACTION_DISCONNECT, "com.example.trigger"))
        installed.remove("com.example.trigger")
        assertEquals(PanicResponse.IGNORE, policy.respond(PanicKit.ACTION_TRIGGER, "com.example.trigger"))
    }

    @Test
    fun `a connect request from an app whose certificate cannot be read is ignored`() {
        assertEquals(PanicResponse.IGNORE, policy.respond(PanicKit.ACTION_CONNECT, "com.example.unknown"))
        assertNull(prefs.panicConnectRequest)
    }

    @Test
    fun `after a wipe the shell forgets the panic app and its choices, but setup stays offered`() {
        policy.respond(PanicKit.ACTION_CONNECT, "com.example.trigger")
        policy.acceptRequest(wipe = true)
        prefs.setupOffered = true
        prefs.autoLockMinutes = 5
        prefs.clearAfterWipe()
        assertNull(prefs.panicTrigger)
        assertNull(prefs.panicTriggerCert)
        assertEquals(false, prefs.panicWipes)
        assertEquals(2, prefs.autoLockMinutes)
        assertEquals(true, prefs.setupOffered)
    }
}
