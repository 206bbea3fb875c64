package org.haven.app.intents

import android.content.Intent
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config

@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35])
class PhoneIntentsTest {

    @Test
    fun `numbers keep digits, a leading plus and service characters`() {
        assertEquals("+77011234567", PhoneIntents.normalize(" +7 (701) 123-45-67 "))
        assertEquals("150", PhoneIntents.normalize("150"))
        assertEquals("*100#", PhoneIntents.normalize("*100#"))
    }

    @Test
    fun `dial opens the dialer and places no call`() {
        val intent = PhoneIntents.dial("+7 701 123 45 67")
        assertEquals(Intent.ACTION_DIAL, intent.action)
        assertEquals("tel", intent.data!!.scheme)
        assertEquals("+77011234567", intent.data!!.schemeSpecificPart)
        assertTrue(intent.flags and Intent.FLAG_ACTIVITY_NEW_TASK != 0)
    }

    @Test
    fun `a message opens the messages app addressed to one number`() {
        val intent = PhoneIntents.message("8 701 000 00 00")
        assertEquals(Intent.ACTION_SENDTO, intent.action)
        assertEquals("smsto", intent.data!!.scheme)
        assertEquals("87010000000", intent.data!!.schemeSpecificPart)
        assertNull(intent.getStringExtra(PhoneIntents.EXTRA_SMS_BODY))
    }

    @Test
    fun `SOS addresses every emergency contact once, with the code word, and sends nothing`() {
        val intent = PhoneIntents.sos(listOf("+7 701 111 11 11", "+77022222222", "+7 701 111-11-11"), "blue umbrella", "Google")!!
        assertEquals(Intent.ACTION_SENDTO, intent.action)
        assertEquals("+77011111111;+77022222222", intent.data!!.schemeSpecificPart)
        assertEquals("blue umbrella", intent.getStringExtra(PhoneIntents.EXTRA_SMS_BODY))
    }

    @Test
    fun `Samsung gets comma-separated recipients`() {
        val intent = PhoneIntents.sos(listOf("111", "222"), "x", "samsung")!!
        assertEquals("111,222", intent.data!!.schemeSpecificPart)
    }

    @Test
    fun `SOS without any number is refused`() {
        assertNull(PhoneIntents.sos(emptyList(), "x"))
        assertNull(PhoneIntents.sos(listOf(" ", "-"), "x"))
    }
}
