package org.haven.app.keystore

import android.security.keystore.KeyPermanentlyInvalidatedException
import java.security.GeneralSecurityException
import java.security.InvalidKeyException
import java.security.SecureRandom
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.Mac
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * Where the platform keys live: AndroidKeyStore on a phone ([AndroidKeystoreKeys]).
 *
 * Two kinds of key, both non-exportable:
 * - **sealing keys** (AES-256-GCM), one per write of the vault's keys file, each under its own
 *   alias; all but the newest are deleted once the newest is in use, so an old copy of the file
 *   opens no more;
 * - one **mixing key** (HMAC-SHA256), made once and kept until the vault is wiped: every PIN guess
 *   passes through it, so every guess needs this phone.
 */
interface SealingKeys {
    /** The sealing key under [alias], or null when there is none (never made, deleted, lost). */
    fun sealingKey(alias: String): SecretKey?

    /** Creates a sealing key under [alias]. */
    fun createSealingKey(alias: String): SecretKey

    /** The aliases of every sealing key that exists. */
    fun sealingAliases(): List<String>

    /** The mixing key, made on first use. */
    fun mixingKey(): SecretKey

    /** Deletes the key under [alias] (sealing or mixing); a missing key is not an error. */
    fun delete(alias: String)

    /** Deletes every key: afterwards nothing they sealed can be opened again. */
    fun deleteAll()
}

/** The key that sealed the data is gone or permanently unusable: the sealed data is lost. */
class SealingKeyUnavailable(message: String, cause: Throwable? = null) : Exception(message, cause)

/** Sealing or opening failed for another reason (corrupt input, a Keystore error). */
class SealingFailed(message: String, cause: Throwable? = null) : Exception(message, cause)

/**
 * AES-256-GCM under a new platform key per seal, and HMAC-SHA256 under the mixing key.
 *
 * Sealed format: `version (2) | key id (16) | IV (12) | ciphertext+tag (16)`; the key id names
 * the alias (`SEALING_PREFIX` + hex) and is authenticated as associated data with the version and
 * a fixed label. The IV is chosen by the key's provider (AndroidKeyStore refuses caller-chosen
 * IVs for encryption).
 *
 * Messages in the exceptions name no content: they may end up in the core's error values.
 */
class GcmSealer(private val keys: SealingKeys) {
    private val random = SecureRandom()

    fun seal(plaintext: ByteArray): ByteArray {
        val id = ByteArray(ID_BYTES).also(random::nextBytes)
        val key = keys.createSealingKey(alias(id))
        try {
            val cipher = Cipher.getInstance(TRANSFORMATION)
            cipher.init(Cipher.ENCRYPT_MODE, key)
            cipher.updateAAD(aad(id))
            val iv = cipher.iv
            check(iv.size == IV_BYTES) { "unexpected IV size" }
            val body = cipher.doFinal(plaintext)
            return byteArrayOf(VERSION) + id + iv + body
        } catch (e: KeyPermanentlyInvalidatedException) {
            throw SealingKeyUnavailable("platform key permanently invalidated", e)
        } catch (e: GeneralSecurityException) {
            throw SealingFailed("sealing failed: ${e.javaClass.simpleName}", e)
        }
    }

    fun open(sealed: ByteArray): ByteArray {
        val id = keyId(sealed)
        val key = keys.sealingKey(alias(id)) ?: throw SealingKeyUnavailable("platform key missing")
        val bodyAt = 1 + ID_BYTES + IV_BYTES
        try {
            val cipher = Cipher.getInstance(TRANSFORMATION)
            cipher.init(
                Cipher.DECRYPT_MODE,
                key,
                GCMParameterSpec(TAG_BYTES * 8, sealed, 1 + ID_BYTES, IV_BYTES),
            )
            cipher.updateAAD(aad(id))
            return cipher.doFinal(sealed, bodyAt, sealed.size - bodyAt)
        } catch (e: KeyPermanentlyInvalidatedException) {
            throw SealingKeyUnavailable("platform key permanently invalidated", e)
        } catch (e: AEADBadTagException) {
            throw SealingFailed("sealed blob does not authenticate", e)
        } catch (e: InvalidKeyException) {
            throw SealingFailed("platform key refused: ${e.javaClass.simpleName}", e)
        } catch (e: GeneralSecurityException) {
            throw SealingFailed("opening failed: ${e.javaClass.simpleName}", e)
        }
    }

    /** [sealed] is durable: deletes every sealing key but the one that sealed it. */
    fun retireOthers(sealed: ByteArray) {
        val keep = alias(keyId(sealed))
        keys.sealingAliases().filter { it != keep }.forEach(keys::delete)
    }

    /** HMAC-SHA256 of [input] under the mixing key. */
    fun mix(input: ByteArray): ByteArray = try {
        Mac.getInstance(MAC).run {
            init(keys.mixingKey())
            doFinal(input)
        }
    } catch (e: KeyPermanentlyInvalidatedException) {
        throw SealingKeyUnavailable("mixing key permanently invalidated", e)
    } catch (e: GeneralSecurityException) {
        throw SealingFailed("mixing failed: ${e.javaClass.simpleName}", e)
    }

    fun destroy() = keys.deleteAll()

    private fun keyId(sealed: ByteArray): ByteArray {
        if (sealed.size < 1 + ID_BYTES + IV_BYTES + TAG_BYTES || sealed[0] != VERSION) {
            throw SealingFailed("not a sealed blob of a known version")
        }
        return sealed.copyOfRange(1, 1 + ID_BYTES)
    }

    private fun aad(id: ByteArray) = LABEL + byteArrayOf(VERSION) + id

    companion object {
        /** Every sealing key's alias starts so; the mixing key's alias is [MIXING_ALIAS]. */
        const val SEALING_PREFIX = "k."
        const val MIXING_ALIAS = "m"

        private const val TRANSFORMATION = "AES/GCM/NoPadding"
        private const val MAC = "HmacSHA256"
        private const val VERSION: Byte = 2
        private const val ID_BYTES = 16
        private const val IV_BYTES = 12
        private const val TAG_BYTES = 16
        private val LABEL = "haven.protector.v2".toByteArray(Charsets.US_ASCII)

        fun alias(id: ByteArray): String =
            SEALING_PREFIX + id.joinToString("") { "%02x".format(it.toInt() and 0xff) }
    }
}
