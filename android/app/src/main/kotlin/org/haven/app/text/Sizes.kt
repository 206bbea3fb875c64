package org.haven.app.text

import java.util.Locale

/** File sizes in her language: "340 KB", "2,4 МБ". */
object Sizes {
    fun readable(bytes: Long, lang: Lang): String {
        val locale = Locale.forLanguageTag(lang.tag)
        return if (bytes < 1024L * 1024L) {
            UiText.SIZE_KB.format(lang, maxOf(1L, (bytes + 1023) / 1024).toString())
        } else {
            UiText.SIZE_MB.format(lang, String.format(locale, "%.1f", bytes / (1024.0 * 1024.0)))
        }
    }
}
