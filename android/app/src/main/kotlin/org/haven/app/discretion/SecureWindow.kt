package org.haven.app.discretion

import android.app.Activity
import android.os.Build
import android.view.Window
import android.view.WindowManager

/**
 * Keeps a window's content out of screenshots, screen recordings, casting and the app switcher.
 *
 * Applied to every window of the app, the calculator included: the calculator's display holds the
 * digits of a PIN right after it was typed. Also removes the title bar.
 */
object SecureWindow {
    /** Call before setContentView. */
    fun protect(activity: Activity) {
        // No title bar whatever the theme: a default title would show the activity's class name.
        activity.requestWindowFeature(Window.FEATURE_NO_TITLE)
        activity.window.setFlags(
            WindowManager.LayoutParams.FLAG_SECURE,
            WindowManager.LayoutParams.FLAG_SECURE,
        )
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            // Android 13+: the recents thumbnail is not even taken (FLAG_SECURE blanks it on older).
            activity.setRecentsScreenshotEnabled(false)
        }
    }

    fun isProtected(activity: Activity): Boolean =
        activity.window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE != 0
}
