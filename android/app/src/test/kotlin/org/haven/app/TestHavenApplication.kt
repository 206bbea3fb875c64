package org.haven.app

import org.haven.app.keystore.GcmSealer
import org.haven.app.keystore.KeystoreProtector
import org.haven.app.keystore.SealingKeys
import org.haven.core.Haven
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey

/**
 * The real application with two test substitutions, both forced by the environment:
 * - the platform key is a software AES key (Robolectric has no AndroidKeyStore), still going
 *   through the production [KeystoreProtector] and [GcmSealer];
 * - the vault uses the core's cheap test KDF (`Haven.newInsecureForTests`), so that each PIN
 *   costs milliseconds instead of a second.
 * Everything else — the Rust core through JNA, the gate, the watcher, the screens — is real.
 */
class TestHavenApplication : HavenApplication() {
    private class SoftwareKeys : SealingKeys {
        private var key: SecretKey? = null
        override fun existing() = key
        override fun create(): SecretKey =
            KeyGenerator.getInstance("AES").apply { init(256) }.generateKey().also { key = it }
        override fun delete() {
            key = null
        }
    }

    override fun openHaven(): Haven =
        Haven.newInsecureForTests(vaultDir().path, KeystoreProtector(GcmSealer(SoftwareKeys())))

    override fun keyBoundToDeviceUnlock(): Boolean = true
}
