package org.haven.app.ui

import android.app.Activity
import android.app.DatePickerDialog
import android.app.TimePickerDialog
import android.text.format.DateFormat
import android.widget.Button
import org.haven.app.text.Dates
import org.haven.app.text.Lang
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime

/**
 * A date (and optionally a time) chosen with the platform's pickers instead of typed as
 * "YYYY-MM-DD": a button showing the current choice in her language; a tap opens the date
 * picker, then the time picker when [withTime]. Nothing can be mistyped.
 */
class DateField(
    private val activity: Activity,
    private val lang: Lang,
    private val label: String,
    initial: LocalDateTime?,
    private val withTime: Boolean,
    private val emptyText: String = "—",
) {
    var value: LocalDateTime? = initial
        set(v) {
            field = v
            refresh()
        }

    val date: LocalDate? get() = value?.toLocalDate()

    /** The picker dialog last opened (for tests and for closing on lock). */
    var openDialog: android.app.Dialog? = null
        private set

    val view: Button = Views.button(activity, "", Views.Role.QUIET) { pickDate() }.apply {
        layoutParams = Views.spaced(activity, android.view.ViewGroup.LayoutParams.MATCH_PARENT)
    }

    init {
        refresh()
    }

    private fun refresh() {
        val shown = value?.let { v ->
            val day = Dates.long(v.toLocalDate(), lang)
            if (withTime) "$day, " + String.format(java.util.Locale.ROOT, "%02d:%02d", v.hour, v.minute) else day
        } ?: emptyText
        view.text = "$label: $shown"
        view.contentDescription = view.text
    }

    private fun pickDate() {
        val start = value ?: LocalDateTime.now()
        openDialog = DatePickerDialog(Theme.inLanguage(activity, lang.tag), { _, year, month, day ->
            val picked = LocalDate.of(year, month + 1, day)
            if (withTime) pickTime(picked, value?.toLocalTime() ?: LocalTime.now().withSecond(0).withNano(0))
            else value = picked.atStartOfDay()
        }, start.year, start.monthValue - 1, start.dayOfMonth).also { it.show() }
    }

    private fun pickTime(day: LocalDate, start: LocalTime) {
        openDialog = TimePickerDialog(Theme.inLanguage(activity, lang.tag), { _, hour, minute ->
            value = day.atTime(hour, minute)
        }, start.hour, start.minute, DateFormat.is24HourFormat(activity)).also { it.show() }
    }
}
