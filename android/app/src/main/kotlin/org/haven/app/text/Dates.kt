package org.haven.app.text

import java.time.LocalDate
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle
import java.util.Locale

/** Dates shown in her language ("25 November 2026", "25 ноября 2026 г."). */
object Dates {
    fun long(date: LocalDate, lang: Lang): String =
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag(lang.tag)).format(date)

    /** An ISO date from the core's content; anything else (a bare year) is shown as it is. */
    fun long(iso: String, lang: Lang): String =
        runCatching { long(LocalDate.parse(iso), lang) }.getOrDefault(iso)
}
