package org.haven.app.ui

import android.os.Handler
import android.os.Looper
import android.os.SystemClock

/**
 * Search as she types: waits [pauseMillis] after the last keystroke before searching, and shows a
 * result only if it answers the latest query — a slow answer to an older query never replaces a
 * newer one.
 *
 * [search] starts a search (on the vault thread) and calls back with its result on the main
 * thread; [show] draws it.
 */
class AsYouType<Q, R>(
    private val search: (query: Q, done: (R) -> Unit) -> Unit,
    private val show: (query: Q, result: R) -> Unit,
    private val pauseMillis: Long = DEFAULT_PAUSE_MILLIS,
    private val handler: Handler = Handler(Looper.getMainLooper()),
) {
    private var latest = 0L
    private val token = Any()

    /** The query changed (a keystroke, a filter). */
    fun onQuery(query: Q) {
        val ticket = ++latest
        handler.removeCallbacksAndMessages(token)
        handler.postAtTime({
            search(query) { result -> if (ticket == latest) show(query, result) }
        }, token, SystemClock.uptimeMillis() + pauseMillis)
    }

    /** Searches at once, without waiting for a pause (the screen opening, a filter tapped). */
    fun now(query: Q) {
        val ticket = ++latest
        handler.removeCallbacksAndMessages(token)
        search(query) { result -> if (ticket == latest) show(query, result) }
    }

    /** Stops any pending search (the screen is closing). */
    fun cancel() {
        latest++
        handler.removeCallbacksAndMessages(token)
    }

    companion object {
        const val DEFAULT_PAUSE_MILLIS = 150L
    }
}
