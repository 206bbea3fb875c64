package org.haven.app.vault

import android.view.View
import org.haven.app.HavenApplication
import org.haven.core.DuressSettings
import org.haven.core.SetupOptions
import org.haven.core.model.DuressBehaviour
import org.haven.core.model.HavenLocale
import org.robolectric.RuntimeEnvironment
import org.robolectric.shadows.ShadowLooper

const val PIN = "482913"
const val DURESS_PIN = "731905"
const val WRONG_PIN = "111111"

val app: HavenApplication get() = RuntimeEnvironment.getApplication() as HavenApplication

/** Lets the vault thread finish, then runs what it posted back to the main thread. */
fun settle() {
    repeat(3) {
        app.vault.awaitIdle()
        ShadowLooper.idleMainLooper()
    }
}

/** Sets up a vault in the test's data directory through the real core, and locks it. */
fun setUpVault(duressPin: String? = null, behaviour: DuressBehaviour = DuressBehaviour.NOTHING_HERE) {
    val options = SetupOptions(
        locale = HavenLocale.EN,
        duress = DuressSettings(behaviour = behaviour, shredReal = false),
        wipeAfterFailures = null,
    )
    app.vault.haven.setup(PIN, duressPin, options).close()
    app.vault.lock()
}

/** Opens the vault as the calculator would (for screens that need an open session). */
fun openVault() {
    val result = app.vault.haven.unlock(PIN)
    check(result is org.haven.core.UnlockResult.Opened) { "vault did not open" }
    app.vault.opened(result.session, org.haven.app.text.Lang.EN)
}

fun View.clickTag(tag: String) {
    val view = findViewWithTag<View>(tag) ?: error("no view tagged $tag")
    check(view.performClick()) { "$tag did not handle the click" }
}
