package org.haven.app

import org.haven.app.keystore.GcmSealer
import org.haven.app.keystore.KeystoreProtector
import org.haven.app.keystore.MemoryKeys
import org.haven.core.Haven

/**
 * The real application with two test substitutions, both forced by the environment:
 * - the platform keys are software keys (Robolectric has no AndroidKeyStore), still going
 *   through the production [KeystoreProtector] and [GcmSealer];
 * - the vault uses the core's cheap test KDF (`Haven.newInsecureForTests`), so that each PIN
 *   costs milliseconds instead of a second.
 * Everything else — the Rust core through JNA, the gate, the watcher, the screens — is real.
 */
class TestHavenApplication : HavenApplication() {
    override fun openHaven(): Haven =
        Haven.newInsecureForTests(vaultDir().path, KeystoreProtector(GcmSealer(MemoryKeys())))

    override fun keyBoundToDeviceUnlock(): Boolean = true
}
