package org.haven.core

import org.haven.core.model.DuressBehaviour
import org.haven.core.model.Locale
import java.nio.file.Files
import java.nio.file.Path
import java.security.SecureRandom
import java.util.concurrent.atomic.AtomicInteger
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

const val PIN = "246810"
const val DURESS_PIN = "135790"
const val WRONG_PIN = "111111"
const val NEW_PIN = "97531086"

/**
 * A KeyProtector in Kotlin, as the Android shell writes one, but with an in-memory AES-256-GCM
 * key instead of an Android Keystore key. [mode] simulates the platform's failures.
 */
class TestProtector : KeyProtector {
    enum class Mode {
        WORKING,
        /** The platform key is gone (key store reset): every call says KeyUnavailable. */
        KEY_LOST,
        /** The key store throws something undeclared (a RuntimeException). */
        BROKEN,
    }

    @Volatile var mode = Mode.WORKING
    @Volatile private var key: SecretKey? = null
    val seals = AtomicInteger()
    val opens = AtomicInteger()
    val destroys = AtomicInteger()
    private val random = SecureRandom()

    val hasKey: Boolean get() = key != null

    private fun checkMode() {
        when (mode) {
            Mode.WORKING -> {}
            Mode.KEY_LOST -> throw ProtectorFailure.KeyUnavailable()
            Mode.BROKEN -> throw IllegalStateException("key store exploded")
        }
    }

    @Synchronized
    private fun keyOrCreate(): SecretKey =
        key ?: KeyGenerator.getInstance("AES").apply { init(256) }.generateKey().also { key = it }

    override fun seal(plaintext: ByteArray): ByteArray {
        checkMode()
        seals.incrementAndGet()
        val iv = ByteArray(12).also(random::nextBytes)
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.ENCRYPT_MODE, keyOrCreate(), GCMParameterSpec(128, iv))
        val sealed = iv + cipher.doFinal(plaintext)
        plaintext.fill(0)
        return sealed
    }

    override fun unseal(sealed: ByteArray): ByteArray {
        checkMode()
        opens.incrementAndGet()
        val k = key ?: throw ProtectorFailure.KeyUnavailable()
        if (sealed.size < 12 + 16) throw ProtectorFailure.Failed()
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.DECRYPT_MODE, k, GCMParameterSpec(128, sealed, 0, 12))
        try {
            return cipher.doFinal(sealed, 12, sealed.size - 12)
        } catch (e: AEADBadTagException) {
            throw ProtectorFailure.Failed()
        }
    }

    override fun destroyKey() {
        checkMode()
        destroys.incrementAndGet()
        synchronized(this) { key = null }
    }
}

fun options(
    locale: Locale = Locale.EN,
    behaviour: DuressBehaviour = DuressBehaviour.NOTHING_HERE,
    shredReal: Boolean = false,
    wipeAfter: UInt? = null,
) = SetupOptions(locale, DuressSettings(behaviour, shredReal), wipeAfter)

/** A Haven (fast insecure KDF: tests only) over a fresh temporary directory. */
class TempVault : AutoCloseable {
    val root: Path = Files.createTempDirectory("haven-kt")
    val dataDir: Path = root.resolve("data")
    val protector = TestProtector()
    val haven: Haven = Haven.newInsecureForTests(dataDir.toString(), protector)

    fun setup(duressPin: String? = null, options: SetupOptions = options()): Session =
        haven.setup(PIN, duressPin, options)

    override fun close() {
        haven.quickExit()
        haven.close()
        root.toFile().deleteRecursively()
    }
}

/** Unlocks and returns the session, failing the test on any other outcome. */
fun Haven.open(pin: String): Session =
    when (val result = unlock(pin)) {
        is UnlockResult.Opened -> result.session
        else -> throw AssertionError("expected the vault to open, got $result")
    }

/** Asserts that a vault opened, and closes the session handle (the vault stays open). */
fun assertOpenedAndClose(result: UnlockResult) {
    if (result !is UnlockResult.Opened) throw AssertionError("expected the vault to open, got $result")
    result.session.close()
}
