package org.haven.app.text

import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import java.util.Locale

class UiTextTest {
    private val placeholder = Regex("%[ds]")

    @Test
    fun `every text is non-blank in every language, with the same placeholders`() {
        for (text in UiText.entries) {
            val expected = placeholder.findAll(text.en).map { it.value }.toList()
            for (lang in Lang.entries) {
                val value = text.get(lang)
                assertTrue("$text/$lang is blank", value.isNotBlank())
                assertEquals("$text/$lang placeholders", expected, placeholder.findAll(value).map { it.value }.toList())
            }
        }
    }

    @Test
    fun `kazakh and russian are translated, not copied from english`() {
        // Short technical words (e.g. "Phone"/"Телефон") may coincide between kk and ru, never with en.
        for (text in UiText.entries) {
            assertTrue("$text: ru is English", text.ru != text.en)
            assertTrue("$text: kk is English", text.kk != text.en)
        }
    }

    @Test
    fun `format fills placeholders`() {
        assertEquals("Days left: 3", UiText.ORDERS_DAYS_LEFT.format(Lang.EN, 3))
        assertEquals("Осталось дней: 12", UiText.ORDERS_DAYS_LEFT.format(Lang.RU, 12))
    }

    @Test
    fun `language from the phone falls back to russian`() {
        assertEquals(Lang.KK, Lang.fromSystem(Locale.forLanguageTag("kk-KZ")))
        assertEquals(Lang.EN, Lang.fromSystem(Locale.US))
        assertEquals(Lang.RU, Lang.fromSystem(Locale.GERMANY))
    }
}
