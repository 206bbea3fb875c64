package org.haven.app.vault

import android.app.Activity
import android.content.ActivityNotFoundException
import android.text.SpannableString
import android.text.Spanned
import android.text.style.RelativeSizeSpan
import android.text.style.StyleSpan
import android.graphics.Typeface
import android.view.Gravity
import android.view.View
import android.widget.Button
import android.widget.LinearLayout
import android.widget.Toast
import org.haven.app.intents.PhoneIntents
import org.haven.app.text.Lang
import org.haven.app.text.UiText
import org.haven.app.ui.Theme
import org.haven.app.ui.Views

/**
 * The four national lines that help now, one tap each (the dialer opens with the number typed in;
 * she presses call there). The numbers and what they are come from the core's rights content
 * (statement `emergency_numbers`, sources eGov.kz for 112/102, press reports for 111 and 150,
 * verified 2026-11-25); they are listed here because the home screen must offer them before any
 * content loads.
 */
object EmergencyLines {
    data class Line(val number: String, val label: UiText)

    val LINES = listOf(
        Line("112", UiText.LINE_112),
        Line("102", UiText.LINE_102),
        Line("111", UiText.LINE_111),
        Line("150", UiText.LINE_150),
    )

    fun tag(number: String) = "dial-$number"

    /** Two rows of two large buttons: the number, and under it what the line is. */
    fun view(activity: Activity, lang: Lang): LinearLayout {
        val buttons = LINES.map { line -> button(activity, lang, line) }
        return Views.group(
            activity,
            Views.heading(activity, UiText.LINES_TITLE.get(lang)),
            row(activity, buttons[0], buttons[1]),
            row(activity, buttons[2], buttons[3]),
            Views.caption(activity, UiText.CONTACT_TRACE_WARNING.get(lang)),
        )
    }

    /**
     * Two buttons side by side, top-aligned and of one height. (A row centred vertically would
     * place a child with a bottom margin half that margin above the row's top, cutting off the
     * rounded top corners.)
     */
    private fun row(activity: Activity, left: Button, right: Button): LinearLayout =
        Views.row(activity, left, right).apply { gravity = Gravity.TOP }

    private fun button(activity: Activity, lang: Lang, line: Line): Button {
        val label = line.label.get(lang)
        val text = SpannableString("${line.number}\n$label").apply {
            setSpan(RelativeSizeSpan(Theme.Type.LINE_NUMBER / Theme.Type.BODY), 0, line.number.length, Spanned.SPAN_EXCLUSIVE_EXCLUSIVE)
            setSpan(StyleSpan(Typeface.BOLD), 0, line.number.length, Spanned.SPAN_EXCLUSIVE_EXCLUSIVE)
        }
        return Views.button(activity, "", Views.Role.URGENT) { dial(activity, lang, line.number) }.apply {
            setText(text)
            tag = tag(line.number)
            contentDescription = "${UiText.CONTACT_CALL.get(lang)} ${line.number.toCharArray().joinToString(" ")}, $label"
            layoutParams = Views.weighted(activity).apply { height = LinearLayout.LayoutParams.MATCH_PARENT }
            // Both rows the same height, tall enough for a label on two lines.
            minHeight = Views.dp(activity, 76)
            minimumHeight = Views.dp(activity, 76)
            textAlignment = View.TEXT_ALIGNMENT_CENTER
        }
    }

    fun dial(activity: Activity, lang: Lang, number: String) {
        try {
            activity.startActivity(PhoneIntents.dial(number))
        } catch (e: ActivityNotFoundException) {
            Toast.makeText(activity, UiText.NO_APP_FOR_THIS.get(lang), Toast.LENGTH_SHORT).show()
        }
    }
}
