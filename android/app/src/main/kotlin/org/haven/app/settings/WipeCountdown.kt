package org.haven.app.settings

import android.os.Handler
import android.os.Looper

/**
 * The countdown before a wipe she started herself: the screen shows the seconds left and a big
 * Cancel; the wipe begins only when the count reaches zero. Until then [cancel] stops it and
 * nothing has been touched.
 */
class WipeCountdown(
    private val seconds: Int = DEFAULT_SECONDS,
    private val onTick: (secondsLeft: Int) -> Unit,
    private val onFinished: () -> Unit,
    private val handler: Handler = Handler(Looper.getMainLooper()),
) {
    private var left = 0
    var isRunning = false
        private set

    private val tick = object : Runnable {
        override fun run() {
            if (!isRunning) return
            left--
            if (left > 0) {
                onTick(left)
                handler.postDelayed(this, 1_000)
            } else {
                isRunning = false
                onFinished()
            }
        }
    }

    fun start() {
        if (isRunning) return
        isRunning = true
        left = seconds
        onTick(left)
        handler.postDelayed(tick, 1_000)
    }

    fun cancel() {
        isRunning = false
        handler.removeCallbacks(tick)
    }

    companion object {
        const val DEFAULT_SECONDS = 10
    }
}
