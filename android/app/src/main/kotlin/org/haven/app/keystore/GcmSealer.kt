package org.haven.app.keystore

import android.security.keystore.KeyPermanentlyInvalidatedException
import java.security.GeneralSecurityException
import java.security.InvalidKeyException
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/** Where the sealing key lives: AndroidKeyStore on a phone ([AndroidKeystoreKeys]). */
interface SealingKeys {
    /** The key, or null when there is none (never created, deleted, or lost by the platform). */
    fun existing(): SecretKey?

    /** Creates the key (called only when [existing] is null). */
    fun create(): SecretKey

    /** Deletes the key; afterwards nothing it sealed can be opened again. */
    fun delete()
}

/** The key that sealed the data is gone or permanently unusable: the sealed data is lost. */
class SealingKeyUnavailable(message: String, cause: Throwable? = null) : Exception(message, cause)

/** Sealing or opening failed for another reason (corrupt input, a Keystore error). */
class SealingFailed(message: String, cause: Throwable? = null) : Exception(message, cause)

/**
 * AES-256-GCM under a platform key. Sealed format: `version (1) | IV (12) | ciphertext+tag (16)`,
 * with the version and a fixed label as associated data. The IV is chosen by the key's provider
 * (AndroidKeyStore refuses caller-chosen IVs for encryption).
 *
 * Messages in the exceptions name no content: they may end up in the core's error values.
 */
class GcmSealer(private val keys: SealingKeys) {

    fun seal(plaintext: ByteArray): ByteArray {
        val key = keys.existing() ?: keys.create()
        try {
            val cipher = Cipher.getInstance(TRANSFORMATION)
            cipher.init(Cipher.ENCRYPT_MODE, key)
            cipher.updateAAD(AAD)
            val iv = cipher.iv
            check(iv.size == IV_BYTES) { "unexpected IV size" }
            val body = cipher.doFinal(plaintext)
            return byteArrayOf(VERSION) + iv + body
        } catch (e: KeyPermanentlyInvalidatedException) {
            throw SealingKeyUnavailable("platform key permanently invalidated", e)
        } catch (e: GeneralSecurityException) {
            throw SealingFailed("sealing failed: ${e.javaClass.simpleName}", e)
        }
    }

    fun open(sealed: ByteArray): ByteArray {
        if (sealed.size < 1 + IV_BYTES + TAG_BYTES || sealed[0] != VERSION) {
            throw SealingFailed("not a sealed blob of a known version")
        }
        val key = keys.existing() ?: throw SealingKeyUnavailable("platform key missing")
        try {
            val cipher = Cipher.getInstance(TRANSFORMATION)
            cipher.init(
                Cipher.DECRYPT_MODE,
                key,
                GCMParameterSpec(TAG_BYTES * 8, sealed, 1, IV_BYTES),
            )
            cipher.updateAAD(AAD)
            return cipher.doFinal(sealed, 1 + IV_BYTES, sealed.size - 1 - IV_BYTES)
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

    fun destroy() = keys.delete()

    private companion object {
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val VERSION: Byte = 1
        const val IV_BYTES = 12
        const val TAG_BYTES = 16
        val AAD = "haven.protector.v1".toByteArray(Charsets.US_ASCII)
    }
}
