package org.haven.app.discretion

import android.app.Activity
import android.content.Intent

/**
 * The one-tap exit on every vault screen: lock first (the core closes the vault and forgets its
 * keys in well under a millisecond), then remove the whole task — so nothing is left in recents —
 * and show the home screen.
 */
object QuickExit {
    fun leave(activity: Activity, lock: () -> Unit) {
        lock()
        activity.finishAndRemoveTask()
        activity.startActivity(homeIntent())
    }

    fun homeIntent(): Intent = Intent(Intent.ACTION_MAIN)
        .addCategory(Intent.CATEGORY_HOME)
        .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)
}
