package org.haven.app.keystore

import org.haven.core.ProtectorFailure
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertThrows
import org.junit.Assert.assertTrue
import org.junit.Test

/**
 * The protector contract (the core's `KeyProtector`) and the sealing format, on the JVM's own
 * AES-GCM and HMAC. The AndroidKeyStore side (key generation with StrongBox / unlocked-device
 * flags) cannot run off a phone: see android/README.md, "Not verified here".
 */
class GcmSealerTest {
    private val keys = MemoryKeys()
    private val sealer = GcmSealer(keys)
    private val protector = KeystoreProtector(sealer)
    private val secret = "keys file bytes".toByteArray()

    @Test
    fun `seal then open returns the input, under a new key every time`() {
        val first = sealer.seal(secret)
        val second = sealer.seal(secret)
        assertArrayEquals(secret, sealer.open(first))
        assertArrayEquals(secret, sealer.open(second))
        assertEquals(2, keys.created)
        assertEquals(2, keys.sealingAliases().size)
        assertNotEquals(first.toList(), second.toList())
        assertEquals(1 + 16 + 12 + secret.size + 16, first.size)
    }

    @Test
    fun `retiring keeps only the key of the durable blob, so an older blob opens no more`() {
        val old = protector.seal(secret)
        val current = protector.seal(secret)
        protector.retireOtherKeys(current)
        assertEquals(1, keys.sealingAliases().size)
        assertArrayEquals(secret, protector.unseal(current))
        assertThrows(ProtectorFailure.KeyUnavailable::class.java) { protector.unseal(old) }
    }

    @Test
    fun `the device mix is a keyed function that survives sealing and retiring`() {
        val a = ByteArray(32) { 1 }
        val b = ByteArray(32) { 2 }
        val mixA = protector.deviceMix(a)
        assertEquals(32, mixA.size)
        protector.retireOtherKeys(protector.seal(secret))
        assertArrayEquals(mixA, protector.deviceMix(a))
        assertFalse(mixA.contentEquals(protector.deviceMix(b)))
        assertFalse("keyed, not a bare hash", mixA.contentEquals(a))
    }

    @Test
    fun `destroy deletes every key, and a new mixing key gives other outputs`() {
        val input = ByteArray(32) { 7 }
        val sealed = protector.seal(secret)
        val before = protector.deviceMix(input)
        protector.destroyKey()
        assertTrue(keys.aliases.isEmpty())
        assertThrows(ProtectorFailure.KeyUnavailable::class.java) { protector.unseal(sealed) }
        assertFalse(before.contentEquals(protector.deviceMix(input)))
        protector.destroyKey() // idempotent
    }

    @Test
    fun `sealed bytes do not contain the input`() {
        val sealed = sealer.seal(secret)
        assertFalse(String(sealed, Charsets.ISO_8859_1).contains("keys file"))
    }

    @Test
    fun `a flipped bit anywhere is a failure, not a missing key`() {
        val sealed = sealer.seal(secret)
        for (i in listOf(sealed.size - 1, 1 + 16 + 3)) {
            val bad = sealed.copyOf()
            bad[i] = (bad[i].toInt() xor 1).toByte()
            assertThrows(ProtectorFailure.Failed::class.java) { protector.unseal(bad) }
        }
    }

    @Test
    fun `unknown version and short input are failures`() {
        val sealed = sealer.seal(secret)
        sealed[0] = 9
        assertThrows(ProtectorFailure.Failed::class.java) { protector.unseal(sealed) }
        assertThrows(ProtectorFailure.Failed::class.java) { protector.unseal(ByteArray(5)) }
    }

    @Test
    fun `a different key under the same alias cannot open it`() {
        val sealed = sealer.seal(secret)
        val alias = keys.sealingAliases().single()
        keys.delete(alias)
        keys.createSealingKey(alias)
        assertThrows(ProtectorFailure.Failed::class.java) { protector.unseal(sealed) }
    }
}
