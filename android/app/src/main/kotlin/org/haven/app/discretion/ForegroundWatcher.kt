package org.haven.app.discretion

import android.app.Activity
import android.app.Application
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.content.IntentFilter
import android.os.Build
import android.os.Bundle
import android.os.Handler
import android.os.Looper

/** Marks an Activity that shows vault content: it is finished whenever the vault locks. */
interface VaultScreen

/**
 * Locks the vault whenever the app leaves the foreground — home, recents, another app, an incoming
 * call's full-screen UI — and when the screen turns off, then finishes every vault screen, so that
 * coming back shows the calculator.
 *
 * One exception, asked for explicitly by a vault screen just before it opens the system file
 * picker or the camera for an attachment ([expectReturn]): the lock then waits [tripGraceMillis]
 * for her to come back with the file. The screen turning off still locks at once.
 */
class ForegroundWatcher(
    private val lock: () -> Unit,
    private val tripGraceMillis: Long = 2 * 60_000L,
    private val handler: Handler = Handler(Looper.getMainLooper()),
) : Application.ActivityLifecycleCallbacks {

    private var startedActivities = 0
    private var returnExpected = false
    private val vaultScreens = mutableSetOf<Activity>()
    private val lockAfterTrip = Runnable { lockNow() }

    private val screenOff = object : BroadcastReceiver() {
        override fun onReceive(context: Context, intent: Intent) {
            if (intent.action == Intent.ACTION_SCREEN_OFF) lockNow()
        }
    }

    /** Hooks into the application: activity lifecycle and the screen-off broadcast. */
    fun install(app: Application) {
        app.registerActivityLifecycleCallbacks(this)
        val filter = IntentFilter(Intent.ACTION_SCREEN_OFF)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            app.registerReceiver(screenOff, filter, Context.RECEIVER_NOT_EXPORTED)
        } else {
            app.registerReceiver(screenOff, filter)
        }
    }

    /** The next trip outside the app (a picker or the camera, for a result) does not lock at once. */
    fun expectReturn() {
        returnExpected = true
    }

    /** Locks the vault and closes every vault screen. */
    fun lockNow() {
        handler.removeCallbacks(lockAfterTrip)
        returnExpected = false
        lock()
        vaultScreens.toList().forEach { it.finish() }
    }

    /** Whether some screen of the app is visible. */
    val isInForeground: Boolean get() = startedActivities > 0

    override fun onActivityStarted(activity: Activity) {
        startedActivities++
        handler.removeCallbacks(lockAfterTrip)
    }

    override fun onActivityStopped(activity: Activity) {
        startedActivities--
        if (startedActivities > 0 || activity.isChangingConfigurations) return
        if (returnExpected) {
            returnExpected = false
            handler.postDelayed(lockAfterTrip, tripGraceMillis)
        } else {
            lockNow()
        }
    }

    override fun onActivityCreated(activity: Activity, savedInstanceState: Bundle?) {
        if (activity is VaultScreen) vaultScreens += activity
    }

    override fun onActivityDestroyed(activity: Activity) {
        vaultScreens -= activity
    }

    override fun onActivityResumed(activity: Activity) = Unit
    override fun onActivityPaused(activity: Activity) = Unit
    override fun onActivitySaveInstanceState(activity: Activity, outState: Bundle) = Unit
}
