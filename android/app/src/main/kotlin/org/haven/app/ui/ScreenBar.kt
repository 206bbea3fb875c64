package org.haven.app.ui

import android.app.Activity
import android.graphics.Typeface
import android.view.View
import android.widget.Button
import android.widget.LinearLayout
import android.widget.TextView

/**
 * The bar at the top of every screen behind the calculator (setup, the vault, the notes space):
 * the screen's title on the left and the exit on the right — always the same place, the same
 * size (56 dp tall, at least 112 dp wide) and the palette's highest-contrast pair, so that her
 * thumb finds it without looking.
 */
object ScreenBar {
    const val EXIT_TAG = "quick-exit"

    fun build(activity: Activity, title: String, exitLabel: String, onExit: () -> Unit): LinearLayout {
        val p = Theme.palette(activity)
        val exit = Button(activity).apply {
            text = exitLabel
            tag = EXIT_TAG
            isAllCaps = false
            textSize = Theme.Type.HEADING
            setTypeface(typeface, Typeface.BOLD)
            stateListAnimator = null
            setTextColor(p.onExit)
            background = Views.rounded(activity, p.exit)
            minWidth = Views.dp(activity, 112)
            minimumWidth = Views.dp(activity, 112)
            minHeight = Views.dp(activity, Theme.Space.EXIT_HEIGHT)
            minimumHeight = Views.dp(activity, Theme.Space.EXIT_HEIGHT)
            contentDescription = exitLabel
            setOnClickListener { onExit() }
        }
        val heading = TextView(activity).apply {
            text = title
            textSize = Theme.Type.TITLE
            setTextColor(p.text)
            setTypeface(typeface, Typeface.BOLD)
            layoutParams = LinearLayout.LayoutParams(0, LinearLayout.LayoutParams.WRAP_CONTENT, 1f)
            importantForAccessibility = View.IMPORTANT_FOR_ACCESSIBILITY_YES
        }
        return Views.row(activity, heading, exit).apply {
            val pad = Views.dp(activity, Theme.Space.S)
            setPadding(pad * 2, pad, pad, pad)
            setBackgroundColor(p.background)
        }
    }
}
