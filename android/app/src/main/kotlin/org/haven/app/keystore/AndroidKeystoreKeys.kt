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
 * The vault's platform key: AES-256-GCM in AndroidKeyStore, never exportable.
 * - StrongBox (a separate secure chip) when the phone has one, else the TEE;
 * - on Android 9+, usable only while the phone is unlocked (`setUnlockedDeviceRequired`) — when
 *   the phone has a secure lock screen. Without one Android cannot hold such a key: the key is
 *   then created without that binding and [isBoundToDeviceUnlock] tells the UI to warn her.
 *
 * The key's alias is neutral on purpose.
 */
class AndroidKeystoreKeys(
    private val context: Context,
    private val alias: String = "k",
) : SealingKeys {

    private val keyStore: KeyStore by lazy { KeyStore.getInstance(PROVIDER).apply { load(null) } }

    override fun existing(): SecretKey? = try {
        keyStore.getKey(alias, null) as SecretKey?
    } catch (e: UnrecoverableKeyException) {
        null
    }

    override fun create(): SecretKey {
        val strongBox = Build.VERSION.SDK_INT >= Build.VERSION_CODES.P &&
            context.packageManager.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE)
        val unlockedDevice = canBindToDeviceUnlock()
        if (strongBox) {
            try {
                return generate(strongBox = true, unlockedDevice = unlockedDevice)
            } catch (e: StrongBoxUnavailableException) {
                // Advertised but refused (seen on some devices): fall back to the TEE.
            }
        }
        return generate(strongBox = false, unlockedDevice = unlockedDevice)
    }

    override fun delete() {
        if (keyStore.containsAlias(alias)) keyStore.deleteEntry(alias)
    }

    /** False when the key cannot be bound to the phone being unlocked: show a warning. */
    fun isBoundToDeviceUnlock(): Boolean = canBindToDeviceUnlock()

    private fun canBindToDeviceUnlock(): Boolean {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.P) return false
        val keyguard = context.getSystemService(KeyguardManager::class.java) ?: return false
        return keyguard.isDeviceSecure
    }

    private fun generate(strongBox: Boolean, unlockedDevice: Boolean): SecretKey {
        val spec = KeyGenParameterSpec.Builder(
            alias,
            KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT,
        )
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setKeySize(256)
            .setRandomizedEncryptionRequired(true)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) {
            spec.setIsStrongBoxBacked(strongBox)
            spec.setUnlockedDeviceRequired(unlockedDevice)
        }
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER)
        generator.init(spec.build())
        return generator.generateKey()
    }

    private companion object {
        const val PROVIDER = "AndroidKeyStore"
    }
}
