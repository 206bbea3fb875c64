package org.haven.app.vault

import android.app.Activity
import android.os.Bundle
import android.os.Handler
import android.os.Looper
import android.view.View
import android.widget.LinearLayout
import android.widget.TextView
import android.widget.Toast
import org.haven.app.discretion.QuickExit
import org.haven.app.discretion.SecureWindow
import org.haven.app.discretion.VaultScreen
import org.haven.app.haven
import org.haven.app.text.UiText
import org.haven.app.ui.ScreenBar
import org.haven.app.ui.Theme
import org.haven.app.ui.Views
import org.haven.app.core.toLocale
import org.haven.core.HavenException
import org.haven.core.Session
import org.haven.core.choices
import org.haven.core.model.ChoiceList

/**
 * Base of every screen inside the vault:
 * - FLAG_SECURE and no recents thumbnail;
 * - a one-tap exit at the top (locks, removes the task, shows the home screen);
 * - closed when the vault locks (the [ForegroundWatcher][org.haven.app.discretion.ForegroundWatcher]
 *   finishes every [VaultScreen]); opened without a session (e.g. recreated after the process
 *   died) it closes itself at once;
 * - locks after the auto-lock delay without a touch.
 */
abstract class VaultActivity : Activity(), VaultScreen {
    protected lateinit var session: Session
        private set

    protected val vault get() = haven.vault
    protected val lang get() = vault.lang
    protected fun t(text: UiText): String = text.get(lang)

    private val idle = Handler(Looper.getMainLooper())
    private val lockWhenIdle = Runnable { haven.watcher.lockNow() }

    /** The screen's title, shown beside the exit button. */
    protected abstract val screenTitle: UiText

    /** The screen's content, built again by [render]. */
    protected abstract fun content(): View

    override fun onCreate(savedInstanceState: Bundle?) {
        Theme.apply(this)
        super.onCreate(savedInstanceState)
        SecureWindow.protect(this)
        val open = vault.session
        if (open == null) {
            finish()
            return
        }
        session = open
        render()
    }

    /** (Re)builds the whole screen from the vault. */
    protected fun render() {
        val bar = ScreenBar.build(this, t(screenTitle), t(UiText.EXIT)) { quickExit() }
        val root = LinearLayout(this).apply {
            orientation = LinearLayout.VERTICAL
            setBackgroundColor(Theme.palette(this@VaultActivity).background)
            // Takes the initial focus, so that no text field (and no keyboard) opens by itself.
            isFocusableInTouchMode = true
            addView(bar)
            addView(Views.scroll(content()))
        }
        setContentView(root)
    }

    fun quickExit() = QuickExit.leave(this) { haven.watcher.lockNow() }

    override fun onResume() {
        super.onResume()
        restartIdleTimer()
    }

    override fun onPause() {
        idle.removeCallbacks(lockWhenIdle)
        super.onPause()
    }

    override fun onUserInteraction() {
        super.onUserInteraction()
        restartIdleTimer()
    }

    private fun restartIdleTimer() {
        idle.removeCallbacks(lockWhenIdle)
        val minutes = haven.prefs.autoLockMinutes
        if (minutes > 0) idle.postDelayed(lockWhenIdle, minutes * 60_000L)
    }

    /**
     * Runs [work] on the session off the UI thread, then [show] on the main thread. A failure
     * shows a plain message (never the error's text, which may name a field but never content).
     */
    protected fun <T> load(work: (Session) -> T, show: (T) -> Unit) {
        vault.run({ work(session) }) { outcome ->
            if (isFinishing || isDestroyed) return@run
            outcome.onSuccess(show).onFailure { error ->
                say(if (error is HavenException.InvalidInput) UiText.ERROR_CHECK_INPUT else UiText.ERROR_GENERIC)
            }
        }
    }

    /** Runs a change on the session, then rebuilds the screen. */
    protected fun change(work: (Session) -> Unit) = load(work) { render() }

    /** Labels of a core choice list in her language, by id. */
    protected fun labels(list: ChoiceList): Map<String, String> =
        choiceCache.getOrPut(list) {
            runCatching { choices(list, lang.toLocale()) }.getOrDefault(emptyList()).associate { it.id to it.label }
        }

    private val choiceCache = mutableMapOf<ChoiceList, Map<String, String>>()

    /** A short message; never content, only chrome (toasts are drawn over other apps' windows). */
    protected fun say(text: UiText) = Toast.makeText(this, t(text), Toast.LENGTH_SHORT).show()

    protected fun label(text: String): TextView = Views.body(this, text)

    companion object {
        const val QUICK_EXIT_TAG = ScreenBar.EXIT_TAG
    }
}
