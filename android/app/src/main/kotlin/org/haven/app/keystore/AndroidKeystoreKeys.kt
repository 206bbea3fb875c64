package org.haven.app.keystore

import android.app.KeyguardManager
import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.security.keystore.StrongBoxUnavailableException
import java.security.KeyStore
import java.security.UnrecoverableKeyException
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey

/**
 * The vault's platform keys in AndroidKeyStore, never exportable:
 * - sealing keys: AES-256-GCM, one per write of the keys file (the TEE: StrongBox would make
 *   every write slow, and these keys guard rollback, not guessing);
 * - the mixing key: HMAC-SHA256, in StrongBox (a separate secure chip) when the phone has one,
 *   else the TEE. Every PIN guess needs it.
 * On Android 9+ every key is usable only while the phone is unlocked (`setUnlockedDeviceRequired`)
 * — when the phone has a secure lock screen. Without one Android cannot hold such a key: keys are
 * then created without that binding and [isBoundToDeviceUnlock] tells the UI to warn her.
 *
 * Aliases are neutral on purpose (`k.<hex>`, `m`).
 */
class AndroidKeystoreKeys(private val context: Context) : SealingKeys {

    private val keyStore: KeyStore by lazy { KeyStore.getInstance(PROVIDER).apply { load(null) } }

    override fun sealingKey(alias: String): SecretKey? = existing(alias)

    override fun createSealingKey(alias: String): SecretKey = generate(
        KeyProperties.KEY_ALGORITHM_AES,
        KeyGenParameterSpec.Builder(
            alias,
            KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT,
        )
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setKeySize(256)
            .setRandomizedEncryptionRequired(true),
        strongBox = false,
    )

    override fun sealingAliases(): List<String> =
        keyStore.aliases().toList().filter { it.startsWith(GcmSealer.SEALING_PREFIX) }

    override fun mixingKey(): SecretKey = existing(GcmSealer.MIXING_ALIAS) ?: createMixingKey()

    override fun delete(alias: String) {
        if (keyStore.containsAlias(alias)) keyStore.deleteEntry(alias)
    }

    override fun deleteAll() {
        (sealingAliases() + GcmSealer.MIXING_ALIAS).forEach(::delete)
    }

    /** False when the keys cannot be bound to the phone being unlocked: show a warning. */
    fun isBoundToDeviceUnlock(): Boolean = canBindToDeviceUnlock()

    private fun existing(alias: String): SecretKey? = try {
        keyStore.getKey(alias, null) as SecretKey?
    } catch (e: UnrecoverableKeyException) {
        null
    }

    private fun createMixingKey(): SecretKey {
        val spec = {
            KeyGenParameterSpec.Builder(GcmSealer.MIXING_ALIAS, KeyProperties.PURPOSE_SIGN)
                .setDigests(KeyProperties.DIGEST_SHA256)
        }
        val strongBox = Build.VERSION.SDK_INT >= Build.VERSION_CODES.P &&
            context.packageManager.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE)
        if (strongBox) {
            try {
                return generate(KeyProperties.KEY_ALGORITHM_HMAC_SHA256, spec(), strongBox = true)
            } catch (e: StrongBoxUnavailableException) {
                // Advertised but refused (seen on some devices): fall back to the TEE.
            }
        }
        return generate(KeyProperties.KEY_ALGORITHM_HMAC_SHA256, spec(), strongBox = false)
    }

    private fun canBindToDeviceUnlock(): Boolean {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.P) return false
        val keyguard = context.getSystemService(KeyguardManager::class.java) ?: return false
        return keyguard.isDeviceSecure
    }

    private fun generate(
        algorithm: String,
        spec: KeyGenParameterSpec.Builder,
        strongBox: Boolean,
    ): SecretKey {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) {
            spec.setIsStrongBoxBacked(strongBox)
            spec.setUnlockedDeviceRequired(canBindToDeviceUnlock())
        }
        val generator = KeyGenerator.getInstance(algorithm, PROVIDER)
        generator.init(spec.build())
        return generator.generateKey()
    }

    private companion object {
        const val PROVIDER = "AndroidKeyStore"
    }
}
