package org.haven.app.keystore

import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertThrows
import org.junit.Test
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey

/**
 * The sealing format and the error mapping, on the JVM's own AES-GCM. The AndroidKeyStore side
 * (key generation with StrongBox / unlocked-device flags) cannot run off a phone: see
 * android/README.md, "Not verified here".
 */
class GcmSealerTest {

    /** A software key source: plays the part of AndroidKeyStore. */
    private class MemoryKeys : SealingKeys {
        var key: SecretKey? = null
        var created = 0
        override fun existing() = key
        override fun create(): SecretKey {
            created++
            return KeyGenerator.getInstance("AES").apply { init(256) }.generateKey().also { key = it }
        }
        override fun delete() {
            key = null
        }
    }

    private val keys = MemoryKeys()
    private val sealer = GcmSealer(keys)
    private val secret = "keys file bytes".toByteArray()

    @Test
    fun `seal then open returns the input, creating the key once`() {
        val first = sealer.seal(secret)
        val second = sealer.seal(secret)
        assertArrayEquals(secret, sealer.open(first))
        assertArrayEquals(secret, sealer.open(second))
        assertEquals(1, keys.created)
        assertNotEquals("a fresh IV each time", first.toList(), second.toList())
        assertEquals(1 + 12 + secret.size + 16, first.size)
    }

    @Test
    fun `sealed bytes do not contain the input`() {
        val sealed = sealer.seal(secret)
        assertFalse(String(sealed, Charsets.ISO_8859_1).contains("keys file"))
    }

    @Test
    fun `a flipped bit is a failure, not a missing key`() {
        val sealed = sealer.seal(secret)
        sealed[sealed.size - 1] = (sealed[sealed.size - 1].toInt() xor 1).toByte()
        assertThrows(SealingFailed::class.java) { sealer.open(sealed) }
    }

    @Test
    fun `unknown version and short input are failures`() {
        val sealed = sealer.seal(secret)
        sealed[0] = 9
        assertThrows(SealingFailed::class.java) { sealer.open(sealed) }
        assertThrows(SealingFailed::class.java) { sealer.open(ByteArray(5)) }
    }

    @Test
    fun `after destroy the key is unavailable`() {
        val sealed = sealer.seal(secret)
        sealer.destroy()
        assertThrows(SealingKeyUnavailable::class.java) { sealer.open(sealed) }
    }

    @Test
    fun `a different key cannot open it`() {
        val sealed = sealer.seal(secret)
        keys.delete()
        keys.create()
        assertThrows(SealingFailed::class.java) { sealer.open(sealed) }
    }
}
