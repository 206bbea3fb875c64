package org.haven.app.intents

import android.content.Intent
import android.net.Uri
import android.os.Build

/**
 * Calls and messages go through the phone's own apps: Haven asks for no phone or SMS permission
 * and never sends anything itself. Every intent here only OPENS the dialer or the messages app
 * with the fields filled in; she presses call or send there (or doesn't).
 *
 * The call log and the messages app keep what she does there: the screens say so before she
 * taps (UiText.CONTACT_TRACE_WARNING).
 *
 * Each intent opens in its own task, so that Haven's entry in recents never shows the dialer
 * with a number typed in.
 */
object PhoneIntents {

    /** Keeps what a dialer understands: digits, a leading +, and * # for service codes. */
    fun normalize(number: String): String {
        val trimmed = number.trim()
        val plus = if (trimmed.startsWith("+")) "+" else ""
        return plus + trimmed.filter { it.isDigit() || it == '*' || it == '#' }
    }

    /** The dialer with [number] typed in (ACTION_DIAL: no CALL_PHONE permission, no call placed). */
    fun dial(number: String): Intent =
        Intent(Intent.ACTION_DIAL, Uri.fromParts("tel", normalize(number), null))
            .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)

    /** The messages app, addressed to [number], optionally with [body] prefilled. Not sent. */
    fun message(number: String, body: String? = null): Intent = messageTo(listOf(number), body)

    /**
     * The SOS: the messages app addressed to every emergency contact at once, with her code word
     * as the text. Null when there is nobody to write to.
     */
    fun sos(numbers: List<String>, codeWord: String, manufacturer: String = Build.MANUFACTURER): Intent? {
        val recipients = numbers.map(::normalize).filter { it.isNotEmpty() }.distinct()
        if (recipients.isEmpty()) return null
        return messageTo(recipients, codeWord, manufacturer)
    }

    private fun messageTo(numbers: List<String>, body: String?, manufacturer: String = Build.MANUFACTURER): Intent {
        val recipients = numbers.map(::normalize).joinToString(recipientSeparator(manufacturer))
        return Intent(Intent.ACTION_SENDTO, Uri.parse("smsto:" + Uri.encode(recipients, ",;")))
            .apply { if (!body.isNullOrEmpty()) putExtra(EXTRA_SMS_BODY, body) }
            .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)
    }

    /** Samsung's messages app splits recipients on ',', the others on ';'. */
    fun recipientSeparator(manufacturer: String): String =
        if (manufacturer.equals("samsung", ignoreCase = true)) "," else ";"

    /** The extra every SMS app reads for the prefilled text. */
    const val EXTRA_SMS_BODY = "sms_body"
}
