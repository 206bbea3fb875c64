package org.haven.app.backup

/**
 * Plain guidance on a backup passphrase, as she types it. The core refuses fewer than 12
 * characters; beyond that, length matters most: several unrelated words are both strong and
 * possible to remember. No score is stored or sent anywhere.
 */
object PassphraseStrength {
    enum class Level { TOO_SHORT, WEAK, OK, STRONG }

    const val MIN_CHARS = 12

    fun of(passphrase: String): Level {
        val length = passphrase.codePointCount(0, passphrase.length)
        if (length < MIN_CHARS) return Level.TOO_SHORT
        val distinct = passphrase.lowercase().toSet().size
        val words = passphrase.trim().split(Regex("\\s+")).filter { it.length >= 3 }.size
        val repetitive = distinct < 6 || Regex("(.)\\1{3,}").containsMatchIn(passphrase) || passphrase.all { it.isDigit() }
        return when {
            repetitive -> Level.WEAK
            length >= 20 && (words >= 4 || distinct >= 12) -> Level.STRONG
            else -> Level.OK
        }
    }
}
