package org.haven.app.keystore

import org.haven.core.KeyProtector
import org.haven.core.ProtectorFailure

/**
 * The core's [KeyProtector], backed by platform keys: [GcmSealer] over [AndroidKeystoreKeys] in
 * the app (a new sealing key per write, old ones retired; an HMAC mixing key for every PIN guess). The core tells "protector key unavailable" apart from "wrong PIN" and "corrupt file"
 * through the two failures below.
 *
 * The core calls these from its background thread, never concurrently for one vault.
 */
class KeystoreProtector(private val sealer: GcmSealer) : KeyProtector {

    override fun seal(plaintext: ByteArray): ByteArray = mapped { sealer.seal(plaintext) }

    override fun unseal(sealed: ByteArray): ByteArray = mapped { sealer.open(sealed) }

    override fun retireOtherKeys(sealed: ByteArray) = mapped { sealer.retireOthers(sealed) }

    override fun deviceMix(input: ByteArray): ByteArray = mapped { sealer.mix(input) }

    override fun destroyKey() = mapped { sealer.destroy() }

    private inline fun <T> mapped(operation: () -> T): T = try {
        operation()
    } catch (e: SealingKeyUnavailable) {
        throw ProtectorFailure.KeyUnavailable()
    } catch (e: SealingFailed) {
        throw ProtectorFailure.Failed()
    } catch (e: java.security.GeneralSecurityException) {
        // KeyStore errors outside the cipher (loading the store, deleting the entry).
        throw ProtectorFailure.Failed()
    } catch (e: java.io.IOException) {
        throw ProtectorFailure.Failed()
    }
}
