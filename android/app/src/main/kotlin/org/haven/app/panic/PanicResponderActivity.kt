package org.haven.app.panic

import android.app.Activity
import android.os.Bundle
import org.haven.app.haven

/**
 * Receives PanicKit intents (see [PanicPolicy]). Shows nothing (Theme.NoDisplay), is never in
 * recents, and finishes before it would be drawn.
 *
 * The sender is [getCallingActivity]'s package: Android sets it, the sender cannot forge it, and it
 * exists only when the trigger app used `startActivityForResult`, as PanicKit trigger apps do.
 */
class PanicResponderActivity : Activity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val sender = callingActivity?.packageName
        when (PanicPolicy(haven.prefs) { SigningCerts.of(packageManager, it) }.respond(intent?.action, sender)) {
            PanicResponse.LOCK -> haven.watcher.lockNow()
            PanicResponse.LOCK_AND_WIPE -> {
                haven.watcher.lockNow()
                haven.wipeEverything()
            }
            PanicResponse.CONNECT_REQUESTED,
            PanicResponse.DISCONNECTED,
            PanicResponse.IGNORE,
            -> Unit
        }
        finish()
    }
}
