package org.haven.core

import org.haven.core.model.DuressBehaviour
import org.haven.core.model.HavenLocale
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
 * A KeyProtector in Kotlin, as the Android shell writes one (a new AES-256-GCM sealing key per
 * seal, named in the sealed bytes; old ones retired; an HMAC-SHA256 mixing key), but with
 * in-memory keys instead of Android Keystore keys. [mode] simulates the platform's failures.
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
    private val sealingKeys = java.util.concurrent.ConcurrentHashMap<String, SecretKey>()
    @Volatile private var mixingKey: SecretKey? = null
    val seals = AtomicInteger()
    val opens = AtomicInteger()
    val mixes = AtomicInteger()
    val destroys = AtomicInteger()
    private val random = SecureRandom()

    val hasKey: Boolean get() = sealingKeys.isNotEmpty() || mixingKey != null

    /** How many sealing keys exist now (one, once the core has retired the others). */
    val sealingKeyCount: Int get() = sealingKeys.size

    private fun checkMode() {
        when (mode) {
            Mode.WORKING -> {}
            Mode.KEY_LOST -> throw ProtectorFailure.KeyUnavailable()
            Mode.BROKEN -> throw IllegalStateException("key store exploded")
        }
    }

    private fun keyId(sealed: ByteArray): String {
        if (sealed.size < ID + 12 + 16) throw ProtectorFailure.Failed()
        return sealed.copyOfRange(0, ID).joinToString("") { "%02x".format(it) }
    }

    override fun seal(plaintext: ByteArray): ByteArray {
        checkMode()
        seals.incrementAndGet()
        val id = ByteArray(ID).also(random::nextBytes)
        val key = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
        sealingKeys[keyId(id + ByteArray(28))] = key
        val iv = ByteArray(12).also(random::nextBytes)
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.ENCRYPT_MODE, key, GCMParameterSpec(128, iv))
        cipher.updateAAD(id)
        val sealed = id + iv + cipher.doFinal(plaintext)
        plaintext.fill(0)
        return sealed
    }

    override fun unseal(sealed: ByteArray): ByteArray {
        checkMode()
        opens.incrementAndGet()
        val k = sealingKeys[keyId(sealed)] ?: throw ProtectorFailure.KeyUnavailable()
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.DECRYPT_MODE, k, GCMParameterSpec(128, sealed, ID, 12))
        cipher.updateAAD(sealed, 0, ID)
        try {
            return cipher.doFinal(sealed, ID + 12, sealed.size - ID - 12)
        } catch (e: AEADBadTagException) {
            throw ProtectorFailure.Failed()
        }
    }

    override fun retireOtherKeys(sealed: ByteArray) {
        checkMode()
        val keep = keyId(sealed)
        sealingKeys.keys.removeIf { it != keep }
    }

    @Synchronized
    override fun deviceMix(input: ByteArray): ByteArray {
        checkMode()
        mixes.incrementAndGet()
        val key = mixingKey
            ?: KeyGenerator.getInstance("HmacSHA256").generateKey().also { mixingKey = it }
        return javax.crypto.Mac.getInstance("HmacSHA256").run {
            init(key)
            doFinal(input)
        }
    }

    override fun destroyKey() {
        checkMode()
        destroys.incrementAndGet()
        synchronized(this) {
            sealingKeys.clear()
            mixingKey = null
        }
    }

    private companion object {
        const val ID = 16
    }
}

fun options(
    locale: HavenLocale = HavenLocale.EN,
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
